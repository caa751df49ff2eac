"""A PTB `Bot` pointed at the emulator (the `server` and `client` fixtures are in tests/conftest.py)."""

from __future__ import annotations

import pytest
from telegram import Bot

from emulator import DEFAULT_TOKEN, TelegramUser


@pytest.fixture
async def bot(server):
    async with Bot(DEFAULT_TOKEN, base_url=server.bot_api_base_url) as ptb_bot:
        yield ptb_bot


@pytest.fixture
def minji() -> TelegramUser:
    return TelegramUser(1001, "민지", "minji")
