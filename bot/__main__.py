"""`python -m bot`: run Cosmo against the Bot API in TELEGRAM_API_BASE_URL.

Long polling by default; with WEBHOOK_URL (and WEBHOOK_SECRET) set, a webhook server on
WEBHOOK_LISTEN:WEBHOOK_PORT instead; with REDIS_URL too, one of any number of replicas that
share their state in Redis. See docs/deploy.md.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram.error import InvalidToken, NetworkError

from bot.app import build_application
from bot.cluster import ServedSnapshots
from bot.lifecycle import running, wait_for_stop_signal
from bot.logging_setup import configure_logging, secret_values
from bot.redis_link import RedisLink, url_password
from bot.services import SERVICES_KEY
from bot.webhook import serving_webhook
from engine.errors import EmbeddingAuthError, ModelNotFoundError
from engine.composition import open_engine
from engine.runtime import configure_process, freeze_loaded_objects
from engine.settings import Settings, SettingsError, load_settings

log = logging.getLogger("bot")


async def serve(settings: Settings) -> None:
    redis = (RedisLink.from_url(settings.redis_url.get_secret_value(), settings.redis_key_prefix,
                                settings.redis_timeout_s) if settings.redis_url else None)
    in_use = ServedSnapshots()  # filled from the replicas' heartbeats; a reindex keeps those
    engine = await open_engine(settings, on_swap=freeze_loaded_objects, snapshots_in_use=in_use)
    try:
        if not engine.is_ready:
            log.warning("no index yet: searches will ask for a reindex (an admin can send /reindex)")
        application = build_application(settings, engine, redis, in_use)
        services = application.bot_data[SERVICES_KEY]
        if settings.webhook_url is None:
            async with running(application):
                log.info("polling for updates; press Ctrl+C to stop")
                await wait_for_stop_signal()
        else:
            async with running(application, polling=False):
                async with serving_webhook(application, services.claims,
                                           url=settings.webhook_url,
                                           secret=settings.webhook_secret.get_secret_value(),
                                           listen=settings.webhook_listen,
                                           port=settings.webhook_port):
                    await wait_for_stop_signal()
    finally:
        await engine.aclose()  # also when start-up fails; closing twice is harmless
        if redis is not None:
            await redis.aclose()
    log.info("stopped cleanly: in-flight updates finished, engine and HTTP sessions closed")


def main() -> int:
    try:
        settings = load_settings()
        if settings.telegram_bot_token is None:
            raise SettingsError("TELEGRAM_BOT_TOKEN: required to run the bot "
                                "(try `python -m playground` to chat without Telegram)")
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, secret_values(
        settings.telegram_bot_token, settings.hf_token, settings.webhook_secret,
        settings.redis_url, url_password(settings.redis_url)))
    configure_process(settings)
    try:
        asyncio.run(serve(settings))
    except (SettingsError, EmbeddingAuthError, ModelNotFoundError) as error:
        log.error("%s", error)
        return 2
    except InvalidToken:
        log.error("Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather")
        return 2
    except NetworkError as error:
        log.error("cannot reach the Bot API at %s (%s): check TELEGRAM_API_BASE_URL and the network",
                  settings.telegram_api_base_url, type(error).__name__)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
