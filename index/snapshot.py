"""Versioned index snapshots on disk, published atomically and verified on load.

Layout of the index directory:

    INDEX_DIR/
      CURRENT                    name of the snapshot in use (replaced atomically)
      snap-20261125T101500123456Z-ab12cd/
        manifest.json            format, model identity, dim, counts, params, sha256 of every file
        ...files written by the engine...
      .tmp-cosmo-<random>/       a snapshot being built
        .cosmo-workspace         marker, flock-ed by the process building it
      .cosmo-writer.lock         flock-ed by the one process writing snapshots

A snapshot is built in a temporary directory, fsynced, renamed into place, and only then is
`CURRENT` switched. The last `keep` snapshots are kept so a damaged one can fall back.

Several processes may share one index directory (a bot, `engine search`, replicas). Only one
writes at a time (`writing()`), and a process cleaning up after a crash removes only folders
that are Cosmo's by name *and* by marker and whose marker no live process holds: the kernel drops
an `flock` when its process dies, so a workspace is abandoned exactly when its lock is free.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Collection, Iterator, TypeVar

from index.errors import NoSnapshotError, SnapshotError, WriterLockedError
from index.lock import FileLock

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CURRENT = "CURRENT"
SNAPSHOT_PREFIX = "snap-"
TEMP_PREFIX = ".tmp-cosmo-"
WORKSPACE_MARKER = ".cosmo-workspace"
WRITER_LOCK = ".cosmo-writer.lock"

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """A verified snapshot directory and its manifest."""

    path: Path
    manifest: dict[str, Any]

    @property
    def snapshot_id(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / name


class SnapshotStore:
    """Publishes and opens snapshots inside one index directory, never outside it.

    `in_use` names snapshots that other processes sharing the directory still serve (replicas,
    from their heartbeats); pruning keeps those too.
    """

    def __init__(self, root: Path, keep: int = 2,
                 in_use: Callable[[], Collection[str]] | None = None) -> None:
        self.root = Path(root).resolve()
        self.keep = max(1, keep)
        self._in_use = in_use or frozenset
        self._workspace_locks: dict[str, FileLock] = {}

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the index directory's writer lock, or raise `WriterLockedError` naming
        the process that holds it; the lock goes when the block ends or the process dies."""
        self.root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.root / WRITER_LOCK)
        if not lock.acquire():
            holder = lock.holder_pid()
            raise WriterLockedError(
                f"another process{f' (pid {holder})' if holder else ''} is writing a snapshot "
                f"into {self.root}: wait for it to finish, then try again")
        try:
            yield
        finally:
            lock.release()

    def new_workspace(self) -> Path:
        """A fresh temporary directory inside the store for building a snapshot, marked as
        Cosmo's and locked by this process until it is published or discarded."""
        self.root.mkdir(parents=True, exist_ok=True)
        workspace = self.root / f"{TEMP_PREFIX}{secrets.token_hex(6)}"
        workspace.mkdir()
        lock = FileLock(workspace / WORKSPACE_MARKER)
        lock.acquire()  # a new file in a new folder: nobody else can hold it
        self._workspace_locks[workspace.name] = lock
        return workspace

    def discard(self, workspace: Path) -> None:
        """Remove a workspace this store made and will not publish, and drop its lock."""
        workspace = self._inside(workspace)
        shutil.rmtree(workspace, ignore_errors=True)
        self._release(workspace.name)

    def publish(self, workspace: Path, manifest: dict[str, Any]) -> Snapshot:
        """Checksum the workspace's files, write the manifest, and make it CURRENT atomically."""
        workspace = self._inside(workspace)
        files = {}
        for item in sorted(workspace.iterdir()):
            if item.name in (MANIFEST, WORKSPACE_MARKER) or not item.is_file():
                continue
            files[item.name] = {"sha256": file_sha256(item), "bytes": item.stat().st_size}
            _fsync_file(item)
        created = datetime.now(timezone.utc)
        full_manifest = {
            "format_version": FORMAT_VERSION,
            "created_at": created.isoformat(timespec="seconds"),
            **manifest,
            "files": files,
        }
        _write_durably(workspace / MANIFEST, json.dumps(full_manifest, ensure_ascii=False, indent=2))
        _fsync_dir(workspace)
        name = f"{SNAPSHOT_PREFIX}{created.strftime('%Y%m%dT%H%M%S%f')}Z-{secrets.token_hex(3)}"
        final = self.root / name
        # Unmarked, the folder is no cleaner's business while it turns into a snapshot; the
        # lock held on the unlinked marker keeps it ours until then.
        (workspace / WORKSPACE_MARKER).unlink(missing_ok=True)
        os.rename(workspace, final)
        self._release(workspace.name)
        _fsync_dir(self.root)
        _write_durably(self.root / CURRENT, name + "\n", replace=True)
        _fsync_dir(self.root)
        self._prune()
        return Snapshot(final, full_manifest)

    def open_latest(self, load: Callable[[Snapshot], T] | None = None) -> T | Snapshot:
        """The newest snapshot that verifies (and that `load` accepts), preferring CURRENT.

        Each snapshot skipped is logged with why; `load` turns a verified snapshot into what
        the caller serves, raising `SnapshotError` for damage the checksums cannot see.
        """
        self.discard_workspaces()
        candidates = self._candidates()
        if not candidates:
            raise NoSnapshotError(f"no index snapshot in {self.root}: run a reindex")
        current = self.current_name()
        problems = []
        for path in candidates:
            try:
                snapshot = verify_snapshot(path)
                loaded = load(snapshot) if load is not None else snapshot
            except SnapshotError as exc:
                problems.append(f"{path.name}: {exc}")
                log.error("snapshot %s is unusable: %s", path.name, exc)
                continue
            if problems or path.name != current:
                log.warning("falling back to snapshot %s", path.name)
            return loaded
        raise SnapshotError("no usable index snapshot (" + "; ".join(problems) + "): run a reindex")

    def discard_workspaces(self) -> None:
        """Remove half-built snapshots left by a crash: Cosmo's own (named and marked) whose
        builder is gone. Anything else in the directory is left alone."""
        if not self.root.is_dir():
            return
        for item in self.root.iterdir():
            if not (item.name.startswith(TEMP_PREFIX) and item.is_dir()
                    and not item.is_symlink()):
                continue
            lock = FileLock(item / WORKSPACE_MARKER, create=False)
            if not lock.acquire():
                log.info("leaving workspace %s: a live process is building it or it is not "
                         "marked as Cosmo's", item.name)
                continue
            try:
                log.warning("removing unfinished snapshot %s", item.name)
                shutil.rmtree(item, ignore_errors=True)
            finally:
                lock.release()

    def snapshot_names(self) -> list[str]:
        """Published snapshots, newest first."""
        if not self.root.is_dir():
            return []
        names = [p.name for p in self.root.iterdir()
                 if p.is_dir() and p.name.startswith(SNAPSHOT_PREFIX)]
        return sorted(names, reverse=True)

    def current_name(self) -> str | None:
        try:
            name = (self.root / CURRENT).read_text(encoding="utf-8").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return name or None

    def _candidates(self) -> list[Path]:
        ordered = self.snapshot_names()
        current = self.current_name()
        if current is not None:
            if current in ordered:
                ordered.remove(current)
                ordered.insert(0, current)
            else:
                log.error("CURRENT points at %r, which does not exist", current)
        return [self.root / name for name in ordered]

    def _prune(self) -> None:
        current = self.current_name()
        names = self.snapshot_names()
        keep = set(names[: self.keep]) | set(self._in_use())
        if current:
            keep.add(current)
        for name in names:
            if name not in keep:
                shutil.rmtree(self.root / name, ignore_errors=True)

    def _release(self, name: str) -> None:
        lock = self._workspace_locks.pop(name, None)
        if lock is not None:
            lock.release()

    def _inside(self, path: Path) -> Path:
        resolved = Path(path).resolve()
        if resolved.parent != self.root:
            raise SnapshotError(f"{path} is not a workspace of the index directory {self.root}")
        return resolved


