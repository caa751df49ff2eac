"""The bot's per-chat and per-update state, in this process or shared by replicas in Redis.

Chosen once by the composition root: without `REDIS_URL` everything stays in the process (and
PTB's persistence writes it to `BOT_STATE_PATH`); with it, every replica reads and writes the
same keys, so it does not matter which replica an update reaches.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path

from bot.chat_store import ChatStore, LocalChatStore, RedisChatStore
from bot.rate_limit import RateLimiter, RedisUserRateLimiter, UserRateLimiter
from engine.insight_store import (InsightStore, LocalInsightStore, RedisInsightStore,
                                  insight_paths)
from engine.record_log import RecordLog
from bot.redis_link import RedisLink
from bot.share_store import LocalShareStore, RedisShareStore, ShareStore
from bot.update_claims import LocalUpdateClaims, RedisUpdateClaims, UpdateClaims
from engine.settings import Settings


@dataclass(frozen=True)
class BotState:
    """Chats' settings and sessions, the per-user search limit, and the updates already handled."""

    chats: ChatStore
    rate_limiter: RateLimiter
    claims: UpdateClaims
    shares: ShareStore
    insight: InsightStore


def local_state(settings: Settings, chat_data: Mapping[int, MutableMapping]) -> BotState:
    return BotState(
        chats=LocalChatStore(chat_data),
        rate_limiter=UserRateLimiter(settings.user_rate_limit, settings.user_rate_window_s),
        claims=LocalUpdateClaims(),
        shares=LocalShareStore(RecordLog(beside_state(settings, "shares")), settings.share_ttl_s),
        insight=local_insight(settings),
    )


def local_insight(settings: Settings) -> LocalInsightStore:
    """The files `/stats` and `python -m engine report` read without Redis."""
    searches, votes = insight_paths(settings)
    return LocalInsightStore(RecordLog(searches), RecordLog(votes),
                             settings.insight_retention_days * 86400)


def beside_state(settings: Settings, name: str) -> Path:
    """A file next to `BOT_STATE_PATH`, named after it (`bot-state-shares.jsonl`)."""
    path = settings.bot_state_path
    return path.with_name(f"{path.stem}-{name}.jsonl")


def redis_state(settings: Settings, link: RedisLink, replica: str) -> BotState:
    return BotState(
        chats=RedisChatStore(link, prefs_ttl_s=settings.prefs_ttl_s,
                             session_ttl_s=settings.session_ttl_s),
        rate_limiter=RedisUserRateLimiter(link, settings.user_rate_limit,
                                          settings.user_rate_window_s),
        claims=RedisUpdateClaims(link, replica),
        shares=RedisShareStore(link, settings.share_ttl_s),
        insight=RedisInsightStore(link, settings.insight_retention_days * 86400),
    )

