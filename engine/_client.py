"""`connect`: the engine from synchronous code (scripts, notebooks, Streamlit).

The client owns an event loop on a thread of its own (engine/_loop_thread.py) and runs the
async `Engine` there; its methods may be called from any thread, several at once (a Streamlit
server's sessions), and block until their answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from engine._library import Engine, Progress, open_engine
from engine._loop_thread import HeldOpen
from engine.models import Product, SearchResponse
from engine.reindexer import ReindexSummary
from engine.settings import SearchMode, Settings
from engine.stats import EngineStats

if TYPE_CHECKING:
    from engine.vectorizers.base import Vectorizer


class Client:
    """A started engine behind blocking calls; `close()` (or leaving `with`) stops it."""

    def __init__(self, settings: Settings | None = None, *,
                 vectorizer: "Vectorizer | None" = None) -> None:
        self._held = HeldOpen(open_engine(settings, vectorizer=vectorizer), "cosmo-engine")
        self._engine: Engine = self._held.value

    @property
    def is_ready(self) -> bool:
        """True once a snapshot is served."""
        return self._engine.is_ready

    @property
    def snapshot_id(self) -> str:
        return self._engine.snapshot_id

    def search(self, query: str, categories: Sequence[str] | None = None,
               top_n: int | None = None, mode: SearchMode | str | None = None) -> SearchResponse:
        """See `Engine.search`."""
        return self._held.run(self._engine.search(query, categories, top_n, mode))

    def similar(self, product_id: str, top_n: int | None = None) -> SearchResponse:
        """See `Engine.similar`."""
        return self._held.run(self._engine.similar(product_id, top_n))

    def reindex(self, catalog_path: str | Path | None = None,
                progress: Progress | None = None) -> ReindexSummary:
        """See `Engine.reindex`; `progress` is called on the client's loop thread."""
        return self._held.run(self._engine.reindex(catalog_path, progress))

    def product(self, product_id: str) -> Product | None:
        return self._engine.product(product_id)

    def categories(self) -> tuple[str, ...]:
        return self._engine.categories()

    def stats(self) -> EngineStats:
        return self._engine.stats()

    def close(self) -> None:
        """Stop the engine and the loop thread; a second call does nothing."""
        self._held.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()


def connect(settings: Settings | None = None, *,
            vectorizer: "Vectorizer | None" = None) -> Client:
    """A synchronous client of a started engine; see `open_engine` for the arguments."""
    return Client(settings, vectorizer=vectorizer)
