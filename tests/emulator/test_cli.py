"""`python -m emulator` serves the Bot API on loopback and prints where."""

import asyncio
import re
import sys
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


async def test_the_command_prints_its_url_and_answers_get_me():
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "emulator", "--port", "0", "--token", "42:cli", cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    try:
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        base_url = re.search(r"TELEGRAM_API_BASE_URL=(\S+)\)", line).group(1)
        assert base_url.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base_url}42:cli/getMe") as reply:
                assert (await reply.json())["result"]["id"] == 42
            async with session.get(f"{base_url}43:other/getMe") as reply:
                assert reply.status == 401
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 10)
