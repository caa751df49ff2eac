"""The sentence-transformers backend: a model folder on disk, or one already in the HF cache.

It never downloads: `LOCAL_MODEL` must be a folder (a sentence-transformers model or a plain
transformers one, which gets mean pooling) or a hub name already in the local cache.
The model loads and encodes in one dedicated worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, Mapping, Sequence

import numpy as np

from engine.errors import BackendUnavailableError, EmbeddingError, ModelNotFoundError
from engine.vectorizers.base import Role, embeddable, normalize_rows

logger = logging.getLogger(__name__)

Device = Literal["auto", "cpu", "cuda"]
PROMPT_NAMES = {Role.QUERY: ("query",), Role.PASSAGE: ("document", "passage", "corpus")}
MODEL_MARKERS = ("modules.json", "config.json", "config_sentence_transformers.json")


def prompt_name_for(prompts: Mapping[str, str], role: Role) -> str | None:
    """The model's own prompt for this role, if it defines one. An empty prompt counts only
    when no other name has text: sentence-transformers 5 saves `"document": ""` beside an e5
    folder's `"passage": "passage: "`, and taking it would embed reviews without their prefix."""
    named = [name for name in PROMPT_NAMES[role] if name in prompts]
    return next((name for name in named if prompts[name]), named[0] if named else None)


class SentenceTransformerVectorizer:
    """Runs a sentence-transformers model in a single-worker executor."""

    def __init__(self, model: str, device: Device = "auto") -> None:
        self._name = Path(model).as_posix() if model.startswith((".", "/", "~")) else model
        self._device = device
        self._executor: ThreadPoolExecutor | None = None
        self._model: Any = None
        self._dim = 0
        self._fingerprint = ""
        self._start_lock = asyncio.Lock()

    @property
    def dim(self) -> int:
        if not self._dim:
            raise RuntimeError("the local model's dim is known after start()")
        return self._dim

    @property
    def model_identity(self) -> str:
        """Name, dim and a digest of the files, so retraining into the same folder is noticed."""
        if not self._dim:
            raise RuntimeError("the local model's identity is known after start()")
        return f"sentence-transformers:{self._name}@{self._dim}#{self._fingerprint}"

    @property
    def description(self) -> str:
        return f"sentence-transformers {self._name} (device={self._device})"

    def __repr__(self) -> str:
        return f"SentenceTransformerVectorizer(model={self._name!r}, device={self._device!r})"

    async def start(self) -> None:
        async with self._start_lock:
            if self._model is not None:
                return
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="sentence-transformers")
            loop = asyncio.get_running_loop()
            try:
                self._model, self._fingerprint = await loop.run_in_executor(
                    self._executor, self._load)
            except BaseException:
                self._executor.shutdown(wait=False)
                self._executor = None
                raise
            self._dim = _dimension_of(self._model)
            logger.info("sentence-transformers vectorizer ready (model=%s, device=%s, dim=%d)",
                        self._name, self._model.device, self._dim)

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        return (await self.encode_batch([text], batch_size=1, role=role))[0]

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        if self._model is None:
            await self.start()
        texts = embeddable(texts)
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        prompt_name = prompt_name_for(self._model.prompts or {}, role)
        loop = asyncio.get_running_loop()
        matrix = await loop.run_in_executor(
            self._executor, lambda: self._model.encode(
                texts, prompt_name=prompt_name, batch_size=batch_size,
                normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False))
        return normalize_rows(matrix)

    async def aclose(self) -> None:
        executor, self._executor, self._model = self._executor, None, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, wait=True, cancel_futures=True)

    def _load(self) -> tuple[Any, str]:
        """Runs in the worker thread: find the folder, pick the device, load without network."""
        folder = resolve_model_folder(self._name)
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise EmbeddingError(
                "LOCAL_MODEL needs sentence-transformers: pip install '.[local]'") from None
        device = pick_device(self._device)
        try:
            model = SentenceTransformer(str(folder), device=device, local_files_only=True)
        except Exception as exc:
            raise EmbeddingError(
                f"could not load LOCAL_MODEL {self._name!r} "
                f"from {folder}: {type(exc).__name__}: {exc}") from exc
        return model, fingerprint_folder(folder)


def resolve_model_folder(name: str) -> Path:
    """A local folder as is, else the cached snapshot of a hub name; never a download."""
    path = Path(name).expanduser()
    if path.is_dir():
        if not any((path / marker).is_file() for marker in MODEL_MARKERS):
            raise ModelNotFoundError(
                f"LOCAL_MODEL folder {path} holds no model "
                f"(expected one of {', '.join(MODEL_MARKERS)})")
        return path
    if path.exists() or _looks_like_a_path(name):
        raise ModelNotFoundError(_missing_message(name))
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id=name, local_files_only=True))
    except (ImportError, OSError, ValueError):
        raise ModelNotFoundError(_missing_message(name)) from None


def pick_device(requested: Device) -> str:
    """`auto` is CUDA when torch sees a GPU, else CPU; `cuda` without a GPU is an error."""
    if requested == "cpu":
        return "cpu"
    import torch

    has_cuda = torch.cuda.is_available()
    if requested == "cuda" and not has_cuda:
        raise BackendUnavailableError(
            "LOCAL_DEVICE=cuda but torch sees no CUDA device: set LOCAL_DEVICE=cpu or auto.")
    return "cuda" if has_cuda else "cpu"


def fingerprint_folder(folder: Path) -> str:
    """Short SHA-256 over the model's files (names and bytes), README files aside."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = file.relative_to(folder).as_posix()
        if file.name.lower().startswith("readme") or relative.startswith("."):
            continue
        digest.update(relative.encode() + b"\0")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


def _dimension_of(model: Any) -> int:
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    dim = getter()
    if not dim:
        raise EmbeddingError("the local model does not report its embedding dimension")
    return int(dim)


def _looks_like_a_path(name: str) -> bool:
    return name.startswith((".", "/", "~")) or name.count("/") > 1 or "\\" in name


def _missing_message(name: str) -> str:
    return (
        f"LOCAL_MODEL {name!r} is neither a model folder on disk nor in the local Hugging Face "
        "cache. Check the path, or download the model beforehand (e.g. `huggingface-cli "
        "download`); the bot never downloads models at run time.")
