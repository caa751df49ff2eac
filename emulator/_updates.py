"""Delivering updates to the bot: `getUpdates` long polling, or POSTs to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import deque

import aiohttp

from emulator._errors import BotApiError, bad_request
from emulator._world import World

log = logging.getLogger(__name__)

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MAX_TIMEOUT_S = 50
_WEBHOOK_RETRY_S = (0.05, 0.2, 1.0, 3.0)
_DELIVERED_MEMORY = 1000


class UpdateDelivery:
    """Hands queued updates to the bot, by long polling or by webhook, never both."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._allowed: list[str] = []
        self.webhook: dict | None = None
        self.last_error: tuple[int, str] | None = None
        self._task: asyncio.Task | None = None
        self._sending: dict[object, asyncio.Task] = {}  # ordering key → its POST in flight
        self.delivered: deque[dict] = deque(maxlen=_DELIVERED_MEMORY)  # acknowledged by the webhook
        self._session: aiohttp.ClientSession | None = None

    async def get_updates(self, params: dict) -> list[dict]:
        if self.webhook:
            raise BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                   "use deleteWebhook to delete the webhook first")
        if params.get("allowed_updates") is not None:
            self._allowed = list(params["allowed_updates"])
        self._confirm(int(params.get("offset", 0)))
        limit = min(max(int(params.get("limit", 100)), 1), 100)
        timeout = min(max(int(params.get("timeout", 0)), 0), _MAX_TIMEOUT_S)
        if timeout:
            await self._world.wait_until(self._deliverable, timeout)
        return self._deliverable()[:limit]

    async def set_webhook(self, params: dict) -> bool:
        url = str(params.get("url", ""))
        if not url:
            return await self.delete_webhook(params)
        secret = params.get("secret_token")
        if secret is not None and not _SECRET.match(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self._world.pending_updates.clear()
        if params.get("allowed_updates") is not None:
            self._allowed = list(params["allowed_updates"])
        self.webhook = {"url": url, "secret_token": secret,
                        "max_connections": int(params.get("max_connections", 40))}
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._deliver_forever(), name="emulator-webhook")
        return True

    async def delete_webhook(self, params: dict) -> bool:
        self.webhook = None
        await self._stop_task()
        if params.get("drop_pending_updates"):
            self._world.pending_updates.clear()
        return True

    async def get_webhook_info(self, params: dict) -> dict:
        info: dict = {"url": self.webhook["url"] if self.webhook else "",
                      "has_custom_certificate": False,
                      "pending_update_count": len(self._world.pending_updates)}
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
        if self._allowed:
            info["allowed_updates"] = self._allowed
        if self.last_error:
            info["last_error_date"], info["last_error_message"] = self.last_error
        return info

    async def aclose(self) -> None:
        await self._stop_task()
        if self._session:
            await self._session.close()
            self._session = None

    def _confirm(self, offset: int) -> None:
        """Forget updates the bot has acknowledged (negative offsets count from the end)."""
        pending = self._world.pending_updates
        if offset < 0:
            while len(pending) > -offset:
                pending.popleft()
            return
        while pending and pending[0]["update_id"] < offset:
            pending.popleft()

    def _deliverable(self) -> list[dict]:
        if not self._allowed:
            return list(self._world.pending_updates)
        return [update for update in self._world.pending_updates
                if any(kind in update for kind in self._allowed)]

    async def _deliver_forever(self) -> None:
        """POST updates, up to `max_connections` at once but one chat's at a time, in order.

        As Telegram does, a chat's next update waits until its previous one was answered with
        a 2xx; a failed POST is retried with growing pauses and holds that chat's later updates.
        """
        try:
            while self.webhook:
                ready = await self._world.wait_until(self._next_to_send, timeout=_MAX_TIMEOUT_S)
                for update in ready or ():
                    key = _ordering_key(update)
                    self._sending[key] = asyncio.create_task(
                        self._send(key, update), name=f"emulator-webhook-{update['update_id']}")
        finally:
            for task in list(self._sending.values()):
                task.cancel()
            await asyncio.gather(*self._sending.values(), return_exceptions=True)
            self._sending.clear()

    def _next_to_send(self) -> list[dict]:
        free = (self.webhook or {}).get("max_connections", 0) - len(self._sending)
        ready, held = [], set(self._sending)
        for update in self._deliverable():
            if len(ready) >= free:
                break
            key = _ordering_key(update)
            if key not in held:
                ready.append(update)
            held.add(key)  # a chat's later updates wait behind its first pending one
        return ready

    async def _send(self, key: object, update: dict) -> None:
        try:
            failures = 0
            while self.webhook:
                if await self._post(update):
                    self.delivered.append(update)
                    with contextlib.suppress(ValueError):
                        self._world.pending_updates.remove(update)
                    return
                await asyncio.sleep(_WEBHOOK_RETRY_S[min(failures, len(_WEBHOOK_RETRY_S) - 1)])
                failures += 1
        finally:
            self._sending.pop(key, None)
            async with self._world.changed:
                self._world.changed.notify_all()

    async def _post(self, update: dict) -> bool:
        webhook = self.webhook
        if webhook is None:
            return False
        headers = {}
        if webhook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook["secret_token"]
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
        try:
            async with self._session.post(webhook["url"], json=update, headers=headers) as reply:
                if reply.status < 300:
                    return True
                self.last_error = (self._world.now(), f"Wrong response from the webhook: {reply.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.last_error = (self._world.now(), f"Connection failed: {type(exc).__name__}")
        log.warning("webhook delivery failed: %s", self.last_error[1])
        return False

    @property
    def idle(self) -> bool:
        """Nothing pending and no POST in flight: every update was answered."""
        return not self._world.pending_updates and not self._sending

    async def _stop_task(self) -> None:
        """Stop delivering; POSTs in flight are cancelled and their updates stay pending."""
        if self._task and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None


def _ordering_key(update: dict) -> object:
    """What an update must stay in order with: its chat (or its sender), else nothing."""
    for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if kind in update:
            return ("chat", update[kind]["chat"]["id"])
    callback = update.get("callback_query")
    if callback is not None:
        message = callback.get("message")
        return ("chat", message["chat"]["id"]) if message else ("user", callback["from"]["id"])
    for kind in ("inline_query", "chosen_inline_result"):
        if kind in update:
            return ("user", update[kind]["from"]["id"])
    return ("update", update["update_id"])
