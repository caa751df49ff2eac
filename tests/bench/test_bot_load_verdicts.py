"""The load bench's verdicts on a distinct-query run: a cache hit, or a bot that never searched,
is reported as a miss rather than passing as a figure."""

from __future__ import annotations

from bench.bench_bot_load import Outcome, verdicts


def outcome(bot: str, hit_rate: float | None) -> Outcome:
    return Outcome(workload="b", bot=bot, latencies_s=[0.01, 0.02], lost=0, duplicated=0,
                   elapsed_s=1.0, lag={}, cache_hit_rate=hit_rate)


def misses(lines: list[str]) -> list[str]:
    return [line for line in lines if "[MISSED]" in line]


def test_a_cache_hit_in_a_distinct_run_is_a_miss():
    lines = verdicts([outcome("echo", None), outcome("cosmo", 0.01)], distinct=True)
    assert any("cache hit rate" in line for line in misses(lines))


def test_no_hit_in_a_distinct_run_meets_the_cache_check():
    lines = verdicts([outcome("echo", None), outcome("cosmo", 0.0)], distinct=True)
    assert not any("cache hit rate" in line for line in misses(lines))
    assert any("cache hit rate" in line and "[met]" in line for line in lines)


def test_a_cosmo_run_that_searched_nothing_is_a_miss():
    lines = verdicts([outcome("echo", None), outcome("cosmo", None)])
    assert any("no searches" in line for line in misses(lines))
