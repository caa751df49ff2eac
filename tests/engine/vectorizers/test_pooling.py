"""Response shapes of the feature-extraction API, pooled and normalised."""

from __future__ import annotations

import numpy as np
import pytest

from engine.errors import EmbeddingResponseError
from engine.vectorizers.pooling import embeddings_from_payload, mean_pool

TOKENS = [[1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [2.0, 1.0, 0.0]]  # mean: [1, 1, 0]
POOLED = [2 ** -0.5, 2 ** -0.5, 0.0]


def unit(vector):
    vector = np.asarray(vector, dtype=np.float64)
    return vector / np.linalg.norm(vector)


def test_one_text_as_a_flat_vector():
    matrix = embeddings_from_payload([3.0, 4.0, 0.0], 1, single=True)
    assert matrix.dtype == np.float32 and matrix.shape == (1, 3)
    np.testing.assert_allclose(matrix[0], [0.6, 0.8, 0.0], atol=1e-7)


def test_one_text_as_token_vectors_is_mean_pooled():
    np.testing.assert_allclose(embeddings_from_payload(TOKENS, 1, single=True)[0], POOLED, atol=1e-7)


def test_one_text_as_a_batch_of_one_token_matrix_is_mean_pooled():
    np.testing.assert_allclose(embeddings_from_payload([TOKENS], 1, single=True)[0], POOLED,
                               atol=1e-7)


def test_one_text_as_a_one_row_matrix():
    np.testing.assert_allclose(embeddings_from_payload([[0.0, 5.0]], 1, single=True)[0], [0, 1])


def test_a_batch_of_sentence_vectors_keeps_order():
    matrix = embeddings_from_payload([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]], 3, single=False)
    np.testing.assert_allclose(matrix, [[1, 0], [0, 1], unit([1, 1])], atol=1e-7)


def test_a_batch_of_token_matrices_with_different_lengths_is_pooled_per_text():
    payload = [TOKENS, [[0.0, 0.0, 4.0]]]
    matrix = embeddings_from_payload(payload, 2, single=False)
    np.testing.assert_allclose(matrix, [POOLED, [0, 0, 1]], atol=1e-7)


def test_rows_are_unit_length():
    rng = np.random.default_rng(1)
    matrix = embeddings_from_payload(rng.normal(size=(5, 8)).tolist(), 5, single=False)
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-6)


@pytest.mark.parametrize(("payload", "n_texts", "single"), [
    ([[1.0, 2.0]], 2, False),                      # fewer vectors than texts
    ([1.0, 2.0], 2, False),                        # a flat vector for a batch
    ([[[[1.0]]]], 1, True),                        # four levels deep
    ([[[[1.0]]]], 1, False),
    ([[TOKENS, TOKENS]], 1, True),                 # [1][2][tokens][dim]
    ([[1.0, float("nan")]], 1, False),             # NaN
    ([[1.0, float("inf")]], 1, False),
    ([[0.0, 0.0]], 1, False),                      # all-zero vector cannot be normalised
    ([["0.1", "0.2"]], 1, False),                  # strings
    ([[None, 1.0]], 1, False),
    ([[1.0, 2.0], [1.0, 2.0, 3.0]], 2, False),     # different dims
    ([], 0, False),
    ([], 1, True),
    ({"error": "oops"}, 1, True),
    ("[0.1, 0.2]", 1, True),
    (0.5, 1, True),
    ([[]], 1, False),
])
def test_other_shapes_and_values_are_rejected(payload, n_texts, single):
    with pytest.raises(EmbeddingResponseError):
        embeddings_from_payload(payload, n_texts, single=single)


def test_mean_pool_refuses_an_empty_token_list():
    with pytest.raises(EmbeddingResponseError):
        mean_pool(np.zeros((0, 4)))
