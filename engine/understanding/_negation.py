"""Local Korean negation: is a word said to be absent, or present, where it stands?

Works on kiwipiepy morphemes and covers the usual ways a shopper or reviewer denies a trait:
"향 없는" / "백탁 1도 없고" (X 없다), "안 끈적이는" / "못 느꼈" (안·못·덜 + predicate),
"기름지지 않는" (-지 않다), "무향" / "노향" (무-·노- prefix), "끈적임 제로", "시커매지는 거 없는"
(-는 거 없다), "따가운 적이 한 번도 없어요" / "시릴 걱정 없어요" / "끈적이는 느낌 없이" (a holder
noun denied), "각질 부각되는 거 싫어요" / "향 강한 건 별로" / "끈적이는 거 말고" (a dislike),
"백탁 있으면 안 돼요" (must not), "자극 적은" / "향이 약한" / "향료 뺀" / "덜 끈적한" (little of it),
a double negation that cancels ("향 없는 건 싫어요"), and remedies that make a trait go away
("각질 잘 잡아주고", "좁쌀이 줄었어요", "당김이 사라졌어요").

The ways are rows of `_denials.PATTERNS`; this module walks a word's scopes (its predicate, the
endings after it, a nominalised trait's holder) and asks the rows of each what it means.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._denials import (ABSENCE_WORDS, CONCESSIVE_ENDINGS,
                                           CONNECTIVE_VOWELS, CONTEXTS, DEMONSTRATIVES,
                                           DISLIKE_WORDS, HOLDER, HOLDER_WINDOW,
                                           LIGHT_PREDICATES, MAX_GAP, NEGATING_ADVERBS,
                                           NEGATING_AUXILIARIES, OWN_PREDICATE, PATTERNS,
                                           PRODUCT_REFUSALS, QUESTION_ENDINGS, TO_PREDICATE,
                                           after_auxiliaries, next_predicate)
from engine.understanding._match import (Meaning, Pattern, Rows, Scope, first_match, match,
                                         matches, scan)
from engine.understanding._tags import ABSENCE_PREFIXES, SENTENCE_ENDS, TRAIT_WORDS
from engine.understanding._use_effects import WASH_WORDS

ByScope = dict[Scope, Rows]


def _by_scope(table: Sequence[Pattern], remedies: bool) -> ByScope:
    return {scope: Rows(p for p in table if p.scope is scope and (remedies or not p.remedy))
            for scope in Scope}


_ROWS = {True: _by_scope(PATTERNS, True), False: _by_scope(PATTERNS, False)}
# Words that deny, rather than name, what is denied.
_NEGATORS = ABSENCE_WORDS | NEGATING_AUXILIARIES | DISLIKE_WORDS | NEGATING_ADVERBS


def is_negated(morphemes: Sequence[Morpheme], position: int, remedies: bool = True,
               table: Sequence[Pattern] = PATTERNS) -> bool:
    """Whether the word at `position` is denied, removed or disliked in its own clause.

    With `remedies=False`, a trait that something fixes ("땅기는 거 잡아줄") does not count:
    a shopper asking for a fix is not asking for reviews that never mention the problem.
    `table` is the patterns read by (the shipped ones unless a test leaves one out).
    """
    return denial(morphemes, position, remedies, table) is not None


def denial(morphemes: Sequence[Morpheme], position: int, remedies: bool = True,
           table: Sequence[Pattern] = PATTERNS) -> Pattern | None:
    """The row of the table that denies the word at `position`, or None when nothing does."""
    rows = _ROWS[remedies] if table is PATTERNS else _by_scope(table, remedies)
    found = first_match(morphemes, position, rows[Scope.WORD])
    if found:
        return found[0]  # "무향"
    head = head_predicate(morphemes, position)
    if head is None:
        return None
    for pattern, _, _ in matches(morphemes, head, rows[Scope.PREDICATE]):
        if pattern.meaning is Meaning.NOT_DENIED:
            return None
        if head != position:  # "향 없는 건 싫어요": the absence itself is unwanted
            return None if _predicate_denial(morphemes, head, rows) else pattern
    return _predicate_denial(morphemes, head, rows)


def head_predicate(morphemes: Sequence[Morpheme], position: int) -> int | None:
    """The predicate that says something about the word: itself, or the next one in its clause."""
    if first_match(morphemes, position, OWN_PREDICATE):
        return position
    for j in range(position + 1, min(len(morphemes), position + 1 + MAX_GAP)):
        found = first_match(morphemes, j, TO_PREDICATE)
        if found is None:
            return None
        meaning = found[0].meaning
        if meaning is Meaning.TAKEN:
            return j
        if meaning is Meaning.TAKEN_NEXT:
            return next_predicate(morphemes, j)
    return None


def _predicate_denial(morphemes: Sequence[Morpheme], head: int, rows: ByScope) -> Pattern | None:
    """Whether what stands before the predicate or after its stem denies it; a pattern that
    carries the reading to another predicate ("하얗게 안 뜨는") reads that one instead."""
    while True:
        found = (first_match(morphemes, head - 1, rows[Scope.BEFORE_PREDICATE])
                 or first_match(morphemes, after_auxiliaries(morphemes, head + 1),
                                rows[Scope.AFTER_PREDICATE]))
        if found is None:
            return None
        pattern, start, end = found
        if pattern.meaning is Meaning.HELD:
            return _holder_denial(morphemes, end, rows)
        if pattern.meaning is not Meaning.CARRIED:
            return pattern if pattern.meaning is Meaning.DENIED else None
        following = pattern.leads_to(morphemes, start, end)
        if following is None or following == head:
            return None
        head = following


def _holder_denial(morphemes: Sequence[Morpheme], j: int, rows: ByScope) -> Pattern | None:
    """'…는 거 없는', '…는 게 싫어요', '…는 거 잡아줄', '…운 적이 한 번도 없어요', '…는 크림은
    별로': the row that denies the nominalised trait at `j` (or the product it describes)."""
    found = first_match(morphemes, j, rows[Scope.AFTER_TRAIT])
    if found:
        return found[0]
    j = match(morphemes, j, (HOLDER,))
    decided = scan(morphemes, j, j + HOLDER_WINDOW, rows[Scope.HOLDER])
    return decided if decided and decided.meaning is Meaning.DENIED else None


