"""What the engine tells the shopper about a search beyond its results, as codes.

The engine never words a notice: `bot/texts/` (and the CLI, for its own output) turn each
code into words, with `SearchResponse.query` and `SearchResponse.skipped_categories` for the
details.
"""

from __future__ import annotations

from enum import StrEnum


class Notice(StrEnum):
    """One fact about how a search was run."""

    QUERY_TRUNCATED = "query_truncated"              # only the query's first part was searched
    UNKNOWN_CATEGORY = "unknown_category"            # filter categories the index lacks, skipped
    SEMANTIC_UNAVAILABLE = "semantic_unavailable"    # the embedding backend failed: keyword results
    REINDEX_NEEDED = "reindex_needed"                # the index is from another model: keyword results
    KEYWORD_INDEX_MISSING = "keyword_index_missing"  # an index without keyword search: semantic results
