"""Local Korean negation: is a word said to be absent, or present, where it stands?

Works on kiwipiepy morphemes and covers the usual ways a shopper or reviewer denies a trait:
"향 없는" / "백탁 1도 없고" (X 없다), "안 끈적이는" / "못 느꼈" (안·못·덜 + predicate),
"기름지지 않는" (-지 않다), "무향" / "노향" (무-·노- prefix), "끈적임 제로", "시커매지는 거 없는"
(-는 거 없다), "따가운 적이 한 번도 없어요" / "시릴 걱정 없어요" / "끈적이는 느낌 없이" (a holder
noun denied), "각질 부각되는 거 싫어요" / "향 강한 건 별로" / "끈적이는 거 말고" (a dislike),
"백탁 있으면 안 돼요" (must not), "자극 적은" / "향이 약한" / "향료 뺀" / "덜 끈적한" (little of it),
a double negation that cancels ("향 없는 건 싫어요"), and remedies that make a trait go away
("각질 잘 잡아주고", "좁쌀이 줄었어요", "당김이 사라졌어요").
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme

NEGATING_ADVERBS = frozenset({"안", "못", "덜"})
NEGATING_AUXILIARIES = frozenset({"않", "못", "말"})
# "적은", "약한", "뺀" say there is little or none of it, like "없는".
ABSENCE_WORDS = frozenset({"없", "없이", "제로", "전무", "적", "약하", "빼"})
# "…는 건 별로", "…는 거 말고", "…나는 건 질색", "…는 건 두통 와요", "…는 건 피하고 싶어요"
DISLIKE_WORDS = frozenset({"싫", "별로", "말", "질색", "극혐", "두통", "피하", "싫어하", "노노",
                           "사양", "사절"})
PRODUCT_REFUSALS = DISLIKE_WORDS - {"말"} | {"패스", "그만"}
CONDITIONAL_ENDINGS = frozenset({"면", "으면"})
ABSENCE_PREFIXES = frozenset({"무", "노", "논", "저"})  # 저자극: little of it
# Predicates that make a trait go away: the trait is then reported as absent.
REMEDIES = frozenset({"잡", "줄", "줄어들", "없애", "사라지", "가라앉", "빼", "덜하", "개선", "완화",
                      "해결", "잠재우", "막", "진정", "잡히", "덜", "정리"})
PREDICATE_TAGS = frozenset({"VV", "VA", "XR"})
AUXILIARY_TAGS = frozenset({"VX", "EP"})
SKIPPABLE_BEFORE_HEAD = frozenset({"JKS", "JKO", "JKB", "JX", "JKG", "SN", "NR", "XSN", "NNB"})
NOMINAL_HOLDERS = frozenset({"거", "것", "게", "걸", "점", "부분"})
DEMONSTRATIVES = frozenset({"그런", "이런", "저런"})
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


def is_negated(morphemes: Sequence[Morpheme], position: int, remedies: bool = True) -> bool:
    """Whether the word at `position` is denied, removed or disliked in its own clause.

    With `remedies=False`, a trait that something fixes ("땅기는 거 잡아줄") does not count:
    a shopper asking for a fix is not asking for reviews that never mention the problem.
    """
    if _has_absence_prefix(morphemes, position):
        return True
    head = head_predicate(morphemes, position)
    if head is None:
        return False
    if morphemes[head].form in ABSENCE_WORDS and _asks_a_question(morphemes, head):
        return False  # "보습템 없나요?" asks whether one exists
    removers = ABSENCE_WORDS | REMEDIES if remedies else ABSENCE_WORDS
    if _is_exception(morphemes, head):
        return False  # "향 빼고는 다 좋아요": everything but the trait is fine
    if morphemes[head].form in removers and head != position:
        # "지속력 약한 건 싫어요", "향 없는 건 별로": the absence itself is unwanted
        return not _predicate_is_negated(morphemes, head, removers)
    return _predicate_is_negated(morphemes, head, removers)


def sets_situation(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"샤워 못 할 때 쓸 거": the denial describes when the product is used, not what it lacks."""
    head = head_predicate(morphemes, position)
    if head is None:
        return False
    j = _after_auxiliaries(morphemes, head + 1)
    return j + 1 < len(morphemes) and morphemes[j].tag == "ETM" \
        and morphemes[j + 1].form == SITUATION_NOUN


