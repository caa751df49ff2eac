"""Running the real bot against the in-process emulator: shared by tests/bot and tests/e2e."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application
from bot.lifecycle import running
from emulator import DEFAULT_TOKEN, EmulatorServer, TelegramUser
from emulator.client import group_chat
from engine.settings import Settings

ADMIN = TelegramUser(7, "관리자", "boss")
MINJI = TelegramUser(1001, "민지", "minji")
IMPOSTOR = TelegramUser(1002, "관리자", "boss")  # same name and username as ADMIN, other id
GROUP = group_chat(-1001234, "뷰티 수다방")


def bot_settings(server: EmulatorServer, state_dir: Path, **overrides) -> Settings:
    values = {
        "telegram_bot_token": DEFAULT_TOKEN,
        "telegram_api_base_url": server.bot_api_base_url,
        "admin_ids": (ADMIN.id,),
        "telegram_max_messages_per_s": 0,
        "bot_state_path": state_dir / "bot-state.pickle",
        **overrides,
    }
    return Settings(_env_file=None, **values)


@contextlib.asynccontextmanager
async def running_bot(settings: Settings, engine) -> AsyncIterator[Application]:
    """The bot polling the emulator (1 s long polls, so it stops quickly)."""
    application = build_application(settings, engine)
    async with running(application, poll_timeout_s=1):
        yield application


async def wait_for_edit_containing(client, chat_id: int, message_id: int, marker: str, *,
                                   after: int, timeout: float = 30.0) -> dict:
    """The message once an edit puts `marker` in its text; `TimeoutError` at the deadline."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while (remaining := deadline - loop.time()) > 0:
        edited = await client.wait_edit(chat_id, message_id, after=after, timeout=remaining)
        if marker in edited["text"]:
            return edited
        after = edited["seq"]
    raise TimeoutError(f"no edit containing {marker!r}")
