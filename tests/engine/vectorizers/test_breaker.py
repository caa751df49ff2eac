"""The circuit breaker: N outage failures in a row open it, a cool-down passes, one probe at a
time decides; configuration errors never count."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from engine.errors import (BackendUnavailableError, CircuitOpenError, EmbeddingAuthError,
                           RateLimitedError)
from engine.vectorizers.base import Role
from engine.vectorizers.breaker import CircuitBreaker, CircuitBreakingVectorizer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class ScriptedBackend:
    """A backend whose next answers are scripted: an exception to raise, or None for a vector;
    `gate`, when set, holds each call until it is released."""

    dim = 4
    model_identity = "scripted"
    description = "scripted backend"

    def __init__(self) -> None:
        self.outcomes: list[BaseException | None] = []
        self.calls = 0
        self.gate: asyncio.Event | None = None

    async def start(self) -> None:
        await self._answer()

    async def encode(self, text: str, role: Role = Role.QUERY) -> np.ndarray:
        await self._answer()
        return np.ones(4, dtype=np.float32) / 2

    async def encode_batch(self, texts, batch_size=32, role=Role.PASSAGE) -> np.ndarray:
        await self._answer()
        return np.ones((len(texts), 4), dtype=np.float32) / 2

    async def aclose(self) -> None:
        return None

    async def _answer(self) -> None:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        outcome = self.outcomes.pop(0) if self.outcomes else None
        if outcome is not None:
            raise outcome


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def backend():
    return ScriptedBackend()


@pytest.fixture
def guarded(backend, clock):
    return CircuitBreakingVectorizer(backend, CircuitBreaker(3, 30.0, clock=clock))


def outage() -> BackendUnavailableError:
    return BackendUnavailableError("HTTP 503 after 2 attempts")


async def fail_times(guarded, backend, times: int) -> None:
    backend.outcomes += [outage()] * times
    for _ in range(times):
        with pytest.raises(BackendUnavailableError):
            await guarded.encode("크림")


async def test_three_outage_failures_in_a_row_open_it_and_calls_then_skip_the_backend(
        guarded, backend, caplog):
    await fail_times(guarded, backend, 3)
    assert "keyword results for 30 s" in caplog.text
    for _ in range(5):
        with pytest.raises(CircuitOpenError, match="failed 3 times in a row"):
            await guarded.encode("크림")
    assert backend.calls == 3


async def test_a_success_between_failures_starts_the_count_again(guarded, backend):
    await fail_times(guarded, backend, 2)
    await guarded.encode("크림")
    await fail_times(guarded, backend, 2)
    await guarded.encode("크림")
    assert backend.calls == 6 and not guarded.breaker.is_open


async def test_rate_limits_count_as_outages_but_a_wrong_token_never_opens_it(guarded, backend):
    backend.outcomes += [EmbeddingAuthError("401")] * 5
    for _ in range(5):
        with pytest.raises(EmbeddingAuthError):
            await guarded.encode("크림")
    assert not guarded.breaker.is_open
    backend.outcomes += [RateLimitedError("429")] * 3
    for _ in range(3):
        with pytest.raises(RateLimitedError):
            await guarded.encode("크림")
    assert guarded.breaker.is_open


async def test_after_the_cool_down_one_probe_goes_through_and_the_others_skip(
        guarded, backend, clock):
    await fail_times(guarded, backend, 3)
    clock.now += 30.0
    backend.gate = asyncio.Event()
    probe = asyncio.ensure_future(guarded.encode("크림"))
    await asyncio.sleep(0)
    assert backend.calls == 4  # the probe reached the backend
    for _ in range(3):
        with pytest.raises(CircuitOpenError):
            await guarded.encode("다른 크림")
    assert backend.calls == 4
    backend.gate.set()
    await probe
    await guarded.encode_batch(["크림", "토너"])
    assert backend.calls == 5 and not guarded.breaker.is_open


async def test_a_failed_probe_opens_it_for_another_cool_down(guarded, backend, clock):
    await fail_times(guarded, backend, 3)
    clock.now += 30.0
    await fail_times(guarded, backend, 1)
    clock.now += 29.0
    with pytest.raises(CircuitOpenError):
        await guarded.encode("크림")
    clock.now += 1.0
    await guarded.encode("크림")
    assert backend.calls == 5


async def test_a_cancelled_probe_lets_the_next_call_probe(guarded, backend, clock):
    await fail_times(guarded, backend, 3)
    clock.now += 30.0
    backend.gate = asyncio.Event()
    probe = asyncio.ensure_future(guarded.encode("크림"))
    await asyncio.sleep(0)
    probe.cancel()
    with pytest.raises(asyncio.CancelledError):
        await probe
    backend.gate.set()
    await guarded.encode("크림")
    assert not guarded.breaker.is_open


def test_a_breaker_needs_a_threshold_and_a_cool_down():
    with pytest.raises(ValueError):
        CircuitBreaker(0, 30.0)
