"""The emulator on loopback and a user client, for the bot-level reliability tests."""

from __future__ import annotations

import pytest

from emulator import EmulatorClient, EmulatorServer


@pytest.fixture
async def server():
    async with EmulatorServer() as running_server:
        yield running_server


@pytest.fixture
async def client(server):
    async with EmulatorClient(server.url) as user_api:
        yield user_api
