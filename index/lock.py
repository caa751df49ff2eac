"""Exclusive OS file locks (`flock`) that the kernel drops when their process dies.

A crashed or killed Cosmo process never leaves a stale lock behind, so "is this lock held?" is
the same question as "is the process that took it still alive?". Locks conflict between
processes and between two `FileLock`s of one process alike (each opens its own file
description). File descriptors are not inherited by child processes (Python's default).
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path


class FileLock:
    """One exclusive, non-blocking lock on `path`; `acquire()` says whether it was taken."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self._create = create
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock now or return False when a live holder has it (or the file is gone
        and `create` is off). The holder's pid is written into the file for messages."""
        if self._fd is not None:
            return True
        flags = os.O_RDWR | os.O_NOFOLLOW | (os.O_CREAT if self._create else 0)
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as exc:
            # Probing a folder that is not a live workspace: no marker, or a symlink instead.
            if self._create or exc.errno not in (errno.ENOENT, errno.ELOOP, errno.ENOTDIR):
                raise
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        self._fd = fd
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor drops the flock

    def holder_pid(self) -> int | None:
        """The pid the current holder wrote, when readable (for messages only)."""
        try:
            return int(self.path.read_text(encoding="ascii").strip() or 0) or None
        except (OSError, ValueError, UnicodeDecodeError):
            return None
