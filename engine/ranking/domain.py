"""Is the query about what a beauty shop sells at all? Judged by the queries its vector is near.

The catalog's statistics cannot tell "자동차 타이어 광택 코팅제" or "에어프라이어 5리터 세척 쉬운
거" from a shopper's need: Kiwi splits the compounds into pieces the catalog uses, and "광택",
"세척" are words of the dictionaries. The query encoder's vector knows the topic,
though. Example queries written blind for the purpose (beauty shoppers' requests of every kind,
and requests from other domains, `data/domain/*.tsv`) are embedded once by
`bench/fit_domain.py`; a query whose nearest other-domain examples stand closer than its
nearest beauty ones is about another domain, by that margin. The nearest few rather than a
fitted boundary: a few hundred examples cannot draw a boundary through a space of hundreds of
dimensions that holds for domains they never showed, while a close neighbour carries over.
The vectors hold for the encoder that made them, which the file names, and are compared only
with its vectors; the file keeps the texts too, so a snapshot's static query table encodes them
anew (`encoded_by`: well under a second) and its queries are compared with its own vectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

DOMAIN_EXAMPLES_FILE = Path(__file__).resolve().parents[2] / "data" / "domain" / "examples.npz"
NEIGHBOURS = 5  # the nearest examples of each side that speak for it


@dataclass(frozen=True, eq=False)  # compared by identity: it holds arrays
class DomainExamples:
    """Unit vectors of beauty (`inside`) and other-domain (`outside`) example queries, made by
    the encoder `model_identity`, and the queries' texts."""

    model_identity: str
    inside: np.ndarray
    outside: np.ndarray
    inside_texts: tuple[str, ...] = ()
    outside_texts: tuple[str, ...] = ()

    def off_domain_margin(self, vector: np.ndarray) -> float:
        """How much closer the query's nearest other-domain examples are than its nearest
        beauty ones (mean cosine of each side's `NEIGHBOURS` nearest); above 0 leans outside."""
        return _nearest(self.outside, vector) - _nearest(self.inside, vector)

    def reads(self, model_identity: str, dim: int) -> bool:
        """Whether vectors of `model_identity` with `dim` components compare with these."""
        return model_identity == self.model_identity and dim == self.inside.shape[1]

    def encoded_by(self, encode: Callable[[str], np.ndarray],
                   model_identity: str) -> "DomainExamples":
        """The same examples, their texts encoded by `encode` (another query encoder)."""
        def vectors(texts: tuple[str, ...]) -> np.ndarray:
            return _frozen(np.stack([encode(text) for text in texts]))
        return DomainExamples(model_identity, vectors(self.inside_texts),
                              vectors(self.outside_texts), self.inside_texts, self.outside_texts)

    def save(self, path: Path) -> None:
        np.savez_compressed(path, model_identity=np.array(self.model_identity),
                            inside=self.inside.astype(np.float16),
                            outside=self.outside.astype(np.float16),
                            inside_texts=np.array(self.inside_texts),
                            outside_texts=np.array(self.outside_texts))

    @classmethod
    def load(cls, path: Path = DOMAIN_EXAMPLES_FILE) -> "DomainExamples | None":
        """The shipped examples, or None where there are none (the judgement goes without)."""
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(str(data["model_identity"]), _frozen(data["inside"]),
                           _frozen(data["outside"]), tuple(data["inside_texts"].tolist()),
                           tuple(data["outside_texts"].tolist()))
        except FileNotFoundError:
            return None


def _nearest(examples: np.ndarray, vector: np.ndarray) -> float:
    similarities = examples @ vector.astype(np.float32)
    count = min(NEIGHBOURS, len(similarities))
    return float(np.partition(similarities, -count)[-count:].mean())


def _frozen(vectors: np.ndarray) -> np.ndarray:
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    vectors.setflags(write=False)
    return vectors
