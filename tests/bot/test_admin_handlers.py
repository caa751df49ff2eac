"""/reindex and /stats: numeric admin ids only; progress and outcome edited into one message."""

import asyncio
import logging

import pytest

from bot.texts import KOREAN as texts
from emulator import TelegramUser
from engine.errors import CatalogError
from tests.bot.harness import ADMIN, GROUP, IMPOSTOR, MINJI, wait_for_edit_containing

REFUSAL = "이 명령은 관리자만 쓸 수 있어요."


async def test_reindex_edits_one_message_with_progress_then_summary(app, client, engine):
    engine.reindex_gate = asyncio.Event()
    status = await client.ask(ADMIN, "/reindex")
    progress = await client.wait_edit(ADMIN.id, status["message_id"], after=status["seq"])
    assert "리뷰 임베딩: 0/10" in progress["text"]
    engine.reindex_gate.set()
    final = await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "✅",
                                           after=progress["seq"])
    assert "제품 6개" in final["text"] and "fake-model" in final["text"] and "초" in final["text"]
    assert engine.index_version == "v00002"


async def test_searches_are_answered_while_a_reindex_runs(app, client, engine):
    engine.reindex_gate = asyncio.Event()
    status = await client.ask(ADMIN, "/reindex")
    await client.wait_edit(ADMIN.id, status["message_id"], after=status["seq"])
    shoppers = [TelegramUser(5000 + n, f"손님{n}") for n in range(3)]
    replies = await asyncio.gather(*(client.ask(user, "크림") for user in shoppers))
    assert all("세라마이드" in reply["text"] for reply in replies)
    engine.reindex_gate.set()


async def test_a_second_reindex_is_told_one_is_running(app, client, engine):
    engine.reindex_gate = asyncio.Event()
    first = await client.ask(ADMIN, "/reindex")
    await client.wait_edit(ADMIN.id, first["message_id"], after=first["seq"])
    second = await client.ask(ADMIN, "/reindex")
    assert "이미 색인 중이에요" in second["text"]
    engine.reindex_gate.set()


async def test_a_failed_reindex_says_why_and_the_old_index_serves(app, client, engine):
    engine.reindex_error = CatalogError("price must be a whole number", path="catalog.jsonl",
                                        line=3, field="price")
    status = await client.ask(ADMIN, "/reindex")
    text = (await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "❌",
                                           after=status["seq"]))["text"]
    assert "catalog.jsonl:3" in text and "기존 색인으로 계속 검색" in text
    assert engine.index_version == "v00001"
    assert "세라마이드" in (await client.ask(MINJI, "크림"))["text"]


@pytest.mark.parametrize("command", ["/reindex", "/stats"])
async def test_a_non_admin_is_refused_and_logged(app, client, engine, caplog, command):
    caplog.set_level(logging.WARNING, logger="bot.handlers.admin")
    reply = await client.ask(MINJI, command)
    assert reply["text"] == REFUSAL
    assert f"refused {command} for user id {MINJI.id}" in caplog.text
    assert engine.index_version == "v00001"


ADMIN_COMMANDS = pytest.mark.parametrize("command", ["/reindex", "/stats"])


@ADMIN_COMMANDS
async def test_a_username_matching_an_admins_is_not_enough(app, client, command):
    assert (await client.ask(IMPOSTOR, command))["text"] == REFUSAL


@ADMIN_COMMANDS
async def test_a_group_member_is_not_an_admin_by_being_in_the_group(app, client, command):
    assert (await client.ask(IMPOSTOR, f"{command}@CosmoBot", chat=GROUP))["text"] == REFUSAL


@ADMIN_COMMANDS
async def test_a_forwarded_admin_message_is_refused(app, client, engine, command):
    sent = await client.send(MINJI, command, forward_from=ADMIN)
    reply = await client.wait_bot_message(MINJI.id, after=sent["seq"])
    assert reply["text"] == REFUSAL
    sent = await client.send(ADMIN, command, forward_from=MINJI)
    reply = await client.wait_bot_message(ADMIN.id, after=sent["seq"])
    assert reply["text"] == texts.ADMIN_FORWARDED_COMMAND
    assert engine.index_version == "v00001"


@ADMIN_COMMANDS
async def test_an_edited_message_does_not_run_an_admin_command(app, client, engine, command):
    sent = await client.send(ADMIN, "안녕")
    await client.wait_bot_message(ADMIN.id, after=sent["seq"])
    edited = await client.edit(ADMIN, ADMIN.id, sent["message"]["message_id"], command)
    reply = await client.wait_bot_message(ADMIN.id, after=edited["seq"])
    assert reply["text"] == texts.ADMIN_EDITED_COMMAND  # not "admins only": it is an admin
    assert engine.index_version == "v00001"


@ADMIN_COMMANDS
async def test_someone_elses_edited_admin_command_is_refused_as_not_an_admins(
        app, client, engine, command):
    sent = await client.send(MINJI, "안녕")
    await client.wait_bot_message(MINJI.id, after=sent["seq"])
    edited = await client.edit(MINJI, MINJI.id, sent["message"]["message_id"], command)
    assert (await client.wait_bot_message(MINJI.id, after=edited["seq"]))["text"] == REFUSAL


async def test_admin_stats_show_backend_model_index_and_latency(app, client, engine):
    await client.ask(MINJI, "크림")
    reply = await client.ask(ADMIN, "/stats")
    for expected in ("fake <backend>", "fake-model", "제품 6개", "검색 수: 1회", "보통 3밀리초",
                     "느린 5%는 9밀리초 이상", "가동 시간", "캐시 적중률: 25%"):
        assert expected in reply["text"]
    assert "fake &lt;backend&gt;" in reply["versions"][0]["html"]


async def test_admin_commands_appear_only_in_admin_chats(app, client):
    menus = {str(item["scope"]): [c["command"] for c in item["commands"]]
             for item in (await client.bot_info())["commands"]}
    assert "reindex" not in menus[str({"type": "default"})]
    assert "reindex" in menus[str({"chat_id": ADMIN.id, "type": "chat"})]
