"""Domain values of the shop: products, reviews and search results."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Review:
    """One shopper's review of a product."""

    text: str
    rating: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Product:
    """A catalog product with its reviews, text kept exactly as given."""

    product_id: str
    name: str
    brand: str
    category: str
    price: int
    rating: float
    description: str
    reviews: tuple[Review, ...] = ()
    url: str = ""        # the shop's product page (http or https), "" when the catalog has none
    image_url: str = ""  # a product photo (http or https), "" when the catalog has none

    @property
    def listing_text(self) -> str:
        """The product's own words, embedded as one document."""
        return f"{self.brand} {self.name} ({self.category}). {self.description}".strip()

    def to_dict(self, *, reviews: bool = True) -> dict[str, Any]:
        """Plain JSON-ready fields; `reviews=False` leaves the reviews out (a result's card)."""
        values = asdict(self)
        if not reviews:
            del values["reviews"]
        return values


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a product matched: the review (or listing) text that supports it best."""

    text: str
    source: str  # "review" or "listing"
    review_rating: int | None = None
    similarity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A product found for a query, with its score and the evidence behind it."""

    product: Product
    score: float
    evidence: Evidence | None
    mode: str

    def to_dict(self) -> dict[str, Any]:
        """The product's listing (not its reviews), score, search type and quoted evidence."""
        return {"product": self.product.to_dict(reviews=False), "score": self.score,
                "mode": self.mode,
                "evidence": self.evidence.to_dict() if self.evidence is not None else None}


@dataclass(frozen=True, slots=True)
class SearchResponse:
    """What a search returns: ranked products plus what was understood of the query."""

    query: str
    results: tuple[SearchResult, ...]
    mode: str
    categories: tuple[str, ...] = ()
    # notice codes: engine.notices.Notice members (a caller may add codes of its own)
    notices: tuple[str, ...] = field(default_factory=tuple)
    index_version: str = ""
    skipped_categories: tuple[str, ...] = ()  # filter categories the index does not have
    # Nothing in the catalog fits the query (gibberish, another domain, a line the shop does
    # not carry): `results` is empty, and `unknown_words` are the query's words no product uses.
    nothing_fits: bool = False
    unknown_words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready fields; notices are their code strings."""
        return {"query": self.query, "mode": self.mode,
                "results": [result.to_dict() for result in self.results],
                "categories": list(self.categories),
                "notices": [str(notice) for notice in self.notices],
                "index_version": self.index_version,
                "skipped_categories": list(self.skipped_categories),
                "nothing_fits": self.nothing_fits, "unknown_words": list(self.unknown_words)}
