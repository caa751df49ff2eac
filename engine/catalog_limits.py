"""Size limits of catalog fields: free text past its limit is cut with a warning, a name refused.

The defaults sit far above anything a real shop writes (the sample and evaluation catalogs peak at
138 characters a review, 101 a description, 30 a name, 12 reviews a product), so only a broken
export crosses them. Why cut some and refuse others is in docs/catalog.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable

from engine.errors import CatalogError
from engine.models import Product, Review


@dataclass(frozen=True)
class CatalogLimits:
    """Largest accepted size of each catalog field; `Settings.catalog_limits` holds the shop's."""

    review_chars: int = 5_000          # longer: cut, warned (CATALOG_MAX_REVIEW_CHARS)
    description_chars: int = 10_000    # longer: cut, warned (CATALOG_MAX_DESCRIPTION_CHARS)
    reviews_per_product: int = 5_000   # more: the first ones kept, warned
    name_chars: int = 200              # name, brand, category longer: refused


@dataclass(frozen=True)
class FieldPlace:
    """Where a product's fields are in its file, for messages: JSONL or CSV spelling."""

    source: str
    line: int
    review_lines: tuple[int, ...] = ()  # CSV: the row of each review; JSONL: empty

    def review(self, index: int) -> tuple[int, str]:
        if self.review_lines:
            return self.review_lines[index], "review_text"
        return self.line, f"reviews[{index}].text"


def bounded_product(product: Product, limits: CatalogLimits, place: FieldPlace,
                    warn: Callable[[str], None]) -> Product:
    """`product` within `limits`: long texts and review lists cut (each cut warned about), or
    `CatalogError` for a name, brand or category past its limit."""
    for name in ("name", "brand", "category"):
        size = len(getattr(product, name))
        if size > limits.name_chars:
            raise CatalogError(
                f"{size:,} characters, more than the {limits.name_chars:,} allowed "
                "(CATALOG_MAX_NAME_CHARS): is another column's text in this one?",
                path=place.source, line=place.line, field=name)
    description = product.description
    if len(description) > limits.description_chars:
        description = cut_text(description, limits.description_chars)
        warn(_cut_warning(place.source, place.line, "description", len(product.description),
                          len(description), "CATALOG_MAX_DESCRIPTION_CHARS"))
    reviews = list(product.reviews)
    if len(reviews) > limits.reviews_per_product:
        warn(f"{place.source}:{place.line}: product {product.product_id!r} has "
             f"{len(reviews):,} reviews: only the first {limits.reviews_per_product:,} are "
             "indexed (CATALOG_MAX_REVIEWS_PER_PRODUCT)")
        reviews = reviews[:limits.reviews_per_product]
    for index, review in enumerate(reviews):
        if len(review.text) > limits.review_chars:
            text = cut_text(review.text, limits.review_chars)
            line, field = place.review(index)
            warn(_cut_warning(place.source, line, field, len(review.text), len(text),
                              "CATALOG_MAX_REVIEW_CHARS"))
            reviews[index] = Review(text=text, rating=review.rating)
    if description is product.description and len(reviews) == len(product.reviews) and all(
            new is old for new, old in zip(reviews, product.reviews)):
        return product
    return replace(product, description=description, reviews=tuple(reviews))


def cut_text(text: str, limit: int) -> str:
    """The first `limit` characters, ended at a space when one is near the end."""
    cut = text[:limit]
    space = cut.rfind(" ", limit - limit // 10)
    at_space = cut[:space].rstrip() if space > 0 else ""
    return at_space if at_space.strip() else cut


def _cut_warning(source: str, line: int, field: str, before: int, after: int,
                 setting: str) -> str:
    return (f"{source}:{line}: field '{field}': {before:,} characters, cut to the first "
            f"{after:,} ({setting})")
