"""The parent's side of the search workers: spawn them, hand out tasks, replace the lost.

Workers are started with multiprocessing's *spawn* context: a fresh interpreter, never a fork of
the bot's threaded asyncio process. Each has one duplex pipe, read on the event loop
(`add_reader`), so waiting for an answer takes no thread. A worker takes one task at a time;
tasks wait for an idle worker in arrival order.

A worker that dies (killed, crashed) or stays silent past SEARCH_WORKER_TIMEOUT_S is killed by
its pid and replaced; the search it held fails with `SearchWorkerError` and the next one is
served by the others or by the replacement once it has loaded the snapshot. After a swap
(`follow`) each worker loads the new snapshot at once, an idle one now and a busy one after its
search, so the first searches after a reindex do not wait for a load; a search that still finds
its worker on another snapshot is given time to load it as well.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from engine.errors import SearchWorkerError
from engine.query_plan import PlanOrder
from engine.ranking.params import RankingParams
from engine.search_index import SearchIndex
from engine.search_path import Answer
from engine.settings import Settings
from engine.workers._entry import run_worker
from engine.workers._wire import LoadTask, SearchTask, load_response

log = logging.getLogger(__name__)

# Loading a snapshot (and, at start, Kiwi) takes seconds: a worker doing so is not hanging.
LOAD_ALLOWANCE_S = 120.0
RESPAWN_DELAY_S = (1.0, 30.0)  # after a worker died before it was ready, doubling to the cap
_CLOSED = None  # put in the idle queue on aclose: every waiting search sees it


class _Worker:
    """One worker process, its end of the pipe, and the answer it owes."""

    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection
        self.snapshot_id: str | None = None  # None until it reports ready
        self.answer: asyncio.Future | None = None
        self.lost = False
        self.loading: str | None = None  # the snapshot it was asked to load and has not yet
        self.asked_to_load: str | None = None  # the last one asked: a failed load is not retried

    @property
    def pid(self) -> int:
        return self.process.pid or 0


class SearchWorkers:
    """`count` worker processes that carry out plan orders over the snapshot the parent
    serves (engine/search_path.py). Start them on the event loop with `start` (the first
    `respond` does too); stop them with `aclose`. Spawning imports the parent's main module
    in each worker: a script that starts them needs the `if __name__ == "__main__":` guard."""

    def __init__(self, settings: Settings, count: int | None = None) -> None:
        self._settings = settings
        self._count = count or settings.search_workers
        self._timeout_s = settings.search_worker_timeout_s
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker | None] | None = None
        self._replacing: set[asyncio.Task] = set()
        self._respawn_delay_s = RESPAWN_DELAY_S[0]
        self._start_failed = False  # the last worker died before it was ready
        self._closed = False
        self._closing = asyncio.Event()
        self._wanted: str | None = None  # the snapshot the parent serves, once `follow` said

    @property
    def pids(self) -> tuple[int, ...]:
        """The process ids of the live workers (ready or still loading)."""
        return tuple(w.pid for w in self._workers if not w.lost)

    def start(self) -> None:
        """Spawn the workers (once); each loads the snapshot store's newest snapshot."""
        if self._idle is not None or self._closed:
            return
        self._idle = asyncio.Queue()
        for _ in range(self._count):
            self._spawn()

    @property
    def snapshot_ids(self) -> tuple[str, ...]:
        """The snapshot each live worker that has started holds ("" when it holds none)."""
        return tuple(w.snapshot_id for w in self._workers
                     if not w.lost and w.snapshot_id is not None)

    @property
    def loading(self) -> tuple[str, ...]:
        """The snapshots live workers were asked to load and have not reported on yet."""
        return tuple(w.loading for w in self._workers if not w.lost and w.loading)

    def follow(self, snapshot_id: str) -> None:
        """The parent serves `snapshot_id` now: every idle worker starts loading it (a busy
        one after its search), so that no search waits for the load."""
        self._wanted = snapshot_id
        if self._idle is None:
            return
        waiting = []
        while not self._idle.empty():
            waiting.append(self._idle.get_nowait())
        for worker in waiting:
            if worker is _CLOSED or not self._preload(worker):
                self._idle.put_nowait(worker)

    def _preload(self, worker: _Worker) -> bool:
        """Ask an idle `worker` to load the wanted snapshot, once; False when it need not."""
        wanted = self._wanted
        if (wanted is None or self._closed or worker.lost or worker.snapshot_id is None
                or worker.snapshot_id == wanted or worker.asked_to_load == wanted):
            return False
        worker.asked_to_load = worker.loading = wanted
        try:
            worker.connection.send(LoadTask(wanted))
        except OSError:
            self._lose(worker)
            return True
        asyncio.get_running_loop().call_later(LOAD_ALLOWANCE_S, self._check_load, worker, wanted)
        return True

    def _check_load(self, worker: _Worker, snapshot_id: str) -> None:
        if worker.loading == snapshot_id and not worker.lost:
            log.error("search worker %d did not load snapshot %s in %.0f s: replacing it",
                      worker.pid, snapshot_id, LOAD_ALLOWANCE_S)
            self._lose(worker)

    async def respond(self, index: SearchIndex, order: PlanOrder, ranking: RankingParams,
                      top_n: int) -> Answer:
        """The response to `order` over `index`, from the next idle worker; raises
        `SearchWorkerError` when that worker dies or does not answer in time."""
        if self._closed:
            raise SearchWorkerError("the search workers are stopped")
        self.start()
        task = SearchTask(index.snapshot_id, order, ranking, top_n)
        worker = await self._send(task)
        allowance = self._timeout_s
        if worker.snapshot_id != task.snapshot_id:
            allowance += LOAD_ALLOWANCE_S
        try:
            message = await asyncio.wait_for(worker.answer, allowance)
        except TimeoutError:
            log.error("search worker %d did not answer in %.0f s: replacing it", worker.pid,
                      allowance)
            self._lose(worker)
            raise SearchWorkerError(f"the search worker did not answer in {allowance:.0f} s"
                                    ) from None
        kind, _, payload, *rest = message
        if kind == "failed":
            raise payload
        return load_response(payload, index.corpus.products), rest[0]

    async def _send(self, task: SearchTask) -> _Worker:
        """Hand `task` to the next idle worker, skipping any that died while idle."""
        while True:
            worker = await self._next_idle()
            worker.answer = asyncio.get_running_loop().create_future()
            try:
                worker.connection.send(task)
                return worker
            except OSError:
                self._lose(worker)

    async def _next_idle(self) -> _Worker:
        assert self._idle is not None
        while True:
            if self._start_failed and self._idle.empty():  # a search should not wait on it
                raise SearchWorkerError("no search worker is up: the last one died starting")
            try:
                worker = await asyncio.wait_for(self._idle.get(),
                                                LOAD_ALLOWANCE_S + self._timeout_s)
            except TimeoutError:
                raise SearchWorkerError("no search worker became ready") from None
            if worker is _CLOSED:
                self._idle.put_nowait(_CLOSED)
                raise SearchWorkerError("the search workers are stopping")
            if not worker.lost:
                return worker

    def _spawn(self) -> None:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=run_worker, args=(self._settings, theirs),
                                        name="cosmo-search-worker", daemon=True)
        process.start()
        theirs.close()  # only the worker holds its end: its death reads as end of file here
        worker = _Worker(process, mine)
        self._workers.append(worker)
        asyncio.get_running_loop().add_reader(mine.fileno(), self._on_message, worker)

    def _on_message(self, worker: _Worker) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            log.error("search worker %d exited (code %s): replacing it", worker.pid,
                      worker.process.exitcode)
            self._lose(worker)
            return
        if message[0] == "ready":
            self._respawn_delay_s, self._start_failed = RESPAWN_DELAY_S[0], False
        elif worker.answer is not None and not worker.answer.done():
            worker.answer.set_result(message)
        if message[0] == "failed" and worker.loading:
            log.error("search worker %d could not load snapshot %s: %s", worker.pid,
                      worker.loading, message[2])
        worker.snapshot_id, worker.answer, worker.loading = message[1], None, None
        if self._preload(worker):
            return
        assert self._idle is not None
        self._idle.put_nowait(worker)

    def _lose(self, worker: _Worker) -> None:
        """Stop reading a dead or hung worker, fail its search, kill and replace it."""
        if worker.lost:
            return
        worker.lost = True
        asyncio.get_running_loop().remove_reader(worker.connection.fileno())
        if worker.answer is not None and not worker.answer.done():
            worker.answer.set_exception(SearchWorkerError(
                f"the search worker (pid {worker.pid}) exited before it answered"))
        died_unready = worker.snapshot_id is None
        self._start_failed |= died_unready
        task = asyncio.get_running_loop().create_task(self._replace(worker, died_unready))
        self._replacing.add(task)
        task.add_done_callback(self._replacing.discard)

    async def _replace(self, worker: _Worker, died_unready: bool) -> None:
        await self._reap(worker)
        self._workers.remove(worker)
        if self._closed:
            return
        if died_unready:  # crashing on start (a bad INDEX_DIR?): do not spin
            try:
                await asyncio.wait_for(self._closing.wait(), self._respawn_delay_s)
            except TimeoutError:
                pass
            self._respawn_delay_s = min(2 * self._respawn_delay_s, RESPAWN_DELAY_S[1])
        if not self._closed:
            self._spawn()

    async def _reap(self, worker: _Worker, grace_s: float = 0.0) -> None:
        """Wait up to `grace_s` for the worker to exit, then kill it by its pid; reap it."""
        if grace_s:
            await asyncio.to_thread(worker.process.join, grace_s)
        if worker.process.is_alive():
            worker.process.kill()
        await asyncio.to_thread(worker.process.join)
        worker.connection.close()
        worker.process.close()

    async def aclose(self) -> None:
        """Stop every worker (asked to, then killed after a grace) and fail what waits."""
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        if self._idle is not None:
            self._idle.put_nowait(_CLOSED)
        await asyncio.gather(*self._replacing, return_exceptions=True)  # reaped, none spawned
        alive = [w for w in self._workers if not w.lost]
        for worker in alive:
            worker.lost = True
            asyncio.get_running_loop().remove_reader(worker.connection.fileno())
            if worker.answer is not None and not worker.answer.done():
                worker.answer.set_exception(SearchWorkerError("the search workers are stopping"))
            try:
                worker.connection.send(None)
            except OSError:
                pass
        await asyncio.gather(*(self._reap(w, grace_s=5.0) for w in alive))
        self._workers.clear()
