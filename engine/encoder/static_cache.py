"""What distilling a static query table embedded, kept in the snapshot so the next reindex
with the same model embeds only new pieces and texts: e5's query vector of each piece and of
each training text, float16."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

CACHE_FILE = "query_distil_cache.npz"


@dataclass(frozen=True)
class DistilCache:
    pieces: dict[str, np.ndarray] = field(default_factory=dict)  # piece text -> query vector
    texts: dict[str, np.ndarray] = field(default_factory=dict)   # training text -> query vector

    def save(self, folder: Path) -> None:
        arrays = {}
        for name, vectors in (("pieces", self.pieces), ("texts", self.texts)):
            keys = [k for k in vectors if k]
            arrays[f"{name}_keys"] = np.array(keys, dtype=str)
            arrays[f"{name}_vectors"] = (np.stack([vectors[k] for k in keys]).astype(np.float16)
                                         if keys else np.zeros((0, 0), np.float16))
        with open(folder / CACHE_FILE, "wb") as handle:
            np.savez(handle, **arrays)


def load_distil_cache(folder: Path) -> DistilCache:
    """The cache a snapshot holds; an empty one when it has none or it does not read."""
    path = folder / CACHE_FILE
    if not path.is_file():
        return DistilCache()
    try:
        with np.load(path, allow_pickle=False) as data:
            return DistilCache(*(
                dict(zip(data[f"{name}_keys"].tolist(), data[f"{name}_vectors"].astype(np.float32)))
                for name in ("pieces", "texts")))
    except (OSError, ValueError, KeyError):
        return DistilCache()
