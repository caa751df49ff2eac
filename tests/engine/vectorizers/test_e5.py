"""The embedded e5 backend: unit rows, in input order, however the texts are chunked."""

import numpy as np

from engine.vectorizers.base import Role

TEXTS = ["촉촉한 보습 크림", "백탁 없는 선크림", "순한 클렌징 오일", "지성 두피 샴푸", "립밤"]


async def test_chunked_batches_give_each_text_its_own_unit_vector(e5_vectorizer):
    batch = await e5_vectorizer.encode_batch(TEXTS, batch_size=2, role=Role.PASSAGE)
    assert batch.shape == (5, 384) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    for row, text in zip(batch, TEXTS):
        alone = await e5_vectorizer.encode_batch([text], role=Role.PASSAGE)
        assert np.allclose(row, alone[0], atol=1e-5)


async def test_a_query_is_one_unit_vector_unlike_the_same_text_as_a_passage(e5_vectorizer):
    query = await e5_vectorizer.encode(TEXTS[0], Role.QUERY)
    passage = await e5_vectorizer.encode(TEXTS[0], Role.PASSAGE)
    assert query.shape == (384,)
    assert abs(float(np.linalg.norm(query)) - 1.0) < 1e-5
    assert not np.allclose(query, passage)
