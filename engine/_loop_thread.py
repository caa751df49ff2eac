"""An event loop on a thread of its own, for the synchronous clients (`connect`, `load_vectorizer`).

Scripts, notebooks and Streamlit have no loop of their own, or one that must not be blocked
(Jupyter's). The engine's collaborators (thread pools, HTTP sessions, locks) are tied to the
loop they were made on, so they live on this one loop for their whole life, and every call from
any thread is handed to it and waited for.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from contextlib import AbstractAsyncContextManager
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class LoopThread:
    """A daemon thread running one event loop until `stop`."""

    def __init__(self, name: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name=name, daemon=True)
        self._thread.start()

    @property
    def is_running(self) -> bool:
        return self._thread.is_alive() and not self._loop.is_closed()

    def run(self, coroutine: Coroutine[Any, Any, R]) -> R:
        """Run `coroutine` on the loop and wait for its result (any thread but the loop's)."""
        if threading.current_thread() is self._thread:
            coroutine.close()
            raise RuntimeError("a synchronous Cosmo call from inside its own event loop")
        if not self.is_running:
            coroutine.close()
            raise RuntimeError("this Cosmo client is closed")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def stop(self) -> None:
        """Stop the loop, wait for the thread and close the loop; a second call does nothing."""
        if self._loop.is_closed():
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


class HeldOpen(Generic[T]):
    """An async context manager entered on a `LoopThread` of its own and held open until
    `close`: the synchronous clients' engine or vectorizer."""

    def __init__(self, context: AbstractAsyncContextManager[T], name: str) -> None:
        self._loop = LoopThread(name)
        self._context = context
        try:
            self.value: T = self._loop.run(context.__aenter__())
        except BaseException:
            self._loop.stop()
            raise

    def run(self, coroutine: Coroutine[Any, Any, R]) -> R:
        return self._loop.run(coroutine)

    def close(self) -> None:
        """Leave the context on its loop, then stop the loop; a second call does nothing."""
        if not self._loop.is_running:
            return
        try:
            self._loop.run(self._context.__aexit__(None, None, None))
        finally:
            self._loop.stop()
