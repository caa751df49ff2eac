"""Delivering updates to the bot: `getUpdates` long polling, or POSTs to a webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re

import aiohttp

from emulator._errors import BotApiError, bad_request
from emulator._world import World

log = logging.getLogger(__name__)

_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_MAX_TIMEOUT_S = 50
_WEBHOOK_RETRY_S = (0.05, 0.2, 1.0, 3.0)


class UpdateDelivery:
    """Hands queued updates to the bot, by long polling or by webhook, never both."""

    def __init__(self, world: World) -> None:
        self._world = world
        self._allowed: list[str] = []
        self.webhook: dict | None = None
        self.last_error: tuple[int, str] | None = None
        self._task: asyncio.Task | None = None
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
        failures = 0
        while self.webhook:
            update = await self._world.wait_until(
                lambda: self._deliverable()[:1], timeout=_MAX_TIMEOUT_S)
            if not update or not self.webhook:
                continue
            if await self._post(update[0]):
                failures = 0
                with contextlib.suppress(ValueError):
                    self._world.pending_updates.remove(update[0])
            else:
                await asyncio.sleep(_WEBHOOK_RETRY_S[min(failures, len(_WEBHOOK_RETRY_S) - 1)])
                failures += 1

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

    async def _stop_task(self) -> None:
        if self._task and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
