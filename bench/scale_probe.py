"""Measuring tools of bench/memory_at_scale.py: RSS, structure sizes, and a vectorizer that
embeds only the first texts it is given."""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, ModuleType
from typing import Sequence

import numpy as np

from engine.vectorizers.base import Role, WrappingVectorizer

SKIPPED = (type, ModuleType, FunctionType, BuiltinFunctionType)


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (or its peak, VmHWM), in MiB."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key == field:
            return int(value.split()[0]) / 1024
    raise KeyError(field)


def deep_size(root: object, seen: set[int]) -> int:
    """Bytes of `root` and everything it reaches that `seen` does not hold yet (numpy arrays
    count their buffers); classes, modules and functions are left out."""
    total, stack = 0, [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, SKIPPED) or obj is None:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, np.ndarray):  # the collector does not see a view's base
            stack.append(obj.base)
        else:
            stack.extend(gc.get_referents(obj))
    return total


def morpheme_bytes(documents: Sequence[Sequence[tuple]]) -> int:
    """Bytes of the per-document morpheme tuples. A loaded snapshot holds one string per distinct
    form and tag (engine/search_index.py), counted once here; the tuples and the large ints are
    counted without an id set, which for millions of objects would itself take hundreds of MB."""
    total = sys.getsizeof(documents)
    strings: dict[int, str] = {}
    for morphemes in documents:
        total += sys.getsizeof(morphemes)
        for morpheme in morphemes:
            total += sys.getsizeof(morpheme)
            for field in morpheme:
                if isinstance(field, str):
                    strings[id(field)] = field
                elif isinstance(field, int) and not -5 <= field <= 256:
                    total += sys.getsizeof(field)
    return total + sum(sys.getsizeof(text) for text in strings.values()
                       if not (len(text) == 1 and ord(text) < 256))


def snapshot_files(path: Path) -> dict[str, int]:
    """Bytes on disk of a snapshot's files, grouped by what they hold."""
    groups = {"vectors.npy": "document vectors", "vectors.hnsw": "hnsw graph",
              "sentence_vectors.npy": "sentence vectors", "sentences.npy": "sentence spans",
              "morphemes.jsonl": "morphemes", "products.jsonl": "products and corpus"}
    sizes: dict[str, int] = {}
    for file in sorted(path.iterdir()):
        group = groups.get(file.name, "BM25" if file.name.startswith("bm25.") else "manifest")
        sizes[group] = sizes.get(group, 0) + file.stat().st_size
    return sizes


class SubsetVectorizer(WrappingVectorizer):
    """The real backend for queries and for the first `real_texts` passages; random unit vectors
    of its dimension for every later passage. Its model identity says so, so a snapshot built
    with it is never served with the real model's vectors."""

    def __init__(self, inner, real_texts: int, seed: int = 11) -> None:
        super().__init__(inner)
        self._left = real_texts
        self._rng = np.random.default_rng(seed)
        self.real, self.random = 0, 0
        self._span: list[float] = []  # first start and last end of the e5 calls (they overlap)

    @property
    def model_identity(self) -> str:
        return self.inner.model_identity + "+random-passages"

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        if role is not Role.PASSAGE:
            return await self.inner.encode_batch(texts, batch_size=batch_size, role=role)
        real = min(self._left, len(texts))
        self._left -= real
        parts = []
        if real:
            self._span = self._span[:1] or [time.perf_counter()]
            parts.append(await self.inner.encode_batch(texts[:real], batch_size, role))
            self._span[1:] = [time.perf_counter()]
            self.real += real
        if len(texts) > real:
            noise = self._rng.standard_normal((len(texts) - real, self.dim)).astype(np.float32)
            parts.append(noise / np.linalg.norm(noise, axis=1, keepdims=True))
            self.random += len(texts) - real
        return np.concatenate(parts)

    def report(self) -> dict:
        seconds = self._span[1] - self._span[0] if len(self._span) == 2 else 0.0
        rate = self.real / seconds if seconds else 0.0
        return {"e5_texts": self.real, "random_texts": self.random,
                "e5_passages_per_s": rate}
