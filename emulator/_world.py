"""The emulator's state: users, chats, messages with their edits, the update queue and an event log.

Everything here is plain data guarded by one `asyncio.Condition`, so both sides of the emulator
(the bot's HTTP methods and the user API) can wait for changes instead of sleeping.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

EVENT_LOG_SIZE = 100_000


@dataclass(frozen=True)
class BotIdentity:
    """The one bot this emulator serves; the token's numeric prefix is its user id."""

    token: str
    username: str = "CosmoBot"
    first_name: str = "Cosmo"

    @property
    def user_id(self) -> int:
        prefix = self.token.split(":", 1)[0]
        return int(prefix) if prefix.isdigit() else 1

    def to_user(self) -> dict:
        return {"id": self.user_id, "is_bot": True, "first_name": self.first_name,
                "username": self.username}


@dataclass
class MessageVersion:
    """One state of a message: the original or an edit."""

    text: str
    entities: list[dict]
    reply_markup: dict | None
    html: str | None = None
    edit_date: int | None = None
    link_preview_options: dict | None = None  # as sent; None when the preview is disabled


@dataclass
class StoredMessage:
    """A message in a chat, with every version it went through."""

    chat_id: int
    message_id: int
    sender: dict
    date: int
    versions: list[MessageVersion]
    forward_origin: dict | None = None
    via_bot: dict | None = None
    reply_to_message: dict | None = None
    deleted: bool = False

    @property
    def current(self) -> MessageVersion:
        return self.versions[-1]

    def to_api(self, chat: dict) -> dict:
        """The message as the Bot API shows it to the bot (`Message` JSON)."""
        version = self.current
        message: dict = {"message_id": self.message_id, "from": self.sender, "chat": chat,
                         "date": self.date, "text": version.text}
        if version.entities:
            message["entities"] = version.entities
        if version.reply_markup:
            message["reply_markup"] = version.reply_markup
        if version.link_preview_options:
            message["link_preview_options"] = version.link_preview_options
        if version.edit_date:
            message["edit_date"] = version.edit_date
        if self.forward_origin:
            message["forward_origin"] = self.forward_origin
        if self.via_bot:
            message["via_bot"] = self.via_bot
        if self.reply_to_message:
            message["reply_to_message"] = self.reply_to_message
        return message

    def to_history(self, chat: dict) -> dict:
        """The message for the user API: the API shape plus every version and the deleted flag."""
        return {
            **self.to_api(chat),
            "deleted": self.deleted,
            "is_bot": bool(self.sender.get("is_bot")),
            "versions": [vars(version).copy() for version in self.versions],
        }


@dataclass
class World:
    """All chats, messages and pending updates of one emulated Telegram."""

    bot: BotIdentity
    clock: Callable[[], float] = time.time
    chats: dict[int, dict] = field(default_factory=dict)
    messages: dict[int, list[StoredMessage]] = field(default_factory=dict)
    pending_updates: deque[dict] = field(default_factory=deque)
    events: deque[dict] = field(default_factory=lambda: deque(maxlen=EVENT_LOG_SIZE))
    callback_answers: dict[str, dict | None] = field(default_factory=dict)
    inline_answers: dict[str, dict | None] = field(default_factory=dict)
    commands: dict[str, list[dict]] = field(default_factory=dict)
    # setMyDescription / setMyShortDescription, by language code ("" for the default)
    descriptions: dict[str, str] = field(default_factory=dict)
    short_descriptions: dict[str, str] = field(default_factory=dict)
    observers: list[Callable[[dict], None]] = field(default_factory=list)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    _update_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _event_seq: itertools.count = field(default_factory=lambda: itertools.count(1))
    _query_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def now(self) -> int:
        return int(self.clock())

    def ensure_chat(self, chat: dict) -> dict:
        """Register a chat the first time someone writes in it; later calls return the stored one."""
        return self.chats.setdefault(chat["id"], chat)

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        chat_messages = self.messages.get(chat_id, [])
        if 1 <= message_id <= len(chat_messages):
            return chat_messages[message_id - 1]
        return None

    def add_message(self, chat_id: int, sender: dict, version: MessageVersion, **extra) -> StoredMessage:
        chat_messages = self.messages.setdefault(chat_id, [])
        message = StoredMessage(chat_id=chat_id, message_id=len(chat_messages) + 1, sender=sender,
                                date=self.now(), versions=[version], **extra)
        chat_messages.append(message)
        return message

    def next_query_id(self) -> str:
        return f"{self.bot.user_id}{next(self._query_ids):08d}"

    async def publish(self, event: dict, update: dict | None = None) -> dict:
        """Record an event (and queue an update for the bot) and wake every waiter."""
        async with self.changed:
            event = {"seq": next(self._event_seq), "date": self.now(), **event}
            self.events.append(event)
            if update is not None:
                update = {"update_id": next(self._update_ids), **update}
                self.pending_updates.append(update)
                event["update_id"] = update["update_id"]
            self.changed.notify_all()
        for observe in self.observers:
            observe(event)
        return event

    def subscribe(self, observe: Callable[[dict], None]) -> None:
        """Call `observe(event)` as each event is recorded, in the emulator's loop.

        For in-process load drivers that must timestamp every message without long-polling
        the event log; `observe` must be quick and must not raise.
        """
        self.observers.append(observe)

    async def wait_until(self, ready: Callable[[], object], timeout: float) -> object:
        """Wait up to `timeout` seconds for `ready()` to return something truthy; return it."""
        async with self.changed:
            try:
                return await asyncio.wait_for(self.changed.wait_for(ready), timeout)
            except TimeoutError:
                return ready()

    def events_after(self, seq: int, chat_id: int | None = None) -> list[dict]:
        return [event for event in self.events
                if event["seq"] > seq and (chat_id is None or event.get("chat_id") == chat_id)]

    @property
    def last_seq(self) -> int:
        return self.events[-1]["seq"] if self.events else 0
