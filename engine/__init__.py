"""Cosmo's search engine: catalog, embeddings, ranking and the CLI, usable from Python.

    import engine

    with engine.connect() as cosmo:          # or: async with engine.open_engine() as cosmo
        response = cosmo.search("겨울에 얼굴 땅기는 거 잡아줄 크림", top_n=3)

docs/python-api.md describes the API. Names are imported on first use, so `import engine` stays
cheap: the embedding model and the Korean analyser load only when an engine starts.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Public name -> the module that defines it.
_EXPORTS = {
    "open_engine": "engine._library",
    "Engine": "engine._library",
    "connect": "engine._client",
    "Client": "engine._client",
    "open_vectorizer": "engine._vectors",
    "load_vectorizer": "engine._vectors",
    "SyncVectorizer": "engine._vectors",
    "Vectorizer": "engine.vectorizers.base",
    "Role": "engine.vectorizers.base",
    "Settings": "engine.settings",
    "SearchMode": "engine.settings",
    "load_settings": "engine.settings",
    "Product": "engine.models",
    "Review": "engine.models",
    "Evidence": "engine.models",
    "SearchResult": "engine.models",
    "SearchResponse": "engine.models",
    "Notice": "engine.notices",
    "ReindexProgress": "engine.reindexer",
    "ReindexSummary": "engine.reindexer",
    "EngineStats": "engine.stats",
    "CosmoError": "engine.errors",
    "CatalogError": "engine.errors",
    "NoIndexError": "engine.errors",
    "InvalidQueryError": "engine.errors",
    "ReindexInProgressError": "engine.errors",
    "EmbeddingError": "engine.errors",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from engine._client import Client, connect
    from engine._library import Engine, open_engine
    from engine._vectors import SyncVectorizer, load_vectorizer, open_vectorizer
    from engine.errors import (CatalogError, CosmoError, EmbeddingError, InvalidQueryError,
                               NoIndexError, ReindexInProgressError)
    from engine.models import Evidence, Product, Review, SearchResponse, SearchResult
    from engine.notices import Notice
    from engine.reindexer import ReindexProgress, ReindexSummary
    from engine.settings import SearchMode, Settings, load_settings
    from engine.stats import EngineStats
    from engine.vectorizers.base import Role, Vectorizer


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # the next lookup skips this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
