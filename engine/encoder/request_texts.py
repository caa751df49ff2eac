"""Query-like training texts for the static query table, made from a catalog's own reviews.

Shoppers write short requests and complaints ("볼이 땅기지 않는 크림", "세안 후 땅겨요"),
reviews write long sentences that join several of them. Review sentences alone teach the table
few of the short word bags queries are, and a catalog has fewer sentences than the table has
rows. So each review is cut by its Kiwi morphemes into clauses (at connective and final
endings and punctuation); a clause with at least two content words is kept as it is written and
recast as a request for the product's category: its last predicate in adnominal form and the
category word ("땅기지 않고" → "볼이 땅기지 않는 크림"), or a noun clause followed by the
category word, some with "추천". Pure: the conjugation (`join`, Kiwi's) is passed in.
"""

from __future__ import annotations

import random
from typing import Callable, Iterable, Sequence

from engine.keyword import Morpheme

Join = Callable[[Sequence[tuple[str, str]]], str]

CLAUSE_END_TAGS = frozenset({"EC", "EF", "SF", "SP", "SE", "SS", "SW"})
CONTENT_TAGS = frozenset({"NNG", "NNP", "XR", "VV", "VA", "MAG", "SL"})
PREDICATE_TAGS = frozenset({"VV", "VA", "VX", "XSA", "XSV", "VCP", "VCN"})
ATTACHED_TAGS = frozenset({"VX", "XSA", "XSV", "VCP", "EC"})  # join the morpheme before them
NOUN_TAGS = frozenset({"NNG", "NNP", "XR", "SL"})
VERB_HEADS = frozenset({"VV", "XSV"})
PRESENT_ADNOMINAL_STEMS = frozenset({"있", "없"})  # adjectives taking "-는"
MIN_CONTENT, MAX_CONTENT = 2, 6


def clauses(morphemes: Sequence[Morpheme]) -> list[list[Morpheme]]:
    """Runs of morphemes between clause ends; an ending inside a predicate chain (the "지" of
    "땅기지 않") stays, and pre-final endings (past "었") close the clause's words."""
    runs: list[list[Morpheme]] = [[]]
    for i, morpheme in enumerate(morphemes):
        following = morphemes[i + 1].tag if i + 1 < len(morphemes) else ""
        if morpheme.tag in CLAUSE_END_TAGS and not (morpheme.tag == "EC" and following == "VX"):
            runs.append([])
        else:
            runs[-1].append(morpheme)
    return [_trimmed(run) for run in runs if _content_count(_trimmed(run)) >= MIN_CONTENT
            and _content_count(_trimmed(run)) <= MAX_CONTENT]


def _trimmed(run: list[Morpheme]) -> list[Morpheme]:
    """The clause up to its last content word or predicate (particles and endings dropped)."""
    if any(m.tag == "EP" for m in run):
        run = run[:next(i for i, m in enumerate(run) if m.tag == "EP")]
    while run and run[-1].tag not in CONTENT_TAGS | PREDICATE_TAGS:
        run = run[:-1]
    return run


def _content_count(run: list[Morpheme]) -> int:
    return sum(m.tag in CONTENT_TAGS for m in run)


def written(text: str, clause: Sequence[Morpheme]) -> str:
    """The clause as the review writes it (its last word's ending included)."""
    stop = clause[-1].start + clause[-1].length
    while stop < len(text) and not text[stop].isspace() and text[stop] not in ".,!?~":
        stop += 1
    return text[clause[0].start:stop].strip()


def adnominal(text: str, clause: Sequence[Morpheme], join: Join) -> str | None:
    """The clause as a noun's modifier ("볼이 땅기지 않는"), or its nouns when it ends in
    one; None when it ends otherwise (an adverb)."""
    last = clause[-1]
    if last.tag in NOUN_TAGS:
        return text[clause[0].start:last.start + last.length].strip()
    if last.tag not in PREDICATE_TAGS:
        return None
    head = len(clause) - 1
    while head > 0 and clause[head].tag in ATTACHED_TAGS:
        head -= 1
    chain = clause[head:]
    verbs = [m for m in chain if m.tag in PREDICATE_TAGS | {"XR"} and m.tag != "VX"]
    kind = verbs[0] if verbs else chain[0]
    ending = "는" if kind.tag in VERB_HEADS or kind.form in PRESENT_ADNOMINAL_STEMS \
        or (kind.tag == "XR" and any(m.tag == "XSV" for m in chain)) else "ᆫ"
    modifier = join([(m.form, m.tag) for m in chain] + [(ending, "ETM")])
    return (text[clause[0].start:chain[0].start] + modifier).strip()


def category_words(category: str) -> list[str]:
    """The words a category name offers a request ("에센스/세럼/앰플" → three)."""
    return [w.strip() for w in category.replace(">", "/").split("/") if w.strip()]


def request_texts(reviews: Iterable[tuple[str, Sequence[Morpheme], str]], join: Join,
                  seed: int = 0) -> list[str]:
    """Clauses of each (review text, its morphemes, product category) as written and recast
    as requests for that category, deduplicated, in a seeded order."""
    rng = random.Random(seed)
    out: dict[str, None] = {}
    for text, morphemes, category in reviews:
        words = category_words(category)
        for clause in clauses(morphemes):
            out.setdefault(written(text, clause))
            modifier = adnominal(text, clause, join)
            if modifier and words:
                suffix = " 추천" if rng.random() < 0.5 else ""
                out.setdefault(f"{modifier} {rng.choice(words)}{suffix}")
    texts = [t for t in out if t]
    rng.shuffle(texts)
    return texts
