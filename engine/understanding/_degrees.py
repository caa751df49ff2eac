"""A trait wished less rather than absent: "향이 은은한 바디로션", "자극 덜한 각질제거제", "덜
끈적한 크림". The shopper asks for a mild degree of it, so what counts in a review is its degree:
a report of little of it ("향이 은은해요", "자극이 적어요") is what is wanted, a report of much of
it ("향이 너무 강해요", "끈적여요") is a complaint, and a report of none ("무향이라 좋아요") or a
plain mention ("향이 좋아요") says nothing either way. Pure functions over morphemes.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._denials import LITTLE_WORDS
from engine.understanding._negation import denial, head_predicate, negated_positions
from engine.understanding._tags import ADNOMINAL_ENDINGS, NOUNS, PARTICLES, PREDICATE_SUFFIXES
from engine.understanding._traits import (AbsenceCue, TraitLexicon, TraitReports, joined_form,
                                          reporting_mentions, wished_less)

# Predicates that say there is much of a trait named as their subject ("향이 진해요", "자극이
# 심해요"); a trait word that is its own predicate ("끈적여요", "따가워요") says so by itself.
INTENSE_WORDS = frozenset({"진하", "강하", "세", "쎄", "독하", "짙", "심하", "찐하"})


def lessened_cues(morphemes: Sequence[Morpheme], lexicon: TraitLexicon,
                  absent: Sequence[AbsenceCue] = ()) -> tuple[AbsenceCue, ...]:
    """The traits the query wishes less of, by a degree word of its predicate ("향이 은은한",
    "자극 적은", "덜 끈적한") or before it ("은은한 향"); a trait also asked absent (`absent`)
    is left to that cue."""
    taken = {cue.label for cue in absent}
    cues: dict[str, AbsenceCue] = {}
    positions = [p for p in negated_positions(morphemes, remedies=False)
                 if wished_less(morphemes, p)]
    positions += [p for p in range(len(morphemes)) if _after_a_degree_word(morphemes, p)]
    for position in positions:
        form = morphemes[position].form
        concepts = lexicon.concepts_of(form) or lexicon.concepts_of(
            joined_form(morphemes, position) or "")
        label = "/".join(sorted(concepts))
        if concepts and label not in taken:
            cues[label] = AbsenceCue(lexicon.words_of(concepts) | {form}, label,
                                     lexicon.opposites_of(concepts))
    return tuple(cues.values())


def _after_a_degree_word(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"은은한 향", "약한 향": a noun described by a degree word just before it that has no
    subject of its own."""
    if morphemes[position].tag not in NOUNS or position < 2:
        return False
    before = position - 1
    if morphemes[before].tag not in ADNOMINAL_ENDINGS:
        return False
    before -= 1
    if morphemes[before].tag in PREDICATE_SUFFIXES and before > 0:
        before -= 1
    # "자극이 덜한 각질 제거제": the degree word has a subject of its own, and it is that
    subject = before > 0 and morphemes[before - 1].tag in NOUNS | PARTICLES
    return morphemes[before].form in LITTLE_WORDS and not subject


def degree_reports(reviews: Sequence[Sequence[Morpheme]], cue: AbsenceCue) -> TraitReports:
    """Which reviews report much of the cue's trait (`present`) and which little of it
    (`absent`: "향이 은은해요", "자극이 적어요"); a review with as many reports of none or of little
    as of much is no complaint. Mentions are read as `review_reports` reads them; praise of the
    opposite ("순해요") tells no degree of the trait, and every mild product of any type has it."""
    much, little = [], []
    for index, morphemes in enumerate(reviews):
        mentions, _ = reporting_mentions(morphemes, cue)
        rows = {i: denial(morphemes, i) for i in mentions}
        lessened = [i for i in mentions if rows[i] is not None and rows[i].less]
        denied = [i for i in mentions if rows[i] is not None and not rows[i].less]
        strong = [i for i in mentions if rows[i] is None and _reports_much(morphemes, i)]
        if lessened and len(lessened) >= len(strong):
            little.append(index)
        elif len(strong) > len(lessened) + len(denied):
            much.append(index)
    return TraitReports(tuple(much), tuple(little))


def _reports_much(morphemes: Sequence[Morpheme], position: int) -> bool:
    head = head_predicate(morphemes, position)
    return head is not None and (head == position or morphemes[head].form in INTENSE_WORDS)
