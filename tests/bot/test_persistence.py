"""Chat data on disk: one write of the file per persistence run, whatever the number of chats."""

import asyncio

from telegram.ext import PersistenceInput, PicklePersistence

from bot.persistence import CoalescingPicklePersistence

CHATS_ONLY = PersistenceInput(bot_data=False, chat_data=True, user_data=False,
                              callback_data=False)


async def test_a_run_over_many_chats_writes_the_file_once_with_every_chat(tmp_path):
    path = tmp_path / "state.pickle"
    persistence = CoalescingPicklePersistence(path, CHATS_ONLY, update_interval=30)
    await persistence.get_chat_data()
    await asyncio.gather(*(persistence.update_chat_data(chat, {"top_n": chat % 7})
                           for chat in range(1, 51)))
    await persistence.written()
    assert persistence.writes == 1
    reread = PicklePersistence(path, store_data=CHATS_ONLY)
    chats = await reread.get_chat_data()
    assert len(chats) == 50 and chats[12] == {"top_n": 5}


async def test_a_dropped_chat_is_gone_from_the_file(tmp_path):
    path = tmp_path / "state.pickle"
    persistence = CoalescingPicklePersistence(path, CHATS_ONLY, update_interval=30)
    await persistence.get_chat_data()
    await persistence.update_chat_data(1, {"mode": "keyword"})
    await persistence.update_chat_data(2, {"mode": "hybrid"})
    await persistence.written()
    await persistence.drop_chat_data(1)
    await persistence.written()
    chats = await PicklePersistence(path, store_data=CHATS_ONLY).get_chat_data()
    assert chats == {2: {"mode": "hybrid"}}
