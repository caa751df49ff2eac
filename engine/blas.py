"""The engine's numerical work runs on one BLAS thread.

Per query the engine multiplies one vector by the document matrix: far too little work for a
thread team. OpenBLAS spreads it over every core anyway and its helpers spin while they wait,
which on two cores takes the core the embedding thread needs and stalls the event loop
(docs/benchmarks.md: CPU per reply and loop lag with and without this).
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def use_one_blas_thread() -> None:
    """Limit every BLAS library loaded in this process to one thread, from now on."""
    threadpool_limits(limits=1, user_api="blas")
