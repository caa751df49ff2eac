"""The composition root of the bot: settings and an open engine in, a ready `Application` out."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import (AIORateLimiter, Application, ApplicationBuilder, ContextTypes, Defaults,
                          PersistenceInput)

from bot.cluster import Cluster, RedisCluster, ServedSnapshots, SoloCluster
from bot.commands import set_command_menus, set_descriptions
from bot.handlers import register
from bot.persistence import CoalescingPicklePersistence
from bot.redis_link import RedisLink
from bot.send_budget import SharedSendBudget, TokenBuckets
from bot.services import SERVICES_KEY, BotServices, CosmoContext, attach_services
from bot.state import local_state, redis_state
from engine.service import SearchEngine
from engine.settings import Settings, SettingsError


def build_application(settings: Settings, engine: SearchEngine,
                      redis: RedisLink | None = None,
                      in_use: ServedSnapshots | None = None) -> Application:
    """Wire settings, engine, handlers, state and rate limiting into an Application.

    With `redis`, chats' state is shared with the other replicas there and nothing is pickled;
    `in_use` (the engine's store asks it before pruning) learns what the replicas serve.
    """
    builder = application_builder(settings)
    if redis is None:
        builder = builder.persistence(_persistence(settings.bot_state_path))
    else:
        builder = builder.rate_limiter(SharedSendBudget(
            TokenBuckets(redis), _rate_limiter(settings), settings.telegram_max_messages_per_s))
    application = (
        builder
        .context_types(ContextTypes(context=CosmoContext))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .build()
    )
    replica = replica_name(settings)
    state = (local_state(settings, application.chat_data) if redis is None
             else redis_state(settings, redis, replica))
    attach_services(application, BotServices.create(
        settings, engine, state, _cluster(engine, redis, replica, in_use), replica))
    register(application)
    return application


def application_builder(settings: Settings) -> ApplicationBuilder:
    """PTB's transport, concurrency, defaults and rate limiting from settings.

    The load benchmark builds its echo bot from this too, so the ceiling it measures is this
    exact stack with the search taken out.
    """
    if settings.telegram_bot_token is None:
        raise SettingsError("TELEGRAM_BOT_TOKEN: required to run the bot")
    return (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .concurrent_updates(settings.telegram_concurrent_updates)
        .defaults(Defaults(parse_mode=ParseMode.HTML,
                           link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(_rate_limiter(settings))
    )


def replica_name(settings: Settings) -> str:
    """`REPLICA_NAME`, or this host and process, so replicas on one machine differ."""
    return settings.replica_name or f"{socket.gethostname()}-{os.getpid()}"


def _cluster(engine: SearchEngine, redis: RedisLink | None, replica: str,
             in_use: ServedSnapshots | None) -> Cluster:
    def served() -> str:
        return engine.snapshot_id

    if redis is None:
        return SoloCluster(replica, served)
    return RedisCluster(redis, replica, served, engine.load_latest_snapshot, in_use=in_use)


def _rate_limiter(settings: Settings) -> AIORateLimiter:
    """Telegram's limits, and retries of 429s honouring `retry_after`; rate 0 lifts the limits."""
    rate = settings.telegram_max_messages_per_s
    if rate == 0:
        return AIORateLimiter(overall_max_rate=0, group_max_rate=0,
                              max_retries=settings.telegram_max_retries)
    return AIORateLimiter(overall_max_rate=rate, overall_time_period=1,
                          max_retries=settings.telegram_max_retries)


def _persistence(path: Path) -> CoalescingPicklePersistence:
    """Per-chat preferences and search sessions only; the engine lives in bot_data, unsaved."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return CoalescingPicklePersistence(
        filepath=path,
        store_data=PersistenceInput(bot_data=False, chat_data=True, user_data=False,
                                    callback_data=False),
        update_interval=30,
    )


async def _post_init(application: Application) -> None:
    services: BotServices = application.bot_data[SERVICES_KEY]
    await set_command_menus(application.bot, services.settings.admin_ids)
    await set_descriptions(application.bot)
    await services.cluster.start()


async def _post_stop(application: Application) -> None:
    """Stop a running reindex while the bot can still tell the admin (it is not shut down yet)."""
    services: BotServices = application.bot_data[SERVICES_KEY]
    await services.reindexer.aclose()


async def _post_shutdown(application: Application) -> None:
    services: BotServices = application.bot_data[SERVICES_KEY]
    await services.reindexer.aclose()
    await services.cluster.aclose()
    await services.engine.aclose()
