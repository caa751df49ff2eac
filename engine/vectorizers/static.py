"""The static query encoder: one vector per token of the model's own tokenizer, summed and
normalised, in the vector space of e5's query vectors (docs/embeddings.md).

A query then costs a tokenisation and a few table rows (well under a millisecond) instead of
e5's 13-17 ms of CPU, while documents stay embedded by the full model, so switching needs no
reindex of the vectors. The table is distilled from the model the index was built with
(`engine/encoder/distil.py`) and lives in the snapshot beside the vectors it answers.

Pooling is a weighted mean then a normalisation: a per-token weight times its vector is folded
into the stored row, and the mean's divisor goes with the normalisation, so a plain sum of rows
is the same vector.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from engine.errors import EmbeddingResponseError
from engine.vectorizers.base import MAX_EMBEDDED_CHARS

KIND = "static"
QUERY_PREFIX = "query: "  # what e5 reads before a query; its tokens carry a fitted row too
TOKENIZER_FILE = "query_tokenizer.json"
TABLE_FILE = "query_table.npy"


@dataclass(frozen=True, eq=False)
class StaticQueryTable:
    """A tokenizer over the table's pieces (its last piece `<unk>`, a zero row) and one
    float16 row per piece."""

    tokenizer: object  # tokenizers.Tokenizer
    vectors: np.ndarray
    model_identity: str  # the document model it answers
    recipe: str = ""

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    @property
    def pieces(self) -> int:
        return int(self.vectors.shape[0])

    @cached_property
    def digest(self) -> str:
        """The table's rows and pieces, so a vector cached from one table never serves another."""
        digest = hashlib.sha256(np.ascontiguousarray(self.vectors, dtype=np.float16).tobytes())
        pieces = (self.tokenizer.id_to_token(i) for i in range(self.pieces))
        digest.update("\n".join(pieces).encode("utf-8"))
        return digest.hexdigest()[:16]

    def token_ids(self, text: str) -> list[int]:
        return self.tokenizer.encode(QUERY_PREFIX + text[:MAX_EMBEDDED_CHARS],
                                     add_special_tokens=False).ids

    def encode(self, text: str) -> np.ndarray:
        """The `(dim,)` float32 unit query vector of `text`."""
        vector = self.vectors[self.token_ids(text)].sum(axis=0, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        if not np.isfinite(norm) or norm == 0:
            raise EmbeddingResponseError("the static query table gave a zero vector")
        return (vector / norm).astype(np.float32)

    def save(self, folder: Path) -> dict:
        """Write the table's two files into `folder`; return its manifest entry."""
        self.tokenizer.save(str(folder / TOKENIZER_FILE))
        np.save(folder / TABLE_FILE, np.ascontiguousarray(self.vectors, dtype=np.float16),
                allow_pickle=False)
        return {"kind": KIND, "table_sha256": self.digest, "pieces": self.pieces,
                "model_identity": self.model_identity, "recipe": self.recipe}


def load_static_table(folder: Path, entry: dict, dim: int) -> StaticQueryTable:
    """The table a snapshot's manifest entry `entry` describes; ValueError when its files do
    not match it."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
    except Exception as exc:  # tokenizers raises its own untyped errors
        raise ValueError(f"query tokenizer unreadable: {exc}") from None
    vectors = np.load(folder / TABLE_FILE, allow_pickle=False)
    if vectors.dtype != np.float16 or vectors.shape != (tokenizer.get_vocab_size(), dim):
        raise ValueError(f"query table has shape {vectors.shape} {vectors.dtype}, expected "
                         f"({tokenizer.get_vocab_size()}, {dim}) float16")
    table = StaticQueryTable(tokenizer, vectors, str(entry["model_identity"]),
                             str(entry.get("recipe", "")))
    if table.digest != entry.get("table_sha256"):
        raise ValueError(f"query table hash {table.digest} is not the manifest's "
                         f"{entry.get('table_sha256')}")
    return table
