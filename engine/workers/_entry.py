"""A search worker's entry point: the process a `SearchWorkers` pool spawns.

The worker is an entry point like `python -m bot`: it sets its own process-wide knobs (one BLAS
thread, the GIL switch interval, the frozen snapshot; engine/runtime.py), builds its own Kiwi
analyser and dictionaries and opens the served snapshot from the snapshot store in INDEX_DIR.
Then it answers tasks one at a time until the pipe closes: a task names the snapshot the parent
serves, and a worker holding another one loads exactly that one first.

Messages to the parent: ("ready", snapshot id), then per task ("answer", snapshot id, response
bytes, vector encoded or None) or ("failed", snapshot id, error); for a load task ("ready",
snapshot id) or ("failed", snapshot id, error).
"""

from __future__ import annotations

import logging
import signal
from multiprocessing.connection import Connection

from engine.errors import CosmoError, SearchWorkerError
from engine.keyword import MorphemeAnalyzer
from engine.lexicons import Lexicons
from engine.runtime import configure_process, freeze_loaded_objects
from engine.search_index import SearchIndex, read_search_index, ready_to_serve
from engine.search_path import respond_to_order
from engine.settings import Settings
from engine.understanding import load_user_words
from engine.workers._wire import LoadTask, SearchTask, dump_response, product_rows
from index import errors as store_errors
from index.snapshot import Snapshot, SnapshotStore, verify_snapshot

log = logging.getLogger(__name__)


def run_worker(settings: Settings, connection: Connection) -> None:
    """Serve search tasks from `connection` until the parent closes it or sends None."""
    # Ctrl+C reaches the whole process group, and systemd's stop signal the whole cgroup: the
    # parent stops its workers itself once its in-flight searches are answered (a worker
    # whose parent is gone reads the end of its pipe and exits).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    logging.basicConfig(level=settings.log_level,
                        format="%(asctime)s search-worker[%(process)d] %(levelname)s "
                               "%(name)s: %(message)s")
    configure_process(settings)
    searcher = _Searcher(settings)
    connection.send(("ready", searcher.open_latest()))
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        connection.send(searcher.answer(task))


class _Searcher:
    """The worker's collaborators and the snapshot it holds."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store = SnapshotStore(settings.index_dir)
        self._lexicons = Lexicons.load()
        self._analyzer = MorphemeAnalyzer(load_user_words())
        self._index: SearchIndex | None = None
        self._rows: dict[int, int] = {}

    @property
    def snapshot_id(self) -> str:
        return self._index.snapshot_id if self._index else ""

    def open_latest(self) -> str:
        """Load the store's newest good snapshot, as the parent does at start; "" if none."""
        try:
            self._serve(self._store.open_latest(self._load))
        except store_errors.SnapshotError as exc:  # none yet: the first task names one
            log.info("no snapshot loaded yet: %s", exc)
        return self.snapshot_id

    def answer(self, task: SearchTask | LoadTask) -> tuple:
        try:
            if task.snapshot_id != self.snapshot_id:
                self._serve(self._load(verify_snapshot(self._store.root / task.snapshot_id)))
            if isinstance(task, LoadTask):
                return "ready", self.snapshot_id
            response, encoded = respond_to_order(task.order, self._index, self._analyzer,
                                                 self._lexicons, task.ranking, task.top_n)
            return "answer", self.snapshot_id, dump_response(response, self._rows), encoded
        except CosmoError as exc:
            return "failed", self.snapshot_id, exc
        except store_errors.SnapshotError as exc:
            return "failed", self.snapshot_id, SearchWorkerError(
                f"snapshot {task.snapshot_id} did not load in the worker: {exc}")
        except Exception as exc:  # noqa: BLE001 - the parent raises it; the worker serves on
            log.exception("task %r failed in the worker", task)
            return "failed", self.snapshot_id, SearchWorkerError(f"{type(exc).__name__}: {exc}")

    def _load(self, snapshot: Snapshot) -> SearchIndex:
        index = read_search_index(snapshot, self._settings.hnsw_ef_search)
        return ready_to_serve(index, self._lexicons.categories)

    def _serve(self, index: SearchIndex) -> None:
        self._index, self._rows = index, product_rows(index.corpus.products)
        freeze_loaded_objects()
        log.info("worker serving snapshot %s", index.snapshot_id)
