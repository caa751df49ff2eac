"""The user side: an HTTP API through which tests and the playground act as Telegram users.

Users write messages (commands get `bot_command` entities), edit and forward them, press inline
buttons, type inline queries and pick their results; then read the chats with the bot's messages
and every edit, or long-poll `/_emu/events` to learn what changed without sleeping.
"""

from __future__ import annotations

import json
from functools import partial

from aiohttp import web

from emulator._bot_api import BotApi
from emulator._content import message_content
from emulator._entities import command_entities, utf16_len
from emulator._errors import BotApiError
from emulator._faults import FaultPlan
from emulator._updates import UpdateDelivery
from emulator._world import MessageVersion, World

MAX_WAIT_S = 30.0
_USER_TEXT_LIMIT = 4096
_dumps = partial(json.dumps, ensure_ascii=False)


class UserApiError(Exception):
    """A bad user-API request; answered with 400 and the reason."""


class UserApi:
    """Routes under `/_emu/` acting on the shared `World`."""

    def __init__(self, world: World, bot_api: BotApi, delivery: UpdateDelivery,
                 faults: FaultPlan) -> None:
        self._world = world
        self._bot_api = bot_api
        self._delivery = delivery
        self._faults = faults

    def routes(self) -> list[web.RouteDef]:
        endpoints = [
            ("POST", "/_emu/users", self.add_user),
            ("POST", "/_emu/messages", self.send_message),
            ("POST", "/_emu/messages/edit", self.edit_message),
            ("POST", "/_emu/callback", self.press_button),
            ("GET", "/_emu/callback/{query_id}", self.callback_answer),
            ("POST", "/_emu/inline", self.inline_query),
            ("GET", "/_emu/inline/{query_id}", self.inline_answer),
            ("POST", "/_emu/inline/{query_id}/choose", self.choose_inline_result),
            ("GET", "/_emu/chats", self.list_chats),
            ("GET", "/_emu/chats/{chat_id}/messages", self.chat_history),
            ("GET", "/_emu/events", self.events),
            ("GET", "/_emu/bot", self.bot_info),
            ("GET", "/_emu/faults", self.get_faults),
            ("POST", "/_emu/faults", self.set_faults),
        ]
        return [web.route(method, path, _json_endpoint(handler)) for method, path, handler in endpoints]

    async def add_user(self, body: dict, request: web.Request) -> dict:
        """Open the user's private chat with the bot, as pressing Start once would."""
        user = _user(body)
        return self._world.ensure_chat(_private_chat(user))

    async def send_message(self, body: dict, request: web.Request) -> dict:
        user = _user(body.get("user"))
        chat = self._world.ensure_chat(_chat(body.get("chat"), user))
        text = _text(body.get("text"))
        extra = {}
        if body.get("forward_from") is not None:
            extra["forward_origin"] = {"type": "user", "sender_user": _user(body["forward_from"]),
                                       "date": self._world.now()}
        message = self._world.add_message(
            chat["id"], user, MessageVersion(text, command_entities(text), None), **extra)
        event = await self._world.publish(
            {"type": "message", "chat_id": chat["id"], "message_id": message.message_id,
             "from_bot": False},
            {"message": message.to_api(chat)})
        return {"seq": event["seq"], "message": message.to_history(chat)}

    async def edit_message(self, body: dict, request: web.Request) -> dict:
        user = _user(body.get("user"))
        message = self._world.find_message(_int(body, "chat_id"), _int(body, "message_id"))
        if message is None or message.sender["id"] != user["id"]:
            raise UserApiError("no such message of this user")
        text = _text(body.get("text"))
        message.versions.append(MessageVersion(text, command_entities(text), None,
                                               edit_date=self._world.now()))
        chat = self._world.chats[message.chat_id]
        event = await self._world.publish(
            {"type": "edit", "chat_id": chat["id"], "message_id": message.message_id,
             "from_bot": False},
            {"edited_message": message.to_api(chat)})
        return {"seq": event["seq"], "message": message.to_history(chat)}

    async def press_button(self, body: dict, request: web.Request) -> dict:
        """Press a button by its text, or send any `data` (to test forged callback data)."""
        user = _user(body.get("user"))
        chat_id = _int(body, "chat_id")
        message = self._world.find_message(chat_id, _int(body, "message_id"))
        if message is None or message.deleted:
            raise UserApiError("no such message")
        data = body.get("data")
        if data is None:
            data = _button_data(message.current.reply_markup, body.get("button_text"))
        query_id = self._world.next_query_id()
        self._world.callback_answers[query_id] = None
        chat = self._world.chats[chat_id]
        event = await self._world.publish(
            {"type": "callback_query", "chat_id": chat_id, "message_id": message.message_id,
             "query_id": query_id},
            {"callback_query": {"id": query_id, "from": user, "chat_instance": str(chat_id),
                                "message": message.to_api(chat), "data": str(data)}})
        return {"seq": event["seq"], "callback_query_id": query_id}

    async def callback_answer(self, body: dict, request: web.Request) -> dict:
        return await self._answer(self._world.callback_answers, request)

    async def inline_query(self, body: dict, request: web.Request) -> dict:
        user = _user(body.get("user"))
        query_id = self._world.next_query_id()
        self._world.inline_answers[query_id] = None
        inline_query = {"id": query_id, "from": user, "query": str(body.get("query", ""))[:256],
                        "offset": str(body.get("offset", "")),
                        "chat_type": body.get("chat_type", "sender")}
        event = await self._world.publish({"type": "inline_query", "query_id": query_id},
                                          {"inline_query": inline_query})
        return {"seq": event["seq"], "inline_query_id": query_id}

    async def inline_answer(self, body: dict, request: web.Request) -> dict:
        return await self._answer(self._world.inline_answers, request)

    async def choose_inline_result(self, body: dict, request: web.Request) -> dict:
        """Send an article from an inline answer into a chat, `via_bot`, like a client does."""
        answer = self._world.inline_answers.get(request.match_info["query_id"])
        result = next((item for item in (answer or {}).get("results", [])
                       if item.get("id") == body.get("result_id")), None)
        if result is None or "input_message_content" not in result:
            raise UserApiError("no such inline result")
        content = result["input_message_content"]
        try:
            text, entities = message_content(content.get("message_text"), content.get("parse_mode"),
                                             content.get("entities"))
        except BotApiError as exc:
            raise UserApiError(exc.description) from None
        user = _user(body.get("user"))
        chat = self._world.ensure_chat(_chat(body.get("chat"), user))
        message = self._world.add_message(
            chat["id"], user, MessageVersion(text, entities, result.get("reply_markup"),
                                             html=content.get("message_text")),
            via_bot=self._world.bot.to_user())
        event = await self._world.publish(
            {"type": "message", "chat_id": chat["id"], "message_id": message.message_id,
             "from_bot": False},
            {"message": message.to_api(chat)})
        return {"seq": event["seq"], "message": message.to_history(chat)}

    async def list_chats(self, body: dict, request: web.Request) -> dict:
        return {"chats": list(self._world.chats.values())}

    async def chat_history(self, body: dict, request: web.Request) -> dict:
        chat_id = _parse_int(request.match_info["chat_id"], "chat_id")
        chat = self._world.chats.get(chat_id)
        if chat is None:
            raise UserApiError("no such chat")
        messages = self._world.messages.get(chat_id, [])
        return {"chat": chat, "messages": [message.to_history(chat) for message in messages]}

    async def events(self, body: dict, request: web.Request) -> dict:
        """Events after `after`, waiting up to `timeout` seconds for the first one."""
        after = _parse_int(request.query.get("after", "0"), "after")
        raw_chat = request.query.get("chat_id")
        chat_id = _parse_int(raw_chat, "chat_id") if raw_chat else None
        await self._world.wait_until(lambda: self._world.events_after(after, chat_id),
                                     _timeout(request))
        return {"events": self._world.events_after(after, chat_id), "last_seq": self._world.last_seq}

    async def bot_info(self, body: dict, request: web.Request) -> dict:
        commands = [{"scope": json.loads(key.split("|", 1)[0]), "language_code": key.split("|", 1)[1],
                     "commands": value} for key, value in self._world.commands.items()]
        return {"bot": self._world.bot.to_user(),
                "webhook": await self._delivery.get_webhook_info({}),
                "commands": commands,
                "descriptions": dict(self._world.descriptions),
                "short_descriptions": dict(self._world.short_descriptions)}

    async def get_faults(self, body: dict, request: web.Request) -> dict:
        return self._faults.describe()

    async def set_faults(self, body: dict, request: web.Request) -> dict:
        try:
            self._faults.update(body)
        except (ValueError, TypeError) as exc:
            raise UserApiError(str(exc)) from None
        return self._faults.describe()

    async def _answer(self, answers: dict, request: web.Request) -> dict:
        query_id = request.match_info["query_id"]
        if query_id not in answers:
            raise UserApiError("no such query")
        await self._world.wait_until(lambda: answers[query_id] is not None, _timeout(request))
        return {"answered": answers[query_id] is not None, "answer": answers[query_id]}


