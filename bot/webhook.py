"""Webhook mode: an aiohttp endpoint that checks Telegram's secret token and handles updates.

Telegram sends the secret given to `setWebhook` in the `X-Telegram-Bot-Api-Secret-Token`
header; a request without it, or with another, is refused with 403 before it is parsed. A body
that is not a Bot API update is refused with 400.

The POST is answered only once its update has been handled, not when it is queued: a replica
that dies mid-update leaves the POST unanswered, and Telegram delivers the update again (to a
live replica behind the load balancer). `UpdateClaims` makes sure that a second delivery of a
handled update is not answered twice. Telegram sends a chat's next update only after the
previous one was answered, so one chat's messages are also answered in the order sent.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Bot, Update
from telegram.ext import Application

from bot.update_claims import Claim, UpdateClaims

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
RETRY_LATER = {"Retry-After": "1"}


def parse_update(data: object, bot: Bot) -> Update | None:
    """The update in a decoded JSON body, or None when the body is not one."""
    if not isinstance(data, dict) or type(data.get("update_id")) is not int:
        return None
    try:
        return Update.de_json(data, bot)
    # A field of the wrong shape, or a date past what the platform's time_t holds
    # (OverflowError, or OSError where the C library refuses it).
    except (AttributeError, TypeError, KeyError, ValueError, OverflowError, OSError):
        return None


def build_webhook_app(application: Application, secret: str, path: str,
                      claims: UpdateClaims) -> web.Application:
    """The HTTP app: POST `path` takes updates, GET /healthz answers `ok`."""

    async def receive(request: web.Request) -> web.Response:
        if not hmac.compare_digest(request.headers.get(SECRET_HEADER, "").encode(), secret.encode()):
            log.warning("webhook request without the right secret token from %s", request.remote)
            return web.Response(status=403)
        try:
            data = await request.json()
        except ValueError:
            return web.Response(status=400)
        update = parse_update(data, application.bot)
        if update is None:
            log.warning("webhook body is not a Telegram update; refused")
            return web.Response(status=400)
        claim = await claims.claim(update.update_id)
        if claim is Claim.DONE:
            log.info("update %s delivered again: already answered, dropped", update.update_id)
            return web.Response()
        if claim is Claim.BUSY:
            return web.Response(status=503, headers=RETRY_LATER)
        async with claims.holding(update.update_id):
            await application.update_processor.process_update(
                update, application.process_update(update))
        return web.Response()

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application(client_max_size=MAX_UPDATE_BYTES)
    app.add_routes([web.post(path, receive), web.get("/healthz", health)])
    return app


@contextlib.asynccontextmanager
async def serving_webhook(application: Application, claims: UpdateClaims, *, url: str,
                          secret: str, listen: str, port: int) -> AsyncIterator[None]:
    """Listen on `listen:port` and register `url` with Telegram while the block runs.

    `url` may be `http://`: Telegram itself posts only to HTTPS, but the usual front is a
    TLS-terminating proxy, and local Bot API servers and the emulator speak plain HTTP.
    """
    path = urlsplit(url).path or "/"
    runner = web.AppRunner(build_webhook_app(application, secret, path, claims), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, listen, port).start()
        await application.bot.set_webhook(url, secret_token=secret,
                                          allowed_updates=Update.ALL_TYPES)
        log.info("webhook listening on %s:%s%s", listen, port, path)
        yield
    finally:
        await runner.cleanup()
