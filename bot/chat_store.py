"""Where a chat's preferences and its search sessions live: in this process, or in Redis.

`LocalChatStore` keeps them in PTB's `chat_data`, which `CoalescingPicklePersistence` writes
to `BOT_STATE_PATH`: right for one process. It is not enough for several replicas, and neither
would any `BasePersistence` be: PTB reads a persistence once, at start-up, into each process's
memory, and writes back every `update_interval` seconds from that memory, so two replicas
would never see each other's changes and the last one to flush would overwrite the other's.
`RedisChatStore` therefore reads and writes each value in Redis at the moment it is used.

Values in Redis are JSON, never pickle: whoever can write to a network service could otherwise
make the bot run code by storing a crafted pickle.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, MutableMapping
from typing import Protocol

from bot.prefs import ChatPrefs
from bot.redis_link import RedisLink
from bot.sessions import (SearchSession, load_session, save_session, session_from_dict,
                          session_to_dict)

_SESSION_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
SESSION_KEY_LENGTH = 8  # ~41 bits: a key left from before a Redis restart never meets a new one


class ChatStore(Protocol):
    """Per-chat preferences and the searches behind result buttons."""

    async def prefs(self, chat_id: int) -> ChatPrefs: ...

    async def save_prefs(self, chat_id: int, prefs: ChatPrefs) -> None: ...

    async def save_session(self, chat_id: int, session: SearchSession) -> str:
        """Remember `session` and return the short key its buttons carry."""

    async def session(self, chat_id: int, key: str) -> SearchSession | None:
        """The session behind `key`, or None once it expired or was never made here."""


class LocalChatStore:
    """In PTB's `chat_data` of this process (saved by its persistence)."""

    def __init__(self, chat_data: Mapping[int, MutableMapping]) -> None:
        self._chat_data = chat_data  # PTB's mapping: a missing chat reads as a new, empty dict

    async def prefs(self, chat_id: int) -> ChatPrefs:
        return ChatPrefs.load(self._chat_data[chat_id])

    async def save_prefs(self, chat_id: int, prefs: ChatPrefs) -> None:
        prefs.save(self._chat_data[chat_id])

    async def save_session(self, chat_id: int, session: SearchSession) -> str:
        return save_session(self._chat_data[chat_id], session)

    async def session(self, chat_id: int, key: str) -> SearchSession | None:
        return load_session(self._chat_data[chat_id], key)


class RedisChatStore:
    """In Redis, shared by every replica: one JSON string per value, each with a TTL."""

    def __init__(self, link: RedisLink, *, prefs_ttl_s: int, session_ttl_s: int) -> None:
        self._link = link
        self._prefs_ttl_s = prefs_ttl_s
        self._session_ttl_s = session_ttl_s

    async def prefs(self, chat_id: int) -> ChatPrefs:
        stored = await self._link.run("reading settings",
                                      lambda redis: redis.get(self._prefs_key(chat_id)), None)
        return ChatPrefs.from_dict(_json(stored))

    async def save_prefs(self, chat_id: int, prefs: ChatPrefs) -> None:
        value = json.dumps(prefs.to_dict(), ensure_ascii=False)
        await self._link.run("saving settings", lambda redis: redis.set(
            self._prefs_key(chat_id), value, ex=self._prefs_ttl_s), None)

    async def save_session(self, chat_id: int, session: SearchSession) -> str:
        key = "".join(secrets.choice(_SESSION_ALPHABET) for _ in range(SESSION_KEY_LENGTH))
        value = json.dumps(session_to_dict(session), ensure_ascii=False)
        await self._link.run("saving a session", lambda redis: redis.set(
            self._session_key(chat_id, key), value, ex=self._session_ttl_s), None)
        return key

    async def session(self, chat_id: int, key: str) -> SearchSession | None:
        stored = await self._link.run("reading a session", lambda redis: redis.get(
            self._session_key(chat_id, key)), None)
        return session_from_dict(_json(stored))

    def _prefs_key(self, chat_id: int) -> str:
        return self._link.key("chat", chat_id, "prefs")

    def _session_key(self, chat_id: int, key: str) -> str:
        return self._link.key("chat", chat_id, "session", key)


def _json(stored: str | None) -> object:
    if stored is None:
        return None
    try:
        return json.loads(stored)
    except ValueError:
        return None
