"""Fine-tune the e5 encoder on triplets from the catalog, through its Q4 rounding, resumably.

The loss is sentence-transformers' MultipleNegativesRankingLoss: each query against its own
positive, every other positive in the batch and every hard negative. A checkpoint (latent
weights, optimiser, random state, step) is written every `checkpoint_every` steps beside the output, so an
interrupted run picks up where it stopped; it is keyed by the triplets and settings, so a
changed catalog or recipe starts over instead of mixing two runs.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

from engine.encoder.pairs import Triplet
from engine.encoder.q4_aware import drop_rounding, read_through_q4
from engine.encoder.q4file import ModelFile
from engine.encoder.torch_model import save_model_folder

CHECKPOINT_NAME = "tuning-checkpoint.pt"
Progress = Callable[[int, int, float], None]  # (steps done, steps in all, recent loss)


@dataclass(frozen=True)
class TuningPlan:
    epochs: int = 1
    batch_size: int = 16
    learning_rate: float = 3e-5
    max_tokens: int = 128    # reviews average ~40 tokens; longer ones keep their start
    seed: int = 0
    checkpoint_every: int = 40


@dataclass(frozen=True)
class TuningSummary:
    triplets: int
    steps: int
    resumed_at: int
    final_loss: float
    model_file: Path


def tune(st_model, triplets: Sequence[Triplet], template: ModelFile, out: Path,
         plan: TuningPlan, progress: Progress | None = None) -> TuningSummary:
    """Train `st_model` in place on `triplets` and write it to `out` (Q4 file and folder)."""
    import torch
    from sentence_transformers.losses import MultipleNegativesRankingLoss

    if not triplets:
        raise ValueError("no training triplets: the catalog has too few reviews that name a "
                         "concern of the dictionary")
    torch.manual_seed(plan.seed)
    bert = st_model[0].auto_model
    layers = read_through_q4(bert)
    st_model.max_seq_length = plan.max_tokens
    loss_of = MultipleNegativesRankingLoss(st_model)
    optimiser = torch.optim.AdamW([p for p in st_model.parameters() if p.requires_grad],
                                  lr=plan.learning_rate)
    batches = _batches(triplets, plan)
    out.mkdir(parents=True, exist_ok=True)
    checkpoint = out / CHECKPOINT_NAME
    key = _run_key(triplets, plan)
    start = _resume(checkpoint, key, st_model, optimiser)
    st_model.train()
    recent = 0.0
    for step in range(start, len(batches)):
        features = [_prepared(st_model, list(texts)) for texts in zip(*batches[step])]
        loss = loss_of(features, None)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        recent = loss.item() if step == start else 0.9 * recent + 0.1 * loss.item()
        if (step + 1) % plan.checkpoint_every == 0 and step + 1 < len(batches):
            torch.save({"key": key, "step": step + 1, "model": st_model.state_dict(),
                        "optimiser": optimiser.state_dict(), "rng": torch.get_rng_state()},
                       checkpoint)
        if progress:
            progress(step + 1, len(batches), recent)
    st_model.eval()
    drop_rounding(layers)
    model_file = save_model_folder(st_model, template, out)
    checkpoint.unlink(missing_ok=True)
    (out / "tuning.json").write_text(json.dumps(
        {"plan": asdict(plan), "triplets": len(triplets), "steps": len(batches),
         "final_loss": round(recent, 4)}, indent=2) + "\n", encoding="utf-8")
    return TuningSummary(len(triplets), len(batches), start, recent, model_file)


def _batches(triplets: Sequence[Triplet], plan: TuningPlan) -> list[list[tuple[str, str, str]]]:
    """Each epoch in its own seeded order; a batch never holds one query twice."""
    batches = []
    for epoch in range(plan.epochs):
        order = list(triplets)
        random.Random(plan.seed + epoch).shuffle(order)
        batch: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for triplet in order:
            if triplet.query in seen:
                continue
            batch.append(triplet.texts())
            seen.add(triplet.query)
            if len(batch) == plan.batch_size:
                batches.append(batch)
                batch, seen = [], set()
        if len(batch) > 1:
            batches.append(batch)
    return batches


def _run_key(triplets: Sequence[Triplet], plan: TuningPlan) -> str:
    digest = hashlib.sha256(json.dumps(asdict(plan), sort_keys=True).encode())
    for triplet in triplets:
        digest.update("\x1f".join(triplet.texts()).encode())
    return digest.hexdigest()


def _resume(checkpoint: Path, key: str, st_model, optimiser) -> int:
    import torch

    if not checkpoint.is_file():
        return 0
    saved = torch.load(checkpoint, map_location="cpu", weights_only=True)
    if saved.get("key") != key:
        return 0
    st_model.load_state_dict(saved["model"])
    optimiser.load_state_dict(saved["optimiser"])
    torch.set_rng_state(saved["rng"])  # dropout draws as an uninterrupted run would
    return int(saved["step"])


def _prepared(st_model, texts: list[str]):
    """Model inputs of a batch of texts (`preprocess` in sentence-transformers 5.x)."""
    prepare = getattr(st_model, "preprocess", None) or st_model.tokenize
    return prepare(texts)
