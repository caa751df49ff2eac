"""The per-snapshot memo: one per snapshot object, never shared by two that share an id, and
gone with its snapshot."""

import gc
from dataclasses import dataclass

from engine.snapshot_memo import _MEMOS, snapshot_memo


@dataclass(frozen=True)
class Snapshot:
    snapshot_id: str


def test_a_memo_is_kept_for_its_snapshot_and_by_name():
    first = Snapshot("snap-1")
    snapshot_memo(first, "reports")["row"] = 1
    assert snapshot_memo(first, "reports") == {"row": 1}
    assert snapshot_memo(first, "other") == {}


def test_two_snapshots_with_one_id_do_not_share_a_memo():
    first, second = Snapshot("snap-1"), Snapshot("snap-1")
    snapshot_memo(first, "reports")["row"] = 1
    assert snapshot_memo(second, "reports") == {}


def test_the_memo_goes_with_its_snapshot():
    snapshot = Snapshot("snap-2")
    snapshot_memo(snapshot, "reports")["row"] = 1
    key = id(snapshot)
    del snapshot
    gc.collect()
    assert key not in _MEMOS


def test_a_full_memo_starts_again_empty(monkeypatch):
    import engine.snapshot_memo as memos
    monkeypatch.setattr(memos, "MEMO_ENTRIES", 2)
    snapshot = Snapshot("snap-3")
    snapshot_memo(snapshot, "reports").update(first=1, second=2)
    assert snapshot_memo(snapshot, "reports") == {}
