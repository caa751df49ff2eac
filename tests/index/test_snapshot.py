import json

import pytest

from index.errors import NoSnapshotError, SnapshotError
from index.snapshot import CURRENT, SnapshotStore, verify_snapshot


def publish(store: SnapshotStore, payload: str, model: str = "m") :
    workspace = store.new_workspace()
    (workspace / "data.bin").write_text(payload)
    return store.publish(workspace, {"model_identity": model})


def test_published_snapshot_round_trips(tmp_path):
    store = SnapshotStore(tmp_path)
    snapshot = publish(store, "hello")
    opened = store.open_latest()
    assert opened.path == snapshot.path
    assert opened.manifest["model_identity"] == "m"
    assert opened.file("data.bin").read_text() == "hello"
    assert (tmp_path / CURRENT).read_text().strip() == snapshot.snapshot_id


def test_empty_store_says_no_index(tmp_path):
    with pytest.raises(NoSnapshotError):
        SnapshotStore(tmp_path).open_latest()


def test_corrupted_file_is_detected_and_previous_snapshot_serves(tmp_path, caplog):
    store = SnapshotStore(tmp_path)
    old = publish(store, "old data")
    new = publish(store, "new data")
    (new.path / "data.bin").write_text("new dat4")  # same size, other bytes
    opened = store.open_latest()
    assert opened.path == old.path
    assert "does not match its checksum" in caplog.text


def test_truncated_file_is_detected(tmp_path):
    store = SnapshotStore(tmp_path)
    snapshot = publish(store, "0123456789")
    (snapshot.path / "data.bin").write_text("01234")
    with pytest.raises(SnapshotError, match="bytes"):
        verify_snapshot(snapshot.path)


def test_manifest_that_does_not_match_the_files_is_detected(tmp_path):
    store = SnapshotStore(tmp_path)
    snapshot = publish(store, "data")
    manifest = json.loads((snapshot.path / "manifest.json").read_text())
    manifest["files"]["other.bin"] = {"sha256": "0" * 64, "bytes": 1}
    (snapshot.path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SnapshotError, match="missing"):
        verify_snapshot(snapshot.path)


def test_current_pointing_at_nothing_falls_back(tmp_path, caplog):
    store = SnapshotStore(tmp_path)
    snapshot = publish(store, "data")
    (tmp_path / CURRENT).write_text("snap-gone\n")
    assert store.open_latest().path == snapshot.path
    assert "does not exist" in caplog.text


def test_only_the_last_two_snapshots_are_kept(tmp_path):
    store = SnapshotStore(tmp_path, keep=2)
    published = [publish(store, f"v{i}") for i in range(4)]
    assert set(store.snapshot_names()) == {published[-1].snapshot_id, published[-2].snapshot_id}


def test_a_snapshot_another_replica_still_serves_is_not_pruned(tmp_path):
    served: set[str] = set()
    store = SnapshotStore(tmp_path, in_use=lambda: served)
    oldest = publish(store, "1").snapshot_id
    served.add(oldest)
    newer = [publish(store, str(n)).snapshot_id for n in range(2, 5)]
    assert store.snapshot_names() == sorted([oldest, *newer[-2:]], reverse=True)
    served.clear()
    newest = publish(store, "5").snapshot_id
    assert store.snapshot_names() == [newest, newer[-1]]


def test_publishing_a_directory_outside_the_store_is_refused(tmp_path):
    store = SnapshotStore(tmp_path / "index")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "data.bin").write_text("x")
    with pytest.raises(SnapshotError, match="not a workspace"):
        store.publish(outside, {})
