"""What handlers need, built once by `bot.app` and reached through `context.services`."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from telegram.ext import Application, CallbackContext, ExtBot

from bot.finder import ProductFinder
from bot.rate_limit import UserRateLimiter
from bot.reindex import ReindexRunner
from engine.service import SearchEngine
from engine.settings import Settings

SERVICES_KEY = "cosmo.services"


@dataclass
class BotServices:
    """The bot's collaborators: settings, engine, finder, rate limiter and reindex runner."""

    settings: Settings
    engine: SearchEngine
    finder: ProductFinder
    rate_limiter: UserRateLimiter
    reindexer: ReindexRunner
    started_at: float = field(default_factory=time.monotonic)

    @classmethod
    def create(cls, settings: Settings, engine: SearchEngine) -> BotServices:
        return cls(
            settings=settings,
            engine=engine,
            finder=ProductFinder(engine, settings.default_top_n),
            rate_limiter=UserRateLimiter(settings.user_rate_limit, settings.user_rate_window_s),
            reindexer=ReindexRunner(engine),
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
