"""Three real `python -m bot` replicas behind real haproxy, sharing a real redis-server.

One cluster per module (starting three replicas, each loading e5, takes a while); tests that
kill something bring it back before they end. The emulator runs in the tests' event loop and
delivers every update to haproxy, as Telegram would; `delivered_by` points it at one replica
for the tests that must choose where an update lands.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest
import pytest_asyncio
import redis

from deploy.local_cluster import LocalCluster
from emulator import DEFAULT_TOKEN, EmulatorClient, EmulatorServer, TelegramUser
from tests.bot.harness import ADMIN

SECOND_ADMIN = TelegramUser(8, "부관리자", "deputy")
RATE_LIMIT = 10
EXTRA_PRODUCTS = 40  # a reindex must embed their reviews: it lasts seconds, not milliseconds


def needs_cluster_tools() -> None:
    for tool in ("redis-server", "haproxy"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not installed (`make cluster-deps` installs it)")


def bigger_catalog(source: Path, target: Path) -> Path:
    """The mini catalog plus products whose reviews no snapshot has embedded yet."""
    lines = source.read_text(encoding="utf-8").splitlines()
    for number in range(EXTRA_PRODUCTS):
        lines.append(json.dumps({
            "product_id": f"x{number:03d}", "name": f"테스트 수분 크림 {number}", "brand": "클러스터",
            "category": "크림", "price": 10000 + number, "rating": 4.0,
            "description": f"클러스터 시험용 크림 {number}번",
            "reviews": [{"text": f"{number}번 크림은 {kind} 피부에 {feel}", "rating": 4}
                        for kind, feel in (("건성", "촉촉해요"), ("지성", "산뜻해요"),
                                           ("민감성", "순해요"), ("복합성", "무난해요"))],
        }, ensure_ascii=False))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def emulator():
    async with EmulatorServer() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(emulator):
    async with EmulatorClient(emulator.url) as user_api:
        for admin in (ADMIN, SECOND_ADMIN):
            await user_api.start_chat(admin)
        yield user_api


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cluster(tmp_path_factory, built_index_dir, mini_catalog_path, emulator):
    needs_cluster_tools()
    workdir = tmp_path_factory.mktemp("cluster")
    index_dir = workdir / "index"
    shutil.copytree(built_index_dir, index_dir)
    local = LocalCluster(workdir / "run", emulator.bot_api_base_url, settings={
        "telegram_bot_token": DEFAULT_TOKEN,
        "admin_ids": f"{ADMIN.id},{SECOND_ADMIN.id}",
        "index_dir": index_dir,
        "catalog_path": bigger_catalog(mini_catalog_path, workdir / "catalog.jsonl"),
        "telegram_max_messages_per_s": 0,
        "user_rate_limit": RATE_LIMIT,
        "user_rate_window_s": 3600,  # no search leaves the window during a test
        "log_level": "INFO",
    })
    await local.start()
    yield local
    await local.stop()
    for bot in local.bots:  # a replica that crashed or left a traceback fails the module
        assert "Traceback" not in bot.log, f"{bot.name}:\n{bot.log[-3000:]}"


@pytest.fixture
def redis_client(cluster):
    client = redis.Redis(port=cluster.redis_port, decode_responses=True, socket_timeout=2)
    yield client
    client.close()


@contextlib.contextmanager
def delivered_by(emulator: EmulatorServer, url: str):
    """Updates sent in the block reach `url` directly (one replica), not haproxy."""
    webhook = emulator.delivery.webhook
    original = webhook["url"]
    webhook["url"] = url
    try:
        yield
    finally:
        webhook["url"] = original
