"""When to retry a failed embedding request, and how long to wait first.

Pure logic with no I/O, so every rule is testable by calling a function:
exponential backoff with full jitter, `estimated_time` of a loading model within a cap,
`Retry-After` of a rate limit, a retry budget and an overall deadline.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from enum import Enum


class FailureKind(str, Enum):
    """Transient failures worth another attempt."""

    LOADING = "loading"            # 503 with an estimated_time
    RATE_LIMITED = "rate_limited"  # 429
    SERVER = "server"              # 500, 502, 504, 503 without an estimate
    TIMEOUT = "timeout"
    CONNECTION = "connection"


@dataclass(frozen=True, slots=True)
class TransientFailure:
    """One failed attempt: its kind, the server's own wait hint (s), and a short detail."""

    kind: FailureKind
    hint_s: float | None = None
    detail: str = ""


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff rules; `max_retries` counts retries after the first attempt."""

    max_retries: int = 3
    deadline_s: float = 120.0
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 20.0
    max_loading_wait_s: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff(self, retry_index: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**retry_index)]."""
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * (2 ** retry_index))
        return self.rng.uniform(0.0, ceiling)

    def delay_before_retry(self, retry_index: int, failure: TransientFailure,
                           remaining_s: float) -> float | None:
        """Seconds to wait before retry number `retry_index` (0-based), or None to give up.

        Gives up when the retry budget is spent or the wait would pass the deadline:
        sleeping past the deadline only to fail later helps nobody.
        """
        if retry_index >= self.max_retries:
            return None
        delay = self.backoff(retry_index)
        if failure.hint_s is not None and failure.kind is FailureKind.LOADING:
            delay = max(delay, min(failure.hint_s, self.max_loading_wait_s))
        elif failure.hint_s is not None and failure.kind is FailureKind.RATE_LIMITED:
            delay = max(delay, failure.hint_s)
        if delay >= remaining_s:
            return None
        return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """`Retry-After` as seconds: either delta-seconds or an HTTP date; None if absent or bad."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        return _seconds_until_http_date(text, now)
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _seconds_until_http_date(text: str, now: datetime | None) -> float | None:
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def parse_estimated_time(body: object) -> float | None:
    """The `estimated_time` of a 503 "loading" body, if it is a usable number."""
    if not isinstance(body, dict):
        return None
    value = body.get("estimated_time")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not math.isfinite(value) or value < 0:
        return None
    return float(value)
