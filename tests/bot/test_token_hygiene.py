"""The bot token is in every Bot API URL; a whole session's logs must not contain it."""

import logging

from bot.logging_setup import quiet_http_loggers
from emulator import DEFAULT_TOKEN
from tests.bot.harness import ADMIN, MINJI, running_bot


async def test_a_full_session_logs_nothing_with_the_token(settings, engine, client, caplog):
    previous = {name: logging.getLogger(name).level for name in
                ("httpx", "httpcore", "aiohttp.access", "telegram.Bot", "telegram.ext.ExtBot")}
    caplog.set_level(logging.DEBUG)
    quiet_http_loggers()
    try:
        async with running_bot(settings, engine):
            await client.ask(MINJI, "크림")
            await client.ask(MINJI, "/reindex")
            await client.ask(ADMIN, "/stats")
            await client.set_faults(fail_next=[{"status": 502}])
            await client.ask(MINJI, "크림")  # the first reply fails; the error reply goes out
    finally:
        for name, level in previous.items():
            logging.getLogger(name).setLevel(level)
    logged = "\n".join(caplog.messages) + "\n".join(r.exc_text or "" for r in caplog.records)
    assert len(caplog.records) > 10
    assert DEFAULT_TOKEN not in logged
    assert DEFAULT_TOKEN.split(":")[1] not in logged
