"""How long a thread may hold the GIL while others wait for it (`sys.setswitchinterval`).

Ranking runs as Python in worker threads. Every time the event loop releases the GIL for a
system call (a socket send, a queue put), a worker takes it, and the loop waits up to one
switch interval to get it back: with Python's default of 5 ms, that is loop lag under load
(the engine's default is 1 ms; docs/benchmarks.md).
"""

from __future__ import annotations

import sys


def use_switch_interval(ms: float) -> None:
    """Set the process's GIL switch interval, in milliseconds."""
    sys.setswitchinterval(ms / 1000)
