"""Tuning through the Q4 rounding: it moves the served weights, and an interrupted run resumes
to the very file an uninterrupted one writes."""

from __future__ import annotations

import numpy as np
import pytest

from engine.encoder.pairs import Triplet
from engine.encoder.q4_aware import q4_round_trip
from engine.encoder.q4file import dequantize, quantize, read_model_file
from engine.encoder.tuning import CHECKPOINT_NAME, TuningPlan, tune

pytestmark = pytest.mark.slow

TRIPLETS = [
    Triplet("세안 후 얼굴이 땅겨요", "겨울에도 안 땅기고 촉촉해요", "바르면 건조하고 당겨요"),
    Triplet("향이 없는 걸 찾아요", "무향이라 예민한 코에도 괜찮아요", "향이 너무 세서 머리 아파요"),
    Triplet("끈적이지 않는 선크림", "산뜻하게 스며들고 끈적임 없어요", "하루 종일 끈적거려요"),
    Triplet("트러블 진정되는 토너", "붉은 기가 가라앉았어요", "쓰고 나서 좁쌀이 올라왔어요"),
    Triplet("색이 오래가는 틴트", "밥 먹어도 색이 남아요", "한 시간이면 다 지워져요"),
    Triplet("각질 부드럽게 정리", "자극 없이 각질이 밀려요", "따가워서 못 쓰겠어요"),
]
PLAN = TuningPlan(epochs=1, batch_size=3, learning_rate=1e-3, max_tokens=32, checkpoint_every=1)


class Interrupted(Exception):
    pass


def test_the_torch_rounding_is_the_files_rounding():
    rng = np.random.default_rng(5)
    matrix = rng.normal(0, 0.05, (64, 128)).astype(np.float32)
    import torch

    ours = q4_round_trip(torch.from_numpy(matrix)).numpy()
    assert np.array_equal(ours, dequantize(quantize(matrix)).reshape(matrix.shape))


def test_tuning_moves_the_served_weights_and_resumes_to_the_same_file(
        shipped_st, shipped_file, tmp_path):
    import copy

    def stock():
        return copy.deepcopy(shipped_st)

    whole = tune(stock(), TRIPLETS, shipped_file, tmp_path / "whole", PLAN)
    tuned = read_model_file(whole.model_file)
    moved = [n for n in tuned.tensors if not np.array_equal(tuned.tensors[n],
                                                            shipped_file.tensors[n])]
    assert any(n.endswith(".fi.w") for n in moved)  # a Q4 matrix crossed rounding levels
    assert "emb.word" not in moved                   # the word embeddings stay frozen

    def stop_after_first(done, total, loss):
        if done == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        tune(stock(), TRIPLETS, shipped_file, tmp_path / "again", PLAN,
             progress=stop_after_first)
    assert (tmp_path / "again" / CHECKPOINT_NAME).is_file()
    resumed = tune(stock(), TRIPLETS, shipped_file, tmp_path / "again", PLAN)
    assert resumed.resumed_at == 1
    assert not (tmp_path / "again" / CHECKPOINT_NAME).exists()
    assert resumed.model_file.read_bytes() == whole.model_file.read_bytes()
