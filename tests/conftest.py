"""Shared fixtures: the embedded e5 model (real embeddings) and a small Korean catalog."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest

from engine.keyword import MorphemeAnalyzer
from emulator import EmulatorClient, EmulatorServer
from engine.composition import build_engine
from engine.understanding import load_user_words
from engine.settings import Settings
from engine.vectorizers.e5 import EmbeddedE5Vectorizer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini_catalog_path() -> Path:
    return FIXTURES / "mini_catalog.jsonl"


@pytest.fixture(scope="session")
def e5_vectorizer():
    """One started e5 backend for the whole run; its threads are not tied to an event loop."""
    vectorizer = EmbeddedE5Vectorizer()
    asyncio.run(vectorizer.start())
    yield vectorizer
    asyncio.run(vectorizer.aclose())


@pytest.fixture(scope="session")
def morpheme_analyzer() -> MorphemeAnalyzer:
    """One Kiwi analyser for the whole run: building one takes seconds."""
    return MorphemeAnalyzer(load_user_words())


@pytest.fixture(scope="session")
def built_index_dir(tmp_path_factory, mini_catalog_path, e5_vectorizer,
                    morpheme_analyzer) -> Path:
    """An index directory holding one snapshot of the mini catalog, built once."""
    index_dir = tmp_path_factory.mktemp("index")

    async def build() -> None:
        settings = Settings(_env_file=None, catalog_path=mini_catalog_path, index_dir=index_dir)
        engine = build_engine(settings, e5_vectorizer, morpheme_analyzer)
        await engine.reindex()

    asyncio.run(build())
    return index_dir


@pytest.fixture
def index_copy(tmp_path, built_index_dir) -> Path:
    """A private copy of the built index that a test may damage."""
    target = tmp_path / "index"
    shutil.copytree(built_index_dir, target)
    return target


@pytest.fixture
def make_settings(mini_catalog_path):
    def build(**overrides) -> Settings:
        values = {"catalog_path": mini_catalog_path, **overrides}
        return Settings(_env_file=None, **values)
    return build


@pytest.fixture
async def mini_engine(make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    """A search engine over the mini catalog with real embeddings."""
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                          morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    return engine


@pytest.fixture
async def server():
    """The project's Bot API emulator on a free loopback port."""
    async with EmulatorServer() as running_server:
        yield running_server


@pytest.fixture
async def client(server):
    """A user-side client of the emulator (bot and e2e tests also open the admin's chat)."""
    async with EmulatorClient(server.url) as user_api:
        yield user_api


@pytest.fixture
def redis_server(tmp_path):
    """A real, empty redis-server on a free loopback port, for this test only."""
    from tests.servers.redis_server import REDIS_SERVER, RedisServer
    if REDIS_SERVER is None:
        pytest.skip("redis-server not installed (`make cluster-deps` installs it)")
    server = RedisServer(tmp_path / "redis").start()
    yield server
    server.stop()
