"""Per-chat preferences and sessions on disk, written once per persistence run.

PTB's `PicklePersistence` (one file, `on_flush=False`) rewrites the whole file for every chat
whose data changed, so a run after N chats searched pickles everything N times, in the event
loop: a stall that grows with the square of the active chats. Here updates land in memory and
one write of the file follows each run.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from telegram.ext import PersistenceInput, PicklePersistence


class CoalescingPicklePersistence(PicklePersistence):
    """`PicklePersistence` that writes its single file once after each batch of updates."""

    def __init__(self, filepath: Path, store_data: PersistenceInput,
                 update_interval: float) -> None:
        super().__init__(filepath=filepath, store_data=store_data, on_flush=True,
                         update_interval=update_interval)
        self._write: asyncio.Task | None = None
        self.writes = 0

    async def update_chat_data(self, chat_id, data) -> None:
        await super().update_chat_data(chat_id, data)
        self._write_soon()

    async def drop_chat_data(self, chat_id) -> None:
        await super().drop_chat_data(chat_id)
        self._write_soon()

    async def update_user_data(self, user_id, data) -> None:
        await super().update_user_data(user_id, data)
        self._write_soon()

    async def drop_user_data(self, user_id) -> None:
        await super().drop_user_data(user_id)
        self._write_soon()

    async def update_bot_data(self, data) -> None:
        await super().update_bot_data(data)
        self._write_soon()

    async def update_callback_data(self, data) -> None:
        await super().update_callback_data(data)
        self._write_soon()

    async def update_conversation(self, name, key, new_state) -> None:
        await super().update_conversation(name, key, new_state)
        self._write_soon()

    async def flush(self) -> None:
        self.writes += 1
        await super().flush()

    async def written(self) -> None:
        """Return once the write the last updates asked for is on disk (tests, shutdown)."""
        if self._write is not None:
            await self._write

    def _write_soon(self) -> None:
        """One write after the updates PTB gathers in this run (they never await in between)."""
        if self._write is None or self._write.done():
            self._write = asyncio.get_running_loop().create_task(self._write_after_updates())

    async def _write_after_updates(self) -> None:
        await asyncio.sleep(0)
        await self.flush()
