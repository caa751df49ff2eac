"""What the shopper says happens when they use a product of the kind: "선크림 바르면 얼굴이
당겨요", "샴푸 쓰면 두피가 가려워요", "선크림만 바르면 눈물이 줄줄 나는 체질이에요". A trait told
as the effect of use is one the shopper suffers, so it is wanted absent. Pure functions over
morphemes.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._tags import SENTENCE_ENDS
from engine.understanding._denials import (CONDITIONAL_ENDINGS, NOMINAL_HOLDERS, QUESTION_ENDINGS,
                                            SITUATION_NOUN)

# Verbs (and 하다-nouns) of putting a product to use.
USE_WORDS = frozenset({"바르", "쓰", "사용", "뿌리", "칠하", "올리", "붙이", "덧바르"})
# Washing is a routine rather than a product ("머리 감을 때마다 … 빠져요" tells a concern), unless
# done with one ("샴푸로 감으면", "폼으로 세안하면").
WASH_WORDS = frozenset({"감", "세안", "세수", "샤워"})
INSTRUMENT_PARTICLES = frozenset({"로", "으로"})
# A wish describes the product wanted ("바르면 쿨링감 있는 거 찾아요"), not what happens.
WISH_NOUNS = NOMINAL_HOLDERS | {"제품", "걸로"}


def use_effect_positions(morphemes: Sequence[Morpheme]) -> list[int]:
    """Positions of the words of each clause told as what happens on use ("바르면 …요")."""
    positions = []
    for i, m in enumerate(morphemes):
        if m.tag in ("VV", "NNG") and (m.form in USE_WORDS or (
                m.form in WASH_WORDS and _with_instrument(morphemes, i))):
            start = _after_condition(morphemes, i + 1)
            if start is not None:
                positions += _effect_clause(morphemes, start)
    return positions


def _with_instrument(morphemes: Sequence[Morpheme], position: int) -> bool:
    return any(m.tag == "JKB" and m.form in INSTRUMENT_PARTICLES
               for m in morphemes[max(0, position - 2):position])


def _after_condition(morphemes: Sequence[Morpheme], j: int) -> int | None:
    """Where the effect starts after a use word, if a condition follows it: "바르면", "사용하면",
    "바르고 나면", "바를 때마다"."""
    n = len(morphemes)
    if j < n and morphemes[j].tag == "XSV":
        j += 1
    if j + 1 < n and morphemes[j].form == "고" and morphemes[j + 1].form == "나" \
            and morphemes[j + 1].tag == "VX":
        j += 2  # 바르고 나면
    if j < n and morphemes[j].tag == "EC" and morphemes[j].form in CONDITIONAL_ENDINGS:
        return j + 1
    if j + 1 < n and morphemes[j].tag == "ETM" and morphemes[j + 1].form == SITUATION_NOUN:
        return j + 2 + (j + 2 < n and morphemes[j + 2].form == "마다")
    return None


def _effect_clause(morphemes: Sequence[Morpheme], start: int) -> list[int]:
    """The clause from `start` to its sentence end, unless it describes a wished product or
    asks a question."""
    end = start
    while end < len(morphemes) and morphemes[end].tag not in SENTENCE_ENDS:
        if morphemes[end].form in WISH_NOUNS and morphemes[end].tag in ("NNB", "NNG"):
            return []
        end += 1
    if end < len(morphemes) and (morphemes[end].form in QUESTION_ENDINGS
                                 or morphemes[end].form == "?"):
        return []
    return list(range(start, min(end + 1, len(morphemes))))
