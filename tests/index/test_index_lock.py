"""The index directory shared by several real processes: one writer, and crash clean-up that
touches only abandoned Cosmo workspaces."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from index.errors import WriterLockedError
from index.snapshot import TEMP_PREFIX, WORKSPACE_MARKER, SnapshotStore

ROOT = Path(__file__).resolve().parents[2]

# A child that takes a share of the index directory, says so on stdout, then waits to be killed.
HOLDER = textwrap.dedent("""
    import sys
    from index.snapshot import SnapshotStore
    store = SnapshotStore(sys.argv[1])
    if sys.argv[2] == "workspace":
        workspace = store.new_workspace()
        (workspace / "vectors.npy").write_bytes(b"half written")
        print(workspace, flush=True)
        sys.stdin.read()
    else:
        with store.writing():
            print("writing", flush=True)
            sys.stdin.read()
""")


class Holder:
    """A live child process holding a workspace or the writer lock of `root`."""

    def __init__(self, root: Path, what: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen([sys.executable, "-c", HOLDER, str(root), what],
                                        cwd=ROOT, env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.said = self.process.stdout.readline().strip()
        assert self.said, "the child died before taking its lock"

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)

    def close(self) -> None:
        if self.process.poll() is None:
            self.kill()
        self.process.stdin.close()
        self.process.stdout.close()


@pytest.fixture
def holders():
    started: list[Holder] = []

    def start(root: Path, what: str) -> Holder:
        started.append(Holder(root, what))
        return started[-1]

    yield start
    for holder in started:
        holder.close()


def publish(store: SnapshotStore, payload: str):
    workspace = store.new_workspace()
    (workspace / "data.bin").write_text(payload)
    return store.publish(workspace, {"model_identity": "m"})


def test_a_workspace_another_live_process_is_building_survives_a_load(tmp_path, holders):
    store = SnapshotStore(tmp_path)
    publish(store, "data")
    building = Path(holders(tmp_path, "workspace").said)
    store.open_latest()
    assert (building / "vectors.npy").read_bytes() == b"half written"


def test_the_workspace_of_a_killed_process_is_removed_on_the_next_load(tmp_path, holders):
    store = SnapshotStore(tmp_path)
    publish(store, "data")
    holder = holders(tmp_path, "workspace")
    building = Path(holder.said)
    holder.kill()
    store.open_latest()
    assert not building.exists()


def test_folders_that_are_not_cosmos_marked_workspaces_are_never_removed(tmp_path):
    store = SnapshotStore(tmp_path)
    publish(store, "data")
    other_app = tmp_path / ".tmp-otherapp"
    unmarked = tmp_path / f"{TEMP_PREFIX}0123456789ab"  # named like ours, not marked
    for folder in (other_app, unmarked):
        folder.mkdir()
        (folder / "keep.txt").write_text("someone else's")
    symlinked = tmp_path / f"{TEMP_PREFIX}symlinked"
    symlinked.mkdir()
    (symlinked / WORKSPACE_MARKER).symlink_to(other_app / "keep.txt")
    store.open_latest()
    assert (other_app / "keep.txt").read_text() == "someone else's"
    assert (unmarked / "keep.txt").read_text() == "someone else's"
    assert symlinked.is_dir()


def test_a_second_writer_is_refused_while_another_process_writes(tmp_path, holders):
    holder = holders(tmp_path, "writer")
    store = SnapshotStore(tmp_path)
    with pytest.raises(WriterLockedError, match=f"pid {holder.process.pid}"):
        with store.writing():
            pass
    holder.kill()  # the kernel drops the lock with its process: no stale lock to clear
    with store.writing():
        publish(store, "written once the other writer is gone")
    assert store.open_latest().file("data.bin").read_text().startswith("written once")


def test_two_writers_in_one_process_exclude_each_other(tmp_path):
    first, second = SnapshotStore(tmp_path), SnapshotStore(tmp_path)
    with first.writing():
        with pytest.raises(WriterLockedError):
            with second.writing():
                pass
    with second.writing():
        pass


def test_a_discarded_workspace_is_gone_and_publishing_leaves_no_marker(tmp_path):
    store = SnapshotStore(tmp_path)
    workspace = store.new_workspace()
    store.discard(workspace)
    assert not workspace.exists()
    snapshot = publish(store, "data")
    assert not (snapshot.path / WORKSPACE_MARKER).exists()
    assert WORKSPACE_MARKER not in snapshot.manifest["files"]
