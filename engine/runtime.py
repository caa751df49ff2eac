"""Process-wide knobs, set by the entry points (`python -m bot`, `python -m engine`, the
playground) and never by a library class, since they change every thread of the process.

- One BLAS thread: per query the engine multiplies one vector by the document matrix, far too
  little work for a thread team. OpenBLAS spreads it over every core anyway and its helpers spin
  while they wait, which on two cores takes the core the embedding thread needs and stalls the
  event loop (docs/benchmarks.md: CPU per reply and loop lag with and without this).
- The GIL switch interval: ranking runs as Python in worker threads. Every time the event loop
  releases the GIL for a system call (a socket send, a queue put), a worker takes it, and the
  loop waits up to one switch interval to get it back: with Python's default of 5 ms, that is
  loop lag under load (the default setting is 1 ms; docs/benchmarks.md).
- Freezing a served snapshot out of the cyclic collector's sight: a loaded snapshot holds about a
  hundred thousand long-lived objects (morphemes, products, sentence spans), and each full
  collection walks all of them while holding the GIL, 30–60 ms during which the event loop
  serves no one. Frozen objects are still freed by reference counting when a newer snapshot
  replaces them. An entry point passes `freeze_loaded_objects` as the engine's `on_swap`.
"""

from __future__ import annotations

import ctypes
import gc
import sys

from threadpoolctl import threadpool_limits

from engine.settings import Settings


def configure_process(settings: Settings) -> None:
    """One BLAS thread and the configured GIL switch interval, for this whole process."""
    use_one_blas_thread()
    use_switch_interval(settings.gil_switch_interval_ms)


def use_one_blas_thread() -> None:
    """Limit every BLAS library loaded in this process to one thread, from now on."""
    threadpool_limits(limits=1, user_api="blas")


def use_switch_interval(ms: float) -> None:
    """Set the process's GIL switch interval, in milliseconds."""
    sys.setswitchinterval(ms / 1000)


def freeze_loaded_objects() -> int:
    """Collect what is garbage now (the snapshot just replaced, the reindex's scratch), hand
    the freed heap back to the operating system, then exempt every surviving object from later
    collections.

    Returns how many objects are frozen."""
    gc.collect()
    return_freed_memory()
    gc.freeze()
    return gc.get_freeze_count()


def return_freed_memory() -> bool:
    """Ask glibc to give freed heap pages back (`malloc_trim`): after a reindex it keeps ~20-30
    MiB the process no longer uses (docs/reliability.md). False where there is no glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.malloc_trim(0))
    except (OSError, AttributeError):
        return False
