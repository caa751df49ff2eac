"""Text helpers that follow Telegram's rules: UTF-16 offsets and `bot_command` entities."""

from __future__ import annotations

import re

# A command starts a word: "/name" or "/name@bot_username", as Telegram's clients detect it.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{2,31})?(?![A-Za-z0-9_@/])")


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units, the unit of every Telegram offset."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict]:
    """The `bot_command` entities Telegram attaches to a user's message text."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]