def states_problem(morphemes: Sequence[Morpheme], position: int) -> bool:
    """"정리가 안 돼요": a light verb denied in a plain statement tells the shopper's problem."""
    head = head_predicate(morphemes, position)
    if head is None or morphemes[head].form not in LIGHT_PREDICATES:
        return False
    j = _after_auxiliaries(morphemes, head + 1)
    return j < len(morphemes) and morphemes[j].tag == "EF" \
        and morphemes[j].form not in QUESTION_ENDINGS


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


def _asks_a_question(morphemes: Sequence[Morpheme], head: int) -> bool:
    following = morphemes[head + 1] if head + 1 < len(morphemes) else None
    return following is not None and following.form in QUESTION_ENDINGS


def negated_positions(morphemes: Sequence[Morpheme], remedies: bool = True) -> list[int]:
    """Positions of content words that are denied where they stand (negators themselves excluded).

    Adverbs count: a mimetic one names the trait of its predicate ("끈적끈적 남는 앰플은 별로",
    "따끔거리는": 따끔 + -거리다)."""
    return [i for i, m in enumerate(morphemes)
            if m.tag in ("NNG", "NNP", "VV", "VA", "XR", "SL", "MAG")
            and m.form not in ABSENCE_WORDS | NEGATING_AUXILIARIES | DISLIKE_WORDS
            | NEGATING_ADVERBS
            and not (m.form in ABSENCE_PREFIXES and _is_prefix_of_next(morphemes, i))
            and is_negated(morphemes, i, remedies)]


def _has_absence_prefix(morphemes: Sequence[Morpheme], position: int) -> bool:
    if position == 0 or morphemes[position].tag not in ("NNG", "NNP"):
        return False
    prefix = morphemes[position - 1]
    return prefix.form in ABSENCE_PREFIXES and _is_prefix_of_next(morphemes, position - 1)


def _is_prefix_of_next(morphemes: Sequence[Morpheme], position: int) -> bool:
    if position + 1 >= len(morphemes):
        return False
    here, following = morphemes[position], morphemes[position + 1]
    return (here.tag in ("XPN", "NNG") and following.tag in ("NNG", "NNP")
            and here.start + here.length == following.start)


def head_predicate(morphemes: Sequence[Morpheme], position: int) -> int | None:
    """The predicate that says something about the word: itself, or the next one in its clause."""
    here = morphemes[position]
    if here.tag in PREDICATE_TAGS:
        return position
    nxt = position + 1
    if nxt < len(morphemes) and morphemes[nxt].tag in ("XSV", "XSA"):
        return position  # 부각(되다), 건조(하다): the noun is the predicate's stem
    for j in range(position + 1, min(len(morphemes), position + 1 + MAX_GAP)):
        m = morphemes[j]
        if m.form in ABSENCE_WORDS or m.form in NEGATING_ADVERBS:
            return j if m.form in ABSENCE_WORDS else _next_predicate(morphemes, j)
        if m.tag in PREDICATE_TAGS:
            return j
        if m.tag == "MAG" or m.tag in SKIPPABLE_BEFORE_HEAD:
            continue
        if m.tag == "NNG" and j + 1 < len(morphemes) and morphemes[j + 1].form == "보다":
            continue  # "자극이 생각보다 적었어요"
        if m.tag == "JC" and j + 1 < len(morphemes):
            continue  # 향료와 알코올을 뺀: coordinated nouns share the predicate
        if m.tag in ("NNG", "NNP") and morphemes[j - 1].tag == "JC":
            continue
        if m.tag in ("NNG", "NNP") and j + 1 < len(morphemes) and morphemes[j + 1].tag in ("XSV", "XSA"):
            return j
        return None
    return None


