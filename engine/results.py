"""A ranked product as the shopper sees it: the product, its score and the quoted evidence."""

from __future__ import annotations

from engine.models import Evidence, SearchResult
from engine.ranking.quotes import quote_text
from engine.ranking.rank import RankedProduct
from engine.search_index import SearchIndex


def search_result(index: SearchIndex, hit: RankedProduct, mode: str) -> SearchResult:
    """The result for one ranked product, quoting its chosen review sentence or its listing."""
    product = index.corpus.products[hit.product_row]
    review = int(index.corpus.doc_review[hit.evidence_doc])
    if review < 0:
        evidence = Evidence(text=product.description or product.name, source="listing",
                            similarity=round(hit.evidence_similarity, 4))
    else:
        chosen = product.reviews[review]
        evidence = Evidence(text=quote_text(chosen.text, hit.evidence_span), source="review",
                            review_rating=chosen.rating,
                            similarity=round(hit.evidence_similarity, 4))
    return SearchResult(product=product, score=round(hit.score, 4), evidence=evidence, mode=mode)
