"""The retry policy's rules, checked as plain functions."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from engine.vectorizers.retry import (
    FailureKind,
    RetryPolicy,
    TransientFailure,
    parse_estimated_time,
    parse_retry_after,
)

SERVER = TransientFailure(FailureKind.SERVER)


def policy(**overrides) -> RetryPolicy:
    values = dict(max_retries=3, deadline_s=120.0, backoff_base_s=0.5, backoff_cap_s=8.0,
                  max_loading_wait_s=30.0, rng=random.Random(7))
    values.update(overrides)
    return RetryPolicy(**values)


def test_backoff_is_full_jitter_under_an_exponential_ceiling_and_a_cap():
    rules = policy()
    for retry_index, ceiling in [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (9, 8.0)]:
        delays = [rules.backoff(retry_index) for _ in range(200)]
        assert all(0.0 <= delay <= ceiling for delay in delays)
        assert max(delays) > ceiling / 2  # jittered across the range, not pinned low
        assert len(set(delays)) > 100


def test_gives_up_once_the_retries_are_spent():
    rules = policy(max_retries=2)
    assert rules.delay_before_retry(0, SERVER, remaining_s=100) is not None
    assert rules.delay_before_retry(1, SERVER, remaining_s=100) is not None
    assert rules.delay_before_retry(2, SERVER, remaining_s=100) is None


def test_zero_retries_means_one_attempt():
    assert policy(max_retries=0).delay_before_retry(0, SERVER, remaining_s=100) is None


def test_loading_waits_the_estimated_time():
    loading = TransientFailure(FailureKind.LOADING, hint_s=12.0)
    assert 12.0 <= policy().delay_before_retry(0, loading, remaining_s=100) <= 12.5


def test_loading_wait_is_capped():
    loading = TransientFailure(FailureKind.LOADING, hint_s=2000.0)
    assert policy().delay_before_retry(0, loading, remaining_s=100) == 30.0


def test_rate_limit_waits_at_least_retry_after():
    limited = TransientFailure(FailureKind.RATE_LIMITED, hint_s=7.0)
    assert policy().delay_before_retry(0, limited, remaining_s=100) >= 7.0


def test_rate_limit_without_retry_after_backs_off():
    limited = TransientFailure(FailureKind.RATE_LIMITED)
    assert 0.0 <= policy().delay_before_retry(1, limited, remaining_s=100) <= 1.0


def test_a_wait_that_would_pass_the_deadline_gives_up_now():
    limited = TransientFailure(FailureKind.RATE_LIMITED, hint_s=60.0)
    assert policy().delay_before_retry(0, limited, remaining_s=59.0) is None


@pytest.mark.parametrize(("header", "seconds"), [
    ("5", 5.0), (" 0.25 ", 0.25), ("0", 0.0), ("-3", 0.0),
    (None, None), ("", None), ("soon", None), ("nan", None), ("inf", None),
])
def test_retry_after_in_seconds(header, seconds):
    assert parse_retry_after(header) == seconds


def test_retry_after_as_an_http_date():
    now = datetime(2025, 3, 1, 12, 0, 0, tzinfo=timezone.utc)
    header = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(header, now=now) == 90.0
    past = format_datetime(now - timedelta(seconds=90), usegmt=True)
    assert parse_retry_after(past, now=now) == 0.0


@pytest.mark.parametrize(("body", "estimate"), [
    ({"error": "loading", "estimated_time": 20.5}, 20.5),
    ({"error": "loading", "estimated_time": 3}, 3.0),
    ({"error": "loading"}, None),
    ({"estimated_time": "20"}, None),
    ({"estimated_time": True}, None),
    ({"estimated_time": -1}, None),
    ({"estimated_time": float("nan")}, None),
    (["estimated_time"], None),
    (None, None),
])
def test_estimated_time_of_a_loading_body(body, estimate):
    assert parse_estimated_time(body) == estimate
