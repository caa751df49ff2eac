"""An async client for the emulator's user API, for tests and scripts.

Waiting is event driven: `wait_for` long-polls `/_emu/events` and stops at a deadline, so a test
never sleeps blindly and never loops forever.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

import aiohttp


@dataclass(frozen=True)
class TelegramUser:
    """A person in the emulated Telegram."""

    id: int
    first_name: str = "사용자"
    username: str | None = None
    language_code: str = "ko"

    def to_json(self) -> dict:
        data = {"id": self.id, "first_name": self.first_name, "language_code": self.language_code}
        if self.username:
            data["username"] = self.username
        return data


def group_chat(chat_id: int, title: str = "뷰티 수다방", kind: str = "supergroup") -> dict:
    """The chat spec of a group, for `send(..., chat=group_chat(-100123))`."""
    return {"id": chat_id, "type": kind, "title": title}


class EmulatorClientError(RuntimeError):
    """The user API refused a request."""


class EmulatorClient:
    """Acts as users against an `EmulatorServer` at `base_url`."""

    def __init__(self, base_url: str, session: aiohttp.ClientSession | None = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = session or aiohttp.ClientSession()
        self._owns_session = session is None

    async def aclose(self) -> None:
        if self._owns_session:
            await self._session.close()

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # acting

    async def start_chat(self, user: TelegramUser) -> dict:
        return await self._post("/_emu/users", user.to_json())

    async def send(self, user: TelegramUser, text: str, *, chat: dict | None = None,
                   forward_from: TelegramUser | None = None) -> dict:
        """Write `text`; returns `{"seq": ..., "message": ...}` of the user's message."""
        body: dict = {"user": user.to_json(), "text": text, "chat": chat}
        if forward_from is not None:
            body["forward_from"] = forward_from.to_json()
        return await self._post("/_emu/messages", body)

    async def edit(self, user: TelegramUser, chat_id: int, message_id: int, text: str) -> dict:
        return await self._post("/_emu/messages/edit", {
            "user": user.to_json(), "chat_id": chat_id, "message_id": message_id, "text": text})

    async def press(self, user: TelegramUser, chat_id: int, message_id: int, *,
                    button_text: str | None = None, data: str | None = None) -> dict:
        """Press a button by its text, or send raw `data`; returns seq and callback_query_id."""
        body: dict = {"user": user.to_json(), "chat_id": chat_id, "message_id": message_id}
        if data is not None:
            body["data"] = data
        else:
            body["button_text"] = button_text
        return await self._post("/_emu/callback", body)

    async def callback_answer(self, query_id: str, timeout: float = 10.0) -> dict | None:
        reply = await self._get(f"/_emu/callback/{query_id}", {"timeout": timeout})
        return reply["answer"]

    async def inline_query(self, user: TelegramUser, query: str, chat_type: str = "sender") -> str:
        reply = await self._post("/_emu/inline", {"user": user.to_json(), "query": query,
                                                  "chat_type": chat_type})
        return reply["inline_query_id"]

    async def inline_answer(self, query_id: str, timeout: float = 10.0) -> dict | None:
        reply = await self._get(f"/_emu/inline/{query_id}", {"timeout": timeout})
        return reply["answer"]

    async def choose_inline_result(self, user: TelegramUser, query_id: str, result_id: str,
                                   chat: dict | None = None) -> dict:
        return await self._post(f"/_emu/inline/{query_id}/choose",
                                {"user": user.to_json(), "result_id": result_id, "chat": chat})

    async def set_faults(self, **changes: object) -> dict:
        return await self._post("/_emu/faults", changes)

    # reading

    async def faults(self) -> dict:
        return await self._get("/_emu/faults")

    async def bot_info(self) -> dict:
        return await self._get("/_emu/bot")

    async def history(self, chat_id: int) -> list[dict]:
        return (await self._get(f"/_emu/chats/{chat_id}/messages"))["messages"]

    async def message(self, chat_id: int, message_id: int) -> dict:
        return (await self.history(chat_id))[message_id - 1]

    async def events(self, after: int = 0, *, chat_id: int | None = None,
                     timeout: float = 0.0) -> list[dict]:
        params: dict = {"after": after, "timeout": timeout}
        if chat_id is not None:
            params["chat_id"] = chat_id
        return (await self._get("/_emu/events", params))["events"]

    async def wait_for(self, accept: Callable[[dict], bool], *, after: int,
                       chat_id: int | None = None, timeout: float = 15.0) -> dict:
        """The first event after `after` that `accept`s, or `TimeoutError` at the deadline."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while (remaining := deadline - loop.time()) > 0:
            for event in await self.events(after, chat_id=chat_id, timeout=min(remaining, 5.0)):
                after = event["seq"]
                if accept(event):
                    return event
        raise TimeoutError(f"no matching event after seq {after} within {timeout}s")

    async def wait_bot_message(self, chat_id: int, *, after: int, timeout: float = 15.0) -> dict:
        """The next message the bot sends in `chat_id` after event `after`, with its seq."""
        event = await self.wait_for(lambda e: e["type"] == "message" and e.get("from_bot"),
                                    after=after, chat_id=chat_id, timeout=timeout)
        return {**await self.message(chat_id, event["message_id"]), "seq": event["seq"]}

    async def wait_edit(self, chat_id: int, message_id: int, *, after: int,
                        timeout: float = 15.0) -> dict:
        """The message after its next edit following event `after`, with the edit's seq."""
        event = await self.wait_for(
            lambda e: e["type"] == "edit" and e["message_id"] == message_id,
            after=after, chat_id=chat_id, timeout=timeout)
        return {**await self.message(chat_id, message_id), "seq": event["seq"]}

    async def ask(self, user: TelegramUser, text: str, *, chat: dict | None = None,
                  timeout: float = 15.0) -> dict:
        """Send `text` and return the bot's next message in that chat that is not a reply to
        another message (bots quote the question in groups; concurrent askers should still use
        separate chats)."""
        sent = await self.send(user, text, chat=chat)
        chat_id = sent["message"]["chat"]["id"]
        message_id = sent["message"]["message_id"]
        event = await self.wait_for(
            lambda e: e["type"] == "message" and e.get("from_bot")
            and e.get("reply_to_message_id") in (None, message_id),
            after=sent["seq"], chat_id=chat_id, timeout=timeout)
        return {**await self.message(chat_id, event["message_id"]), "seq": event["seq"]}

    async def _post(self, path: str, body: dict) -> dict:
        async with self._session.post(self._base_url + path, json=body) as reply:
            return await self._read(reply)

    async def _get(self, path: str, params: dict | None = None) -> dict:
        query = {key: str(value) for key, value in (params or {}).items()}
        async with self._session.get(self._base_url + path, params=query) as reply:
            return await self._read(reply)

    @staticmethod
    async def _read(reply: aiohttp.ClientResponse) -> dict:
        data = await reply.json()
        if reply.status >= 400:
            raise EmulatorClientError(data.get("error", f"HTTP {reply.status}"))
        return data
