"""The real bot and the real engine (embedded e5, mini catalog) against the emulator on loopback."""

from __future__ import annotations

import asyncio

import pytest

from emulator import EmulatorClient
from engine.composition import build_engine
from engine.vectorizers.base import Role
from tests.bot.harness import ADMIN, bot_settings, running_bot


class LentVectorizer:
    """The session's e5 backend lent to one engine: closing the engine leaves it running.

    With `gate` set, document batches (reindex) wait for it; queries pass straight through.
    """

    def __init__(self, inner) -> None:
        self._inner = inner
        self.gate: asyncio.Event | None = None

    def __getattr__(self, name):
        return getattr(self._inner, name)

    async def encode_batch(self, texts, batch_size=32, role=Role.PASSAGE):
        if self.gate is not None and role == Role.PASSAGE:
            await self.gate.wait()
        return await self._inner.encode_batch(texts, batch_size=batch_size, role=role)

    async def aclose(self) -> None:
        return None


@pytest.fixture
async def client(server):
    async with EmulatorClient(server.url) as user_api:
        await user_api.start_chat(ADMIN)
        yield user_api


@pytest.fixture
def vectorizer(e5_vectorizer) -> LentVectorizer:
    return LentVectorizer(e5_vectorizer)


@pytest.fixture
def settings(server, tmp_path, index_copy, mini_catalog_path):
    return bot_settings(server, tmp_path, index_dir=index_copy, catalog_path=mini_catalog_path)


@pytest.fixture
async def engine(settings, vectorizer, morpheme_analyzer):
    engine = build_engine(settings, vectorizer, morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    return engine


@pytest.fixture
async def app(settings, engine, client):
    async with running_bot(settings, engine) as application:
        yield application
