"""A thin, safe wrapper over hnswlib for normalised vectors (cosine = inner product).

hnswlib traps handled here: `load_index` resets `ef` to 10; the file stores neither dim nor
metric; asking for more neighbours than are reachable raises; `add_items` is unsafe while
queries run (so an index is built once and never mutated after it is published).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import hnswlib
import numpy as np

METRIC = "ip"


@dataclass(frozen=True)
class HnswParams:
    """Graph parameters recorded in the snapshot manifest."""

    m: int = 16
    ef_construction: int = 200
    ef_search: int = 128


class HnswIndex:
    """Approximate nearest neighbours over unit vectors; labels are row numbers."""

    def __init__(self, index: hnswlib.Index, dim: int, count: int, params: HnswParams) -> None:
        self._index = index
        self.dim = dim
        self.count = count
        self.params = params

    @classmethod
    def build(cls, vectors: np.ndarray, params: HnswParams, threads: int = 2) -> "HnswIndex":
        """Build from an `(n, dim)` float32 matrix whose rows are L2-normalised."""
        count, dim = vectors.shape
        index = hnswlib.Index(space=METRIC, dim=dim)
        index.init_index(max_elements=max(count, 1), ef_construction=params.ef_construction,
                         M=params.m, random_seed=100)
        if count:
            index.add_items(vectors, np.arange(count), num_threads=threads)
        index.set_ef(params.ef_search)
        return cls(index, dim, count, params)

    @classmethod
    def load(cls, path: Path, dim: int, count: int, params: HnswParams) -> "HnswIndex":
        """Load a file written by `save`; dim and count come from the verified manifest."""
        index = hnswlib.Index(space=METRIC, dim=dim)
        index.load_index(str(path), max_elements=max(count, 1))
        if index.get_current_count() != count:
            raise ValueError(f"hnsw file holds {index.get_current_count()} vectors, "
                             f"manifest says {count}")
        index.set_ef(params.ef_search)  # load_index resets ef to 10
        return cls(index, dim, count, params)

    def save(self, path: Path) -> None:
        self._index.save_index(str(path))

    def set_ef(self, ef: int) -> None:
        self._index.set_ef(ef)

    def query(self, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return `(rows, similarities)` of up to k nearest rows, best first."""
        if vector.shape != (self.dim,):
            raise ValueError(f"query vector has shape {vector.shape}, index dim is {self.dim}")
        k = min(k, self.count)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        self._index.set_ef(max(self.params.ef_search, k))
        while True:
            try:
                labels, distances = self._index.knn_query(vector, k=k)
                break
            except RuntimeError:
                # Fewer than k items were reachable; ask for fewer.
                if k == 1:
                    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
                k = max(1, k // 2)
        return labels[0].astype(np.int64), (1.0 - distances[0]).astype(np.float32)


def exact_top_k(matrix: np.ndarray, vector: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Exact inner-product search over `matrix` rows: `(rows, similarities)`, best first."""
    if matrix.shape[0] == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    sims = matrix @ vector
    k = min(k, sims.shape[0])
    if k < sims.shape[0]:
        top = np.argpartition(-sims, k - 1)[:k]
    else:
        top = np.arange(sims.shape[0])
    order = top[np.argsort(-sims[top], kind="stable")]
    return order.astype(np.int64), sims[order].astype(np.float32)
