"""Keeping Python's cyclic garbage collector from pausing every thread for tens of ms.

A loaded snapshot holds about a hundred thousand long-lived objects (morphemes, products,
sentence spans). Each full collection walks all of them while holding the GIL: 30–60 ms during
which the event loop serves no one (docs/benchmarks.md). Freezing them after a load moves them
out of the collector's sight; they are still freed by reference counting when a newer snapshot
replaces them.
"""

from __future__ import annotations

import gc


def freeze_loaded_objects() -> int:
    """Collect what is garbage now, then exempt every surviving object from later collections.

    Returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
