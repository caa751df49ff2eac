"""Runs one reindex at a time (in the whole cluster) in the background, reported in one message.

The report callback edits the admin's status message: progress (at most once per
`min_interval_s`), then the summary, or the reason it failed. The engine keeps serving the old
snapshot until it swaps in the new one, and keeps it if the reindex fails. The new snapshot
is then announced to the other replicas (`bot/cluster.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.cluster import Cluster
from bot.failures import reindex_failure_reason
from bot.render_admin import (render_reindex_failure, render_reindex_progress,
                              render_reindex_summary)
from bot.texts import Texts
from engine.errors import ReindexInProgressError
from engine.reindexer import ReindexProgress
from engine.service import SearchEngine

log = logging.getLogger(__name__)

Report = Callable[[str], Awaitable[None]]


class ReindexRunner:
    """Owns the background reindex task; `claim` refuses while one runs here or elsewhere."""

    def __init__(self, engine: SearchEngine, cluster: Cluster, *, min_interval_s: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._engine = engine
        self._cluster = cluster
        self._claimed = False
        self._min_interval_s = min_interval_s
        self._clock = clock
        self._task: asyncio.Task | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def claim(self) -> str | None:
        """Reserve the next reindex for this replica: None, or who is reindexing already."""
        if self.running or self._claimed:
            return "this replica"
        holder = await self._cluster.claim_reindex()
        self._claimed = holder is None
        return holder

    def start(self, report: Report, texts: Texts) -> None:
        """Begin the claimed reindex, reporting through `report` in `texts`' language."""
        if not self._claimed or self.running:
            raise RuntimeError("start() needs a successful claim() first")
        self._task = asyncio.create_task(self._run(report, texts), name="cosmo-reindex")

    async def release(self) -> None:
        """Give a claim back without reindexing (the admin could not be told it started)."""
        if self._claimed and not self.running:
            await self._cluster.release_reindex()
            self._claimed = False

    async def wait(self) -> None:
        """Wait for the running reindex, if any, to finish (tests and shutdown)."""
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.shield(self._task)

    async def aclose(self) -> None:
        """Cancel a running reindex (the admin is told); the engine discards its workspace."""
        if self.running:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self, report: Report, texts: Texts) -> None:
        last_report = float("-inf")

        async def on_progress(progress: ReindexProgress) -> None:
            nonlocal last_report
            now = self._clock()
            if progress.stage == "done" or now - last_report < self._min_interval_s:
                return
            last_report = now
            await _deliver(report, render_reindex_progress(progress, texts))

        try:
            summary = await self._engine.reindex(on_progress)
            await self._cluster.announce(self._engine.snapshot_id)
        except ReindexInProgressError:
            await _deliver(report, texts.REINDEX_BUSY)
        except asyncio.CancelledError:
            log.warning("reindex stopped by shutdown; the previous snapshot keeps serving")
            await _deliver(report, render_reindex_failure(texts.FAILURE_SHUTDOWN, texts))
            raise
        except Exception as exc:  # any failure: the old index keeps serving; tell the admin why
            log.exception("reindex failed; the previous snapshot keeps serving")
            await _deliver(report, render_reindex_failure(reindex_failure_reason(exc, texts),
                                                          texts))
        else:
            log.info("reindex finished: %d products, %d reviews in %.1f s",
                     summary.products, summary.reviews, summary.seconds)
            await _deliver(report, render_reindex_summary(summary, texts))
        finally:
            await self._cluster.release_reindex()
            self._claimed = False


async def _deliver(report: Report, text: str) -> None:
    """Report without letting a Telegram hiccup abort the reindex."""
    try:
        await report(text)
    except Exception:
        log.warning("could not update the reindex status message", exc_info=True)
