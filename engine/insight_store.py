"""Where searches and 👍/👎 are kept for the owner's figures: JSON-lines files or Redis streams.

`LocalInsightStore` appends to two files beside `BOT_STATE_PATH` (one process);
`RedisInsightStore` adds to two Redis streams, shared by every replica. Both keep records
`INSIGHT_RETENTION_DAYS` at most: older ones are dropped as new ones arrive (the files are
rewritten every 1,000 records, the streams trimmed by `MINID` on each add). The stored queries
are the shoppers' words, so they are never logged; no user or chat id is stored.
"""

from __future__ import annotations

import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from engine.insight import SearchRecord, Vote
from engine.record_log import RecordLog
from engine.settings import Settings

if TYPE_CHECKING:
    from redis.asyncio import Redis

_REWRITE_EVERY = 1000
_MAX_READ = 200_000
T = TypeVar("T")


class RedisCalls(Protocol):
    """What the Redis store needs of a connection: the bot's `RedisLink` (with its outage
    policy), or a plain client for the report."""

    def key(self, *parts: object) -> str: ...

    async def run(self, what: str, call: Callable[[Redis], Awaitable[T]], fallback: T) -> T: ...


def insight_paths(settings: Settings) -> tuple[Path, Path]:
    """The local files beside `BOT_STATE_PATH`: searches, then votes."""
    path = settings.bot_state_path
    return (path.with_name(f"{path.stem}-searches.jsonl"),
            path.with_name(f"{path.stem}-feedback.jsonl"))


class InsightStore(Protocol):
    """Searches and votes, each kept for the retention period."""

    async def add_search(self, record: SearchRecord) -> None: ...

    async def add_vote(self, vote: Vote) -> None: ...

    async def records(self) -> tuple[list[SearchRecord], list[Vote]]:
        """Everything within the retention period, oldest first."""


class LocalInsightStore:
    """Two JSON-lines files; records past the retention period are dropped on rewrite."""

    def __init__(self, searches: RecordLog, votes: RecordLog, retention_s: float,
                 clock: Callable[[], float] = time.time) -> None:
        self._logs = {SearchRecord: searches, Vote: votes}
        self._retention_s = retention_s
        self._clock = clock
        self._appended = {SearchRecord: _REWRITE_EVERY, Vote: _REWRITE_EVERY}  # trim on first add

    async def add_search(self, record: SearchRecord) -> None:
        self._add(SearchRecord, record)

    async def add_vote(self, vote: Vote) -> None:
        self._add(Vote, vote)

    async def records(self) -> tuple[list[SearchRecord], list[Vote]]:
        return self._read(SearchRecord), self._read(Vote)

    def _add(self, kind: type, record: SearchRecord | Vote) -> None:
        self._appended[kind] += 1
        if self._appended[kind] >= _REWRITE_EVERY:
            self._logs[kind].rewrite([asdict(kept) for kept in self._read(kind)])
            self._appended[kind] = 0
        self._logs[kind].append(asdict(record))

    def _read(self, kind: type) -> list:
        cutoff = self._clock() - self._retention_s
        return [record for record in (_record(kind, data) for data in self._logs[kind].read())
                if record is not None and record.at >= cutoff]


class RedisInsightStore:
    """Two Redis streams, `insight:searches` and `insight:votes`, trimmed to the retention."""

    def __init__(self, link: RedisCalls, retention_s: float,
                 clock: Callable[[], float] = time.time) -> None:
        self._link = link
        self._retention_s = retention_s
        self._clock = clock

    async def add_search(self, record: SearchRecord) -> None:
        await self._add("searches", record)

    async def add_vote(self, vote: Vote) -> None:
        await self._add("votes", vote)

    async def records(self) -> tuple[list[SearchRecord], list[Vote]]:
        return await self._read("searches", SearchRecord), await self._read("votes", Vote)

    async def _add(self, stream: str, record: SearchRecord | Vote) -> None:
        value = json.dumps(asdict(record), ensure_ascii=False)
        cutoff = self._cutoff_ms()
        await self._link.run("saving a search record", lambda redis: redis.xadd(
            self._link.key("insight", stream), {"record": value}, minid=cutoff,
            approximate=True), None)

    async def _read(self, stream: str, kind: type) -> list:
        entries = await self._link.run("reading search records", lambda redis: redis.xrange(
            self._link.key("insight", stream), min=str(self._cutoff_ms()), max="+",
            count=_MAX_READ), [])
        cutoff = self._clock() - self._retention_s
        records = []
        for _, fields in entries:
            try:
                record = _record(kind, json.loads(fields.get("record", "")))
            except ValueError:
                continue
            if record is not None and record.at >= cutoff:
                records.append(record)
        return records

    def _cutoff_ms(self) -> int:
        return max(0, int((self._clock() - self._retention_s) * 1000))


def _record(kind: type, data: object) -> SearchRecord | Vote | None:
    if not isinstance(data, dict):
        return None
    try:
        record = kind(**data)
    except TypeError:
        return None
    return record if isinstance(record.at, (int, float)) and isinstance(record.query, str) else None


class _PlainRedis:
    """A client used as is: the report has no outage to ride out, so errors stop it."""

    def __init__(self, client: Redis, prefix: str) -> None:
        self.client = client
        self._prefix = prefix

    def key(self, *parts: object) -> str:
        return self._prefix + ":".join(str(part) for part in parts)

    async def run(self, what: str, call: Callable[[Redis], Awaitable[T]], fallback: T) -> T:
        return await call(self.client)


async def read_insight(settings: Settings) -> tuple[list[SearchRecord], list[Vote]]:
    """The stored searches and votes, from Redis with `REDIS_URL`, else the local files: what
    `python -m engine report` prints, read the way the bot writes them."""
    retention_s = settings.insight_retention_days * 86400
    if settings.redis_url is None:
        searches, votes = insight_paths(settings)
        return await LocalInsightStore(RecordLog(searches), RecordLog(votes), retention_s).records()
    from redis.asyncio import Redis

    client = Redis.from_url(settings.redis_url.get_secret_value(), decode_responses=True,
                            socket_timeout=settings.redis_timeout_s,
                            socket_connect_timeout=settings.redis_timeout_s)
    try:
        return await RedisInsightStore(_PlainRedis(client, settings.redis_key_prefix),
                                       retention_s).records()
    finally:
        await client.aclose()
