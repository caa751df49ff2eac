"""The documents that get embedded: one per review and one per product listing.

Products are ordered by category, so each category's documents form one contiguous block of
rows; a category filter is then an exact scan of a slice, applied during the search.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from engine.models import Product

LISTING = -1  # review index of a product's listing document


@dataclass(frozen=True)
class Corpus:
    """Products (grouped by category) and the documents derived from them."""

    products: tuple[Product, ...]
    doc_product: np.ndarray  # int32 product row of each document
    doc_review: np.ndarray   # int32 review index within the product, or LISTING
    doc_rating: np.ndarray   # float32 star rating of each review document; NaN for a listing
    category_rows: dict[str, tuple[int, int]]  # category -> [start, stop) document rows
    product_rating: np.ndarray  # float64 rating of each product row, for the ranking prior

    @property
    def document_count(self) -> int:
        return int(self.doc_product.shape[0])

    def document_text(self, row: int) -> str:
        product = self.products[int(self.doc_product[row])]
        review = int(self.doc_review[row])
        return product.listing_text if review == LISTING else product.reviews[review].text

    def document_texts(self) -> list[str]:
        return [self.document_text(row) for row in range(self.document_count)]

    @cached_property
    def review_chars(self) -> float:
        """The median length of the catalog's reviews, in characters (0 without reviews)."""
        lengths = [len(review.text) for product in self.products for review in product.reviews]
        return float(np.median(lengths)) if lengths else 0.0

    def rows_for_categories(self, categories: tuple[str, ...]) -> np.ndarray:
        """Document rows of the given categories (unknown names contribute nothing)."""
        blocks = [np.arange(*self.category_rows[c]) for c in categories if c in self.category_rows]
        if not blocks:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate(blocks)


def build_corpus(products: tuple[Product, ...]) -> Corpus:
    """Order products by category (first appearance) and lay out their documents."""
    category_order = {c: i for i, c in enumerate(dict.fromkeys(p.category for p in products))}
    ordered = tuple(sorted(products, key=lambda p: category_order[p.category]))
    doc_product: list[int] = []
    doc_review: list[int] = []
    doc_rating: list[float] = []
    category_rows: dict[str, tuple[int, int]] = {}
    for row, product in enumerate(ordered):
        start = len(doc_product)
        doc_product.append(row)
        doc_review.append(LISTING)
        doc_rating.append(float("nan"))
        for review_index, review in enumerate(product.reviews):
            doc_product.append(row)
            doc_review.append(review_index)
            doc_rating.append(float(review.rating))
        first, _ = category_rows.get(product.category, (start, start))
        category_rows[product.category] = (first, len(doc_product))
    return Corpus(
        products=ordered,
        doc_product=np.asarray(doc_product, dtype=np.int32),
        doc_review=np.asarray(doc_review, dtype=np.int32),
        doc_rating=np.asarray(doc_rating, dtype=np.float32),
        category_rows=category_rows,
        product_rating=np.fromiter((p.rating for p in ordered), float, len(ordered)),
    )
