"""Starting while the HF API is down: the bot and `engine search` serve the snapshot on disk
with keyword results and the notice, and hybrid search comes back when the API answers. A wrong
token or an unknown model is a configuration error and still stops them, with its message.

The children are real processes (`python -m bot`, `python -m engine search`) with the shipped
settings, talking to the fake HF API (emulator/hf_api.py) served by this test.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from engine.composition import build_engine
from engine.settings import Settings
from bot.texts import KOREAN as texts
from engine.cli import NOTICE_TEXTS
from engine.notices import Notice
from engine.vectorizers.factory import build_vectorizer
from tests.bot.harness import MINJI
from emulator.hf_api import FakeHfApi, Fault
from tests.reliability.bot_process import ROOT, UNCLEAN, BotProcess, _child_environment

START_TIMEOUT_S = 90
IN_THE_BOT = texts.NOTICES[Notice.SEMANTIC_UNAVAILABLE]
IN_THE_TERMINAL = NOTICE_TEXTS[Notice.SEMANTIC_UNAVAILABLE]
MODEL = "fake/ko-e5"


@pytest.fixture
async def fake():
    async with FakeHfApi(dim=16, models={MODEL}) as server:
        yield server


@pytest.fixture
async def hf_index(fake, tmp_path, mini_catalog_path, morpheme_analyzer):
    """An index built through the fake while it was healthy, and the settings that built it."""
    settings = {"use_hf_api": True, "hf_api_url": fake.model_url(MODEL), "hf_token": fake.token,
                "hf_model_id": MODEL, "catalog_path": mini_catalog_path,
                "index_dir": tmp_path / "index"}
    config = Settings(_env_file=None, **settings)
    vectorizer = build_vectorizer(config)
    engine = build_engine(config, vectorizer, morpheme_analyzer)
    try:
        await engine.reindex()
    finally:
        await engine.aclose()
    return settings


async def run_cli(settings: dict, *args: str) -> subprocess.CompletedProcess:
    """`python -m engine …` in a thread, so this loop keeps serving the fake meanwhile."""
    env = _child_environment("http://127.0.0.1:9/bot", settings)
    return await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "engine", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=300)


async def test_the_bot_starts_during_an_outage_and_hybrid_search_returns_with_the_api(
        fake, hf_index, server, client, tmp_path):
    fake.outage = Fault.server_error(503)
    bot = BotProcess(tmp_path / "bot", server.bot_api_base_url, typing_delay_s=0,
                     bot_state_path=tmp_path / "bot" / "state.pickle", **hf_index)
    bot.start()
    try:
        during = await client.ask(MINJI, "보습 크림", timeout=START_TIMEOUT_S)
        fake.outage = None
        after = await client.ask(MINJI, "촉촉한 수분 크림", timeout=30)
        exit_code = await bot.stop()
    finally:
        bot.kill_if_running()
    assert IN_THE_BOT in during["text"] and "1." in during["text"]
    assert IN_THE_BOT not in after["text"] and "1." in after["text"]
    assert exit_code == 0
    log = bot.log
    assert log.count("embedding backend unavailable at start-up (BackendUnavailableError)") == 1
    assert not [marker for marker in UNCLEAN if marker in log]
    assert fake.token not in log


async def test_engine_search_during_an_outage_exits_0_with_the_notice_on_stderr(
        fake, hf_index):
    fake.outage = Fault.server_error(503)
    child = await run_cli(hf_index, "search", "보습 크림", "--json")
    assert child.returncode == 0, child.stderr
    assert IN_THE_TERMINAL in child.stderr
    assert '"product_id"' in child.stdout and IN_THE_TERMINAL not in child.stdout
    assert "Traceback" not in child.stderr


@pytest.mark.parametrize("wrong, says", [
    ({"hf_token": "hf_wrong_token"}, "HF_TOKEN"),
    ({"hf_api_url": "MODEL_URL_OF fake/no-such-model"}, "HF_MODEL_ID"),
], ids=["wrong token", "unknown model"])
async def test_a_configuration_error_still_stops_the_cli_and_the_bot(
        wrong, says, fake, hf_index, server, tmp_path):
    settings = dict(hf_index)
    for name, value in wrong.items():
        settings[name] = (fake.model_url(value.split()[-1]) if value.startswith("MODEL_URL_OF")
                          else value)
    child = await run_cli(settings, "search", "보습 크림")
    assert child.returncode == 1
    assert says in child.stderr and "Traceback" not in child.stderr

    bot = BotProcess(tmp_path / "bot", server.bot_api_base_url,
                     bot_state_path=tmp_path / "bot" / "state.pickle", **settings)
    bot.start()
    try:
        exit_code = await bot.wait(START_TIMEOUT_S)
    finally:
        bot.kill_if_running()
    assert exit_code == 2
    assert says in bot.log and "Traceback" not in bot.log
