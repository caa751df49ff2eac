"""Trait mentions in a review that do not report the product having the trait.

Reviewers often name a trait only to take it back in the next clause ("향이 좀 있긴 한데 금방
날아가요", "처음엔 따끔했어요 적응되니 괜찮음", "다른 토너는 빨개지는데 이건 괜찮아요"), or to
describe their own skin ("트러블 피부라", "각질 많은 피부"). Pure functions over morphemes.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._match import Meaning, Pattern, Rows, Scope, scan, word
from engine.understanding._negation import denies_such, is_negated
from engine.understanding._tags import NOUNS, OPPOSITE_WORDS, SENTENCE_ENDS, VERBS

# Connective endings that turn to a contrast or a later state ("-는데", "-지만").
CONTRAST_ENDINGS = frozenset({"는데", "ᆫ데", "은데", "던데", "지만", "ᆫ데도", "는데도"})
# Predicates and nouns that say the trait faded, went away or stopped mattering.
RESOLUTIONS = frozenset({"적응", "날아가", "날라가", "사라지", "없어지", "가라앉", "덜하",
                         "줄어들", "익숙"})
# "괜찮다" (or "멀쩡하다") takes the trait back only when it says nothing about another subject: "…빨개지는데
# 이건 괜찮아요" does, "향이 세지만 보습은 괜찮아요" does not; "며칠 쓰니 괜찮아요" does too
# (a time word or an object is not the subject of the later clause).
FINE_WORDS = frozenset({"괜찮", "멀쩡"})
TIME_NOUNS = frozenset({"지금", "이제", "요즘", "나중", "며칠", "일주일", "한달", "한", "계속"})
SKIN_NOUNS = frozenset({"피부", "피부타입"})
CLAUSE_WINDOW = 8  # morphemes read after a turn for a resolution


def taken_back(morphemes: Sequence[Morpheme], position: int,
               opposites: frozenset[str] = frozenset()) -> bool:
    """Whether the mention at `position` is resolved by the clause after the next turn.

    After a contrast, praise for the trait's opposite also resolves it: "처음엔 땅겼는데 계속
    쓰니까 촉촉해요".
    """
    return _resolved_after_turn(morphemes, position, opposites)


# After a trait noun, how it goes on when it names the reviewer's skin.
SKIN = Rows((
    Pattern("the skin", Scope.AFTER_WORD, (word(SKIN_NOUNS, "NNG"),), Meaning.ASIDE,
            "트러블 피부라 순한 걸 찾았어요"),
    Pattern("what describes it", Scope.AFTER_WORD,
            (word(tags=("VA", "ETM", "JKS", "MAG", "XSN")),), Meaning.SKIPPED,
            "트러블성 피부인데 잘 맞아요"),
))


def describes_skin(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"트러블 피부라", "트러블성 피부", "각질 많은 피부": the trait names the reviewer's skin
    type."""
    if morphemes[position].tag not in NOUNS:
        return False
    decided = scan(morphemes, position + 1, position + 4, SKIN)
    return decided is not None and decided.meaning is Meaning.ASIDE


def _resolved_after_turn(morphemes: Sequence[Morpheme], position: int,
                         opposites: frozenset[str]) -> bool:
    turn = _next_turn(morphemes, position)
    if turn is None:
        return False
    after_contrast = morphemes[turn].tag in ("EC", "NNB")
    other_subject = False
    for j in range(turn + 1, min(len(morphemes), turn + 1 + CLAUSE_WINDOW)):
        m = morphemes[j]
        if m.form in RESOLUTIONS and m.tag in VERBS | {"NNG", "XR"}:
            return not is_negated(morphemes, j, remedies=False)
        if (m.form in FINE_WORDS and m.tag in ("VA", "XR")) \
                or (m.form in opposites and m.tag in OPPOSITE_WORDS):
            return after_contrast and not other_subject \
                and not is_negated(morphemes, j, remedies=False)
        if _is_turn(morphemes, j):
            return False
        other_subject |= _is_topic(morphemes, j)
    return False


def _is_topic(morphemes: Sequence[Morpheme], j: int) -> bool:
    """A noun that the next clause is about ("보습은", "향이"); time words ("지금은") are not."""
    m = morphemes[j]
    if m.tag not in NOUNS or m.form in TIME_NOUNS:
        return False
    following = morphemes[j + 1] if j + 1 < len(morphemes) else None
    return following is None or following.tag in ("JKS", "JX", "JKO")


def _next_turn(morphemes: Sequence[Morpheme], position: int) -> int | None:
    for j in range(position + 1, len(morphemes)):
        if _is_turn(morphemes, j):
            return j
    return None


def is_contrast(morphemes: Sequence[Morpheme], j: int) -> bool:
    """A contrast connective ("-는데", "-지만"), not a sentence end. Kiwi sometimes reads
    "-었는데" as an adnominal ending and the bound noun 데."""
    m = morphemes[j]
    return (m.tag == "EC" and m.form in CONTRAST_ENDINGS) or (
        m.form == "데" and m.tag == "NNB" and j > 0 and morphemes[j - 1].tag == "ETM")


def _is_turn(morphemes: Sequence[Morpheme], j: int) -> bool:
    """A contrast connective or the end of a sentence."""
    return morphemes[j].tag in SENTENCE_ENDS or is_contrast(morphemes, j)


def denied_back_references(morphemes: Sequence[Morpheme]
                           ) -> list[tuple[range, range]]:
    """For each denied "그런 거" / "그런 일", the morphemes it may refer back to: the words of
    its own clause before it ("끈적이는 그런 거 말고"), and the clause or sentence before that
    ("눈물이 줄줄 나는 체질이에요. 그런 일 없는 걸로요", "하얗게 떠서 … 같았는데 그런 거 말고").
    """
    found = []
    for position in range(len(morphemes)):
        if not denies_such(morphemes, position):
            continue
        own_start = _clause_start(morphemes, position)
        end = own_start
        while end > 0 and _is_turn(morphemes, end - 1):
            end -= 1
        found.append((range(own_start, position), range(_clause_start(morphemes, end), end)))
    return found


def _clause_start(morphemes: Sequence[Morpheme], position: int) -> int:
    """Where the clause or sentence holding `position` starts: after the last turn before it."""
    for j in range(position - 1, -1, -1):
        if _is_turn(morphemes, j):
            return j + 1
    return 0
