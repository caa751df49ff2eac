"""The bot's memory with the sample index loaded, and its cold start.

Run from the repo root (everything stays on 127.0.0.1):

    .venv/bin/python -m bench.bench_footprint              # 3 starts of each, about 1 minute
    .venv/bin/python -m bench.bench_footprint --starts 5 --queries 300
    .venv/bin/python -m bench.bench_footprint --bot-setting e5_model_path=$PWD/var/tuned/sample

Each bot is a fresh process (bench/bot_under_load.py). Cold start runs from the moment the
process is spawned to the moment the emulator records its answer to a message that was
waiting before it started. The snapshot is already on disk and the file cache is warm (the
common case of a restart). Measured the same way beside it:
- the echo bot on the same PTB stack (bot.app.application_builder), with no engine;
- "bare": python with the bot's dependencies imported, nothing else (RSS only).
Memory is read from /proc: RSS after the first answer, after `--queries` more searches, and
the peak (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


from bench.bench_bot_load import (BOT_SCRIPT, QUERY_TEXTS, BotUnderTest, LoadDriver,  # noqa: E402
                                  bot_settings, child_env, e5_index)
from emulator import EmulatorClient, EmulatorServer  # noqa: E402

COLD_START_TARGET_S = 3.0
RSS_TARGET_MB = 400.0


def memory_mb(pid: int) -> dict[str, float]:
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            figures[key] = int(value.split()[0]) / 1024
    return {"rss_mb": figures["VmRSS"], "peak_mb": figures["VmHWM"]}


async def one_start(driver: LoadDriver, kind: str, env: dict, work: Path,
                    queries: int) -> dict[str, float]:
    """Spawn a bot with a message already waiting; time its first answer; then load it."""
    bot = BotUnderTest(kind, env, work, work / f"{kind}.log")
    user = driver.new_user()
    reply = driver.clock.expect(user.id)
    await driver.client.send(user, QUERY_TEXTS[0])
    await bot.start()
    try:
        await asyncio.wait_for(reply, 120)
        cold_start_s = time.perf_counter() - bot.spawned_at
        first = memory_mb(bot.process.pid)
        asks = [driver.ask(driver.new_user(), QUERY_TEXTS[n % len(QUERY_TEXTS)])
                for n in range(queries)]
        for start in range(0, len(asks), 20):  # 20 users at a time
            await asyncio.gather(*asks[start:start + 20])
        after = memory_mb(bot.process.pid)
    finally:
        await bot.stop()
    return {"cold_start_s": cold_start_s, "rss_first_mb": first["rss_mb"],
            "rss_loaded_mb": after["rss_mb"], "peak_mb": after["peak_mb"]}


async def bare_rss(env: dict, work: Path) -> float:
    """RSS of python with the bot's dependencies imported and nothing started."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, str(BOT_SCRIPT), "bare", env=env, cwd=work,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(process.stdout.readline(), 120)
    process.stdin.close()
    await asyncio.wait_for(process.wait(), 30)
    return json.loads(line)["process"]["rss_mb"]


def median(rows: list[dict], key: str) -> float:
    return statistics.median(row[key] for row in rows)


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="cosmo-footprint-") as tmp:
        work = Path(tmp)
        async with EmulatorServer(host="127.0.0.1") as server, \
                EmulatorClient(server.url) as client:
            driver = LoadDriver(server, client)
            index_dir = await e5_index(args, server, work)
            runs: dict[str, list[dict]] = {"echo": [], "cosmo": []}
            for n in range(args.starts):  # alternate, so machine noise hits both alike
                for kind in ("echo", "cosmo"):
                    settings = bot_settings(args) if kind == "cosmo" else {}
                    env = child_env(server, work, index_dir=index_dir,
                                    telegram_max_messages_per_s=0, **settings)
                    row = await one_start(driver, kind, env, work, args.queries)
                    runs[kind].append(row)
                    print(f"  start {n + 1} {kind:<5} first answer {row['cold_start_s']:.2f} s, "
                          f"RSS {row['rss_first_mb']:.0f} MB, after {args.queries} searches "
                          f"{row['rss_loaded_mb']:.0f} MB (peak {row['peak_mb']:.0f})", flush=True)
            bare = await bare_rss(child_env(server, work), work)
    cosmo, echo = runs["cosmo"], runs["echo"]
    start_s, echo_start_s = median(cosmo, "cold_start_s"), median(echo, "cold_start_s")
    rss, echo_rss = median(cosmo, "rss_loaded_mb"), median(echo, "rss_loaded_mb")
    peak = max(row["peak_mb"] for row in cosmo)
    print(f"\nmedians of {args.starts} starts (index {index_dir}):")
    print(f"  cold start to first answer: Cosmo {start_s:.2f} s, echo bot {echo_start_s:.2f} s "
          f"({start_s / echo_start_s:.1f}x); target <= {COLD_START_TARGET_S:.0f} s: "
          f"{'met' if start_s <= COLD_START_TARGET_S else 'MISSED'}")
    print(f"  RSS after {args.queries} searches: Cosmo {rss:.0f} MB (peak {peak:.0f}), echo bot "
          f"{echo_rss:.0f} MB ({rss / echo_rss:.1f}x), python with the deps imported {bare:.0f} MB; "
          f"target <= {RSS_TARGET_MB:.0f} MB: {'met' if peak <= RSS_TARGET_MB else 'MISSED'}")
    print(f"  Cosmo's own share: {rss - bare:.0f} MB over the imports")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--starts", type=int, default=3, help="cold starts of each bot")
    parser.add_argument("--queries", type=int, default=200, help="searches after the first")
    parser.add_argument("--index-dir", type=Path,
                        help="an e5 index of the sample catalog (default: var/index, else built)")
    parser.add_argument("--bot-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for Cosmo's process (and its index), e.g. "
                             "e5_model_path=/abs/folder; repeat")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
