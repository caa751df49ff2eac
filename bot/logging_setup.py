"""Logging for the bot process: one format, quiet HTTP clients, and secrets redacted.

The bot token is part of every Bot API URL, so request logging (httpx at INFO) would print it;
those loggers are raised to WARNING, and a filter replaces any secret that still reaches a
record, in the message or in a traceback, with `***`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from pydantic import SecretStr

REDACTED = "***"
# HTTP clients log request URLs at INFO, and PTB's bot logs its API URL at DEBUG: each holds
# the token. Their levels are raised so no level setting of ours can show it.
_QUIET_LOGGERS = {"httpx": logging.WARNING, "httpcore": logging.WARNING,
                  "aiohttp.access": logging.WARNING, "telegram.Bot": logging.INFO,
                  "telegram.ext.ExtBot": logging.INFO}


class RedactSecrets(logging.Filter):
    """Replace each secret in a record's text and traceback."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = sorted({secret for secret in secrets if secret}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


class LastPollAtShutdown(logging.Filter):
    """PTB's updater, once polling stops, asks Telegram for updates one more time to mark those
    it fetched as read. When that call fails (a Bot API slower than the 5 s read timeout), PTB
    logs an ERROR with three chained tracebacks, although it goes on to shut down cleanly and
    the only consequence is that Telegram may deliver those updates again at the next start.
    This filter makes that record the one WARNING line that says so."""

    PTB_MESSAGE = "Error while calling `get_updates` one more time"

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and record.msg.startswith(self.PTB_MESSAGE):
            error = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg = ("could not mark the last fetched updates as read at shutdown (%s): "
                          "Telegram may deliver them again at the next start")
            record.args = (type(error).__name__ if error else "no answer",)
            record.exc_info = record.exc_text = None
        return True


def secret_values(*secrets: SecretStr | None) -> list[str]:
    return [secret.get_secret_value() for secret in secrets if secret is not None]


def quiet_http_loggers() -> None:
    """Keep the loggers that print Bot API URLs (and so the token) above their URL lines."""
    for name, level in _QUIET_LOGGERS.items():
        logging.getLogger(name).setLevel(level)


def configure_logging(level: str, secrets: Iterable[str]) -> RedactSecrets:
    """Set up the root handler once, for `python -m bot` and the playground."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_http_loggers()
    logging.getLogger("telegram.ext.Updater").addFilter(LastPollAtShutdown())
    redactor = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)
    return redactor
