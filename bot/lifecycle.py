"""Running an Application in the current event loop, by polling or behind a webhook.

PTB's `run_polling` owns the event loop; here the engine must be opened in the same loop the
bot runs in, and tests run the bot inside their own loop, so the lifecycle is spelt out: init,
post_init, start, serve, stop, shutdown, post_shutdown.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

POLL_TIMEOUT_S = 10


@contextlib.asynccontextmanager
async def running(application: Application, *, polling: bool = True,
                  poll_timeout_s: int = POLL_TIMEOUT_S) -> AsyncIterator[Application]:
    """Run `application` while the block runs; it polls for updates unless `polling=False`."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        if polling:
            await application.updater.start_polling(
                timeout=poll_timeout_s, allowed_updates=Update.ALL_TYPES)
        await application.start()
        try:
            yield application
        finally:
            if application.updater and application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
            if application.post_stop:
                await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


async def wait_for_stop_signal() -> None:
    """Return on SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
        log.info("stop signal received; finishing in-flight updates")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
