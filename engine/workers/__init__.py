"""Search worker processes (SEARCH_WORKERS): plan orders read and ranked outside the bot's
process, so a search's few milliseconds of Python hold a GIL of their own rather than the
event loop's.

- `_pool.py`: `SearchWorkers`, the parent's side: spawns the workers, hands each task to an idle
  one, replaces a worker that dies or hangs, stops them all on `aclose`.
- `_entry.py`: `run_worker`, a worker's entry point: its process-wide knobs, its own Kiwi
  analyser, dictionaries and copy of the snapshot the parent serves.
- `_wire.py`: what goes over the pipe: a task, and an answer whose products travel as rows.
"""

from engine.workers._pool import SearchWorkers

__all__ = ["SearchWorkers"]
