"""What a snapshot holds for search, and how it is written to and read from disk."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from sys import intern

import numpy as np

from engine.category_prior import CategoryPrior, build_category_prior
from engine.corpus import Corpus, build_corpus
from engine.errors import IndexModelMismatchError, SnapshotError
from engine.keyword import KeywordIndex, Morpheme, index_terms
from engine.models import Product, Review
from engine.ranking.params import EXACT_SCAN_DOCUMENTS, GOOD_RATING
from engine.sentences import EMPTY_SENTENCES, SentenceTable
from engine.understanding import CategoryLexicon, CategoryMap, map_catalog_categories
from engine.vectorizers.static import KIND as STATIC_KIND
from engine.vectorizers.static import StaticQueryTable, load_static_table
from index.hnsw import METRIC, HnswIndex, HnswParams
from index.snapshot import Snapshot

PRODUCTS_FILE = "products.jsonl"
VECTORS_FILE = "vectors.npy"
HNSW_FILE = "vectors.hnsw"
MORPHEMES_FILE = "morphemes.jsonl"
SENTENCES_FILE = "sentences.npy"                # document, start, stop of each review sentence
SENTENCE_VECTORS_FILE = "sentence_vectors.npy"
SENTENCES_FORMAT = "review-sentences-v1"
KEYWORD_FORMAT = "bm25-product-v2"  # v2: reviews rated below GOOD_RATING left out
READABLE_KEYWORD_FORMATS = frozenset({"bm25-product-v1", KEYWORD_FORMAT})

DocumentMorphemes = tuple[tuple[Morpheme, ...], ...]


@dataclass(frozen=True)
class SearchIndex:
    """An immutable, loaded snapshot: corpus, vectors and the ANN graph."""

    corpus: Corpus
    vectors: np.ndarray
    hnsw: HnswIndex | None  # None up to EXACT_SCAN_DOCUMENTS documents, which are scanned whole
    model_identity: str
    snapshot_id: str
    created_at: str
    catalog_sha256: str
    keyword: KeywordIndex | None = None       # one BM25 document per product (row order)
    morphemes: DocumentMorphemes = ()          # per corpus document, for negation and evidence
    category_map: CategoryMap = CategoryMap({}, ())  # query words → this catalog's categories
    morphology: str = ""                       # identity of the analyser behind `morphemes`
    sentences: SentenceTable = EMPTY_SENTENCES  # embedded sentences of quotable reviews
    category_prior: CategoryPrior | None = None  # each category's centroid vector
    query_table: StaticQueryTable | None = None  # the static query encoder distilled for it

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def check_model(self, model_identity: str, dim: int) -> None:
        """Refuse vectors from another model: similarities across models are meaningless."""
        if model_identity != self.model_identity or dim != self.dim:
            raise IndexModelMismatchError(
                f"the index was built with {self.model_identity} (dim {self.dim}) but the active "
                f"embedding backend is {model_identity} (dim {dim}); run a reindex "
                f"(`python -m engine index` or /reindex), or switch back to the old backend")


def product_terms(corpus: Corpus, morphemes: DocumentMorphemes,
                  min_rating: float | None = None) -> list[list[str]]:
    """Keyword terms of each product: its listing and its reviews as one document (only
    reviews rated at least `min_rating`, when given)."""
    terms: list[list[str]] = [[] for _ in corpus.products]
    for row, doc_morphemes in enumerate(morphemes):
        if min_rating is not None and corpus.doc_rating[row] < min_rating:
            continue
        terms[int(corpus.doc_product[row])].extend(index_terms(doc_morphemes, noun_bigrams=True))
    return terms


def write_index_files(workspace: Path, corpus: Corpus, vectors: np.ndarray,
                      params: HnswParams, morphemes: DocumentMorphemes,
                      sentences: SentenceTable | None = None, threads: int = 2) -> dict:
    """Write the corpus, vectors, hnsw graph, morphemes, keyword index and review sentences
    (when embedded); return manifest fields."""
    with open(workspace / PRODUCTS_FILE, "w", encoding="utf-8") as handle:
        for product in corpus.products:
            handle.write(json.dumps(_product_dict(product), ensure_ascii=False) + "\n")
    np.save(workspace / VECTORS_FILE, vectors, allow_pickle=False)
    HnswIndex.build(vectors, params, threads=threads).save(workspace / HNSW_FILE)
    with open(workspace / MORPHEMES_FILE, "w", encoding="utf-8") as handle:
        for doc_morphemes in morphemes:
            handle.write(json.dumps([list(m) for m in doc_morphemes], ensure_ascii=False) + "\n")
    # Only good reviews give keyword terms; every review still counts for the absence cues,
    # which read every review's morphemes.
    KeywordIndex.build(product_terms(corpus, morphemes, GOOD_RATING)).save(workspace)
    fields = {}
    if sentences is not None and sentences.vectors is not None:
        np.save(workspace / SENTENCES_FILE, sentences.as_array(), allow_pickle=False)
        np.save(workspace / SENTENCE_VECTORS_FILE,
                np.ascontiguousarray(sentences.vectors, dtype=np.float32), allow_pickle=False)
        fields["sentences"] = SENTENCES_FORMAT
    return {
        **fields,
        "keyword": KEYWORD_FORMAT,
        "dim": int(vectors.shape[1]),
        "metric": METRIC,
        "counts": {
            "products": len(corpus.products),
            "reviews": sum(len(p.reviews) for p in corpus.products),
            "documents": corpus.document_count,
            "sentences": sentences.count if fields else 0,
        },
        "hnsw": asdict(params),
    }


def read_search_index(snapshot: Snapshot, ef_search: int | None = None) -> SearchIndex:
    """Load a verified snapshot into memory; raise `SnapshotError` on inconsistent content."""
    manifest = snapshot.manifest
    try:
        products = tuple(_product_from_dict(json.loads(line)) for line in
                         snapshot.file(PRODUCTS_FILE).read_text(encoding="utf-8").split("\n")
                         if line.strip())
        corpus = build_corpus(products)
        vectors = np.load(snapshot.file(VECTORS_FILE), allow_pickle=False)
        dim = int(manifest["dim"])
        params = HnswParams(**manifest["hnsw"])
        if ef_search is not None:
            params = HnswParams(params.m, params.ef_construction, ef_search)
        if vectors.shape != (corpus.document_count, dim) or vectors.dtype != np.float32:
            raise SnapshotError(f"vectors have shape {vectors.shape}, expected "
                                f"({corpus.document_count}, {dim})")
        hnsw = HnswIndex.load(snapshot.file(HNSW_FILE), dim, corpus.document_count, params)
        if corpus.document_count <= EXACT_SCAN_DOCUMENTS:
            hnsw = None  # loaded to check the file; searches never read it (3.3 MB on the sample)
        keyword, morphemes = _read_keyword_files(snapshot, corpus)
        return SearchIndex(
            corpus=corpus,
            vectors=vectors,
            hnsw=hnsw,
            model_identity=str(manifest["model_identity"]),
            snapshot_id=snapshot.snapshot_id,
            created_at=str(manifest["created_at"]),
            catalog_sha256=str(manifest.get("catalog_sha256", "")),
            keyword=keyword,
            morphemes=morphemes,
            morphology=str(manifest.get("morphology", "")),
            sentences=_read_sentences(snapshot, corpus, dim),
            query_table=_read_query_table(snapshot, dim),
        )
    except SnapshotError:
        raise
    except (KeyError, TypeError, ValueError, OSError, RuntimeError) as exc:
        raise SnapshotError(f"snapshot {snapshot.snapshot_id} is inconsistent: {exc}") from None


def ready_to_serve(index: SearchIndex, categories: CategoryLexicon) -> SearchIndex:
    """The index with this catalog's mapping of category words onto its own category names, and
    the category prior learned from its vectors (a pass over every vector)."""
    return replace(index, category_map=map_catalog_categories(index.corpus.category_rows,
                                                              categories),
                   category_prior=build_category_prior(index.corpus, index.vectors))


def _read_keyword_files(snapshot: Snapshot, corpus: Corpus) -> tuple[KeywordIndex | None,
                                                                    DocumentMorphemes]:
    """The keyword side of a snapshot; snapshots from before keyword search have none."""
    if snapshot.manifest.get("keyword") not in READABLE_KEYWORD_FORMATS:
        return None, ()
    lines = snapshot.file(MORPHEMES_FILE).read_text(encoding="utf-8").splitlines()
    # json gives each occurrence of a form or tag its own string: shared, the sample catalog's
    # 37k morphemes take 3.3 MB instead of 8.0
    morphemes = tuple(tuple(Morpheme(intern(m[0]), intern(m[1]), *m[2:]) for m in json.loads(line))
                      for line in lines if line)
    if len(morphemes) != corpus.document_count:
        raise SnapshotError(f"morphemes cover {len(morphemes)} documents, "
                            f"expected {corpus.document_count}")
    return KeywordIndex.load(snapshot.path, len(corpus.products)), morphemes


def _read_sentences(snapshot: Snapshot, corpus: Corpus, dim: int) -> SentenceTable:
    """The embedded review sentences; snapshots from before them have none (sentences are
    then quoted by shared words and their review's similarity)."""
    if snapshot.manifest.get("sentences") != SENTENCES_FORMAT:
        return EMPTY_SENTENCES
    rows = np.load(snapshot.file(SENTENCES_FILE), allow_pickle=False)
    vectors = np.load(snapshot.file(SENTENCE_VECTORS_FILE), allow_pickle=False)
    if rows.ndim != 2 or rows.shape[1] != 3 or vectors.shape != (rows.shape[0], dim) \
            or vectors.dtype != np.float32:
        raise SnapshotError(f"sentence files have shapes {rows.shape} and {vectors.shape}")
    table = SentenceTable.from_array(rows, vectors)
    if table.count and (table.doc.min() < 0 or table.doc.max() >= corpus.document_count
                        or np.any(np.diff(table.doc) < 0)):
        raise SnapshotError("sentence rows do not match the documents")
    return table


def _read_query_table(snapshot: Snapshot, dim: int) -> StaticQueryTable | None:
    """The static query table; snapshots built for e5 queries have none."""
    entry = snapshot.manifest.get("query_encoder") or {}
    if entry.get("kind") != STATIC_KIND:
        return None
    if entry.get("model_identity") != snapshot.manifest["model_identity"]:
        raise SnapshotError(f"the query table was distilled from {entry.get('model_identity')}, "
                            f"the vectors embedded by {snapshot.manifest['model_identity']}")
    return load_static_table(snapshot.path, entry, dim)


def _product_dict(product: Product) -> dict:
    data = asdict(product)
    data["reviews"] = [asdict(review) for review in product.reviews]
    return data


def _product_from_dict(data: dict) -> Product:
    reviews = tuple(Review(**review) for review in data.pop("reviews"))
    return Product(**data, reviews=reviews)
