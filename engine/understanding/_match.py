"""The one matcher the readers share: patterns of morphemes (trigger, scope, meaning) as data.

A trigger is a sequence of `Word` tests matched from an anchor the scope gives (the word itself,
its predicate, the endings after it, each word after a nominalised trait); the first pattern of
a scope whose trigger matches says what the phrase means. A new reading is a new row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable, Iterable, Sequence

from engine.keyword import Morpheme


def _as_set(values: str | Iterable[str] | None) -> frozenset[str] | None:
    if values is None:
        return None
    return frozenset({values}) if isinstance(values, str) else frozenset(values)


@dataclass(frozen=True)
class Word:
    """One step of a trigger: a morpheme whose form is in `forms` and tag in `tags` (None: any),
    form not in `unless`, matched `least` to `most` (None: any number of) times, greedily and
    never given back."""

    forms: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    unless: frozenset[str] = frozenset()
    least: int = 1
    most: int | None = 1

    def accepts(self, morpheme: Morpheme) -> bool:
        return (self.forms is None or morpheme.form in self.forms) \
            and (self.tags is None or morpheme.tag in self.tags) \
            and morpheme.form not in self.unless


def word(forms: str | Iterable[str] | None = None, tags: str | Iterable[str] | None = None,
         unless: Iterable[str] = (), least: int = 1, most: int | None = 1) -> Word:
    """A `Word` from plain strings or collections: `word("지", "EC")`, `word(tags=NOUNS)`."""
    return Word(_as_set(forms), _as_set(tags), frozenset(unless), least, most)


@dataclass(frozen=True)
class Either:
    """One step that any of its words may fill, `least` to `most` (None: any number of) times."""

    words: tuple[Word, ...]
    least: int = 1
    most: int | None = 1

    def accepts(self, morpheme: Morpheme) -> bool:
        return any(w.accepts(morpheme) for w in self.words)


Step = Word | Either


def match(morphemes: Sequence[Morpheme], start: int, steps: Sequence[Step]) -> int | None:
    """Where the steps end when matched from `start`; None when they do not match there."""
    if start < 0:
        return None
    j = start
    for step in steps:
        count = 0
        while (step.most is None or count < step.most) and j < len(morphemes) \
                and step.accepts(morphemes[j]):
            j, count = j + 1, count + 1
        if count < step.least:
            return None
    return j


class Meaning(Enum):
    """What a matched pattern says of the trait."""

    DENIED = "denied"            # absent, removed, refused or disliked
    NOT_DENIED = "not denied"    # a question or an exception: nothing is denied
    # the predicate is itself an absence ("향 없는"): denied unless the absence is denied
    # ("향 없는 건 싫어요")
    ABSENCE = "absence"
    CARRIED = "carried"          # the predicate the pattern leads to decides ("하얗게 안 뜨는")
    HELD = "held"                # nominalised: what follows the holder decides ("…는 거 없는")
    SKIPPED = "skipped"          # may stand in the scope; read the next word
    TAKEN = "taken"              # the scope's anchor is the predicate looked for
    TAKEN_NEXT = "taken next"    # the predicate after the anchor is the one looked for
    ASIDE = "aside"              # about another product, the past, an expectation or a claim
    REPORT = "report"            # a report on this product after all


class Scope(Enum):
    """Where a pattern's trigger is matched from."""

    WORD = "the word itself"
    AFTER_WORD = "right after the word"
    TO_PREDICATE = "each word between the word and its predicate"
    PREDICATE = "the predicate that says something about the word"
    BEFORE_PREDICATE = "the word right before the predicate"
    AFTER_PREDICATE = "the endings after the predicate's stem and auxiliaries"
    AFTER_TRAIT = "right after a nominalised trait"
    HOLDER = "each word after the noun that holds a nominalised trait"
    BEFORE_MENTION = "each word before a review's mention of a trait, nearest first"
    AFTER_MENTION = "the ending after the mention's predicate and its auxiliaries"
    QUOTE = "the ending after the mention's predicate and copula"
    AFTER_USE = "right after a verb of putting a product to use"


Condition = Callable[[Sequence[Morpheme], int, int], bool]


@dataclass(frozen=True)
class Pattern:
    """A reading: in `scope`, `trigger` (from `at` morphemes off the anchor) means `meaning`.

    `when` tests the context the trigger cannot (given the morphemes, where the trigger starts
    and ends); `leads_to` says where a carried reading goes on; `remedy` marks a pattern that
    counts only when remedies do ("땅기는 거 잡아줄"); `less` one that lessens the trait rather
    than denies it ("자극 적은", "덜 끈적한"). `example` is a phrase it reads.
    """

    name: str
    scope: Scope
    trigger: tuple[Step, ...]
    meaning: Meaning
    example: str
    at: int = 0
    when: Condition | None = None
    leads_to: Callable[[Sequence[Morpheme], int, int], int | None] | None = None
    remedy: bool = False
    less: bool = False


def scan(morphemes: Sequence[Morpheme], start: int, stop: int, patterns: Sequence[Pattern]
         ) -> Pattern | None:
    """The pattern that decides, reading the words from `start` up to `stop`: a pattern that
    skips a word reads on, and a word no pattern matches ends the scope undecided (None)."""
    for k in range(start, min(len(morphemes), stop)):
        found = first_match(morphemes, k, patterns)
        if found is None or found[0].meaning is not Meaning.SKIPPED:
            return found[0] if found else None
    return None


def first_match(morphemes: Sequence[Morpheme], anchor: int, patterns: Sequence[Pattern]
                ) -> tuple[Pattern, int, int] | None:
    """The first pattern whose trigger matches from `anchor`, with where it starts and ends."""
    for pattern in patterns:
        start = anchor + pattern.at
        end = match(morphemes, start, pattern.trigger)
        if end is not None and (pattern.when is None or pattern.when(morphemes, start, end)):
            return pattern, start, end
    return None
