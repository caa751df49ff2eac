"""A circuit breaker in front of an embedding backend, so an outage costs searches nothing.

After `failures` consecutive outage errors (5xx, timeouts, connection errors, rate limits, a
model still loading) the circuit opens: for `cooldown_s` every call fails at once with
`CircuitOpenError`, and the engine answers with keyword results and its notice. Then one call
at a time is let through as a probe; its success closes the circuit, its failure opens it for
another cool-down. Configuration errors (a wrong token, an unknown model) never trip it: they
are not outages and must surface as they are.

    closed ──N failures──▶ open ──cool-down──▶ half-open (one probe) ──ok──▶ closed
                            ▲                          │
                            └────────failure───────────┘
"""

from __future__ import annotations

import logging
import time
from typing import Callable, Sequence

import numpy as np

from engine.errors import OUTAGE_ERRORS, CircuitOpenError
from engine.vectorizers.base import Role, Vectorizer, WrappingVectorizer

log = logging.getLogger(__name__)


class CircuitBreaker:
    """The breaker's state, with its clock passed in; no I/O."""

    def __init__(self, failures: int, cooldown_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if failures < 1 or cooldown_s <= 0:
            raise ValueError("a circuit breaker needs at least one failure and a cool-down")
        self.failures = failures
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._consecutive = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def seconds_until_probe(self) -> float:
        if self._opened_at is None:
            return 0.0
        return max(0.0, self._opened_at + self.cooldown_s - self._clock())

    def allow(self) -> bool:
        """Whether a call may go to the backend now; a call let through an open circuit is
        the probe, and no other passes until it reports."""
        if self._opened_at is None:
            return True
        if self._probing or self.seconds_until_probe() > 0:
            return False
        self._probing = True
        return True

    def record_success(self) -> bool:
        """Close the circuit; True when it had been open."""
        was_open = self._opened_at is not None
        self._consecutive, self._opened_at, self._probing = 0, None, False
        return was_open

    def record_failure(self) -> bool:
        """Count an outage failure; True when this one opened the circuit (or reopened it)."""
        self._consecutive += 1
        if self._probing or (self._opened_at is None and self._consecutive >= self.failures):
            self._opened_at, self._probing = self._clock(), False
            return True
        return False

    def release_probe(self) -> None:
        """A probe that ended without an answer either way (cancelled, a configuration
        error): let the next call probe instead."""
        self._probing = False


class CircuitBreakingVectorizer(WrappingVectorizer):
    """Wraps a backend with a `CircuitBreaker`; the rest of the interface passes through."""

    def __init__(self, inner: Vectorizer, breaker: CircuitBreaker) -> None:
        super().__init__(inner)
        self._breaker = breaker

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    async def start(self) -> None:
        await self._guarded(self._inner.start)

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        return await self._guarded(lambda: self._inner.encode(text, role))

    async def encode_batch(self, texts: Sequence[str], batch_size: int = 32,
                           role: Role = Role.PASSAGE) -> np.ndarray:
        return await self._guarded(lambda: self._inner.encode_batch(texts, batch_size, role))

    async def _guarded(self, call):
        if not self._breaker.allow():
            raise CircuitOpenError(
                f"the embedding backend failed {self._breaker.failures} times in a row; not "
                f"asking it again for {self._breaker.seconds_until_probe():.0f} s")
        try:
            result = await call()
        except OUTAGE_ERRORS as exc:
            if self._breaker.record_failure():
                log.warning("embedding backend down (%s): keyword results for %.0f s, then one "
                            "probe", type(exc).__name__, self._breaker.cooldown_s)
            raise
        except BaseException:
            self._breaker.release_probe()
            raise
        if self._breaker.record_success():
            log.info("embedding backend answers again: searches use it")
        return result
