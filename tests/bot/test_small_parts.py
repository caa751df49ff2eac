"""Rate limit, access rule, preferences, sessions and log redaction, each on its own."""

import logging

from telegram import Update

from bot.access import Refusal, admin_command_refusal, is_admin_command
from bot.logging_setup import RedactSecrets
from bot.prefs import ChatPrefs
from bot.rate_limit import UserRateLimiter
from bot.sessions import MAX_SESSIONS, SearchSession, load_session, save_session


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


async def test_rate_limit_allows_the_limit_then_says_how_long_to_wait():
    clock = Clock()
    limiter = UserRateLimiter(limit=2, window_s=10, clock=clock)
    assert [await limiter.acquire(1), await limiter.acquire(1), await limiter.acquire(1)] == [0, 0, 10]
    assert await limiter.acquire(2) == 0
    clock.now = 4.5
    assert await limiter.acquire(1) == 6
    clock.now = 10.0
    assert await limiter.acquire(1) == 0


async def test_rate_limit_zero_lifts_it():
    limiter = UserRateLimiter(limit=0, window_s=10)
    assert [await limiter.acquire(1) for _ in range(100)] == [0] * 100


async def test_rate_limit_forgets_quiet_users():
    clock = Clock()
    limiter = UserRateLimiter(limit=5, window_s=1, clock=clock)
    for user in range(3000):
        clock.now += 0.01
        await limiter.acquire(user)
    assert len(limiter._recent) < 1200


def message_update(user_id=7, *, edited=False, forwarded_from=None, is_bot=False):
    message = {"message_id": 1, "date": 0, "chat": {"id": user_id, "type": "private"},
               "from": {"id": user_id, "is_bot": is_bot, "first_name": "x", "username": "boss"},
               "text": "/reindex",
               "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}
    if forwarded_from:
        message["forward_origin"] = {"type": "user", "date": 0, "sender_user": {
            "id": forwarded_from, "is_bot": False, "first_name": "a"}}
    return Update.de_json({"update_id": 1, ("edited_message" if edited else "message"): message},
                          None)


def test_only_numeric_admin_ids_in_new_unforwarded_messages_count():
    admins = {7}
    assert is_admin_command(message_update(7), admins)
    assert not is_admin_command(message_update(8), admins)
    assert not is_admin_command(message_update(7, edited=True), admins)
    assert not is_admin_command(message_update(7, forwarded_from=7), admins)
    assert not is_admin_command(message_update(8, forwarded_from=7), admins)
    assert not is_admin_command(message_update(7, is_bot=True), admins)


def test_an_admins_own_edit_or_forward_is_refused_for_what_it_is():
    admins = {7}
    assert admin_command_refusal(message_update(7, edited=True), admins) is Refusal.EDITED
    assert admin_command_refusal(message_update(7, forwarded_from=8), admins) is Refusal.FORWARDED
    assert admin_command_refusal(message_update(8, edited=True), admins) is Refusal.NOT_ADMIN
    assert admin_command_refusal(message_update(8, forwarded_from=7), admins) is Refusal.NOT_ADMIN


def test_prefs_ignore_garbage_in_chat_data():
    assert ChatPrefs.load({"prefs": {"top_n": 999, "mode": "evil", "category": 3}}) == ChatPrefs()
    data = {}
    ChatPrefs(category="립", top_n=3, mode="keyword").save(data)
    assert ChatPrefs.load(data) == ChatPrefs(category="립", top_n=3, mode="keyword")


def test_sessions_keep_only_the_newest():
    data: dict = {}
    keys = [save_session(data, SearchSession("search", f"q{i}", None, 5, None))
            for i in range(MAX_SESSIONS + 5)]
    assert load_session(data, keys[0]) is None
    assert load_session(data, keys[-1]).text == f"q{MAX_SESSIONS + 4}"
    assert len(set(keys)) == len(keys)


def test_redaction_removes_secrets_from_messages_and_tracebacks():
    redactor = RedactSecrets(["123:SECRET"])
    try:
        raise RuntimeError("url https://api/bot123:SECRET/getMe failed")
    except RuntimeError:
        import sys
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "token %s", ("123:SECRET",),
                                   sys.exc_info())
    redactor.filter(record)
    assert "SECRET" not in record.getMessage() and "SECRET" not in record.exc_text
    assert "***" in record.exc_text


def test_webhook_mode_needs_a_well_formed_secret():
    import pytest
    from pydantic import ValidationError

    from engine.settings import Settings

    with pytest.raises(ValidationError, match="WEBHOOK_SECRET"):
        Settings(_env_file=None, webhook_url="https://bot.example/hook")
    with pytest.raises(ValidationError, match="WEBHOOK_SECRET"):
        Settings(_env_file=None, webhook_url="https://bot.example/hook", webhook_secret="a b")
    ok = Settings(_env_file=None, webhook_url="https://bot.example/hook", webhook_secret="s3-cr_et")
    assert ok.webhook_secret.get_secret_value() == "s3-cr_et"
    assert "s3-cr_et" not in repr(ok)


def test_python_m_bot_without_a_token_exits_with_a_clear_message(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)})
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