def sets_situation(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"샤워 못 할 때 쓸 거": the denial describes when the product is used, not what it lacks."""
    return _context(morphemes, position) is Meaning.ASIDE


def states_problem(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"정리가 안 돼요": a light verb denied in a plain statement tells the shopper's problem."""
    head = head_predicate(morphemes, position)
    return head is not None and morphemes[head].form in LIGHT_PREDICATES \
        and _context(morphemes, position) is Meaning.REPORT


def reports_failure(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"머리 감아도 안 씻겨요", "세수해도 안 지워지고 남아있는 느낌": a predicate denied in a plain
    statement, or after washing conceded ("-어도"), tells what the shopper's product fails to
    do or what will not come off, not a trait wanted absent; one that describes the product
    wanted ("세수해도 안 지워지는 선크림", "마스크 쓰고 다녀도 묻어나지 않고 버티는") is a wish."""
    head = head_predicate(morphemes, position)
    if head is None:
        return False
    if _context(morphemes, position) is Meaning.REPORT:
        return True
    ending = after_auxiliaries(morphemes, head + 1)
    if ending < len(morphemes) and morphemes[ending].tag in ("ETM", "ETN"):
        return False
    start = head
    while start > 0 and morphemes[start - 1].tag not in SENTENCE_ENDS:
        start -= 1
    return any(_concedes(morphemes, i) and _washed(morphemes, i) for i in range(start, head))


def _concedes(morphemes: Sequence[Morpheme], i: int) -> bool:
    """"-어도" at `i`, whole or as Kiwi sometimes splits it (어 + 도)."""
    m = morphemes[i]
    if m.tag != "EC":
        return False
    return m.form in CONCESSIVE_ENDINGS or (
        m.form in CONNECTIVE_VOWELS and i + 1 < len(morphemes)
        and morphemes[i + 1].form == "도" and morphemes[i + 1].tag == "JX")


def _washed(morphemes: Sequence[Morpheme], ending: int) -> bool:
    """Whether the ending at `ending` follows a washing word ("세수해도", "감아도")."""
    j = ending - 1
    if j >= 0 and morphemes[j].tag == "XSV":
        j -= 1
    return j >= 0 and morphemes[j].form in WASH_WORDS


def _context(morphemes: Sequence[Morpheme], position: int) -> Meaning | None:
    head = head_predicate(morphemes, position)
    if head is None:
        return None
    found = first_match(morphemes, after_auxiliaries(morphemes, head + 1), CONTEXTS)
    return found[0].meaning if found else None


def disliked(morphemes: Sequence[Morpheme], position: int) -> bool:
    """Whether the word is turned down only by a dislike ("번들거리는 건 질색", "끈적이는 크림은
    별로"), not denied where it stands ("안 끈적이는"): without the dislike words it would not
    be negated."""
    if not is_negated(morphemes, position, remedies=False):
        return False
    masked = [Morpheme("", "NNG", m.start, m.length)
              if m.form in DISLIKE_WORDS | PRODUCT_REFUSALS else m for m in morphemes]
    return not is_negated(masked, position, remedies=False)


def denied_word_positions(morphemes: Sequence[Morpheme], remedies: bool = True) -> list[int]:
    """Negated words that carry the denied meaning themselves: the predicate, or the noun that
    "없다" / a light verb ("안 되는") is about — not every noun of the clause."""
    kept = []
    for position in negated_positions(morphemes, remedies):
        head = head_predicate(morphemes, position)
        if head == position or head is None or morphemes[head].form in ABSENCE_WORDS \
                or morphemes[head].form in LIGHT_PREDICATES:
            kept.append(position)
    return kept


def negated_positions(morphemes: Sequence[Morpheme], remedies: bool = True) -> list[int]:
    """Positions of content words that are denied where they stand (negators themselves excluded).

    Adverbs count: a mimetic one names the trait of its predicate ("끈적끈적 남는 앰플은 별로",
    "따끔거리는": 따끔 + -거리다)."""
    return list(_negated_positions(tuple(morphemes), remedies))


@lru_cache(maxsize=64)
def _negated_positions(morphemes: tuple[Morpheme, ...], remedies: bool) -> tuple[int, ...]:
    # A query's reading asks this of its morphemes seven times (concerns, cues, degrees, scene).
    return tuple(i for i, m in enumerate(morphemes)
                 if m.tag in TRAIT_WORDS and m.form not in _NEGATORS
                 and not (m.form in ABSENCE_PREFIXES and _prefixes_next(morphemes, i))
                 and is_negated(morphemes, i, remedies))


def _prefixes_next(morphemes: Sequence[Morpheme], position: int) -> bool:
    """Whether the morpheme is an absence prefix glued to the noun after it ("무" of "무향")."""
    return first_match(morphemes, position + 1, _ROWS[True][Scope.WORD]) is not None


def denies_such(morphemes: Sequence[Morpheme], position: int) -> bool:
    """Whether a demonstrative at `position` starts a denied "그런 거" ("그런 일 없는 걸로요",
    "그런 거 말고", "그런 제품은 사양"); a question ("그런 거 없어요?") denies nothing."""
    here = morphemes[position]
    if here.form not in DEMONSTRATIVES or here.tag != "MM" or position + 1 >= len(morphemes):
        return False
    for m in morphemes[position + 1:]:
        if m.form == "?" or (m.tag == "EF" and m.form in QUESTION_ENDINGS):
            return False
        if m.tag == "SF":
            break
    return _holder_denial(morphemes, position + 1, _ROWS[False]) is not None
