"""Distilling the static query table from the embedded e5 model an index is built with.

The table's pieces are those of the model's tokenizer that the catalog's texts and the
dictionaries' phrases use, plus (by default) every Hangul piece of the vocabulary, so a query
word the catalog never wrote still splits into pieces the table knows. Its tokenizer is the
model's unigram tokenizer over those pieces only: on every text it was built from it splits as
the full model does, and elsewhere it finds the best split into known pieces.

Each row starts as the model's query vector of the piece alone ("query: 촉촉") times a SIF
weight, then is fitted (`static_fit.py`) so pooled rows approximate e5's query vector of each
training text: review sentences and listing names read as queries, and the phrases. Vectors
of pieces and texts come through the index's own vectorizer, so the table answers the model
the documents were embedded with; a reindex reuses those of the previous snapshot.
"""

from __future__ import annotations

import logging
import random
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from engine.encoder.q4file import read_vocabulary
from engine.encoder.static_cache import DistilCache
from engine.encoder.static_fit import bag_matrix, fit_table, sif_weights
from engine.encoder.tokenizer import all_pieces, unigram_tokenizer
from engine.vectorizers.base import Role, Vectorizer
from engine.vectorizers.static import QUERY_PREFIX, StaticQueryTable

log = logging.getLogger(__name__)

HANGUL_PIECE = re.compile("▁?[\uac00-\ud7a3]+")
UNKNOWN = "<unk>"


@dataclass(frozen=True)
class DistilRecipe:
    """How the table is made; its `name` is recorded in the manifest."""

    korean_pieces: bool = True   # every Hangul piece of the vocabulary, not only the catalog's
    max_texts: int = 4000        # training texts at most (phrases first, then a seeded sample)
    max_requests: int = 8000     # reviews' clauses and requests (`request_texts.py`) at most
    held_out_share: float = 0.1  # of the texts, kept out of the fit to choose its step count
    steps: int = 200
    learning_rate: float = 0.01
    sif_a: float = 1e-3
    seed: int = 0

    @property
    def name(self) -> str:
        vocabulary = "korean" if self.korean_pieces else "catalog"
        return (f"fit-v2:{vocabulary}:texts{self.max_texts}:requests{self.max_requests}:"
                f"held{self.held_out_share}:steps{self.steps}:lr{self.learning_rate}:"
                f"sif{self.sif_a}:seed{self.seed}")


@dataclass(frozen=True)
class Distilled:
    table: StaticQueryTable
    cache: DistilCache
    report: dict


class StaticTableDistiller:
    """Builds a `StaticQueryTable` for one model file from a catalog's texts."""

    def __init__(self, model_file: Path, recipe: DistilRecipe = DistilRecipe(),
                 phrases: Sequence[str] = ()) -> None:
        self._model_file = Path(model_file)
        self._recipe = recipe
        self._phrases = tuple(dict.fromkeys(p for p in phrases if p.strip()))

    @property
    def signature(self) -> str:
        """The recipe and the phrases: a table of another signature is distilled again."""
        import hashlib

        phrases = hashlib.sha256("\n".join(self._phrases).encode("utf-8")).hexdigest()[:8]
        return f"{self._recipe.name}:phrases{phrases}"

    async def distil(self, vectorizer: Vectorizer, texts: Sequence[str],
                     cache: DistilCache = DistilCache(), requests: Sequence[str] = ()
                     ) -> Distilled:
        """The table for `texts` (a catalog's sentences and names) and `requests` (query-like
        texts made from them), embedding through `vectorizer` only what `cache` lacks."""
        started = time.perf_counter()
        recipe = self._recipe
        train, held = self._training_texts(texts, requests)
        pieces, tokenizer = _table_tokenizer(self._model_file, tuple(self._phrases) + tuple(texts),
                                             recipe.korean_pieces)
        piece_texts = [piece.replace("▁", " ").strip() for piece in pieces[:-1]]
        start = await _query_vectors(vectorizer, piece_texts, cache.pieces)
        targets = await _query_vectors(vectorizer, train + held, cache.texts)
        bags = bag_matrix([e.ids for e in tokenizer.encode_batch(
            [QUERY_PREFIX + t for t in train + held], add_special_tokens=False)], len(pieces))
        weights = sif_weights(bags[:len(train)], recipe.sif_a)
        fitted, fit = fit_table((bags[:len(train)], targets[:len(train)]),
                                (bags[len(train):], targets[len(train):]),
                                np.vstack([start, np.zeros((1, start.shape[1]), np.float32)])
                                * weights[:, None],
                                steps=recipe.steps, learning_rate=recipe.learning_rate)
        fitted[-1] = 0  # `<unk>` adds nothing
        table = StaticQueryTable(tokenizer, fitted.astype(np.float16),
                                 vectorizer.model_identity, self.signature)
        report = {"pieces": len(pieces), "train_texts": len(train), "held_out_texts": len(held),
                  "held_out_cosine_start": round(fit.start_cosine, 4),
                  "held_out_cosine": round(fit.fitted_cosine, 4), "steps": fit.steps,
                  "seconds": round(time.perf_counter() - started, 1)}
        log.info("static query table distilled: %s", report)
        cache = DistilCache(dict(zip(piece_texts, start)), dict(zip(train + held, targets)))
        return Distilled(table, cache, report)

    def _training_texts(self, texts: Sequence[str], requests: Sequence[str] = ()
                        ) -> tuple[list[str], list[str]]:
        """(fit, held-out) texts: every phrase fits; of the catalog's texts a seeded sample up
        to `max_texts` and of the requests up to `max_requests`, `held_out_share` of them
        held out."""
        recipe = self._recipe
        phrases = set(self._phrases)
        others = [t for t in dict.fromkeys(t.strip() for t in texts) if t and t not in phrases]
        random.Random(recipe.seed).shuffle(others)
        others = others[:max(0, recipe.max_texts - len(phrases))]
        known = phrases | set(others)
        extra = [t for t in dict.fromkeys(t.strip() for t in requests) if t and t not in known]
        others += extra[:recipe.max_requests]
        random.Random(recipe.seed).shuffle(others)
        cut = int(len(others) * recipe.held_out_share)
        return list(self._phrases) + others[cut:], others[:cut]


