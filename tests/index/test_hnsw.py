import numpy as np
import pytest

from index.hnsw import HnswIndex, HnswParams, exact_top_k


def clustered_vectors(n: int, dim: int = 32, clusters: int = 20, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(clusters, dim))
    points = centres[rng.integers(0, clusters, n)] + 0.3 * rng.normal(size=(n, dim))
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def test_hnsw_matches_exact_search_on_clustered_data():
    vectors = clustered_vectors(2000)
    index = HnswIndex.build(vectors, HnswParams(m=16, ef_construction=200, ef_search=100))
    queries = clustered_vectors(50, seed=8)
    found = 0
    for q in queries:
        approx, _ = index.query(q, 10)
        exact, _ = exact_top_k(vectors, q, 10)
        found += len(set(approx.tolist()) & set(exact.tolist()))
    assert found / (50 * 10) >= 0.98


def test_similarities_are_cosines_best_first():
    vectors = clustered_vectors(100)
    index = HnswIndex.build(vectors, HnswParams())
    rows, sims = index.query(vectors[3], 5)
    assert rows[0] == 3
    assert sims[0] == pytest.approx(1.0, abs=1e-5)
    assert list(sims) == sorted(sims, reverse=True)


def test_asking_for_more_neighbours_than_items_returns_all():
    vectors = clustered_vectors(4)
    rows, _ = HnswIndex.build(vectors, HnswParams()).query(vectors[0], 50)
    assert sorted(rows.tolist()) == [0, 1, 2, 3]


def test_wrong_length_query_is_refused():
    index = HnswIndex.build(clustered_vectors(10), HnswParams())
    with pytest.raises(ValueError, match="dim"):
        index.query(np.ones(16, dtype=np.float32), 3)


def test_loaded_index_answers_like_the_built_one(tmp_path):
    vectors = clustered_vectors(500)
    params = HnswParams(ef_search=64)
    built = HnswIndex.build(vectors, params)
    built.save(tmp_path / "v.hnsw")
    loaded = HnswIndex.load(tmp_path / "v.hnsw", 32, 500, params)
    for q in vectors[:20]:
        assert built.query(q, 10)[0].tolist() == loaded.query(q, 10)[0].tolist()


def test_load_refuses_a_count_that_differs_from_the_manifest(tmp_path):
    HnswIndex.build(clustered_vectors(50), HnswParams()).save(tmp_path / "v.hnsw")
    with pytest.raises(ValueError, match="manifest"):
        HnswIndex.load(tmp_path / "v.hnsw", 32, 60, HnswParams())


def test_exact_top_k_orders_by_similarity():
    matrix = np.eye(4, dtype=np.float32)
    rows, sims = exact_top_k(matrix, np.array([0.1, 0.9, 0.3, 0], dtype=np.float32), 2)
    assert rows.tolist() == [1, 2]
