"""The bot side: Bot API methods that act on chats, messages, queries and commands.

Each method takes the typed parameters and returns the `result` Telegram would return, or
raises `BotApiError` with Telegram's code and wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable

from emulator._content import inline_keyboard, is_web_url, link_preview, message_content
from emulator._errors import BotApiError, bad_request
from emulator._updates import UpdateDelivery
from emulator._world import MessageVersion, StoredMessage, World

Method = Callable[[dict], Awaitable[object]]

_NOT_MODIFIED = ("message is not modified: specified new message content and reply markup are "
                 "exactly the same as a current content and reply markup of the message")
_CHAT_ACTIONS = frozenset({
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note",
    "upload_video_note",
})
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_MAX_INLINE_RESULTS = 50
_MAX_DESCRIPTION = 512
_MAX_SHORT_DESCRIPTION = 120
_LANGUAGE_CODE = re.compile(r"^([a-z]{2})?$")


class BotApi:
    """Dispatches Bot API method names (case-insensitive) to their implementations."""

    def __init__(self, world: World, delivery: UpdateDelivery) -> None:
        self._world = world
        self._methods: dict[str, Method] = {
            "getme": self.get_me,
            "getchat": self.get_chat,
            "sendmessage": self.send_message,
            "editmessagetext": self.edit_message_text,
            "editmessagereplymarkup": self.edit_message_reply_markup,
            "deletemessage": self.delete_message,
            "sendchataction": self.send_chat_action,
            "answercallbackquery": self.answer_callback_query,
            "answerinlinequery": self.answer_inline_query,
            "setmycommands": self.set_my_commands,
            "getmycommands": self.get_my_commands,
            "deletemycommands": self.delete_my_commands,
            "setmydescription": self.set_my_description,
            "getmydescription": self.get_my_description,
            "setmyshortdescription": self.set_my_short_description,
            "getmyshortdescription": self.get_my_short_description,
            "getupdates": delivery.get_updates,
            "setwebhook": delivery.set_webhook,
            "deletewebhook": delivery.delete_webhook,
            "getwebhookinfo": delivery.get_webhook_info,
            "logout": self.acknowledge,
            "close": self.acknowledge,
        }

    def method(self, name: str) -> Method | None:
        return self._methods.get(name.lower())

    async def acknowledge(self, params: dict) -> bool:
        return True

    async def get_me(self, params: dict) -> dict:
        return {**self._world.bot.to_user(), "can_join_groups": True,
                "can_read_all_group_messages": True, "supports_inline_queries": True}

    async def get_chat(self, params: dict) -> dict:
        return {**self._chat(params), "accent_color_id": 0, "max_reaction_count": 11}

    async def send_message(self, params: dict) -> dict:
        chat = self._chat(params)
        text, entities = message_content(params.get("text"), params.get("parse_mode"),
                                         params.get("entities"))
        version = MessageVersion(text=text, entities=entities, html=_html_of(params),
                                 reply_markup=inline_keyboard(params.get("reply_markup")),
                                 link_preview_options=link_preview(
                                     params.get("link_preview_options")))
        message = self._world.add_message(chat["id"], self._world.bot.to_user(), version,
                                          reply_to_message=self._replied(chat, params))
        await self._world.publish({"type": "message", "chat_id": chat["id"],
                                   "message_id": message.message_id, "from_bot": True,
                                   "reply_to_message_id": message.reply_to_message["message_id"]
                                   if message.reply_to_message else None})
        return message.to_api(chat)

    async def edit_message_text(self, params: dict) -> dict:
        message = self._own_message(params, "message to edit not found")
        text, entities = message_content(params.get("text"), params.get("parse_mode"),
                                         params.get("entities"))
        version = MessageVersion(text=text, entities=entities, html=_html_of(params),
                                 reply_markup=inline_keyboard(params.get("reply_markup")),
                                 link_preview_options=link_preview(
                                     params.get("link_preview_options")))
        return await self._edit(message, version)

    async def edit_message_reply_markup(self, params: dict) -> dict:
        message = self._own_message(params, "message to edit not found")
        current = message.current
        version = MessageVersion(text=current.text, entities=current.entities, html=current.html,
                                 reply_markup=inline_keyboard(params.get("reply_markup")),
                                 link_preview_options=current.link_preview_options)
        return await self._edit(message, version)

    async def delete_message(self, params: dict) -> bool:
        chat = self._chat(params)
        message = self._world.find_message(chat["id"], _int(params, "message_id"))
        if message is None or message.deleted:
            raise bad_request("message to delete not found")
        message.deleted = True
        await self._world.publish({"type": "delete", "chat_id": chat["id"],
                                   "message_id": message.message_id})
        return True

    async def send_chat_action(self, params: dict) -> bool:
        chat = self._chat(params)
        action = params.get("action")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        await self._world.publish({"type": "chat_action", "chat_id": chat["id"], "action": action})
        return True

    async def answer_callback_query(self, params: dict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        answer = {key: params[key] for key in ("text", "show_alert", "url", "cache_time")
                  if key in params}
        await self._answer(self._world.callback_answers, query_id, answer, "callback_answer")
        return True

    async def answer_inline_query(self, params: dict) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        results = params.get("results")
        _check_inline_results(results)
        answer = {key: params[key] for key in ("cache_time", "is_personal", "next_offset", "button")
                  if key in params}
        answer["results"] = results
        await self._answer(self._world.inline_answers, query_id, answer, "inline_answer")
        return True

    async def set_my_commands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be an array of at most 100 BotCommand")
        for command in commands:
            if not _COMMAND_NAME.match(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self._world.commands[self._scope_key(params)] = commands
        return True

    async def get_my_commands(self, params: dict) -> list[dict]:
        return self._world.commands.get(self._scope_key(params), [])

    async def delete_my_commands(self, params: dict) -> bool:
        self._world.commands.pop(self._scope_key(params), None)
        return True

    async def set_my_description(self, params: dict) -> bool:
        _set_text(self._world.descriptions, params, "description", _MAX_DESCRIPTION)
        return True

    async def get_my_description(self, params: dict) -> dict:
        return {"description": self._world.descriptions.get(params.get("language_code") or "", "")}

    async def set_my_short_description(self, params: dict) -> bool:
        _set_text(self._world.short_descriptions, params, "short_description",
                  _MAX_SHORT_DESCRIPTION)
        return True

    async def get_my_short_description(self, params: dict) -> dict:
        return {"short_description": self._world.short_descriptions.get(
            params.get("language_code") or "", "")}

    # helpers

    def _chat(self, params: dict) -> dict:
        chat_id = params.get("chat_id")
        if isinstance(chat_id, str):
            chat = next((chat for chat in self._world.chats.values()
                         if chat.get("username") and "@" + chat["username"] == chat_id), None)
        else:
            chat = self._world.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _replied(self, chat: dict, params: dict) -> dict | None:
        """The message a reply quotes, as it is now; a missing one is an error unless allowed."""
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict) or "message_id" not in reply:
            return None
        original = self._world.find_message(chat["id"], int(reply["message_id"]))
        if original is None or original.deleted:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        quoted = original.to_api(chat)
        quoted.pop("reply_to_message", None)
        return quoted

    def _own_message(self, params: dict, missing: str) -> StoredMessage:
        if "inline_message_id" in params:
            raise bad_request("inline_message_id is not supported by this emulator")
        chat = self._chat(params)
        message = self._world.find_message(chat["id"], _int(params, "message_id"))
        if message is None or message.deleted:
            raise bad_request(missing)
        if message.sender["id"] != self._world.bot.user_id:
            raise bad_request("message can't be edited")
        return message

    async def _edit(self, message: StoredMessage, version: MessageVersion) -> dict:
        current = message.current
        if (version.text, version.entities, version.reply_markup,
                version.link_preview_options) == (current.text, current.entities,
                                                  current.reply_markup,
                                                  current.link_preview_options):
            raise bad_request(_NOT_MODIFIED)
        version.edit_date = self._world.now()
        message.versions.append(version)
        await self._world.publish({"type": "edit", "chat_id": message.chat_id,
                                   "message_id": message.message_id,
                                   "version": len(message.versions) - 1})
        return message.to_api(self._world.chats[message.chat_id])

    async def _answer(self, answers: dict, query_id: str, answer: dict, kind: str) -> None:
        if query_id not in answers or answers[query_id] is not None:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        answers[query_id] = answer
        await self._world.publish({"type": kind, "query_id": query_id})

    def _scope_key(self, params: dict) -> str:
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") in {"chat", "chat_administrators", "chat_member"}:
            self._chat(scope)
        return scope_key(scope, params.get("language_code") or "")


def scope_key(scope: dict, language_code: str = "") -> str:
    """A stable key for a command scope and language, shared with the user API."""
    return json.dumps(scope, sort_keys=True) + "|" + language_code


def _html_of(params: dict) -> str | None:
    parse_mode = params.get("parse_mode")
    return params.get("text") if isinstance(parse_mode, str) and parse_mode.upper() == "HTML" else None


def _int(params: dict, key: str) -> int:
    value = params.get(key)
    if not isinstance(value, int):
        raise bad_request(f"{key} is required")
    return value


def _set_text(texts: dict[str, str], params: dict, key: str, limit: int) -> None:
    """Store (or, when empty, remove) a description for a language, as Telegram does."""
    language = params.get("language_code") or ""
    if not isinstance(language, str) or not _LANGUAGE_CODE.match(language):
        raise bad_request("language_code is invalid")
    text = params.get(key) or ""
    if not isinstance(text, str) or len(text) > limit:
        raise bad_request(f"{key.upper()}_INVALID")
    if text:
        texts[language] = text
    else:
        texts.pop(language, None)


def _check_inline_results(results: object) -> None:
    if not isinstance(results, list) or len(results) > _MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH" if isinstance(results, list) else "results is required")
    seen: set[str] = set()
    for result in results:
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode()) <= 64 or result_id in seen:
            raise bad_request("RESULT_ID_INVALID" if result_id not in seen else "RESULT_ID_DUPLICATE")
        seen.add(result_id)
        if "thumbnail_url" in result and not is_web_url(result["thumbnail_url"]):
            raise bad_request("THUMBNAIL_URL_INVALID")
        inline_keyboard(result.get("reply_markup"))
        if result.get("type") == "article":
            if not result.get("title"):
                raise bad_request("RESULT_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            message_content(content.get("message_text"), content.get("parse_mode"),
                            content.get("entities"))
