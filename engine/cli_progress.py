"""The reindex progress of `python -m engine index` on stderr.

On a terminal, tqdm draws the embedding stage as one bar with its rate and time left; in a log
(stderr not a terminal) each stage is one plain line, with no carriage returns to garble it.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

from engine.reindexer import ReindexProgress

STAGE_WORDS = {"catalog": "카탈로그 읽기 / reading the catalog",
               "morphemes": "형태소 분석 / morphemes",
               "embedding": "임베딩 / embedding",
               "writing": "색인 저장 / writing the snapshot"}


class ReindexProgressBar:
    """A progress callback for `SearchEngine.reindex`; `close` ends the last line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._terminal = self._stream.isatty()
        self._stage: str | None = None
        self._bar: tqdm | None = None

    async def __call__(self, progress: ReindexProgress) -> None:
        if progress.stage != self._stage:
            self.close()
            self._stage = progress.stage
            self._start(progress)
        if self._bar is not None:
            self._bar.update(progress.done - self._bar.n)

    def _start(self, progress: ReindexProgress) -> None:
        words = STAGE_WORDS.get(progress.stage)
        if words is None:  # "done": the summary follows
            return
        if progress.stage == "embedding" and progress.total and self._terminal:
            self._bar = tqdm(total=progress.total, desc=words, unit="text", file=self._stream,
                             dynamic_ncols=True)
            return
        count = f" ({progress.total:,})" if progress.stage == "embedding" else ""
        print(f"{words}{count}", file=self._stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
