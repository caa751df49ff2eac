"""Search worker processes (SEARCH_WORKERS): plan orders read and ranked outside the bot's
process, so a search's few milliseconds of Python hold a GIL of their own rather than the
event loop's.

- `_pool.py`: `SearchWorkers`, the parent's side: spawns the workers, hands each task to an idle
  one, has each load a swapped-in snapshot at once (`follow`), replaces a worker that dies or
  hangs, stops them all on `aclose`.
- `_entry.py`: `run_worker`, a worker's entry point: its process-wide knobs, its own Kiwi
  analyser, dictionaries and copy of the snapshot the parent serves.
- `_wire.py`: what goes over the pipe: a task, and an answer whose products travel as rows.

Only plans that wait for no backend go to a worker (keyword mode, and every mode over a
snapshot whose static query table encodes the query: `QueryPlanner.at_once`). A query the e5 or
HF backend embeds stays in the bot's process, beside the backend and its vector cache, read on
the ranking threads as without workers: shipping the vector to a worker would make Kiwi wait
for the embedding instead of running beside it, and that path is bound by the embedding's CPU
(docs/benchmarks.md), not by the loop's GIL.
"""

from engine.workers._pool import SearchWorkers

__all__ = ["SearchWorkers"]
