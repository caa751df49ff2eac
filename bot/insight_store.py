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
from collections.abc import Callable
from dataclasses import asdict
from typing import Protocol

from bot.record_log import RecordLog
from bot.redis_link import RedisLink
from engine.insight import SearchRecord, Vote

_REWRITE_EVERY = 1000
_MAX_READ = 200_000


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

    def __init__(self, link: RedisLink, retention_s: float,
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
