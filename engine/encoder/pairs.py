"""Training examples for tuning the encoder, made from the catalog alone (no hand labels).

A shopper's query reads like a review sentence that states a need ("세안 후 얼굴이 땅겨요"),
and the product that meets it is the one whose *other* reviews praise the same concern. So each
example is a triplet (query, positive passage, hard negative passage):

- query: one sentence of a review, rated well, that names a concern of the concern dictionary
  ("건조·당김", "향", ...), its words not denied;
- positive: another well-rated review of the same product that names the same concern;
- hard negative: a review of another product of the same category that names the same concern
  in a low-rated review (the opposite polarity: "여전히 건조해요"), or failing that any review of
  a same-category product that does not name it (the near miss a stock encoder confuses).

A product's listing (name and description) is also a query for its best-rated reviews, with
a same-category product's review as the negative: the listing is what the shop says, the review
what the shopper confirms. Everything here is pure apart from the analyser passed in.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

from engine.catalog import Catalog
from engine.keyword import Morpheme
from engine.models import Product
from engine.ranking.params import GOOD_RATING
from engine.sentences import morphemes_in, sentence_spans
from engine.understanding import ConcernLexicon
from engine.understanding._concerns import query_concerns

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
LOW_RATING = 2        # a review rated this or lower complains
MIN_QUERY_CHARS = 8   # "좋아요." says nothing a shopper would search for
MAX_PER_PRODUCT = 12  # keeps a product with many reviews from owning the training set

Analyzer = Callable[[str], Sequence[Morpheme]]


@dataclass(frozen=True)
class Triplet:
    query: str
    positive: str
    negative: str

    def texts(self) -> tuple[str, str, str]:
        """The three texts with e5's prefixes, as the served model reads them."""
        return (QUERY_PREFIX + self.query, PASSAGE_PREFIX + self.positive,
                PASSAGE_PREFIX + self.negative)


@dataclass(frozen=True)
class _Said:
    """One review, with the concerns each of its sentences names."""
    product: int
    text: str
    rating: int
    sentences: tuple[tuple[str, frozenset[str]], ...]

    @property
    def concerns(self) -> frozenset[str]:
        return frozenset().union(*(named for _, named in self.sentences))


def training_triplets(catalog: Catalog, analyze: Analyzer, concerns: ConcernLexicon,
                      seed: int = 0, listings: bool = True) -> list[Triplet]:
    """Triplets in a shuffled order that depends only on `seed` and the catalog."""
    rng = random.Random(seed)
    reviews = [_said(index, review.text, review.rating, analyze, concerns)
               for index, product in enumerate(catalog.products) for review in product.reviews]
    by_product: dict[int, list[_Said]] = defaultdict(list)
    for said in reviews:
        by_product[said.product].append(said)
    same_category = _same_category(catalog.products)
    triplets: list[Triplet] = []
    for index in range(len(catalog.products)):
        others = [p for p in same_category[index] if by_product[p]]
        if not others:
            continue
        made = _concern_triplets(by_product[index], [by_product[p] for p in others], rng)
        if listings:
            made += _listing_triplets(catalog.products[index], by_product[index],
                                      [by_product[p] for p in others], rng)
        rng.shuffle(made)
        triplets += made[:MAX_PER_PRODUCT]
    rng.shuffle(triplets)
    return triplets


def _said(product: int, text: str, rating: int, analyze: Analyzer,
          concerns: ConcernLexicon) -> _Said:
    morphemes = analyze(text)
    sentences = []
    for start, stop in sentence_spans(text, morphemes):
        named = query_concerns(morphemes_in(morphemes, start, stop), concerns)
        sentences.append((text[start:stop], frozenset(named)))
    return _Said(product, text, rating, tuple(sentences))


def _concern_triplets(own: list[_Said], rivals: list[list[_Said]],
                      rng: random.Random) -> list[Triplet]:
    good = [s for s in own if s.rating >= GOOD_RATING]
    rival_reviews = [s for reviews in rivals for s in reviews]
    made = []
    for said in good:
        for sentence, named in said.sentences:
            if not named or len(sentence) < MIN_QUERY_CHARS:
                continue
            concern = rng.choice(sorted(named))
            positives = [s for s in good if s is not said and concern in s.concerns]
            if not positives:
                continue
            negative = _negative(rival_reviews, concern, rng)
            if negative is not None:
                made.append(Triplet(sentence, rng.choice(positives).text, negative))
    return made


def _negative(rival_reviews: list[_Said], concern: str, rng: random.Random) -> str | None:
    complaints = [s for s in rival_reviews if s.rating <= LOW_RATING and concern in s.concerns]
    if complaints:
        return rng.choice(complaints).text
    silent = [s for s in rival_reviews if concern not in s.concerns]
    return rng.choice(silent).text if silent else None


def _listing_triplets(product: Product, own: list[_Said], rivals: list[list[_Said]],
                      rng: random.Random) -> list[Triplet]:
    best = sorted((s for s in own if s.rating >= GOOD_RATING), key=lambda s: -s.rating)[:2]
    rival_reviews = [s for reviews in rivals for s in reviews]
    listing = f"{product.name}. {product.description}".strip()
    return [Triplet(listing, said.text, rng.choice(rival_reviews).text) for said in best]


def _same_category(products: Sequence[Product]) -> dict[int, list[int]]:
    members: dict[str, list[int]] = defaultdict(list)
    for index, product in enumerate(products):
        members[product.category].append(index)
    return {index: [p for p in members[product.category] if p != index]
            for index, product in enumerate(products)}
