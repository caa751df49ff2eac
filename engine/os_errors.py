"""One line for an operating-system error (disk full, permission, a path that is a file), naming
the path and what to do, for the CLI; the bot's /reindex reports them through its own reply."""

from __future__ import annotations

import errno
from pathlib import Path

_ADVICE = {
    errno.ENOSPC: "the disk is full: free some space, or point INDEX_DIR at a disk with room, "
                  "then run again (the previous index is untouched)",
    errno.EDQUOT: "the disk quota is used up: free some space or raise the quota, then run again",
    errno.EACCES: "permission denied: make it readable and writable for this user, or choose "
                  "another INDEX_DIR / CATALOG_PATH",
    errno.EPERM: "operation not permitted: make it writable for this user, or choose another "
                 "INDEX_DIR",
    errno.EROFS: "the filesystem is read-only: choose an INDEX_DIR on a writable disk",
    errno.ENOTDIR: "part of the path is a file, not a folder: fix the path",
    errno.EISDIR: "it is a folder where a file was expected: fix the path",
    errno.ENOENT: "it does not exist: check the path",
    errno.EMFILE: "too many open files: raise the limit (ulimit -n) and run again",
    errno.ENFILE: "too many open files on this machine: close some programs and run again",
}


def describe_os_error(exc: OSError, fallback: Path | None = None) -> str:
    """`<path>: <what happened> [Errno N]: <what to do>`; `fallback` names the path when the
    error does not (a write to an already open file)."""
    path = exc.filename or fallback or "(unknown path)"
    what = exc.strerror or type(exc).__name__
    code = f" [Errno {exc.errno}]" if exc.errno else ""
    advice = _ADVICE.get(exc.errno, "check the path and the disk, then run again")
    return f"{path}: {what}{code}: {advice}"