def _next_predicate(morphemes: Sequence[Morpheme], start: int) -> int | None:
    if start + 1 < len(morphemes) and morphemes[start + 1].tag in ("XSV", "XSA"):
        return start + 1  # "덜 하다": the adverb and the light suffix make the predicate
    if start + 1 < len(morphemes) and morphemes[start + 1].form == "나" \
            and morphemes[start + 1].tag == "NP":
        return start + 1  # Kiwi reads "안 나는 선크림" as 안 + 나 (I) + 는
    for j in range(start + 1, min(len(morphemes), start + 3)):
        if morphemes[j].tag in PREDICATE_TAGS or (
                morphemes[j].tag in ("NNG", "NNP") and j + 1 < len(morphemes)
                and morphemes[j + 1].tag in ("XSV", "XSA")):
            return j
    return None


def _predicate_is_negated(morphemes: Sequence[Morpheme], head: int,
                          removers: frozenset[str] = ABSENCE_WORDS | REMEDIES) -> bool:
    if head > 0 and morphemes[head - 1].form in NEGATING_ADVERBS and morphemes[head - 1].tag == "MAG":
        return True
    j = _after_auxiliaries(morphemes, head + 1)
    if j + 1 < len(morphemes) and morphemes[j].form == "지" and morphemes[j].tag == "EC":
        k = j + 1
        if morphemes[k].tag == "JX" and k + 1 < len(morphemes):
            k += 1
        return morphemes[k].form in NEGATING_AUXILIARIES
    if _must_not(morphemes, j):
        return True
    if j < len(morphemes) and morphemes[j].form == "게" and morphemes[j].tag == "EC":
        following = _next_predicate(morphemes, j)
        if following is not None and following != head:
            return _predicate_is_negated(morphemes, following, removers)
    if j < len(morphemes) and (morphemes[j].tag in ("ETM", "ETN") or (
            morphemes[j].tag in ("EC", "EF") and morphemes[j].form in NOMINAL_ENDINGS)):
        likened = _simile_predicate(morphemes, j + 1) if morphemes[j].tag == "ETM" else None
        if likened is not None:
            return _predicate_is_negated(morphemes, likened, removers)
        return _holder_is_denied(morphemes, j + 1, removers)
    return False


def _simile_predicate(morphemes: Sequence[Morpheme], j: int) -> int | None:
    """"기름진 얼굴처럼 보이는 선크림 질색", "가면 쓴 것 같은 선크림 말고": the trait describes a
    likeness, and the predicate of the likeness ("보이는", "같은") carries the denial on."""
    k = j
    while k < len(morphemes) and k < j + 2 and morphemes[k].tag in ("NNG", "NNB"):
        k += 1
    if k == j or k >= len(morphemes):
        return None
    if morphemes[k].form == "같" and morphemes[k].tag == "VA":
        return k  # "쓴 것 같은"
    if morphemes[k].form in SIMILE_PARTICLES and morphemes[k].tag == "JKB" \
            and k + 1 < len(morphemes) and morphemes[k + 1].tag in ("VV", "VA"):
        return k + 1  # "얼굴처럼 보이는", "도자기처럼 되는"
    return None


def _is_exception(morphemes: Sequence[Morpheme], k: int) -> bool:
    """"끈적이는 거 말고는", "향 빼고는": "all but this", which says the trait is there."""
    return (k + 2 < len(morphemes) and morphemes[k].form in ("말", "빼")
            and morphemes[k + 1].form == "고" and morphemes[k + 1].tag == "EC"
            and morphemes[k + 2].tag == "JX" and morphemes[k + 2].form in ("는", "ᆫ"))


def _must_not(morphemes: Sequence[Morpheme], j: int) -> bool:
    """"…있으면 안 돼요": the condition must not hold."""
    return (j + 2 < len(morphemes) and morphemes[j].tag == "EC"
            and morphemes[j].form in CONDITIONAL_ENDINGS
            and morphemes[j + 1].form == "안" and morphemes[j + 1].tag == "MAG"
            and morphemes[j + 2].form == "되")


