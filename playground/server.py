"""Starting the emulator (serving the page) and the bot against it, in the current event loop."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from pydantic import SecretStr

from bot.app import build_application
from bot.lifecycle import running
from emulator import EmulatorServer, TelegramUser
from emulator.client import group_chat
from engine.service import SearchEngine
from engine.settings import Settings

STATIC_DIR = Path(__file__).parent / "static"
# The page's constants (static/app.js) name the same user and group.
PLAYGROUND_USER = TelegramUser(1001, "나", "me")
PLAYGROUND_GROUP = group_chat(-100777, "뷰티 수다방")


def playground_settings(settings: Settings, server: EmulatorServer) -> Settings:
    """The user's settings pointed at the local emulator: never the real token or Telegram.

    The page's user is an admin, so /reindex and /stats can be tried; sending is not throttled.
    """
    return settings.model_copy(update={
        "telegram_bot_token": SecretStr(server.world.bot.token),
        "telegram_api_base_url": server.bot_api_base_url,
        "admin_ids": tuple(sorted({*settings.admin_ids, PLAYGROUND_USER.id})),
        "telegram_max_messages_per_s": 0,
        "webhook_url": None,
        "bot_state_path": settings.bot_state_path.with_name("playground-state.pickle"),
    })


@contextlib.asynccontextmanager
async def playground(settings: Settings, engine: SearchEngine, *, host: str = "127.0.0.1",
                     port: int = 0) -> AsyncIterator[str]:
    """Run the emulator with the page and the bot; yields the page's URL."""
    async with EmulatorServer(host=host, port=port, static_dir=STATIC_DIR) as server:
        server.open_private_chat(PLAYGROUND_USER.to_json())
        application = build_application(playground_settings(settings, server), engine)
        async with running(application):
            yield f"{server.url}/"
