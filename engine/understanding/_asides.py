"""Trait mentions about something other than this product as the reviewer found it.

A review may give a trait to another product ("다른 선크림은 눈 시린데", "전에 쓰던 건 따가웠는데",
"눈물 나던 선크림들과 달리"), quote a claim ("무향이라고 했는데"), name the situation the product
is used in ("따가울 때 이거 붙이면 진정돼요", "뾰루지 난 자리에 발라도"), name it only as an expectation ("끈적일 줄 알았는데", "따가울까 봐 걱정했는데"), or as a possibility ("예민한 분은 따가울 수도 있어요", "많이 바르면
백탁 있을 듯"). None of these reports the product having the trait. The kinds are rows
(`AFTER_MENTION`, `BEFORE_MENTION`, `QUOTES`) read by the matcher of `_match.py`.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._denials import CONDITIONAL_ENDINGS, SITUATION_NOUN
from engine.understanding._match import Either, Meaning, Pattern, Rows, Scope, first_match, scan, word
from engine.understanding._negation import head_predicate
from engine.understanding._tags import (AUXILIARIES, NOUNS, PARTICLES, PREDICATE_SUFFIXES,
                                        STANCE_WORDS, VERBS)

OTHER_DETERMINERS = frozenset({"다른", "딴"})
PAST_HABIT = "던"            # "쓰던 선크림", "눈물 나던 제품": a past product or state
FUTURE_ENDINGS = frozenset({"ᆯ", "을", "를"})
POSSIBILITY_NOUNS = frozenset({"수", "듯"})  # "따가울 수도 있어요", "백탁 있을 듯"
EXPECTATION_NOUN = "줄"      # "끈적일 줄 알았는데"
WORRY_ENDINGS = frozenset({"ᆯ까", "을까"})  # "따가울까 봐"
CONDITIONAL_DISLIKES = frozenset({"싫", "별로", "싫어하"})
WARNINGS = frozenset({"패스", "비추", "비추천", "피하", "조심"})  # "…싫으면 패스"
PLACE_NOUNS = frozenset({"자리", "부위", "곳", "데"})  # "뾰루지 난 자리에 발라도": where it is used
# Predicates by which a trait noun occurs: "눈물 나던", "백탁 있을 듯", "트러블 생길까 봐".
OCCURRENCE_VERBS = frozenset({"나", "있", "생기", "올라오", "일어나", "되", "하", "들"})
QUOTATIVE_ENDINGS = frozenset({"라고", "다고", "ᆫ다고", "는다고", "이라고"})
QUOTATIVE_ADNOMINALS = frozenset({"라는", "다는", "ᆫ다는", "는다는"})
# A quotation and a contrast in one ending: "무향이라더니 냄새 나요", "안 끈적인다더니"
QUOTED_CONTRASTS = frozenset({"라더니", "다더니", "ᆫ다더니", "는다더니", "이라더니"})
CLAIM_NOUNS = frozenset({"말", "광고", "설명", "후기", "얘기", "소리"})
# After a claim: a contrast or the reason for buying ("…했는데", "…해서 샀는데", "…하길래").
CLAIM_TURNS = frozenset({"는데", "ᆫ데", "은데", "던데", "지만", "어서", "아서", "여서", "서",
                         "길래", "니까"})
CLAUSE_BREAK_TAGS = frozenset({"EF", "SF", "EC"})
LOOKBACK = 8


# How a mention's predicate goes on when the mention is not a report on this product.
AFTER_MENTION = Rows((
    Pattern("a past habit", Scope.AFTER_MENTION, (word(PAST_HABIT, "ETM"),
                                                  word(tags=NOUNS | {"NNB"})),
            Meaning.ASIDE, "눈물 나던 선크림들과 달리"),
    Pattern("it happens at times", Scope.AFTER_MENTION,
            (word(tags="ETM"), word(SITUATION_NOUN), word(tags=PARTICLES, least=0),
             word(("있", "많"), VERBS)), Meaning.REPORT, "가끔 따가울 때가 있어요"),
    Pattern("the time of use", Scope.AFTER_MENTION, (word(tags="ETM"), word(SITUATION_NOUN)),
            Meaning.ASIDE, "따가울 때 이거 붙이면 진정돼요"),
    Pattern("the place of use", Scope.AFTER_MENTION,
            (word(tags="ETM"), word(PLACE_NOUNS), word(("에", "에도"), PARTICLES)),
            Meaning.ASIDE, "뾰루지 난 자리에 발라도"),
    Pattern("a worry", Scope.AFTER_MENTION, (word(WORRY_ENDINGS, "EC"),), Meaning.ASIDE,
            "눈 따가울까 봐 걱정했는데"),
    Pattern("an expectation", Scope.AFTER_MENTION,
            (word(tags="ETM"), word(EXPECTATION_NOUN, "NNB")),
            Meaning.ASIDE, "끈적일 줄 알았는데"),
    Pattern("a possibility", Scope.AFTER_MENTION,
            (word(FUTURE_ENDINGS, "ETM"), word(POSSIBILITY_NOUNS, "NNB")), Meaning.ASIDE,
            "따가울 수도 있어요"),
))
# What stands before a mention in a clause about another product, nearest first; a word no
# row names is passed over.
BEFORE_MENTION = Rows((
    # "면" does not end it: "다른 선크림 쓰면 눈물 나는데"
    Pattern("a clause break", Scope.BEFORE_MENTION, (word(tags=CLAUSE_BREAK_TAGS, unless="면"),),
            Meaning.REPORT, "다른 건 별로였고 이건 따가워요"),
    Pattern("a comparison", Scope.BEFORE_MENTION, (word("보다", "JKB"),), Meaning.REPORT,
            "다른 제품보다 덜 끈적여요"),
    Pattern("another product", Scope.BEFORE_MENTION, (word(OTHER_DETERMINERS, "MM"),),
            Meaning.ASIDE, "다른 선크림은 눈 시린데"),
    Pattern("a product used before", Scope.BEFORE_MENTION, (word("쓰"), word(PAST_HABIT, "ETM")),
            Meaning.ASIDE, "전에 쓰던 건 따가웠는데", at=-1),
    Pattern("a predicate of its own", Scope.BEFORE_MENTION, (word(tags=VERBS, unless="쓰"),),
            Meaning.REPORT, "다른 건 몰라도 끈적여요"),
))
_CLAIM_GOES_ON = Either((word(CLAIM_NOUNS | {"하"}), word(tags=("EP", "XSV"))), least=0,
                        most=None)
# How a claim the review sets against what the reviewer found is quoted.
QUOTES = Rows((
    Pattern("a claim heard", Scope.QUOTE,
            (word(QUOTATIVE_ADNOMINALS, "ETM"), word(CLAIM_NOUNS), word("에", "JKB")),
            Meaning.ASIDE, "무향이라는 말에 샀는데"),
    Pattern("a claim proved wrong", Scope.QUOTE, (word(QUOTED_CONTRASTS, "EC"), word()),
            Meaning.ASIDE, "무향이라더니 냄새 나요"),
    # Kiwi's "-는 데" / "-던 데" for "-는데" / "-던데"
    Pattern("a claim, then a contrast", Scope.QUOTE,
            (word(QUOTATIVE_ENDINGS, "EC"), _CLAIM_GOES_ON, word(tags="ETM"), word("데")),
            Meaning.ASIDE, "안 끈적인다고 광고하던데 끈적여요"),
    Pattern("a claim, then a contrast or a purchase", Scope.QUOTE,
            (word(QUOTATIVE_ENDINGS, "EC"), _CLAIM_GOES_ON, word(CLAIM_TURNS, "EC")),
            Meaning.ASIDE, "자극 없다고 해서 샀는데 따가워요"),
))


def aside(morphemes: Sequence[Morpheme], position: int) -> bool:
    """Whether the mention at `position` is about another product, an expectation or a
    possibility rather than a report on this product."""
    return _about_another_product(morphemes, position) or _after_predicate(morphemes, position)


def quoted_claim(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"무향이라고 했는데", "순하다고 해서 샀는데", "무향이라는 말에 샀는데": a claim the
    review sets against what the reviewer found, denied or not, reports nothing. What others
    say of the product itself ("향 좋다고 함") still counts."""
    head = head_predicate(morphemes, position)
    j = (head if head is not None else position) + 1
    while j < len(morphemes) and morphemes[j].tag in ("VCP", "EP", "XSV", "XSA"):
        j += 1
    return first_match(morphemes, j, QUOTES) is not None


