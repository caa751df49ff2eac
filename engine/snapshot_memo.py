"""Figures derived from a loaded snapshot on first use and kept as long as it is served.

A snapshot is immutable, so what a search works out from it alone (a product's reviews read
for one trait, say) is the same for every later query: kept here, keyed by the snapshot object
itself, and dropped with it when a reindex swaps it out. Not keyed by snapshot id: tests and
evaluations build several indexes that may share one.
"""

from __future__ import annotations

import weakref
from typing import Any

_MEMOS: dict[int, tuple[weakref.ref, dict[str, dict]]] = {}
# A memo that reaches this many entries starts again empty: its figures are worked out again on
# demand, and a snapshot of a million reviews does not keep one per review it ever quoted.
MEMO_ENTRIES = 50_000


def snapshot_memo(index: Any, name: str) -> dict:
    """The memo called `name` of `index` (empty the first time, and again once it holds
    `MEMO_ENTRIES`), alive as long as `index`."""
    key = id(index)
    entry = _MEMOS.get(key)
    if entry is None or entry[0]() is not index:
        entry = (weakref.ref(index, lambda _, key=key: _MEMOS.pop(key, None)), {})
        _MEMOS[key] = entry
    memo = entry[1].setdefault(name, {})
    if len(memo) >= MEMO_ENTRIES:
        memo.clear()
    return memo
