"""How Korean denies a trait, as rows: in which scope, which morphemes, and what they mean.

`_negation.py` reads these rows with the matcher of `_match.py`; a new way of denying a trait
is a new row here (with its example in `tests/engine/test_negation_patterns.py`). Within a scope
the first row that matches decides, so a row that blocks a reading stands before it.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._match import Either, Meaning, Pattern, Rows, Scope, word
from engine.understanding._tags import (ABSENCE_PREFIXES, ADNOMINAL_ENDINGS, AUXILIARIES,
                                        NOMINALISING_ENDINGS, NOUNS, PARTICLES,
                                        PREDICATE_SUFFIXES, PREDICATES, STANCE_WORDS, VERBS)

NEGATING_ADVERBS = frozenset({"안", "못", "덜"})
NEGATING_AUXILIARIES = frozenset({"않", "못", "말"})
# "적은", "약한", "은은한", "덜한", "뺀" say there is little or none of it, like "없는".
ABSENCE_WORDS = frozenset({"없", "없이", "제로", "전무", "적", "약하", "은은", "덜하", "빼"})
LITTLE_WORDS = frozenset({"적", "약하", "은은", "덜하"})  # little of it, not none
LESSENING_ADVERBS = frozenset({"덜"})  # "덜 끈적한": less of it
# "…는 건 별로", "…는 거 말고", "…나는 건 질색", "…는 건 두통 와요", "…는 건 피하고 싶어요"
DISLIKE_WORDS = frozenset({"싫", "별로", "말", "질색", "극혐", "두통", "피하", "싫어하", "노노",
                           "사양", "사절"})
PRODUCT_REFUSALS = DISLIKE_WORDS - {"말"} | {"패스", "그만"}
CONDITIONAL_ENDINGS = frozenset({"면", "으면"})
# "감아도 안 씻겨요": the shopper did it, and the effect did not come.
CONCESSIVE_ENDINGS = frozenset({"어도", "아도", "여도", "더라도", "는데도", "ㄴ데도"})
CONNECTIVE_VOWELS = frozenset({"어", "아", "여"})  # Kiwi may split "-어도" into 어 + 도
# Predicates that make a trait go away: the trait is then reported as absent.
REMEDIES = frozenset({"잡", "줄", "줄어들", "없애", "사라지", "가라앉", "빼", "덜하", "개선", "완화",
                      "해결", "잠재우", "막", "진정", "잡히", "덜", "정리"})
SKIPPABLE_BEFORE_HEAD = frozenset({"JKS", "JKO", "JKB", "JX", "JKG", "SN", "NR", "XSN", "NNB"})
NOMINAL_HOLDERS = frozenset({"거", "것", "게", "걸", "점", "부분"})
# "따가운 적이 없어요", "냄새 날 일 없어요", "시릴 걱정 없어요", "끈적이는 느낌 없이", "따갑다는
# 말 안 해요": nouns that hold a trait the way 거 does, so denying them denies the trait.
EVENT_HOLDERS = frozenset({"적", "일", "걱정", "느낌", "기미", "염려", "말", "소리"})
# Between a holder and its predicate: particles, adverbs and "한 번도", "하나도", "1도".
SKIPPABLE_BEFORE_DENIAL = frozenset({"MAG", "MM", "NR", "SN", "NNB"})
HOLDER_WINDOW = 5
# Kiwi tags the -ㅁ of "눈 시림 없어요", "따가움 전혀 없어요" as a connective or final ending
NOMINAL_ENDINGS = frozenset({"ᆷ", "음"})
MAX_GAP = 5
SIMILE_PARTICLES = frozenset({"처럼", "같이", "마냥"})
QUESTION_ENDINGS = frozenset({"나요", "나", "니", "냐", "는지", "을까요", "을까", "나여", "는지요"})
LIGHT_PREDICATES = frozenset({"되", "하", "있"})
SITUATION_NOUN = "때"  # "따가울 때 이거 붙이면 진정돼요", "샤워 못 할 때 쓸 거"
DEMONSTRATIVES = frozenset({"그런", "이런", "저런"})

# A noun that holds a nominalised trait: "끈적이는 거", "따가운 적", "시릴 걱정".
HOLDER = Either((word(NOMINAL_HOLDERS), word(EVENT_HOLDERS, ("NNB", "NNG"))), least=0)
# "말고는", "빼고는": all but this.
EXCEPTION = (word("고", "EC"), word(("는", "ᆫ"), "JX"))
# The product a nominalised trait describes, perhaps split (선 + 크림), and what follows it before
# a refusal ("파데는", "쿠션 이제").
THE_PRODUCT = (word(tags=NOUNS, unless=PRODUCT_REFUSALS, most=2),
               Either((word(tags=PARTICLES), word(tags="MAG", unless=PRODUCT_REFUSALS)), least=0,
                      most=None))
# 말다 ("…는 거 말고"), not the noun 말 ("따갑다는 말").
REFUSING_MALDA = word("말", VERBS | {"MAG"})


def _glued(morphemes: Sequence[Morpheme], start: int, end: int) -> bool:
    prefix, noun = morphemes[start], morphemes[start + 1]
    return prefix.start + prefix.length == noun.start


def _preceded_by_an(morphemes: Sequence[Morpheme], start: int, end: int) -> bool:
    before = morphemes[end - 3]
    return before.form == "안" and before.tag == "MAG"


def _coordinated(morphemes: Sequence[Morpheme], start: int, end: int) -> bool:
    """Whether the nouns just before `start` follow a coordinating particle ("가려움이랑 기름기")."""
    j = start - 1
    while j >= 0 and morphemes[j].tag in NOUNS | {"XSN"}:
        j -= 1
    return j >= 0 and morphemes[j].tag == "JC"


def next_predicate(morphemes: Sequence[Morpheme], start: int) -> int | None:
    """The predicate a negating adverb or a -게 at `start` goes with: "안 끈적이는", "덜 하다",
    "하얗게 안 뜨는" (then read from 안)."""
    if start + 1 < len(morphemes) and morphemes[start + 1].tag in PREDICATE_SUFFIXES:
        return start + 1  # "덜 하다": the adverb and the light suffix make the predicate
    if start + 1 < len(morphemes) and morphemes[start + 1].form == "나" \
            and morphemes[start + 1].tag == "NP":
        return start + 1  # Kiwi reads "안 나는 선크림" as 안 + 나 (I) + 는
    for j in range(start + 1, min(len(morphemes), start + 3)):
        if morphemes[j].tag in PREDICATES or (
                morphemes[j].tag in NOUNS and j + 1 < len(morphemes)
                and morphemes[j + 1].tag in PREDICATE_SUFFIXES):
            return j
    return None


def after_auxiliaries(morphemes: Sequence[Morpheme], j: int) -> int:
    """Past 'XSV/XSA', '-어 지', '-어 주' and tense endings that follow a predicate stem."""
    while j < len(morphemes):
        m = morphemes[j]
        if m.tag in PREDICATE_SUFFIXES or m.tag in AUXILIARIES:
            j += 1
        elif m.tag == "EC" and m.form in ("어", "아") and j + 1 < len(morphemes) \
                and morphemes[j + 1].tag == "VX" \
                and morphemes[j + 1].form not in NEGATING_AUXILIARIES:
            j += 2
        else:
            return j
    return j


def _next_predicate_of(morphemes: Sequence[Morpheme], start: int, end: int) -> int | None:
    return next_predicate(morphemes, start)


def _last(morphemes: Sequence[Morpheme], start: int, end: int) -> int:
    return end - 1


# The word is its own predicate: "끈적이는", "부각(되는)", "건조(해요)".
OWN_PREDICATE = Rows((
    Pattern("the word is a predicate", Scope.WORD, (word(tags=PREDICATES),), Meaning.TAKEN,
            "안 끈적이는"),
    Pattern("the stem of a 하다/되다 word", Scope.WORD, (word(), word(tags=PREDICATE_SUFFIXES)),
            Meaning.TAKEN, "각질 부각되는 거"),
))
# What may stand between a word and the predicate that says something about it.
TO_PREDICATE = Rows((
    Pattern("an absence word is the predicate", Scope.TO_PREDICATE, (word(ABSENCE_WORDS),),
            Meaning.TAKEN, "향 1도 없음"),
    Pattern("a negating adverb comes before the predicate", Scope.TO_PREDICATE,
            (word(NEGATING_ADVERBS),), Meaning.TAKEN_NEXT, "얼굴 하얗게 안 뜨는"),
    Pattern("a predicate", Scope.TO_PREDICATE, (word(tags=PREDICATES),), Meaning.TAKEN,
            "향이 강한"),
    Pattern("adverbs, particles, numbers", Scope.TO_PREDICATE,
            (word(tags=SKIPPABLE_BEFORE_HEAD | {"MAG"}),), Meaning.SKIPPED, "자극이 정말 적은"),
    Pattern("a comparison", Scope.TO_PREDICATE, (word(tags="NNG"), word("보다")), Meaning.SKIPPED,
            "자극이 생각보다 적었어요"),
    Pattern("coordinated nouns share the predicate", Scope.TO_PREDICATE,
            (word(tags="JC"), word()), Meaning.SKIPPED, "향료와 알코올을 뺀"),
    Pattern("the noun after a coordinating particle", Scope.TO_PREDICATE,
            (word(tags="JC"), word(tags=NOUNS)), Meaning.SKIPPED, "향료와 알코올을 뺀", at=-1),
    Pattern("a 하다 noun", Scope.TO_PREDICATE, (word(tags=NOUNS), word(tags=PREDICATE_SUFFIXES)),
            Meaning.TAKEN, "피부가 건조해지는"),
))

PATTERNS = (
    Pattern("an absence prefix", Scope.WORD,
            (word(ABSENCE_PREFIXES, ("XPN", "NNG")), word(tags=NOUNS)), Meaning.DENIED,
            "무향 바디로션", at=-1, when=_glued),
    Pattern("asking whether there is none", Scope.PREDICATE,
            (word(ABSENCE_WORDS), word(QUESTION_ENDINGS)), Meaning.NOT_DENIED, "보습템 없나요?"),
    Pattern("all but this", Scope.PREDICATE, (word(("말", "빼")), *EXCEPTION),
            Meaning.NOT_DENIED, "향 빼고는 다 좋아요"),
    Pattern("none of it", Scope.PREDICATE, (word(ABSENCE_WORDS - LITTLE_WORDS),),
            Meaning.ABSENCE, "향 없는 토너"),
    Pattern("little of it", Scope.PREDICATE, (word(LITTLE_WORDS),), Meaning.ABSENCE,
            "자극 적은 클렌저", less=True),
    Pattern("a remedy takes it away", Scope.PREDICATE, (word(REMEDIES),), Meaning.ABSENCE,
            "좁쌀이 줄었어요", remedy=True),
    Pattern("a negating adverb", Scope.BEFORE_PREDICATE,
            (word(NEGATING_ADVERBS - LESSENING_ADVERBS, "MAG"),), Meaning.DENIED, "안 끈적이는 로션"),
    Pattern("less of it", Scope.BEFORE_PREDICATE, (word(LESSENING_ADVERBS, "MAG"),),
            Meaning.DENIED, "덜 끈적한 크림", less=True),
    Pattern("-지 않다", Scope.AFTER_PREDICATE,
            (word("지", "EC"), word(tags="JX", least=0), word(NEGATING_AUXILIARIES)),
            Meaning.DENIED, "끈적이지 않는 거"),
    Pattern("must not", Scope.AFTER_PREDICATE,
            (word(CONDITIONAL_ENDINGS, "EC"), word("안", "MAG"), word("되")), Meaning.DENIED,
            "백탁 있으면 안 돼요"),
    Pattern("-게 and the predicate it describes", Scope.AFTER_PREDICATE, (word("게", "EC"),),
            Meaning.CARRIED, "얼굴 하얗게 안 뜨는", leads_to=_next_predicate_of),
    Pattern("a likeness: 것 같은", Scope.AFTER_PREDICATE,
            (word(tags=ADNOMINAL_ENDINGS), word(tags=("NNG", "NNB"), most=2), word("같", "VA")),
            Meaning.CARRIED, "하얗게 뜬 것 같은 느낌 없는 선크림", leads_to=_last),
    Pattern("a likeness: 처럼 보이는", Scope.AFTER_PREDICATE,
            (word(tags=ADNOMINAL_ENDINGS), word(tags=("NNG", "NNB"), most=2),
             word(SIMILE_PARTICLES, "JKB"), word(tags=VERBS)),
            Meaning.CARRIED, "기름진 얼굴처럼 보이는 쿠션은 싫어요", leads_to=_last),
    Pattern("nominalised", Scope.AFTER_PREDICATE,
            (Either((word(tags=NOMINALISING_ENDINGS), word(NOMINAL_ENDINGS, ("EC", "EF")))),),
            Meaning.HELD, "끈적이는 거 없는"),
    Pattern("the product must not be", Scope.AFTER_TRAIT,
            (*THE_PRODUCT, word("되"), word()),
            Meaning.DENIED, "눈 따가운 선스틱은 절대 안 돼요", when=_preceded_by_an),
    Pattern("the product is turned down", Scope.AFTER_TRAIT,
            (*THE_PRODUCT, word(PRODUCT_REFUSALS, STANCE_WORDS)),
            Meaning.DENIED, "끈적이는 크림은 별로"),
    Pattern("asking whether there is none", Scope.HOLDER,
            (word(ABSENCE_WORDS, STANCE_WORDS), word(QUESTION_ENDINGS)), Meaning.NOT_DENIED,
            "순한 거 없나요?"),
    Pattern("all but this", Scope.HOLDER,
            (Either((word("빼", STANCE_WORDS), REFUSING_MALDA)), *EXCEPTION), Meaning.NOT_DENIED,
            "끈적이는 거 말고는 다 좋아요"),
    Pattern("none of it, or disliked", Scope.HOLDER,
            (Either((word(ABSENCE_WORDS - LITTLE_WORDS | DISLIKE_WORDS - {"말"}, STANCE_WORDS),
                     REFUSING_MALDA)),),
            Meaning.DENIED, "끈적이는 거 싫어요"),
    Pattern("little of it", Scope.HOLDER, (word(LITTLE_WORDS, STANCE_WORDS),), Meaning.DENIED,
            "끈적이는 느낌 적은 크림", less=True),
    Pattern("a remedy takes it away", Scope.HOLDER, (word(REMEDIES, STANCE_WORDS),),
            Meaning.DENIED, "땅기는 거 잡아줄", remedy=True),
    Pattern("-는 데 ends the clause", Scope.HOLDER, (word("데", "NNB"),), Meaning.NOT_DENIED,
            "끈적이는데 전혀 없어요"),
    Pattern("a negating adverb", Scope.HOLDER,
            (word(NEGATING_ADVERBS - LESSENING_ADVERBS, "MAG"), word(tags=VERBS)),
            Meaning.DENIED, "끈적이는 게 안 느껴져요"),
    Pattern("less of it", Scope.HOLDER, (word(LESSENING_ADVERBS, "MAG"), word(tags=VERBS)),
            Meaning.DENIED, "끈적이는 게 덜 느껴져요", less=True),
    Pattern("particles, adverbs and counts", Scope.HOLDER,
            (word(tags=PARTICLES | SKIPPABLE_BEFORE_DENIAL),), Meaning.SKIPPED,
            "따가운 적이 한 번도 없어요"),
    Pattern("coordinated nouns", Scope.HOLDER, (word(tags=NOUNS | {"XSN"}),), Meaning.SKIPPED,
            "따가운 느낌이랑 각질 하나도 없어요", when=_coordinated),
)

# What a denial tells besides a lack: when the product is used, or the shopper's problem.
CONTEXTS = Rows((
    Pattern("the time it is used", Scope.AFTER_PREDICATE,
            (word(tags=ADNOMINAL_ENDINGS), word(SITUATION_NOUN)), Meaning.ASIDE,
            "샤워 못 할 때 쓸 거"),
    Pattern("a plain statement", Scope.AFTER_PREDICATE,
            (word(tags="EF", unless=QUESTION_ENDINGS),), Meaning.REPORT, "정리가 안 돼요"),
))
