"""A BM25 index over term lists (bm25s), saved as top-level snapshot files."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Sequence

import bm25s
import numpy as np

FILE_PREFIX = "bm25."
PARAMS_FILE = FILE_PREFIX + "params.json"
VOCAB_FILE = FILE_PREFIX + "vocab.json"
DATA_FILE = FILE_PREFIX + "data.npy"
INDICES_FILE = FILE_PREFIX + "indices.npy"
INDPTR_FILE = FILE_PREFIX + "indptr.npy"
EMPTY_DOCUMENT_TERM = "\u2205"  # keeps bm25s from meeting a document with no terms

logging.getLogger("bm25s").setLevel(logging.WARNING)


class KeywordIndex:
    """BM25 scores of every document for a list of query terms."""

    def __init__(self, bm25: bm25s.BM25, document_count: int) -> None:
        self._bm25 = bm25
        self.document_count = document_count

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]], k1: float = 1.2,
              b: float = 0.75) -> "KeywordIndex":
        """Index one term list per document, in document-row order."""
        bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        bm25.index([list(terms) or [EMPTY_DOCUMENT_TERM] for terms in documents],
                   show_progress=False)
        return cls(bm25, len(documents))

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """A float32 score per document; zeros when no term is in the vocabulary."""
        known = [t for t in terms if t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(self.document_count, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def weighted_scores(self, weighted_terms: Sequence[tuple[str, float]]) -> np.ndarray:
        """The sum over terms of weight × the term's BM25 score; a repeated term counts again."""
        groups: dict[float, list[str]] = {}
        for term, weight in weighted_terms:
            if weight:
                groups.setdefault(weight, []).append(term)
        total = np.zeros(self.document_count, dtype=np.float32)
        for weight, terms in groups.items():
            total += np.float32(weight) * self.scores(terms)
        return total

    def document_frequency(self, term: str) -> int:
        """How many documents contain the term."""
        token = self._bm25.vocab_dict.get(term)
        if token is None:
            return 0
        indptr = self._bm25.scores["indptr"]
        return int(indptr[token + 1] - indptr[token])

    def knows(self, term: str) -> bool:
        return term in self._bm25.vocab_dict

    def save(self, directory: Path) -> list[str]:
        """Write the index as top-level files of `directory`; return their names."""
        self._bm25.save(directory, data_name=DATA_FILE, indices_name=INDICES_FILE,
                        indptr_name=INDPTR_FILE, vocab_name=VOCAB_FILE,
                        params_name=PARAMS_FILE, show_progress=False)
        return [PARAMS_FILE, VOCAB_FILE, DATA_FILE, INDICES_FILE, INDPTR_FILE]

    @classmethod
    def load(cls, directory: Path, document_count: int) -> "KeywordIndex":
        """Read an index written by `save`; raise ValueError if it does not fit the corpus."""
        bm25 = bm25s.BM25.load(directory, data_name=DATA_FILE, indices_name=INDICES_FILE,
                               indptr_name=INDPTR_FILE, vocab_name=VOCAB_FILE,
                               params_name=PARAMS_FILE, show_progress=False, verbosity=0)
        saved = json.loads((Path(directory) / PARAMS_FILE).read_text(encoding="utf-8"))
        if int(bm25.scores["num_docs"]) != document_count:
            raise ValueError(f"keyword index has {bm25.scores['num_docs']} documents, "
                             f"expected {document_count} ({saved.get('method')})")
        return cls(bm25, document_count)
