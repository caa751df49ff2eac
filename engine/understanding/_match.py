"""The one matcher the readers share: patterns of morphemes (trigger, scope, meaning) as data.

A trigger is a sequence of `Word` tests matched from an anchor the scope gives (the word itself,
its predicate, the endings after it, each word after a nominalised trait); the first pattern of
a scope whose trigger matches says what the phrase means. A new reading is a new row.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Sequence

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
    j, n = start, len(morphemes)
    for step in steps:
        count, most, accepts = 0, step.most, step.accepts
        while j < n and (most is None or count < most) and accepts(morphemes[j]):
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


# A pattern worth trying at an anchor: the word its trigger starts with when that is off the
# anchor (checked first), the steps left to match and their offset from the anchor.
_Try = tuple["Pattern", "Step | None", tuple["Step", ...], int]


class Rows(tuple):
    """The patterns of one table, in order, remembering for recent first words which patterns
    may start there: most triggers start with a word the morpheme at the anchor is not."""

    def __new__(cls, patterns: Iterable[Pattern]) -> "Rows":
        rows = super().__new__(cls, patterns)
        rows._past_end = tuple(_try_anywhere(p) for p in rows if _starts_anywhere(p))
        rows._starting = lru_cache(maxsize=4096)(rows._may_start_with)
        return rows

    def worth_trying(self, morpheme: Morpheme | None) -> tuple[_Try, ...]:
        """The patterns whose trigger may start at a morpheme (None: past the end)."""
        return self._past_end if morpheme is None else self._starting(morpheme.form, morpheme.tag)

    def _may_start_with(self, form: str, tag: str) -> tuple[_Try, ...]:
        morpheme = Morpheme(form, tag)
        tries = []
        for p in self:
            if _starts_anywhere(p):
                tries.append(_try_anywhere(p))
            elif p.trigger[0].accepts(morpheme):
                # a first word that stands once is matched already; one that may repeat is
                # matched again with the rest
                tries.append((p, None, p.trigger[1:], 1) if p.trigger[0].most == 1
                             else (p, None, p.trigger, 0))
        return tuple(tries)


def _starts_anywhere(pattern: Pattern) -> bool:
    """Whether the trigger may start elsewhere than at the anchor, or with no word at all."""
    return pattern.at != 0 or not pattern.trigger or pattern.trigger[0].least == 0


def _try_anywhere(pattern: Pattern) -> _Try:
    first = pattern.trigger[0] if pattern.trigger else None
    if first is not None and first.least == first.most == 1:
        return pattern, first, pattern.trigger[1:], pattern.at + 1
    return pattern, None, pattern.trigger, pattern.at


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
    n = len(morphemes)
    if isinstance(patterns, Rows):
        tries = patterns.worth_trying(morphemes[anchor] if 0 <= anchor < n else None)
    else:
        tries = tuple(_try_anywhere(p) for p in patterns)
    for pattern, gate, steps, offset in tries:
        start = anchor + pattern.at
        if gate is not None and not (0 <= start < n and gate.accepts(morphemes[start])):
            continue
        end = match(morphemes, anchor + offset, steps) if steps else anchor + offset
        if end is not None and (pattern.when is None or pattern.when(morphemes, start, end)):
            return pattern, start, end
    return None


def matches(morphemes: Sequence[Morpheme], anchor: int, patterns: Sequence[Pattern]
            ) -> Iterator[tuple[Pattern, int, int]]:
    """The patterns whose triggers match from `anchor`, in order, with where each starts and
    ends."""
    n = len(morphemes)
    if isinstance(patterns, Rows):
        tries = patterns.worth_trying(morphemes[anchor] if 0 <= anchor < n else None)
    else:
        tries = tuple(_try_anywhere(p) for p in patterns)
    for pattern, gate, steps, offset in tries:
        start = anchor + pattern.at
        if gate is not None and not (0 <= start < n and gate.accepts(morphemes[start])):
            continue
        end = match(morphemes, anchor + offset, steps) if steps else anchor + offset
        if end is not None and (pattern.when is None or pattern.when(morphemes, start, end)):
            yield pattern, start, end
