"""Particles agree with how a product name is read aloud."""

import pytest

from bot.josa import final_consonant, particle


@pytest.mark.parametrize("word, wa, ro, reul", [
    ("크림", "과", "으로", "을"),
    ("토너", "와", "로", "를"),
    ("립밤", "과", "으로", "을"),
    ("오일", "과", "로", "을"),            # ㄹ takes 로, not 으로
    ("수분크림 (리필)", "과", "으로", "을"),  # a bracketed aside is not read
    ("[1+1] 토너 500ml", "와", "로", "를"),  # 밀리리터
    ("쿠션 21호 [기획]", "와", "로", "를"),
    ("세럼 3", "과", "으로", "을"),           # 삼
    ("세럼 2", "와", "로", "를"),             # 이
    ("Cream", "과", "으로", "을"),            # 크림: ends in 엠
    ("Toner", "과", "로", "을"),              # 알
    ("오일 50g", "과", "으로", "을"),         # 그램
])
def test_particles(word, wa, ro, reul):
    assert (particle(word, "와"), particle(word, "로"), particle(word, "을")) == (wa, ro, reul)


def test_either_form_asked_for_gives_the_same_answer():
    assert particle("크림", "와") == particle("크림", "과") == "과"
    assert particle("토너", "이") == "가" and particle("크림", "가") == "이"
    assert particle("토너", "은") == "는" and particle("크림", "는") == "은"


def test_an_unreadable_word_gets_both_forms():
    assert final_consonant("???") is None
    assert particle("???", "와") == "와(과)"
    assert particle("", "로") == "(으)로"
