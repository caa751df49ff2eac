"""Webhook mode: an aiohttp endpoint that checks Telegram's secret token and queues updates.

Telegram sends the secret given to `setWebhook` in the `X-Telegram-Bot-Api-Secret-Token`
header; a request without it, or with another, is refused with 403 before it is parsed.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024


def build_webhook_app(application: Application, secret: str, path: str) -> web.Application:
    """The HTTP app: POST `path` takes updates, GET /healthz answers `ok`."""

    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), secret.encode()):
            log.warning("webhook request without the right secret token from %s", request.remote)
            return web.Response(status=403)
        try:
            data = await request.json()
            update = Update.de_json(data, application.bot)
        except (ValueError, TypeError, KeyError):
            return web.Response(status=400)
        await application.update_queue.put(update)
        return web.Response()

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.add_routes([web.post(path, receive), web.get("/healthz", health)])
    return app


@contextlib.asynccontextmanager
async def serving_webhook(application: Application, *, url: str, secret: str, listen: str,
                          port: int) -> AsyncIterator[None]:
    """Listen on `listen:port` and register `url` with Telegram while the block runs."""
    path = urlsplit(url).path or "/"
    runner = web.AppRunner(build_webhook_app(application, secret, path), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, listen, port).start()
        await application.bot.set_webhook(url, secret_token=secret,
                                          allowed_updates=Update.ALL_TYPES)
        log.info("webhook listening on %s:%s%s", listen, port, path)
        yield
    finally:
        await runner.cleanup()
