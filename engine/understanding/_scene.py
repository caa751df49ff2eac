"""Scene-setting category words: "아이섀도가 눈가 주름에 껴요" names an eyeshadow but asks for
something else (an eye cream, a primer), while "선크림 추천" asks for the sunscreen it names.

Kiwi's parse tells the two roles apart. A category noun is the *scene* when it is the subject,
topic or object of a clause that reports what happens or happened ("아이섀도가 … 껴요",
"왁스 바른 날", "선크림 바르면 …", "파운데이션 바르기 전부터"): its clause ends in a connective,
a sentence end, a nominal ending or an adnominal one on a noun that is not a product ("바른
날", "지울 때"). It is the *product wanted* when it heads the request: at the end of the query,
before a request noun or another noun, described by a clause before it ("안 뜨는 쿠션"), or
asked about ("세안제 뭐 써요", "쿠션 없나요", "… 중에", "… 써보고 싶은데"). When every category the
query names only sets the scene and the query ends by asking for "one" ("… 눈 안 시린 걸로",
"… 트러블 안 일으키는 거 있나요"), that "one" is a product of the kind named: it is wanted,
unless the query names a problem for it to fix ("클렌징오일 바꾸고나서 좁쌀 올라옴 진정시킬거").
Body parts that name a category ("입술", "두피") name where a product is used, never a scene.
"""

from __future__ import annotations

from typing import Sequence

from engine.keyword import Morpheme
from engine.understanding._categories import CategoryMention, REQUEST_NOUNS
from engine.understanding._negation import negated_positions
from engine.understanding._tags import (NOMINALISING_ENDINGS, NOUNS, PARTICLES, PREDICATES,
                                        PREDICATE_SUFFIXES, SENTENCE_ENDS)

# Particles after which a category noun starts a clause of its own: subject, topic, object,
# instrument ("쉐이빙폼으로 면도하고"). A coordinating one ("쿠션이나 파데") lists products.
CLAUSE_PARTICLES = PARTICLES - {"JC", "JKG"}
# What may stand between the noun and its clause's predicate ("아이섀도가 눈가 주름에 껴요").
CLAUSE_FILLERS = NOUNS | PARTICLES | {"NNB", "NP", "MAG", "MM", "SN", "NR", "XSN", "XPN", "SP"}
# Bound nouns a query asks for a product by ("안 뜨는 거", "눈 안 시린 걸로"); Kiwi sometimes
# tags the contracted 걸 as a common noun.
PRONOUN_NOUNS = frozenset({"거", "것", "걸"})
# "쿠션 중에": the noun names the set the shopper chooses from.
CHOOSING_NOUNS = frozenset({"중"})
# Predicates that ask for the product their subject or object names: 쿠션 없나요, 토너 찾아요.
ASKING_PREDICATES = frozenset({"있", "없", "찾", "주", "원하", "구하", "사", "고르", "추천"})
INTERROGATIVES = frozenset({"뭐", "머", "뭘", "무슨", "어떤", "어느", "어디", "뭔"})
WISHING_AUXILIARIES = frozenset({"싶"})     # 써보고 싶은데: a product the shopper wants to try
CHAIN_CONTINUES = frozenset({"VX", "EP", "XSV", "XSA"})
CONNECTIVES = frozenset({"EC"})


def scene_categories(morphemes: Sequence[Morpheme], mentions: Sequence[CategoryMention],
                     places: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The catalog categories the query names only as the scene of what it reports; a
    category any of whose mentions is wanted stays wanted. A body part in `places` says
    neither: a category it alone names stays as it is."""
    if not morphemes:
        return ()
    wanted: set[str] = set()
    scene: dict[str, None] = {}
    for mention in mentions:
        if mention.word in places:
            continue
        if not sets_the_scene(morphemes, mention):
            wanted.add(mention.category)
        else:
            scene[mention.category] = None
    found = tuple(c for c in scene if c not in wanted)
    if found and not wanted and asks_for_one(morphemes) and not asks_for_remedy(morphemes):
        return ()
    return found


def sets_the_scene(morphemes: Sequence[Morpheme], mention: CategoryMention) -> bool:
    """Whether a category noun is the subject, topic or object of a clause that reports what
    happens, rather than the product the query asks for."""
    before = [m for m in morphemes if m.start + max(m.length, 1) <= mention.start]
    if before and before[-1].tag in NOMINALISING_ENDINGS - {"ETN"}:
        return False  # described by the clause before it: "하얗게 뜨는 선크림"
    after = [m for m in morphemes if m.start >= mention.end]
    while after and after[0].tag == "XSN":  # 세안 + 제
        after = after[1:]
    if not after or after[0].tag in NOUNS | {"NNB", "JC", "JKG", "SF"}:
        return False  # the request's head, a modifier of the next noun, or one of a list
    if after[0].tag in CLAUSE_PARTICLES:
        after = after[1:]
    elif after[0].tag not in PREDICATES | PREDICATE_SUFFIXES | {"MAG", "NP", "IC"}:
        return False
    return _clause_reports(after)


def _clause_reports(following: Sequence[Morpheme]) -> bool:
    """Whether the clause that starts at `following` ends by reporting (a connective, a
    sentence end, a nominal ending, an adnominal one on a noun of time or place) rather than
    by asking for a product."""
    at = 0
    while at < len(following) and following[at].tag in CLAUSE_FILLERS:
        word = following[at]
        if word.form in INTERROGATIVES or (word.tag in NOUNS | {"NNB"} and (
                word.form in REQUEST_NOUNS or word.form in CHOOSING_NOUNS)):
            return False
        at += 1
    if at == len(following) or following[at].tag not in PREDICATES | PREDICATE_SUFFIXES \
            | {"IC"}:
        return False
    if following[at].form in ASKING_PREDICATES or following[at].form in INTERROGATIVES:
        return False
    for i in range(at + 1, len(following)):
        word = following[i]
        if word.tag in CHAIN_CONTINUES:
            if word.form in WISHING_AUXILIARIES:
                return False
            continue
        if word.tag in CONNECTIVES:
            if i + 1 < len(following) and following[i + 1].tag == "VX":
                continue  # 써 보다, 지워 지다: the clause goes on
            return True
        if word.tag == "ETM":
            head = following[i + 1] if i + 1 < len(following) else None
            return head is not None and head.form not in PRONOUN_NOUNS \
                and head.form not in REQUEST_NOUNS
        return word.tag in SENTENCE_ENDS or word.tag == "ETN"
    return True


def asks_for_one(morphemes: Sequence[Morpheme]) -> bool:
    """Whether the query's last noun is "거"/"것" (after it only particles, predicates, endings
    and request nouns): it asks for one product of a kind already named."""
    for word in reversed(morphemes):
        if word.form in PRONOUN_NOUNS and word.tag in NOUNS | {"NNB"}:
            return True
        if word.tag in NOUNS | {"NNB", "NP"} and word.form not in REQUEST_NOUNS:
            return False
    return False


def asks_for_remedy(morphemes: Sequence[Morpheme]) -> bool:
    """Whether the query names a problem only as one a product should fix ("좁쌀 올라옴
    진정시킬거"): the "one" it asks for has that job, it is not a better product of the
    scene's kind."""
    fixed = set(negated_positions(morphemes)) - set(negated_positions(morphemes, remedies=False))
    return bool(fixed)
