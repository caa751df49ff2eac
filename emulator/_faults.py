"""Fault injection: answer some Bot API calls with a 429 (with `retry_after`) or a 5xx."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from dataclasses import dataclass, field

from emulator._errors import BotApiError

SEND_METHODS = frozenset({
    "sendmessage", "editmessagetext", "editmessagereplymarkup", "answercallbackquery",
    "answerinlinequery", "sendchataction", "deletemessage",
})


@dataclass
class FaultPlan:
    """Which calls fail and how. Counters run over the methods in `methods` only.

    `rate_limit_every=3` answers every third counted call with 429 and `retry_after`;
    `server_error_every=5` answers every fifth with `server_error_status`; `fail_next` holds
    one-shot faults (`{"status": 429, "retry_after": 1}`, `{"status": 502}`, or a stall
    `{"stall_s": 7}` that holds one call, then answers it) used first.
    `delay_s` slows every counted call, to provoke client timeouts. `hold()` makes counted
    calls wait, before they take effect, until `release()`: a test can stop a bot process at a
    moment when none of its sends is half done.
    """

    rate_limit_every: int = 0
    retry_after: int = 1
    server_error_every: int = 0
    server_error_status: int = 502
    delay_s: float = 0.0
    methods: frozenset[str] = SEND_METHODS
    fail_next: deque[dict] = field(default_factory=deque)
    calls: int = 0
    injected: Counter = field(default_factory=Counter)
    _released: asyncio.Event = field(default_factory=asyncio.Event)

    def __post_init__(self) -> None:
        self._released.set()

    def hold(self) -> None:
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def update(self, changes: dict) -> None:
        """Apply a partial configuration from the user API (unknown keys are refused)."""
        for key, value in changes.items():
            if key == "methods":
                self.methods = frozenset(name.lower() for name in value)
            elif key == "fail_next":
                self.fail_next.extend(value)
            elif key in {"rate_limit_every", "retry_after", "server_error_every",
                         "server_error_status"}:
                setattr(self, key, int(value))
            elif key == "delay_s":
                self.delay_s = float(value)
            else:
                raise ValueError(f"unknown fault setting {key!r}")

    def describe(self) -> dict:
        return {
            "rate_limit_every": self.rate_limit_every, "retry_after": self.retry_after,
            "server_error_every": self.server_error_every,
            "server_error_status": self.server_error_status, "delay_s": self.delay_s,
            "methods": sorted(self.methods), "fail_next": list(self.fail_next),
            "calls": self.calls, "injected": dict(self.injected),
        }

    async def before_call(self, method: str) -> None:
        """Raise the planned fault for this call, if any; count the call."""
        if method not in self.methods:
            return
        self.calls += 1
        await self._released.wait()
        if self.delay_s:
            await asyncio.sleep(self.delay_s)
        fault = self._choose()
        if fault is None:
            return
        if "stall_s" in fault:
            self.injected["stall"] += 1
            await asyncio.sleep(float(fault["stall_s"]))
            return
        status = int(fault.get("status", 429))
        self.injected[str(status)] += 1
        if status == 429:
            retry_after = int(fault.get("retry_after", self.retry_after))
            raise BotApiError(429, f"Too Many Requests: retry after {retry_after}",
                              retry_after=retry_after)
        raise BotApiError(status, fault.get("description", "Internal Server Error"))

    def _choose(self) -> dict | None:
        if self.fail_next:
            return self.fail_next.popleft()
        if self.rate_limit_every and self.calls % self.rate_limit_every == 0:
            return {"status": 429, "retry_after": self.retry_after}
        if self.server_error_every and self.calls % self.server_error_every == 0:
            return {"status": self.server_error_status}
        return None
