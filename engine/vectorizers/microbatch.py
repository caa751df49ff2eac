"""Micro-batching: query embeddings asked for within a few milliseconds go out as one batch.

It pays where one call of many texts costs little more than a call of one: a remote API, whose
price is the round trip and the request quota, or a GPU. It does not pay for the embedded e5
backend on CPU (bench/bench_microbatch.py), so the factory wraps only the backends where it does.
"""

from __future__ import annotations

import asyncio

import numpy as np

from engine.vectorizers.base import Role, Vectorizer, WrappingVectorizer


class MicroBatchingVectorizer(WrappingVectorizer):
    """Wraps a backend so concurrent `encode` calls of one role share `encode_batch` calls.

    The first waiting text opens a window of `window_s`; every text that arrives in it joins
    the batch, up to `max_batch` (a full batch leaves at once). Identical texts are embedded
    once. `encode_batch` passes straight through: it is already a batch.
    """

    def __init__(self, inner: Vectorizer, window_s: float, max_batch: int = 32) -> None:
        if window_s <= 0 or max_batch < 1:
            raise ValueError("micro-batching needs a positive window and batch size")
        super().__init__(inner)
        self._window_s = window_s
        self._max_batch = max_batch
        self._waiting: dict[Role, list[tuple[str, asyncio.Future]]] = {}
        self._timers: dict[Role, asyncio.TimerHandle] = {}
        self._batches: set[asyncio.Task] = set()

    @property
    def description(self) -> str:
        return f"{self._inner.description}, queries micro-batched within {self._window_s * 1000:g} ms"

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        loop = asyncio.get_running_loop()
        vector = loop.create_future()
        waiting = self._waiting.setdefault(role, [])
        waiting.append((text, vector))
        if len(waiting) >= self._max_batch:
            self._send(role)
        elif role not in self._timers:
            self._timers[role] = loop.call_later(self._window_s, self._send, role)
        return await vector

    async def aclose(self) -> None:
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()
        for waiting in self._waiting.values():
            for _, vector in waiting:
                vector.cancel()
        self._waiting.clear()
        for batch in list(self._batches):
            batch.cancel()
        await asyncio.gather(*self._batches, return_exceptions=True)
        await self._inner.aclose()

    def _send(self, role: Role) -> None:
        timer = self._timers.pop(role, None)
        if timer is not None:
            timer.cancel()
        waiting = self._waiting.pop(role, [])
        if not waiting:
            return
        batch = asyncio.get_running_loop().create_task(self._embed(waiting, role))
        self._batches.add(batch)
        batch.add_done_callback(self._batches.discard)

    async def _embed(self, waiting: list[tuple[str, asyncio.Future]], role: Role) -> None:
        texts = list(dict.fromkeys(text for text, vector in waiting if not vector.done()))
        if not texts:
            return
        try:
            matrix = await self._inner.encode_batch(texts, batch_size=len(texts), role=role)
        except asyncio.CancelledError:
            for _, vector in waiting:
                vector.cancel()
            raise
        except Exception as error:  # every waiter gets the backend's own error
            for _, vector in waiting:
                if not vector.done():
                    vector.set_exception(error)
            return
        rows = dict(zip(texts, matrix))
        for text, vector in waiting:
            if not vector.done():
                vector.set_result(rows[text])
