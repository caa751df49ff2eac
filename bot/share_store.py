"""Where shared searches live between a link being made and being opened: a file or Redis.

`LocalShareStore` appends to a JSON-lines file beside `BOT_STATE_PATH` (one process);
`RedisShareStore` keeps one JSON string per payload with a TTL, shared by every replica. Both
keep a search `SHARE_TTL_S` seconds after it was last shown; a link opened later gets the
normal welcome. Values are JSON, never pickle (see `bot/chat_store.py`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Protocol

from engine.record_log import RecordLog
from bot.redis_link import RedisLink
from bot.sessions import SearchSession, session_from_dict, session_to_dict

_COMPACT_LINES = 1000


class ShareStore(Protocol):
    """Searches behind share links, by payload."""

    async def put(self, payload: str, search: SearchSession) -> None:
        """Keep `search` under `payload` for the store's lifetime from now."""

    async def get(self, payload: str) -> SearchSession | None:
        """The search behind `payload`, or None once it expired or was never stored."""


class LocalShareStore:
    """In a JSON-lines file; read once, then kept in memory and appended to."""

    def __init__(self, log: RecordLog, ttl_s: int,
                 clock: Callable[[], float] = time.time) -> None:
        self._log = log
        self._ttl_s = ttl_s
        self._clock = clock
        self._searches: dict[str, tuple[float, dict]] | None = None
        self._lines = 0
        self._live_at_rewrite = 0

    async def put(self, payload: str, search: SearchSession) -> None:
        searches = self._loaded()
        now = self._clock()
        known = searches.get(payload)
        # Shown again within the first tenth of its lifetime: nothing worth writing.
        if known is not None and known[0] - now > self._ttl_s * 0.9:
            return
        stored = session_to_dict(search)
        searches[payload] = (now + self._ttl_s, stored)
        self._log.append({"payload": payload, "expires": round(now + self._ttl_s),
                          "search": stored})
        self._lines += 1
        # Rewritten once it holds twice what was live at the last rewrite (and 1,000 lines):
        # a file of a busy shop's searches stays within a few times its live ones.
        if self._lines > max(_COMPACT_LINES, 2 * self._live_at_rewrite):
            self._compact()

    async def get(self, payload: str) -> SearchSession | None:
        known = self._loaded().get(payload)
        if known is None or known[0] <= self._clock():
            return None
        return session_from_dict(known[1])

    def _loaded(self) -> dict[str, tuple[float, dict]]:
        if self._searches is None:
            now = self._clock()
            records = self._log.read()
            self._lines = len(records)
            self._searches = {}
            for record in records:
                expires = record.get("expires")
                if (isinstance(record.get("payload"), str) and isinstance(expires, (int, float))
                        and expires > now and isinstance(record.get("search"), dict)):
                    self._searches[record["payload"]] = (float(expires), record["search"])
            self._live_at_rewrite = len(self._searches)
        return self._searches

    def _compact(self) -> None:
        now = self._clock()
        live = {payload: entry for payload, entry in self._loaded().items() if entry[0] > now}
        self._log.rewrite([{"payload": payload, "expires": round(expires), "search": search}
                           for payload, (expires, search) in live.items()])
        self._searches = live
        self._lines = self._live_at_rewrite = len(live)


class RedisShareStore:
    """In Redis: one JSON string per payload, its TTL renewed each time the search is shown."""

    def __init__(self, link: RedisLink, ttl_s: int) -> None:
        self._link = link
        self._ttl_s = ttl_s

    async def put(self, payload: str, search: SearchSession) -> None:
        value = json.dumps(session_to_dict(search), ensure_ascii=False)
        await self._link.run("saving a share link", lambda redis: redis.set(
            self._key(payload), value, ex=self._ttl_s), None)

    async def get(self, payload: str) -> SearchSession | None:
        stored = await self._link.run("reading a share link",
                                      lambda redis: redis.get(self._key(payload)), None)
        if stored is None:
            return None
        try:
            return session_from_dict(json.loads(stored))
        except ValueError:
            return None

    def _key(self, payload: str) -> str:
        return self._link.key("share", payload)
