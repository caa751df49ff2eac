"""Webhook mode with the fake engine: the secret, bodies that are not updates, and answering
a POST only once its update was handled, once."""

from __future__ import annotations

import contextlib

import aiohttp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.lifecycle import running
from bot.services import SERVICES_KEY
from bot.webhook import SECRET_HEADER, parse_update, serving_webhook
from tests.bot.harness import MINJI, bot_settings
from tests.servers.ports import free_port

SECRET = "s3cret-token"


@pytest.fixture
async def hook(server, client, tmp_path, engine):
    """The bot serving a webhook on a free port; yields its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram/hook"
    settings = bot_settings(server, tmp_path, webhook_url=url, webhook_secret=SECRET)
    application = build_application(settings, engine)
    async with running(application, polling=False):
        async with serving_webhook(application, application.bot_data[SERVICES_KEY].claims,
                                   url=url, secret=SECRET, listen="127.0.0.1", port=port):
            yield url


@contextlib.asynccontextmanager
async def post(url: str, body, *, secret: str | None = SECRET):
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with aiohttp.ClientSession() as session:
        data = body if isinstance(body, str) else None
        async with session.post(url, json=None if data else body, data=data,
                                headers=headers) as reply:
            yield reply


def message_update(update_id: int, text: str) -> dict:
    user = MINJI.to_json() | {"is_bot": False}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": text, "from": user,
        "chat": {"id": MINJI.id, "type": "private", "first_name": MINJI.first_name}}}


async def bot_replies(client) -> list[dict]:
    return [m for m in await client.history(MINJI.id) if m["is_bot"]]


@pytest.mark.parametrize("body", [[], {"update_id": 1, "message": "x"}, {"update_id": "1"},
                                  {"message": {}}, "not json", 7,
                                  {"update_id": 1, "callback_query": [1]}])
async def test_a_body_that_is_not_an_update_is_refused_with_400(hook, body):
    async with post(hook, body) as reply:
        assert reply.status == 400


@pytest.mark.parametrize("secret", [None, "wrong", SECRET + "x"])
async def test_a_post_without_the_secret_is_refused_with_403(hook, secret):
    async with post(hook, message_update(1, "크림"), secret=secret) as reply:
        assert reply.status == 403


async def test_the_post_is_answered_after_the_reply_was_sent(hook, client):
    await client.start_chat(MINJI)
    async with post(hook, message_update(10, "크림")) as reply:
        assert reply.status == 200
    assert [("‘크림’" in m["text"]) for m in await bot_replies(client)] == [True]


async def test_an_update_delivered_twice_gets_one_reply(hook, client, engine):
    await client.start_chat(MINJI)
    for _ in range(3):
        async with post(hook, message_update(20, "크림")) as reply:
            assert reply.status == 200
    assert len(await bot_replies(client)) == 1
    assert len(engine.queries) == 1


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["update_id", "message", "chat", "from", "text", "date",
                                       "message_id", "id", "type", "callback_query", "data",
                                       "inline_query", "query", "edited_message", "x"]),
                      children, max_size=6),
    max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_any_json_body_parses_to_an_update_or_is_refused_never_raises(body):
    update = parse_update(body, None)
    if update is not None:
        assert type(body["update_id"]) is int and update.update_id == body["update_id"]


@settings(max_examples=100, deadline=None)
@given(st.fixed_dictionaries({"update_id": st.integers(1, 10**9), "message": JSON}))
def test_an_update_with_a_malformed_message_is_refused_or_read_never_raises(body):
    update = parse_update(body, None)
    assert update is None or update.update_id == body["update_id"]
