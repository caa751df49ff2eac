"""Admin messages as Telegram HTML, in the admin's language: reindex progress and outcome, and
/stats."""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape

from bot.render import shorten
from bot.texts import Texts
from bot.cluster import ReplicaSeen
from engine.reindexer import ReindexProgress, ReindexSummary
from engine.insight import Insight, QueryCount
from engine.stats import EngineStats


def render_reindex_progress(progress: ReindexProgress, texts: Texts) -> str:
    total = max(progress.total, 1)
    return texts.REINDEX_PROGRESS.format(
        stage=escape(texts.REINDEX_STAGES.get(progress.stage, progress.stage)),
        done=progress.done, total=progress.total,
        percent=min(100, round(100 * progress.done / total)))


def render_reindex_summary(summary: ReindexSummary, texts: Texts) -> str:
    message = texts.REINDEX_DONE.format(products=summary.products, reviews=summary.reviews,
                                        seconds=summary.seconds,
                                        model=escape(summary.model_identity))
    if summary.warnings:
        message += "\n" + texts.REINDEX_WARNINGS.format(
            count=len(summary.warnings), first=escape(shorten(summary.warnings[0], 200)))
    return message


def render_reindex_failure(reason: str, texts: Texts) -> str:
    return texts.REINDEX_FAILED.format(reason=escape(shorten(reason, 600)))


def format_duration(seconds: float, texts: Texts) -> str:
    """`3725` → `1시간 2분` (`1h 2min`): the two largest units."""
    remaining = max(0, int(seconds))
    parts = []
    for unit, size in texts.DURATION_UNITS:
        if remaining >= size or (size == 1 and not parts):
            count, remaining = divmod(remaining, size)
            parts.append(f"{count}{unit}")
    return " ".join(parts[:2])


def render_stats(stats: EngineStats, texts: Texts, *, uptime_s: float, replica: str = "",
                 cluster: list[ReplicaSeen] = (), now: datetime | None = None) -> str:
    """The engine's figures, then which replica answers with which snapshot, and the cluster."""
    now = now or datetime.now(timezone.utc)
    created = _parse_time(stats.index_created_at)
    message = texts.STATS.format(
        backend=escape(backend_label(stats.backend, texts)), model=escape(stats.model_identity),
        products=stats.products, reviews=stats.reviews, documents=stats.documents,
        created_at=escape(created.strftime(texts.STATS_TIME)) if created else texts.STATS_NO_INDEX,
        age=format_duration((now - created).total_seconds(), texts) if created else "-",
        uptime=format_duration(uptime_s, texts), queries=stats.query_count,
        p50=stats.latency_p50_ms, p95=stats.latency_p95_ms, cache=stats.cache_hit_rate)
    if stats.reindexing:
        message += texts.STATS_REINDEXING
    if replica:
        message += texts.STATS_REPLICA.format(replica=escape(replica),
                                              snapshot=escape(stats.snapshot_id or "-"))
    if cluster:
        message += texts.STATS_CLUSTER.format(count=len(cluster), replicas=", ".join(
            texts.STATS_CLUSTER_MEMBER.format(replica=escape(seen.name),
                                              snapshot=escape(seen.snapshot_id or "-"))
            for seen in cluster))
    return message


def backend_label(description: str, texts: Texts) -> str:
    """The backend in the admin's words when /stats knows it, else its own description."""
    return next((label for start, label in texts.STATS_BACKENDS if description.startswith(start)),
                description)


def _parse_time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


INSIGHT_QUERY_CHARS = 30
INSIGHT_QUERIES_SHOWN = 5


def render_insight(insight: Insight, days: float, texts: Texts) -> str:
    """What shoppers asked and how they rated the answers, for /stats (queries escaped)."""
    def listed(counts: tuple[QueryCount, ...]) -> str:
        shown = [texts.STATS_INSIGHT_ITEM.format(query=escape(shorten(c.query, INSIGHT_QUERY_CHARS)),
                                                 count=c.count)
                 for c in counts[:INSIGHT_QUERIES_SHOWN]]
        return ", ".join(shown) or texts.STATS_INSIGHT_NONE

    rate = insight.down_rate
    return texts.STATS_INSIGHT.format(
        days=f"{days:g}", searches=insight.searches, top=listed(insight.top),
        missed=listed(insight.nothing_found), weak=listed(insight.weak_only),
        up=insight.up_votes, down=insight.down_votes,
        rate=f"{rate:.0%}" if rate is not None else texts.STATS_INSIGHT_NONE)
