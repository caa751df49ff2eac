"""HF API outages while the bot is in use: keyword results with a notice, then recovery.

The bot runs with the HF API backend pointed at the local fake (emulator/hf_api.py);
the index was built through the same fake, so healthy searches are hybrid. An outage is held
on the fake for a while, shoppers keep asking, and every one of them gets keyword results
with the Korean notice; when the fake is healthy again and the circuit breaker's cool-down has
passed, one probing search closes it and searches are hybrid again, with no restart.
"""

from __future__ import annotations

import asyncio
import itertools

import pytest

from bot.texts import KOREAN as texts
from emulator import TelegramUser
from engine.composition import build_engine
from engine.notices import Notice
from engine.vectorizers.factory import build_vectorizer
from tests.bot.harness import bot_settings, running_bot
from emulator.hf_api import FakeHfApi, Fault

SHOPPERS = [TelegramUser(6000 + n, f"손님{n}") for n in range(4)]
SEMANTIC_UNAVAILABLE = texts.NOTICES[Notice.SEMANTIC_UNAVAILABLE]
BREAKER_COOLDOWN_S = 0.5  # the breaker opens during each outage; recovery waits this long
HYBRID = "· 하이브리드 검색"
KEYWORD = "· 키워드 검색"
_asked = itertools.count()


def fresh_query() -> str:
    """A query never asked before in this run, so the query-vector cache cannot answer it."""
    return f"촉촉한 보습 크림 {next(_asked)}"


@pytest.fixture
async def hf_fake():
    async with FakeHfApi(dim=16) as fake:
        yield fake


@pytest.fixture
async def engine(server, tmp_path, hf_fake, mini_catalog_path, morpheme_analyzer):
    settings = bot_settings(server, tmp_path, use_hf_api=True, hf_token=hf_fake.token,
                            hf_api_url=hf_fake.url, hf_max_retries=1, hf_timeout_s=2,
                            hf_deadline_s=5, user_rate_limit=0, index_dir=tmp_path / "index",
                            embedding_breaker_cooldown_s=BREAKER_COOLDOWN_S,
                            show_scores=True,  # the cards then name the search type served
                            catalog_path=mini_catalog_path)
    vectorizer = build_vectorizer(settings)
    await vectorizer.start()  # probes the API: it has to be healthy now
    engine = build_engine(settings, vectorizer, morpheme_analyzer)
    await engine.reindex()
    yield settings, engine
    await engine.aclose()


async def ask_everyone(client, shoppers=SHOPPERS) -> list[str]:
    replies = await asyncio.gather(*(client.ask(user, fresh_query(), timeout=30)
                                     for user in shoppers))
    return [reply["text"] for reply in replies]


async def back_after_the_cool_down(client) -> None:
    """Once the breaker's cool-down has passed, one search probes the API and closes it."""
    await asyncio.sleep(BREAKER_COOLDOWN_S)
    probe = await client.ask(SHOPPERS[0], fresh_query(), timeout=30)
    assert healthy(probe["text"])


def degraded(text: str) -> bool:
    return SEMANTIC_UNAVAILABLE in text and KEYWORD in text and "1." in text


def healthy(text: str) -> bool:
    return SEMANTIC_UNAVAILABLE not in text and HYBRID in text and "1." in text


OUTAGES = {
    "503 storm": Fault.server_error(503),
    "429 storm": Fault.rate_limited(retry_after="1"),
    "timeouts": Fault.slow(3.0),  # longer than HF_TIMEOUT_S
}


@pytest.mark.parametrize("outage", OUTAGES.values(), ids=OUTAGES.keys())
async def test_an_outage_gives_keyword_results_with_a_notice_and_the_bot_recovers(
        outage, engine, hf_fake, client, caplog):
    settings, search_engine = engine
    async with running_bot(settings, search_engine):
        assert all(map(healthy, await ask_everyone(client)))
        hf_fake.outage = outage
        requests_before = hf_fake.requests_received
        during = await ask_everyone(client)
        assert hf_fake.requests_received > requests_before  # the API really was asked, and failed
        hf_fake.outage = None
        await back_after_the_cool_down(client)
        after = await ask_everyone(client)
    assert [degraded(text) for text in during] == [True] * len(SHOPPERS)
    assert [healthy(text) for text in after] == [True] * len(SHOPPERS)
    assert "keyword results only" in caplog.text and hf_fake.token not in caplog.text


@pytest.mark.slow
@pytest.mark.parametrize("window_s", [30.0])
async def test_5xx_for_a_while_under_steady_use_loses_no_answer(window_s, engine, hf_fake,
                                                                 client):
    """Shoppers keep asking through a `window_s` of 5xx answers (bounded in time and count)."""
    settings, search_engine = engine
    statuses = itertools.cycle([500, 502, 503, 504])
    max_rounds = int(window_s * 4)
    during: list[str] = []
    async with running_bot(settings, search_engine):
        loop = asyncio.get_running_loop()
        ends = loop.time() + window_s
        for _ in range(max_rounds):
            if loop.time() >= ends:
                break
            hf_fake.outage = Fault.server_error(next(statuses))
            during += await ask_everyone(client, SHOPPERS[:2])
        hf_fake.outage = None
        await back_after_the_cool_down(client)
        after = await ask_everyone(client)
    assert len(during) >= 8
    assert [degraded(text) for text in during] == [True] * len(during)
    assert [healthy(text) for text in after] == [True] * len(SHOPPERS)
