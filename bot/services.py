"""What handlers need, built once by `bot.app` and reached through `context.services`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot

from bot.chat_store import ChatStore
from bot.cluster import Cluster
from bot.finder import ProductFinder
from bot.rate_limit import RateLimiter
from bot.reindex import ReindexRunner
from engine.insight_store import InsightStore
from bot.share_store import ShareStore
from bot.state import BotState
from bot.update_claims import UpdateClaims
from engine.service import SearchEngine
from engine.settings import Settings

SERVICES_KEY = "cosmo.services"


@dataclass
class BotServices:
    """The bot's collaborators: settings, engine, finder, chat state, limits and reindex runner."""

    settings: Settings
    engine: SearchEngine
    finder: ProductFinder
    chats: ChatStore
    rate_limiter: RateLimiter
    claims: UpdateClaims
    reindexer: ReindexRunner
    cluster: Cluster
    shares: ShareStore
    insight: InsightStore
    replica: str  # this process's name, as /stats shows it
    started_at: float = field(default_factory=time.monotonic)

    @classmethod
    def create(cls, settings: Settings, engine: SearchEngine, state: BotState, cluster: Cluster,
               replica: str) -> BotServices:
        return cls(
            settings=settings,
            engine=engine,
            finder=ProductFinder(engine, settings.default_top_n),
            chats=state.chats,
            rate_limiter=state.rate_limiter,
            claims=state.claims,
            reindexer=ReindexRunner(engine, cluster),
            cluster=cluster,
            shares=state.shares,
            insight=state.insight,
            replica=replica,
        )

    @property
    def uptime_s(self) -> float:
        return time.monotonic() - self.started_at


class CosmoContext(CallbackContext[ExtBot, dict, dict, dict]):
    """PTB's context plus `services`."""

    @property
    def services(self) -> BotServices:
        return self.application.bot_data[SERVICES_KEY]


def attach_services(application: Application, services: BotServices) -> None:
    application.bot_data[SERVICES_KEY] = services