def verify_snapshot(path: Path) -> Snapshot:
    """Check the manifest and every file's size and sha256; raise `SnapshotError` on mismatch."""
    manifest_path = path / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SnapshotError("manifest.json is missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"manifest.json is unreadable: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format_version") != FORMAT_VERSION:
        raise SnapshotError(f"unsupported snapshot format {manifest.get('format_version')!r}"
                            if isinstance(manifest, dict) else "manifest.json is not an object")
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        raise SnapshotError("manifest lists no files")
    for name, expected in files.items():
        item = path / name
        if Path(name).name != name or not item.is_file():
            raise SnapshotError(f"file {name} listed in the manifest is missing")
        size = item.stat().st_size
        if size != expected.get("bytes"):
            raise SnapshotError(f"file {name} has {size} bytes, manifest says {expected.get('bytes')}")
        if file_sha256(item) != expected.get("sha256"):
            raise SnapshotError(f"file {name} does not match its checksum")
    return Snapshot(path, manifest)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_durably(path: Path, text: str, replace: bool = False) -> None:
    target = path.with_name(path.name + ".tmp") if replace else path
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    if replace:
        os.replace(target, path)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def monotonic_age_seconds(created_at_iso: str) -> float:
    """Seconds since an ISO timestamp written by `publish`."""
    created = datetime.fromisoformat(created_at_iso)
    return max(0.0, time.time() - created.timestamp())
