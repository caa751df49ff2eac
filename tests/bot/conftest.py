"""The real bot with a fake engine, polling an emulator on loopback."""

from __future__ import annotations

import pytest

from emulator import EmulatorClient
from tests.bot.fake_engine import FakeEngine
from tests.bot.harness import ADMIN, bot_settings, running_bot


@pytest.fixture
async def client(server):
    async with EmulatorClient(server.url) as user_api:
        await user_api.start_chat(ADMIN)
        yield user_api


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def settings(server, tmp_path):
    return bot_settings(server, tmp_path)


@pytest.fixture
async def app(settings, engine, client):
    async with running_bot(settings, engine) as application:
        yield application
