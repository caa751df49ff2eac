"""Absence asked without a negation: a shopper sensitive to a trait ("향에 예민해서", "향료
알레르기"), a preference ("순한 거") or a prefixed word ("무자극", "무향료") asks for the trait's
absence in one word. Pure functions over morphemes; the sensitivity phrasings are rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from engine.keyword import Morpheme
from engine.understanding._match import Meaning, Pattern, Rows, Scope, first_match, word
from engine.understanding._negation import is_negated
from engine.understanding._tags import NOUNS, WHOLE_WORD_PREFIXES

if TYPE_CHECKING:
    from engine.understanding._traits import TraitLexicon

SENSITIVE_WORDS = frozenset({"예민", "민감", "예민하", "민감하"})  # "향에 예민해서"
ALLERGY_WORDS = frozenset({"알레르기", "알러지", "알레르기성"})
SENSITIVITY_WINDOW = 3  # morphemes after the trait that may say the shopper reacts to it


def _within_window(morphemes: Sequence[Morpheme], start: int, end: int) -> bool:
    return end - start <= SENSITIVITY_WINDOW


# What follows a trait when the shopper reacts to it; adverbs may stand between ("향에 진짜 예민").
SENSITIVITIES = Rows((
    Pattern("an allergy", Scope.AFTER_WORD,
            (word(tags="MAG", least=0, most=2), word(ALLERGY_WORDS)), Meaning.DENIED,
            "향료 알레르기 있어서 바디로션 찾아요", when=_within_window),
    Pattern("sensitive to it", Scope.AFTER_WORD,
            (word(tags="MAG", least=0), word("에", "JKB"), word(tags="MAG", least=0),
             word(SENSITIVE_WORDS)),
            Meaning.DENIED, "얼굴에 바를 크림인데 향에 진짜 예민해서요", when=_within_window),
))


def asked_without_negation(morphemes: Sequence[Morpheme], lexicon: TraitLexicon
                           ) -> list[frozenset[str]]:
    """Traits asked absent by one word: a prefixed noun ("무자극", "무향료") or a preference
    ("순한 거"), not itself denied ("안 순한"), or a trait the shopper is sensitive to."""
    found = []
    for position, m in enumerate(morphemes):
        if m.tag not in NOUNS | {"VA", "XR"} or is_negated(morphemes, position, remedies=False):
            continue
        if first_match(morphemes, position + 1, SENSITIVITIES):
            found.append(lexicon.concepts_of(m.form))
            continue
        concepts = lexicon.preferences.get(m.form, frozenset())
        if not concepts and m.tag == "NNG" and m.form.startswith(WHOLE_WORD_PREFIXES):
            concepts = lexicon.concepts_of(m.form[1:])
        if concepts:
            found.append(frozenset(concepts))
    return found
