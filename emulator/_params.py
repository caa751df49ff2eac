"""Reading Bot API parameters the way Telegram does: query string, form, multipart or JSON.

Form bodies carry nested objects as JSON strings (that is how PTB sends them), so known
structured fields are decoded here, and numbers and booleans converted by name.
"""

from __future__ import annotations

import json

from aiohttp import web

from emulator._errors import bad_request

_JSON_FIELDS = frozenset({
    "reply_markup", "entities", "results", "commands", "scope", "allowed_updates",
    "link_preview_options", "reply_parameters", "button", "caption_entities",
})
_INT_FIELDS = frozenset({
    "offset", "limit", "timeout", "message_id", "user_id", "cache_time", "max_connections",
    "message_thread_id",
})
_BOOL_FIELDS = frozenset({
    "show_alert", "is_personal", "disable_notification", "protect_content",
    "drop_pending_updates", "disable_web_page_preview",
})


async def read_params(request: web.Request) -> dict:
    """All parameters of a Bot API call, typed."""
    params: dict = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except json.JSONDecodeError:
                raise bad_request("can't parse JSON body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON body must be an object")
            params.update(body)
        else:
            form = await request.post()
            params.update({key: value for key, value in form.items() if isinstance(value, str)})
    return {key: _typed(key, value) for key, value in params.items()}


def _typed(key: str, value: object) -> object:
    if not isinstance(value, str):
        return value
    try:
        if key in _JSON_FIELDS:
            return json.loads(value)
        if key in _INT_FIELDS:
            return int(value)
        if key in _BOOL_FIELDS:
            return value.lower() in {"true", "1"}
        if key == "chat_id":
            return value if value.startswith("@") else int(value)
    except (ValueError, json.JSONDecodeError):
        raise bad_request(f"can't parse parameter {key}") from None
    return value