def _json_endpoint(handler):
    async def endpoint(request: web.Request) -> web.Response:
        body = {}
        if request.method == "POST" and request.body_exists:
            try:
                body = await request.json()
            except json.JSONDecodeError:
                return web.json_response({"error": "body must be JSON"}, status=400, dumps=_dumps)
        try:
            result = await handler(body if isinstance(body, dict) else {}, request)
        except UserApiError as exc:
            return web.json_response({"error": str(exc)}, status=400, dumps=_dumps)
        return web.json_response(result, dumps=_dumps)
    return endpoint


def _user(raw: object) -> dict:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), int) or raw["id"] <= 0:
        raise UserApiError("user must be an object with a positive integer id")
    user = {"id": raw["id"], "is_bot": False, "first_name": str(raw.get("first_name") or "User")}
    for key in ("last_name", "username", "language_code"):
        if raw.get(key):
            user[key] = str(raw[key])
    return user


def _private_chat(user: dict) -> dict:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    if "username" in user:
        chat["username"] = user["username"]
    return chat


def _chat(raw: object, user: dict) -> dict:
    if raw is None or (isinstance(raw, dict) and raw.get("type", "private") == "private"):
        return _private_chat(user)
    if not isinstance(raw, dict) or raw.get("type") not in {"group", "supergroup"}:
        raise UserApiError("chat type must be private, group or supergroup")
    if not isinstance(raw.get("id"), int) or raw["id"] >= 0:
        raise UserApiError("a group chat needs a negative integer id")
    return {"id": raw["id"], "type": raw["type"], "title": str(raw.get("title") or "Group")}


def _text(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise UserApiError("text must be a non-empty string")
    if utf16_len(raw) > _USER_TEXT_LIMIT:
        raise UserApiError(f"text is longer than {_USER_TEXT_LIMIT} characters")
    return raw


def _button_data(markup: dict | None, button_text: object) -> str:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if button.get("text") == button_text and "callback_data" in button:
                return button["callback_data"]
    raise UserApiError(f"no callback button {button_text!r} on this message")


def _int(body: dict, key: str) -> int:
    value = body.get(key)
    if not isinstance(value, int):
        raise UserApiError(f"{key} must be an integer")
    return value


def _timeout(request: web.Request) -> float:
    try:
        return min(max(float(request.query.get("timeout", "0")), 0.0), MAX_WAIT_S)
    except ValueError:
        raise UserApiError("timeout must be a number of seconds") from None


def _parse_int(raw: str, key: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise UserApiError(f"{key} must be an integer") from None
