"""Validation of what the bot sends: message text with its parse mode, and inline keyboards."""

from __future__ import annotations

from urllib.parse import urlsplit

from emulator._entities import utf16_len
from emulator._errors import bad_request
from emulator._html import HtmlParseError, parse_html

MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_COPY_TEXT = 256
_BUTTON_ACTIONS = frozenset({
    "url", "callback_data", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "login_url", "web_app", "callback_game", "pay",
    "copy_text",
})


def message_content(text: object, parse_mode: object, entities: object) -> tuple[str, list[dict]]:
    """Plain text and entities of a message the bot sends, or the 400 Telegram would answer."""
    if not isinstance(text, str) or not text:
        raise bad_request("message text is empty")
    if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
        try:
            text, parsed = parse_html(text)
        except HtmlParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
    elif parse_mode:
        raise bad_request(f"parse mode {parse_mode!r} is not supported by this emulator")
    else:
        parsed = list(entities) if isinstance(entities, list) else []
    if not text.strip():
        raise bad_request("message text is empty")
    if utf16_len(text) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return text, parsed


def inline_keyboard(markup: object) -> dict | None:
    """The inline keyboard to attach to a message; other markups are not part of a message."""
    if not isinstance(markup, dict) or "inline_keyboard" not in markup:
        return None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
    for row in rows:
        for button in row:
            _check_button(button)
    return {"inline_keyboard": rows}


def _check_button(button: object) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
    actions = _BUTTON_ACTIONS.intersection(button)
    if len(actions) != 1:
        raise bad_request("can't parse inline keyboard button: exactly one of the optional fields must be used")
    data = button.get("callback_data")
    if data is not None and not (1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES):
        raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not is_web_url(button["url"], schemes=("http", "https", "tg")):
        raise bad_request("BUTTON_URL_INVALID")
    copy = button.get("copy_text")
    if copy is not None and not (isinstance(copy, dict)
                                 and 1 <= len(str(copy.get("text", ""))) <= MAX_COPY_TEXT):
        raise bad_request("COPY_TEXT_INVALID")


def is_web_url(value: object, schemes: tuple[str, ...] = ("http", "https")) -> bool:
    """Whether `value` is an absolute address Telegram would open or fetch."""
    if not isinstance(value, str) or not value or any(ch.isspace() for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in schemes and bool(parts.netloc)


def link_preview(options: object) -> dict | None:
    """The link preview options a message keeps, or None when its preview is disabled."""
    if options is None:
        return None
    if not isinstance(options, dict):
        raise bad_request("can't parse link preview options JSON object")
    if options.get("is_disabled"):
        return None
    if "url" in options and not is_web_url(options["url"]):
        raise bad_request("WEBPAGE_URL_INVALID")
    return dict(options)