async def _query_vectors(vectorizer: Vectorizer, texts: list[str],
                         known: dict[str, np.ndarray]) -> np.ndarray:
    """e5's query vectors of `texts` (a zero row for an empty one), embedding only the
    texts `known` lacks."""
    vectors = dict(known)
    missing = [t for t in dict.fromkeys(texts) if t and t not in vectors]
    if missing:
        embedded = await vectorizer.encode_batch(missing, role=Role.QUERY)
        vectors.update(zip(missing, embedded))
    zero = np.zeros(vectorizer.dim, np.float32)
    return np.stack([np.asarray(vectors[t], np.float32) if t else zero for t in texts]) \
        if texts else np.zeros((0, vectorizer.dim), np.float32)


def _table_tokenizer(model_file: Path, texts: Sequence[str], korean_pieces: bool):
    """The table's pieces (`<unk>` last) and a tokenizer over them with the model's scores."""
    vocabulary, full = _full_tokenizer(model_file, _stamp(model_file))
    used = {i for e in full.encode_batch([QUERY_PREFIX + t for t in texts],
                                         add_special_tokens=False) for i in e.ids}
    if korean_pieces:
        used |= {i for i, piece in enumerate(vocabulary.pieces) if HANGUL_PIECE.fullmatch(piece)}
    used.discard(vocabulary.unk)
    chosen = [(vocabulary.pieces[i], float(vocabulary.scores[i])) for i in sorted(used)]
    chosen.append((UNKNOWN, 0.0))
    tokenizer = unigram_tokenizer(chosen, len(chosen) - 1, _charsmap(model_file, _stamp(model_file)))
    return [piece for piece, _ in chosen], tokenizer


def _stamp(model_file: Path) -> tuple[int, int]:
    """The file's size and time: a model retrained into the same path is read again."""
    stat = model_file.stat()
    return stat.st_size, stat.st_mtime_ns


@lru_cache(maxsize=2)
def _charsmap(model_file: Path, _stamp: tuple[int, int]) -> bytes:
    """The model's normalisation map as a precompiled charsmap (seconds of Python: once)."""
    from engine.encoder.charsmap import precompiled_charsmap

    return precompiled_charsmap(read_vocabulary(model_file).normalization)


def _full_tokenizer(model_file: Path, stamp: tuple[int, int]):
    """The model's tokenizer over all its pieces: only while distilling (tens of MB)."""
    vocabulary = read_vocabulary(model_file)
    return vocabulary, unigram_tokenizer(all_pieces(vocabulary), vocabulary.unk,
                                         _charsmap(model_file, stamp))