def _about_another_product(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"다른 선크림은 눈 시린데", "전에 쓰던 건 따가웠는데": the clause is about another product.

    A predicate between the product and the mention ends the aside ("다른 건 몰라도 끈적여요").
    """
    for j in range(position - 1, max(-1, position - 1 - LOOKBACK), -1):
        found = first_match(morphemes, j, BEFORE_MENTION)
        if found is not None:
            return found[0].meaning is Meaning.ASIDE
    return False


def _after_predicate(morphemes: Sequence[Morpheme], position: int) -> bool:
    """Whether the mention's predicate goes on as a past habit ("나던"), the situation of use
    ("따가울 때"), an expectation ("-ㄹ 줄 알았는데", "-ㄹ까 봐") or a possibility ("-ㄹ 수도")."""
    head = head_predicate(morphemes, position)
    if head is None or (head != position and morphemes[head].form not in OCCURRENCE_VERBS):
        return False  # "무자극 딱 원하던 로션": the predicate is not about the trait
    j = head + 1
    while j < len(morphemes) and (morphemes[j].tag in AUXILIARIES | PREDICATE_SUFFIXES or (
            morphemes[j].form in ("어", "아") and j + 1 < len(morphemes)
            and morphemes[j + 1].tag == "VX")):
        j += 1  # "뒤집어졌을": 어 + 지 + 었
    found = first_match(morphemes, j, AFTER_MENTION)
    return found is not None and found[0].meaning is Meaning.ASIDE


def _warned(morphemes: Sequence[Morpheme], start: int, end: int) -> bool:
    return any(m.form in WARNINGS for m in morphemes[start + 1:start + 6])


# After a trait's predicate, how a wish goes on: "눈만 안 시리면", "끈적이지만 않으면".
WISHES = Rows((
    Pattern("a condition", Scope.AFTER_MENTION, (word(CONDITIONAL_ENDINGS, "EC"),), Meaning.ASIDE,
            "눈만 안 시리면 재구매했을 듯.."),
    Pattern("endings, auxiliaries and particles", Scope.AFTER_MENTION,
            (Either((word(tags=("EP", "VX", "JX")), word("지"))),), Meaning.SKIPPED,
            "끈적이지만 않으면 좋을 텐데"),
))
# After a trait's predicate, a dislike that is the condition of a warning.
WARNINGS_IF_DISLIKED = Rows((
    # "별로면": 별로 + 이 + 면
    Pattern("a dislike as the condition of a warning", Scope.AFTER_MENTION,
            (word(CONDITIONAL_DISLIKES, STANCE_WORDS), word(tags="VCP", least=0),
             word(CONDITIONAL_ENDINGS, "EC")),
            Meaning.ASIDE, "번들거리는 거 싫으면 패스", when=_warned),
    Pattern("a dislike", Scope.AFTER_MENTION, (word(CONDITIONAL_DISLIKES, STANCE_WORDS),),
            Meaning.REPORT, "번들거리는 거 싫으면 강추해요"),
    Pattern("what nominalises the trait", Scope.AFTER_MENTION,
            (word(tags=PARTICLES | {"ETM", "NNB", "EP"}),), Meaning.SKIPPED, "향 강한 게 별로면 비추"),
))


def wished_away(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"눈만 안 시리면 재구매했을 듯", "끈적이지만 않으면 좋을 텐데": a denial in a condition
    is a wish, so the product has the trait. So is a dislike in one: "번들거리는 거 싫으면
    패스" warns that it has the trait ("향 싫으면 강추" does not)."""
    head = head_predicate(morphemes, position)
    if head is None:
        return False
    return any(decided is not None and decided.meaning is Meaning.ASIDE
               for decided in (scan(morphemes, head + 1, head + 6, WARNINGS_IF_DISLIKED),
                               scan(morphemes, head + 1, head + 6, WISHES)))
