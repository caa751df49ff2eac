"""The one error the emulator raises: a Bot API failure with Telegram's code and wording."""

from __future__ import annotations


class BotApiError(Exception):
    """Answered as `{"ok": false, "error_code": ..., "description": ...}`."""

    def __init__(self, status: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict:
        body: dict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> BotApiError:
    """A 400 worded like Telegram's: `Bad Request: <detail>`."""
    return BotApiError(400, f"Bad Request: {detail}")
