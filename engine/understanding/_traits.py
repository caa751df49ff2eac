"""Absence cues ("향 없는", "안 끈적이는") and what reviews report about those traits.

The query names a trait and denies it; each review that mentions the trait either reports it
(a complaint: "향이 너무 세요") or reports its absence ("무향이라 좋아요"). Both sides use the same
local negation analysis, so the method is not tied to particular words beyond the lexicon.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from engine.keyword import Morpheme
from engine.understanding._asides import aside, quoted_claim, wished_away
from engine.understanding._negation import (denial, denied_word_positions, disliked, head_predicate,
                                            is_negated, negated_positions, sets_situation,
                                            reports_failure, states_problem)
from engine.understanding._turns import (denied_back_references, describes_skin, is_contrast,
                                         taken_back)
from engine.understanding._tags import NONE_PREFIXES, NOUNS, OPPOSITE_WORDS, TRAIT_WORDS, VERBS
from engine.understanding._use_effects import USE_WORDS, use_effect_positions
from engine.understanding._wishes import asked_without_negation

# Verbs too general to name a trait on their own ("안 되는", "안 보이게").
LIGHT_WORDS = frozenset({"하", "되", "있", "없", "그렇", "이렇", "보", "보이", "쓰", "가", "오",
                         "나", "들", "주", "지", "같", "좋", "맞", "괜찮", "때", "거", "것", "얼굴",
                         "피부", "제품", "오후", "아침", "저녁", "화장"})

OPPOSITES = "_opposites"  # key of the trait file: concept -> stems that report it absent
PREFERENCES = "_preferences"  # key of the trait file: stem -> concepts a shopper asks to be absent
JOINABLE_TAGS = TRAIT_WORDS - {"SL"}  # stems Kiwi splits: "떡" + "지"


@dataclass(frozen=True)
class TraitLexicon:
    """Trait concepts and the morpheme stems that name each."""

    concepts: Mapping[str, frozenset[str]]
    opposites: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # words that ask for a trait's absence without naming it ("순한" → no irritation)
    preferences: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "TraitLexicon":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls({name: frozenset(words) for name, words in data.items()
                    if not name.startswith("_")},
                   {name: frozenset(words) for name, words in data.get(OPPOSITES, {}).items()},
                   {word: frozenset(names) for word, names in data.get(PREFERENCES, {}).items()})

    def concepts_of(self, form: str) -> frozenset[str]:
        forms = {form, reduplicated_half(form)}
        return frozenset(name for name, words in self.concepts.items() if forms & words)

    def words_of(self, concepts: frozenset[str]) -> frozenset[str]:
        return frozenset().union(*(self.concepts[c] for c in concepts)) if concepts else frozenset()

    def opposites_of(self, concepts: frozenset[str]) -> frozenset[str]:
        return frozenset().union(*(self.opposites.get(c, frozenset()) for c in concepts)) \
            if concepts else frozenset()


@dataclass(frozen=True)
class AbsenceCue:
    """A trait the shopper wants absent, as the stems that name it in reviews."""

    words: frozenset[str]
    label: str
    opposites: frozenset[str] = frozenset()  # stems that report the trait absent ("산뜻")


@dataclass(frozen=True)
class TraitReports:
    """How many reviews report the trait, and how many report its absence."""

    present: tuple[int, ...] = ()   # review indices
    absent: tuple[int, ...] = ()


def absence_cues(morphemes: Sequence[Morpheme], lexicon: TraitLexicon,
                 price_span: tuple[int, int] | None = None) -> tuple[AbsenceCue, ...]:
    """Traits the query denies; lexicon concepts when known, the denied word itself otherwise.

    A trait wished less rather than absent ("자극 적은", "향이 약한", "덜 끈적한": a row of the
    negation table marked `less`) asks for a mild product, not for one without the trait, so
    it gives no cue; its words still match reviews. A negation inside the price phrase ("5만원 안 넘게") denies the price, not a trait, so the
    phrase is read as a sentence break ("냄새 잡아줄 거 2만 원 안 넘는 걸로").
    """
    if price_span is not None:
        morphemes = _price_as_break(morphemes, price_span)
    cues: list[AbsenceCue] = []
    plain: list[str] = []
    denied = set(denied_word_positions(morphemes, remedies=False))
    for position in negated_positions(morphemes, remedies=False):
        if sets_situation(morphemes, position) or wished_less(morphemes, position) \
                or reports_failure(morphemes, position) or morphemes[position].form in USE_WORDS:
            # using no product at all ("아무것도 안 바르고 나감") is the shopper's routine
            continue
        form = morphemes[position].form
        joined = joined_form(morphemes, position)
        concepts = lexicon.concepts_of(form) or (lexicon.concepts_of(joined) if joined else frozenset())
        if concepts:
            cues.append(AbsenceCue(lexicon.words_of(concepts) | {form}, "/".join(sorted(concepts)),
                                   lexicon.opposites_of(concepts)))
        elif (form not in LIGHT_WORDS and len(form) >= 2 and position in denied
              and not states_problem(morphemes, position)
              and morphemes[position].tag in NOUNS | VERBS):
            plain.append(form)
    cues += [AbsenceCue(lexicon.words_of(concepts), "/".join(sorted(concepts)),
                        lexicon.opposites_of(concepts))
             for concepts in asked_without_negation(morphemes, lexicon)
             + _referred_back(morphemes, lexicon) + _suffered_on_use(morphemes, lexicon)]
    if not cues:
        cues = [AbsenceCue(frozenset({form}), form) for form in plain]
    return _without_repeats(cues)


def wished_less(morphemes: Sequence[Morpheme], position: int) -> bool:
    row = denial(morphemes, position, remedies=False)
    return row is not None and row.less


def _without_repeats(cues: Sequence[AbsenceCue]) -> tuple[AbsenceCue, ...]:
    """One cue per trait: a cue whose concepts another cue already covers ("유분" beside
    "뭉침/유분") would count the same reviews twice."""
    unique = list({cue.label: cue for cue in cues}.values())
    covered = [set(cue.label.split("/")) for cue in unique]
    return tuple(cue for cue, own in zip(unique, covered)
                 if not any(own < other for other in covered))


def _referred_back(morphemes: Sequence[Morpheme], lexicon: TraitLexicon) -> list[frozenset[str]]:
    """Traits a denied "그런 거" refers back to ("눈물이 줄줄 나요. 그런 일 없는 걸로요"): those
    named in its own clause before it, or else in the clause before, by words not themselves
    denied."""
    found = []
    for own, before in denied_back_references(morphemes):
        for words in (own, before):
            named = {p: lexicon.concepts_of(morphemes[p].form) for p in words}
            named = {p: concepts for p, concepts in named.items() if concepts}
            if named:  # the nearest clause that names a trait is the one referred to
                found += [concepts for p, concepts in named.items()
                          if not is_negated(morphemes, p, remedies=False)]
                break
    return found


def _suffered_on_use(morphemes: Sequence[Morpheme], lexicon: TraitLexicon) -> list[frozenset[str]]:
    """Traits told as what happens when the shopper uses such a product ("선크림 바르면 얼굴이
    당겨요"), unless denied or remedied there ("바르면 각질이 가라앉아요")."""
    named = ((p, lexicon.concepts_of(morphemes[p].form)) for p in use_effect_positions(morphemes))
    return [concepts for p, concepts in named if concepts and not is_negated(morphemes, p)]


def review_reports(reviews: Sequence[Sequence[Morpheme]], cue: AbsenceCue) -> TraitReports:
    """Which reviews mention the cue's trait as present, and which as absent.

    A review that both denies and reports the trait ("하나도 안 시려요. 눈물 나던 다른 제품…")
    counts as absent when denied mentions are at least as many as the others. Mentions taken
    back later in the review ("…있긴 한데 금방 날아가요", "땅겼는데 계속 쓰니까 촉촉해요": taken
    back, not denied, so praise of the opposite does not then count), naming the reviewer's skin
    ("트러블 피부라"), quoting a claim ("무향이라고 했는데"), or about another product, the
    situation of use, an expectation or a possibility ("다른 선크림은 눈 시린데", "따가울 때
    이거 붙이면", "따가울까 봐", "따가울 수도 있어요") report nothing. A denial in a wish
    ("눈만 안 시리면") reports the trait.
    """
    present, absent = [], []
    for index, morphemes in enumerate(reviews):
        mentions, resolved = reporting_mentions(morphemes, cue)
        if not mentions:
            # a complaint taken back ("땅겼는데 … 촉촉해요") is not a report of absence
            if not resolved and reports_opposite(morphemes, cue):
                absent.append(index)
            continue
        denied = {i for i in mentions
                  if is_negated(morphemes, i) and not wished_away(morphemes, i)}
        if len(denied) * 2 >= len(mentions) and not overturned(morphemes, mentions, denied):
            absent.append(index)
        else:
            present.append(index)
    return TraitReports(tuple(present), tuple(absent))


def reporting_mentions(morphemes: Sequence[Morpheme], cue: AbsenceCue
                       ) -> tuple[list[int], set[int]]:
    """The positions where a review names the cue's trait and reports on it (see
    `review_reports`), and those where it names it only to take it back."""
    mentions = [i for i, m in enumerate(morphemes)
                if _names_trait(m, cue) or _joined_names_trait(morphemes, i, cue)]
    mentions = [i for i in mentions if not quoted_claim(morphemes, i)
                and not describes_skin(morphemes, i)
                and (is_negated(morphemes, i) or not aside(morphemes, i))]
    resolved = {i for i in mentions if taken_back(morphemes, i, cue.opposites)}
    return [i for i in mentions if i not in resolved], resolved


def complaint_share(reviews: Sequence[Sequence[Morpheme]], cue: AbsenceCue) -> float | None:
    """Of the reviews that name the cue's trait and report on it, the share that report it
    present (None when none does): how a catalog's reviewers use the trait's words, to
    complain ("향이 너무 진해요") or to praise its absence ("끈적임 하나도 없어요")."""
    naming = [r for r in reviews
              if any(_names_trait(m, cue) or _joined_names_trait(r, i, cue)
                     for i, m in enumerate(r))]
    found = review_reports(naming, cue)
    reported = len(found.present) + len(found.absent)
    return len(found.present) / reported if reported else None


def overturned(morphemes: Sequence[Morpheme], mentions: Sequence[int], denied: set[int]) -> bool:
    """"무향인데 약간 약 냄새", "안 끈적인다는데 끈적여요": the last mention reports the trait
    after a contrast that follows a denial, so what the reviewer found is the trait."""
    last = mentions[-1]
    if last in denied:
        return False
    return any(is_contrast(morphemes, j) for first in denied if first < last
               for j in range(first + 1, last))


def reports_opposite(morphemes: Sequence[Morpheme], cue: AbsenceCue) -> bool:
    """The review praises the opposite of the trait ("산뜻해요" for greasiness), undenied."""
    return any(m.form in cue.opposites and m.tag in OPPOSITE_WORDS
               and not is_negated(morphemes, i, remedies=False)
               for i, m in enumerate(morphemes))


def joined_form(morphemes: Sequence[Morpheme], position: int) -> str | None:
    """The word and the content morpheme glued before it ("떡"+"지" → "떡지"), for stems Kiwi
    splits; None when nothing is glued to it."""
    if position == 0:
        return None
    before, here = morphemes[position - 1], morphemes[position]
    if before.start + before.length != here.start or before.tag not in JOINABLE_TAGS \
            or here.tag not in JOINABLE_TAGS | {"VX"}:
        return None
    return before.form + here.form


def disliked_trait_positions(morphemes: Sequence[Morpheme], cues: Sequence[AbsenceCue]
                             ) -> set[int]:
    """Positions of the query words that name a trait the query turns down by a dislike
    ("번들번들 … 질색"): reviews use such words to complain. A local denial ("안 지워지는")
    is kept, since reviews praise with the same words ("안 지워져요")."""
    return {i for i, m in enumerate(morphemes) for cue in cues
            if (_names_trait(m, cue) or _joined_names_trait(morphemes, i, cue))
            and disliked(morphemes, head_predicate(morphemes, i) or i)}


def spelled_words(morphemes: Sequence[Morpheme]) -> frozenset[str]:
    """Every word a trait's or its opposite's stems are matched against in these morphemes
    (each form, its reduplicated half, the form without a none-prefix, the joined forms): a
    review none of whose words is one of a cue's stems or opposites reports nothing of it."""
    words = set()
    for position, morpheme in enumerate(morphemes):
        form = morpheme.form
        words.update((form, reduplicated_half(form), form[1:]))
        joined = joined_form(morphemes, position)
        if joined is not None:
            words.add(joined)
    return frozenset(words)


def _joined_names_trait(morphemes: Sequence[Morpheme], position: int, cue: AbsenceCue) -> bool:
    joined = joined_form(morphemes, position)
    return joined is not None and joined in cue.words


def _names_trait(morpheme: Morpheme, cue: AbsenceCue) -> bool:
    if morpheme.tag not in TRAIT_WORDS:
        return False
    form = morpheme.form
    return form in cue.words or reduplicated_half(form) in cue.words \
        or (form.startswith(NONE_PREFIXES) and form[1:] in cue.words)


def reduplicated_half(form: str) -> str:
    """"끈적끈적" → "끈적", "따끔따끔" → "따끔": a reduplicated mimetic word names the trait its
    half names; any other form is returned unchanged."""
    half = len(form) // 2
    return form[:half] if len(form) >= 2 and len(form) % 2 == 0 and form[:half] == form[half:] \
        else form


def _price_as_break(morphemes: Sequence[Morpheme], span: tuple[int, int]) -> list[Morpheme]:
    """The morphemes with those of the price phrase replaced by one sentence break."""
    start, stop = span
    before = [m for m in morphemes if m.start < start]
    after = [m for m in morphemes if m.start >= stop]
    return before + [Morpheme(".", "SF", start, 0)] + after
