"""SIGTERM to `python -m bot`: in-flight searches are answered, everything is closed, exit 0,
and no snapshot is left half-written, also when the signal lands in the middle of a /reindex.
"""

from __future__ import annotations

import asyncio
import pickle

import pytest

from bot.texts import KOREAN as texts
from emulator import DEFAULT_TOKEN, TelegramUser
from engine.composition import build_engine
from index.snapshot import CURRENT, TEMP_PREFIX, verify_snapshot
from tests.bot.harness import ADMIN, MINJI, wait_for_edit_containing
from tests.reliability.bot_process import ROOT, UNCLEAN, BotProcess

FULL_CATALOG = ROOT / "data" / "catalog.jsonl"  # 300 products: a reindex long enough to interrupt
SHOPPERS = [TelegramUser(7000 + n, f"손님{n}") for n in range(6)]
START_TIMEOUT_S = 90


def index_listing(index_dir) -> dict[str, set[str]]:
    return {item.name: {f.name for f in item.iterdir()} if item.is_dir() else set()
            for item in index_dir.iterdir()}


@pytest.fixture
def bot(server, tmp_path, index_copy, mini_catalog_path):
    process = BotProcess(tmp_path / "bot", server.bot_api_base_url,
                         admin_ids=ADMIN.id, telegram_max_messages_per_s=0,
                         catalog_path=mini_catalog_path, index_dir=index_copy,
                         bot_state_path=tmp_path / "bot" / "state.pickle",
                         typing_delay_s=0)  # typing at once: it marks a search as in flight
    yield process
    process.kill_if_running()


async def wait_until_handling(client, users, after: int) -> None:
    """Return once the bot shows 'typing' in every user's chat: their searches are in flight."""
    waiting = {user.id for user in users}
    for _ in range(len(users)):
        event = await client.wait_for(lambda e: e["type"] == "chat_action"
                                      and e["chat_id"] in waiting, after=after, timeout=30)
        waiting.discard(event["chat_id"])
        after = event["seq"]
    assert not waiting


async def test_sigterm_with_searches_in_flight_answers_them_and_exits_cleanly(
        bot, client, index_copy, tmp_path):
    before = index_listing(index_copy)
    bot.start()
    assert "1." in (await client.ask(MINJI, "보습 크림", timeout=START_TIMEOUT_S))["text"]
    await client.set_faults(methods=["sendMessage"], delay_s=1.5)  # replies take a while
    sent = [await client.send(user, f"촉촉한 크림 {n}") for n, user in enumerate(SHOPPERS)]

    await wait_until_handling(client, SHOPPERS, after=sent[0]["seq"] - 1)
    exit_code = await bot.stop()

    assert exit_code == 0, bot.log
    for user in SHOPPERS:
        answers = [m["text"] for m in await client.history(user.id) if m["is_bot"]]
        assert len(answers) == 1 and "1." in answers[0], (user, answers)
    assert "stop signal received" in bot.log and "stopped cleanly" in bot.log
    assert [marker for marker in UNCLEAN if marker in bot.log] == []
    assert " ERROR " not in bot.log
    assert DEFAULT_TOKEN.split(":")[1] not in bot.log
    with open(tmp_path / "bot" / "state.pickle", "rb") as state:
        assert isinstance(pickle.load(state), dict)
    assert index_listing(index_copy) == before


async def test_a_bot_api_slow_to_answer_the_last_poll_logs_one_warning_and_no_error(bot, client):
    """At shutdown PTB asks for updates once more to mark those fetched as read; a Bot API that
    takes longer than its 5 s read timeout used to make that an ERROR with three tracebacks."""
    bot.start()
    assert "1." in (await client.ask(MINJI, "보습 크림", timeout=START_TIMEOUT_S))["text"]
    await client.set_faults(methods=["getUpdates"], delay_s=7)

    exit_code = await bot.stop()

    assert exit_code == 0, bot.log
    assert " ERROR " not in bot.log and "Traceback" not in bot.log, bot.log
    assert bot.log.count("could not mark the last fetched updates as read at shutdown "
                         "(TimedOut)") == 1
    assert "stopped cleanly" in bot.log


async def test_sigterm_during_a_reindex_keeps_the_old_snapshot_whole(
        bot, client, index_copy, make_settings, e5_vectorizer, morpheme_analyzer):
    served_before = (index_copy / CURRENT).read_text().strip()
    bot.env["CATALOG_PATH"] = str(FULL_CATALOG)
    bot.start()
    await client.start_chat(ADMIN)
    await client.ask(MINJI, "보습 크림", timeout=START_TIMEOUT_S)
    status = await client.ask(ADMIN, "/reindex")
    await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "리뷰 임베딩",
                                   after=status["seq"], timeout=60)

    exit_code = await bot.stop()

    assert exit_code == 0, bot.log
    assert [marker for marker in UNCLEAN if marker in bot.log] == []
    final = (await client.message(ADMIN.id, status["message_id"]))["text"]
    assert "❌" in final and "기존 색인으로 계속 검색" in final
    assert (index_copy / CURRENT).read_text().strip() == served_before
    for snapshot in index_copy.glob("snap-*"):
        verify_snapshot(snapshot)

    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                          morpheme_analyzer)
    assert await engine.load_latest_snapshot()
    assert engine.search_index.snapshot_id == served_before
    assert not [item for item in index_copy.iterdir() if item.name.startswith(TEMP_PREFIX)]
