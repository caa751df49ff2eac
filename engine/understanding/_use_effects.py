"""What the shopper says happens when they use a product of the kind: "선크림 바르면 얼굴이
당겨요", "샴푸 쓰면 두피가 가려워요", "선크림만 바르면 눈물이 줄줄 나는 체질이에요". A trait told
as the effect of use is one the shopper suffers, so it is wanted absent. Pure functions over
morphemes.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._match import Meaning, Pattern, Rows, Scope, first_match, word
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

_HA = word(tags="XSV", least=0)  # 사용(하면)
_AND_THEN = (word("고"), word("나", "VX"))  # 바르고 나(면)
# How a use word goes on when what follows is what happens on use.
CONDITIONS = Rows((
    Pattern("if, once done", Scope.AFTER_USE, (_HA, *_AND_THEN, word(CONDITIONAL_ENDINGS, "EC")),
            Meaning.TAKEN, "쿠션 바르고 나면 오후에 다 무너져요"),
    Pattern("if", Scope.AFTER_USE, (_HA, word(CONDITIONAL_ENDINGS, "EC")), Meaning.TAKEN,
            "선크림 바르면 얼굴이 당겨요"),
    Pattern("whenever, once done", Scope.AFTER_USE,
            (_HA, *_AND_THEN, word(tags="ETM"), word(SITUATION_NOUN), word("마다", least=0)),
            Meaning.TAKEN, "세럼 바르고 난 때마다 따가워요"),
    Pattern("whenever", Scope.AFTER_USE,
            (_HA, word(tags="ETM"), word(SITUATION_NOUN), word("마다", least=0)),
            Meaning.TAKEN, "립 바를 때마다 각질이 일어나요"),
))


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
    found = first_match(morphemes, j, CONDITIONS)
    return found[2] if found else None


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
