"""An emulator on a free loopback port, a user-API client and a PTB `Bot` pointed at it."""

from __future__ import annotations

import pytest
from telegram import Bot

from emulator import DEFAULT_TOKEN, EmulatorClient, EmulatorServer, TelegramUser


@pytest.fixture
async def server():
    async with EmulatorServer() as running:
        yield running


@pytest.fixture
async def client(server):
    async with EmulatorClient(server.url) as user_api:
        yield user_api


@pytest.fixture
async def bot(server):
    async with Bot(DEFAULT_TOKEN, base_url=server.bot_api_base_url) as ptb_bot:
        yield ptb_bot


@pytest.fixture
def minji() -> TelegramUser:
    return TelegramUser(1001, "민지", "minji")
