"""Fitting a static token table to a model's sentence vectors: pure numpy and scipy.

Each training text is a bag of its tokens (a sparse row of counts); the table is fitted so the
normalised sum of a bag's rows points where the model's vector of that text points (cosine
loss, Adam), from a start where each row is the model's vector of the token alone times a
SIF weight (rare tokens weigh more). A held-out slice of the texts picks the step count: the
fit stops where held-out cosine peaks, since a small catalog's few thousand texts over-fit a
table of thousands of rows within tens of steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import scipy.sparse as sparse


@dataclass(frozen=True)
class FitReport:
    """Mean held-out cosine with the model's vectors at the start and after the fit."""

    start_cosine: float
    fitted_cosine: float
    steps: int


def bag_matrix(token_ids: Sequence[Sequence[int]], width: int) -> sparse.csr_matrix:
    """(texts, width) token counts."""
    rows = np.repeat(np.arange(len(token_ids)), [len(ids) for ids in token_ids])
    cols = np.fromiter((i for ids in token_ids for i in ids), dtype=np.int64, count=len(rows))
    return sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)),
                             shape=(len(token_ids), width))


def sif_weights(bags: sparse.csr_matrix, a: float) -> np.ndarray:
    """a / (a + p(token)), p the share of texts holding the token (smoothed by one)."""
    counts = np.asarray((bags > 0).sum(axis=0), dtype=np.float64).ravel() + 1
    return (a / (a + counts / counts.sum())).astype(np.float32)


def pooled_cosines(bags: sparse.csr_matrix, table: np.ndarray, targets: np.ndarray) -> np.ndarray:
    pooled = np.asarray(bags @ table)
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True) + 1e-9
    return (pooled * targets).sum(axis=1)


def fit_table(train: tuple[sparse.csr_matrix, np.ndarray],
              held: tuple[sparse.csr_matrix, np.ndarray], start: np.ndarray, *,
              steps: int, learning_rate: float, check_every: int = 5
              ) -> tuple[np.ndarray, FitReport]:
    """The table (float32) at the step of best held-out cosine, starting from `start`."""
    bags, targets = train
    transposed = bags.T.tocsr()
    table = np.array(start, dtype=np.float32)
    first = best_cosine = _held_out_cosine(held, table)
    best, best_step = table.copy(), 0
    moment, second = np.zeros_like(table), np.zeros_like(table)
    for step in range(1, steps + 1):
        gradient = transposed @ _cosine_loss_gradient(bags, table, targets)
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        table -= learning_rate * (moment / (1 - 0.9 ** step)) / (
            np.sqrt(second / (1 - 0.999 ** step)) + 1e-8)
        if step % check_every == 0 or step == steps:
            cosine = _held_out_cosine(held, table)
            if cosine > best_cosine or not held[0].shape[0]:
                best, best_cosine, best_step = table.copy(), cosine, step
    return best, FitReport(first, best_cosine, best_step)


def _held_out_cosine(held: tuple[sparse.csr_matrix, np.ndarray], table: np.ndarray) -> float:
    bags, targets = held
    return float(pooled_cosines(bags, table, targets).mean()) if bags.shape[0] else 0.0


def _cosine_loss_gradient(bags: sparse.csr_matrix, table: np.ndarray,
                          targets: np.ndarray) -> np.ndarray:
    """d(−mean cosine)/d(pooled sums), per text."""
    pooled = np.asarray(bags @ table)
    norms = np.linalg.norm(pooled, axis=1, keepdims=True) + 1e-9
    unit = pooled / norms
    cosine = (unit * targets).sum(axis=1, keepdims=True)
    return (-(targets - cosine * unit) / norms / len(targets)).astype(np.float32)
