"""How long one persistence run blocks the event loop, by the number of chats that searched.

Run from the repo root:  .venv/bin/python -m bench.bench_persistence

Every 30 s PTB hands each chat whose data changed to the persistence, all in one go in the
event loop. Baseline: PTB's PicklePersistence, which rewrites the whole file per chat.
Compared: bot.persistence.CoalescingPicklePersistence, which writes it once per run. Each chat
holds what a search leaves behind (preferences and a few search sessions).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path


from telegram.ext import PersistenceInput, PicklePersistence  # noqa: E402

from bot.persistence import CoalescingPicklePersistence  # noqa: E402
from bot.sessions import SearchSession  # noqa: E402

CHATS_ONLY = PersistenceInput(bot_data=False, chat_data=True, user_data=False,
                              callback_data=False)


def chat_data(chat: int) -> dict:
    sessions = {f"s{n}": SearchSession("search", f"보습 크림 {chat} {n}", None, 5, "hybrid")
                for n in range(5)}
    return {"prefs": {"top_n": 5, "mode": "hybrid"}, "sessions": sessions}


async def one_run(persistence, chats: int) -> float:
    """Seconds the loop is held by one persistence run over `chats` changed chats."""
    await persistence.get_chat_data()
    started = time.perf_counter()
    await asyncio.gather(*(persistence.update_chat_data(chat, chat_data(chat))
                           for chat in range(chats)))
    await asyncio.sleep(0)
    await asyncio.sleep(0)  # the coalesced write runs right after the updates
    return time.perf_counter() - started


async def main() -> None:
    print(f"{'chats':>6} {'PicklePersistence ms':>21} {'coalescing ms':>14} {'ratio':>7}")
    for chats in (50, 200, 1000):
        with tempfile.TemporaryDirectory() as tmp:
            ptb = await one_run(PicklePersistence(Path(tmp) / "a.pickle", store_data=CHATS_ONLY),
                                chats)
            ours = await one_run(CoalescingPicklePersistence(Path(tmp) / "b.pickle", CHATS_ONLY,
                                                             update_interval=30), chats)
        print(f"{chats:>6} {ptb * 1000:>21.1f} {ours * 1000:>14.1f} {ptb / ours:>6.0f}x")


if __name__ == "__main__":
    asyncio.run(main())