def _after_auxiliaries(morphemes: Sequence[Morpheme], j: int) -> int:
    """Skip 'XSV/XSA', '-어 지', '-어 주' and tense endings that follow a predicate stem."""
    while j < len(morphemes):
        m = morphemes[j]
        if m.tag in ("XSV", "XSA") or m.tag in AUXILIARY_TAGS:
            j += 1
        elif m.tag == "EC" and m.form in ("어", "아") and j + 1 < len(morphemes) \
                and morphemes[j + 1].tag == "VX" and morphemes[j + 1].form not in NEGATING_AUXILIARIES:
            j += 2
        else:
            return j
    return j


def _product_refused(morphemes: Sequence[Morpheme], j: int) -> bool:
    """"떡지는 파데는 사양할게요", "끈적이는 크림은 별로", "칙칙해지는 쿠션 이제 그만": the
    product the trait describes is turned down."""
    k = j
    while k < len(morphemes) and k < j + 2 and morphemes[k].tag in ("NNG", "NNP") \
            and morphemes[k].form not in PRODUCT_REFUSALS:
        k += 1  # the product noun, perhaps split (선 + 크림)
    if k == j:
        return False
    while k < len(morphemes) and (morphemes[k].tag.startswith("J") or (
            morphemes[k].tag == "MAG" and morphemes[k].form not in PRODUCT_REFUSALS)):
        k += 1  # "파데는", "쿠션 이제"
    if k + 1 < len(morphemes) and morphemes[k].form == "되" and morphemes[k - 1].form == "안" \
            and morphemes[k - 1].tag == "MAG":
        return True  # "눈 따가운 선스틱은 절대 안 돼요"
    return k < len(morphemes) and morphemes[k].form in PRODUCT_REFUSALS \
        and morphemes[k].tag in ("NNG", "MAG", "VA", "VV")


def _holder_is_denied(morphemes: Sequence[Morpheme], j: int, removers: frozenset[str]) -> bool:
    """'…는 거 없는', '…는 게 싫어요', '…는 거 잡아줄', '…운 적이 한 번도 없어요': the
    nominalised trait is denied."""
    if _product_refused(morphemes, j):
        return True
    if j < len(morphemes) and (morphemes[j].form in NOMINAL_HOLDERS or (
            morphemes[j].form in EVENT_HOLDERS and morphemes[j].tag in ("NNB", "NNG"))):
        j += 1  # not 적/VA: "끈적임 적음" says little of it
    conjoined = False
    for k in range(j, min(len(morphemes), j + HOLDER_WINDOW)):
        m = morphemes[k]
        if m.form in removers | DISLIKE_WORDS and m.tag in ("VA", "VV", "MAG", "NNG") \
                and not (m.form == "말" and m.tag == "NNG"):  # 말 (word), not 말다
            if m.form in ABSENCE_WORDS and _asks_a_question(morphemes, k):
                return False  # "순한 거 없나요?" asks for one
            return not _is_exception(morphemes, k)
        if m.form == "데" and m.tag == "NNB":
            return False  # Kiwi's "-는 데" is the connective -는데: the clause ends here
        if m.form in NEGATING_ADVERBS and m.tag == "MAG" and k + 1 < len(morphemes) \
                and morphemes[k + 1].tag in ("VV", "VA"):
            return True  # "따갑다는 말 안 해요", "끈적이는 게 안 느껴져요"
        if m.tag.startswith("J") or m.tag in SKIPPABLE_BEFORE_DENIAL:
            conjoined = m.tag == "JC"
            continue
        if conjoined and m.tag in ("NNG", "NNP", "XSN"):
            continue  # "가려움이랑 기름기 줄었어요": coordinated nouns share the predicate
        return False
    return False


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
    return _holder_is_denied(morphemes, position + 1, ABSENCE_WORDS)
