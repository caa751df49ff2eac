"""The real bot under load, beside an echo bot on the same PTB stack.

Run from the repo root (everything stays on 127.0.0.1):

    .venv/bin/python -m bench.bench_bot_load --quick     # scaled down, ~3 min (--only a,b,c: ~1)
    .venv/bin/python -m bench.bench_bot_load             # the full counts, ~10 minutes
    .venv/bin/python -m bench.bench_bot_load --only a,b --plot docs/img/bot_reply_latency.png
    .venv/bin/python -m bench.bench_bot_load --only a,b --distinct  # no query text twice

The emulator runs in this process and timestamps every message as it records it, so a reply's
latency runs from "user message recorded" to "bot message recorded". The bot runs in a child
process (bench/bot_under_load.py) with its own event loop, whose lag it samples every 5 ms.

Workloads (a)-(c) run with TELEGRAM_MAX_MESSAGES_PER_S=0, (d) and (e) at the default 30/s,
(e) with the emulator answering every 10th send with 429 and retry_after=1. The echo bot (the
ceiling) runs (a)-(c) in the same run. `slow` is workload (b) with the HF API backend against
the local fake at 200 ms per request. USER_RATE_LIMIT=0 throughout: the per-user politeness limit
would answer a closed-loop user's 11th query with "wait", which is not what is measured here.
Queries are drawn from 2,000 texts (about 20% cache hits), or with --distinct never repeat
within the run (bench/query_texts.py), which the bench checks and whose 0% hit rate it reports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]

from emulator import DEFAULT_TOKEN, EmulatorClient, EmulatorServer, TelegramUser  # noqa: E402
from engine.settings import Settings  # noqa: E402
from emulator.hf_api import FakeHfApi  # noqa: E402
from bench.query_texts import (QUERY_TEXTS, DistinctQueries,  # noqa: E402
                               distinct_query_stream)

BOT_SCRIPT = ROOT / "bench" / "bot_under_load.py"
TELEGRAM_LIMIT = 30.0
REPLY_TIMEOUT_S = 60.0

WARM_UP_TEXTS = ("워밍업 크림", "워밍업 선크림", "워밍업 토너", "워밍업 샴푸")


@dataclass(frozen=True)
class Workload:
    """One load shape: users asking in closed loops (with think time), or one burst."""

    name: str
    title: str
    users: int
    queries_per_user: int = 1
    think_s: float = 0.0
    burst: bool = False
    faults: dict | None = None
    probe_start: bool = False

    @property
    def queries(self) -> int:
        return self.users * self.queries_per_user


def workloads(quick: bool) -> dict[str, Workload]:
    users, per_user, burst, storm = (20, 6, 200, 3) if quick else (50, 20, 500, 4)
    closed = dict(users=users, queries_per_user=per_user)
    return {
        "a": Workload("a", f"{users} users x {per_user}, 1 s think", think_s=1.0, **closed),
        "b": Workload("b", f"{users} users x {per_user}, closed loop", probe_start=True, **closed),
        "c": Workload("c", f"burst of {burst}", users=burst, burst=True),
        "d": Workload("d", f"(b) at {TELEGRAM_LIMIT:.0f}/s", **closed),
        "e": Workload("e", f"(b) at {TELEGRAM_LIMIT:.0f}/s, 429 every 10th send",
                      users=users, queries_per_user=storm,
                      faults={"rate_limit_every": 10, "retry_after": 1}),
        "slow": Workload("slow", "(b), HF API fake at 200 ms", probe_start=True,
                         users=users, queries_per_user=max(3, per_user // 4)),
    }


@dataclass
class _Expected:
    future: asyncio.Future
    sent: float | None = None


class ReplyClock:
    """Times each bot reply from the moment the emulator recorded the user's message.

    Subscribed to the emulator's event stream; expects replies per chat in order. A bot
    message nobody was waiting for counts as extra (a duplicate); one arriving after its
    asker gave up counts as late.
    """

    def __init__(self) -> None:
        self._expected: dict[int, deque[_Expected]] = defaultdict(deque)
        self.extra: Counter[int] = Counter()
        self.late = 0

    def expect(self, chat_id: int) -> asyncio.Future:
        expected = _Expected(asyncio.get_running_loop().create_future())
        self._expected[chat_id].append(expected)
        return expected.future

    def observe(self, event: dict) -> None:
        if event.get("type") != "message":
            return
        now = time.perf_counter()
        queue = self._expected.get(event["chat_id"])
        if not event.get("from_bot"):
            for expected in queue or ():
                if expected.sent is None:
                    expected.sent = now
                    break
            return
        if not queue or queue[0].sent is None:
            self.extra[event["chat_id"]] += 1
            return
        expected = queue.popleft()
        if expected.future.done():
            self.late += 1
        else:
            expected.future.set_result(now - expected.sent)


@dataclass
class Outcome:
    """What one workload measured against one bot."""

    workload: str
    bot: str
    latencies_s: list[float]
    lost: int
    duplicated: int
    elapsed_s: float
    lag: dict
    start_latencies_s: list[float] = field(default_factory=list)
    cache_hit_rate: float | None = None
    bot_cpu_s: float = 0.0
    loop_cpu_s: float = 0.0
    driver_cpu_s: float = 0.0
    faults_injected: dict = field(default_factory=dict)
    rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    workers_rss_mb: list[float] = field(default_factory=list)  # each search worker's
    workers_cpu_s: float = 0.0
    round: int = 1

    @property
    def replies(self) -> int:
        return len(self.latencies_s)

    @property
    def replies_per_s(self) -> float:
        return self.replies / self.elapsed_s if self.elapsed_s else 0.0

    @property
    def cpu_ms_per_reply(self) -> float:
        return 1000 * self.bot_cpu_s / max(self.replies, 1)

    def latency_ms(self, q: float) -> float:
        return float(np.percentile(self.latencies_s, q)) * 1000 if self.latencies_s else float("nan")

    def start_ms(self, q: float) -> float:
        values = self.start_latencies_s
        return float(np.percentile(values, q)) * 1000 if values else float("nan")

    def to_json(self) -> dict:
        return {"workload": self.workload, "bot": self.bot, "round": self.round, "replies": self.replies,
                "lost": self.lost, "duplicated": self.duplicated,
                "elapsed_s": self.elapsed_s, "replies_per_s": self.replies_per_s,
                "latency_ms": {q: self.latency_ms(q) for q in (50, 95, 99)},
                "lag": self.lag, "start_ms": {q: self.start_ms(q) for q in (50, 95, 99)},
                "cache_hit_rate": self.cache_hit_rate, "bot_cpu_s": self.bot_cpu_s, "loop_cpu_s": self.loop_cpu_s,
                "driver_cpu_s": self.driver_cpu_s, "faults_injected": self.faults_injected,
                "rss_mb": self.rss_mb, "peak_rss_mb": self.peak_rss_mb,
                "workers_rss_mb": self.workers_rss_mb, "workers_cpu_s": self.workers_cpu_s,
                "latencies_s": self.latencies_s}


class BotUnderTest:
    """A child process running bench/bot_under_load.py, driven over its stdin and stdout."""

    def __init__(self, kind: str, env: dict[str, str], cwd: Path, log_path: Path,
                 profile_path: Path | None = None, root: Path | None = None,
                 label: str | None = None) -> None:
        self.kind = kind
        self.label = label or kind
        self._options = ["--profile", str(profile_path)] if profile_path else []
        if root is not None:
            self._options += ["--root", str(root)]
        self._env = env
        self._cwd = cwd
        self._log_path = log_path
        self.process: asyncio.subprocess.Process | None = None
        self.spawned_at = 0.0

    async def start(self) -> None:
        self.spawned_at = time.perf_counter()
        with self._log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, str(BOT_SCRIPT), self.kind, *self._options, env=self._env, cwd=self._cwd,
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=log)

    async def command(self, line: str) -> str:
        self.process.stdin.write(line.encode() + b"\n")
        await self.process.stdin.drain()
        answer = await asyncio.wait_for(self.process.stdout.readline(), 30)
        if not answer:
            raise RuntimeError(f"the {self.kind} bot exited; see {self._log_path}")
        return answer.decode()

    async def window(self, name: str) -> None:
        await self.command(f"window {name}")

    async def report(self) -> dict:
        return json.loads(await self.command("report"))

    async def stop(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


class LoadDriver:
    """The emulator, the reply clock and the users; runs workloads against one bot at a time."""

    def __init__(self, server: EmulatorServer, client: EmulatorClient, seed: int = 7,
                 queries: Callable[[], str] | None = None) -> None:
        self.server = server
        self.client = client
        self.clock = ReplyClock()
        server.world.subscribe(self.clock.observe)
        self._rng = random.Random(seed)
        self._queries = queries or (lambda: self._rng.choice(QUERY_TEXTS))
        self._next_user = 10_000

    def new_user(self) -> TelegramUser:
        self._next_user += 1
        return TelegramUser(self._next_user, f"손님{self._next_user}")

    async def ask(self, user: TelegramUser, text: str, timeout: float = REPLY_TIMEOUT_S) -> float | None:
        """Seconds until the bot's reply was recorded, or None if it never came in time."""
        reply = self.clock.expect(user.id)
        await self.client.send(user, text)
        try:
            return await asyncio.wait_for(reply, timeout)
        except TimeoutError:
            return None

    async def warm_up(self, timeout: float) -> float:
        """Ask until the bot answers (it may still be starting); returns the first latency."""
        user = self.new_user()
        first = await self.ask(user, WARM_UP_TEXTS[0], timeout)
        if first is None:
            raise RuntimeError("the bot did not answer its first message")
        for text in WARM_UP_TEXTS[1:]:
            await self.ask(user, text)
        return first

    async def run(self, workload: Workload, bot: BotUnderTest) -> Outcome:
        await bot.window(workload.name)
        before = await bot.report()
        if workload.faults:
            await self.client.set_faults(**workload.faults)
        faults_before = dict((await self.client.faults())["injected"])
        extra_before = sum(self.clock.extra.values())
        driver_cpu = _own_cpu_s()
        stop_probe = asyncio.Event()
        probe = (asyncio.create_task(self._probe_start(stop_probe)) if workload.probe_start
                 else None)
        started = time.perf_counter()
        if workload.burst:
            results = await asyncio.gather(*(self.ask(self.new_user(), self._text())
                                             for _ in range(workload.users)))
        else:
            shoppers = [self._shopper(workload) for _ in range(workload.users)]
            results = [r for batch in await asyncio.gather(*shoppers) for r in batch]
        elapsed = time.perf_counter() - started
        stop_probe.set()
        start_latencies = await probe if probe else []
        driver_cpu = _own_cpu_s() - driver_cpu
        await asyncio.sleep(2.0)  # a duplicate, or a retried send, would land by now
        injected = (await self.client.faults())["injected"]
        if workload.faults:
            await self.client.set_faults(rate_limit_every=0)
        after = await bot.report()
        latencies = [r for r in results if r is not None]
        return Outcome(
            workload=workload.name, bot=bot.label, latencies_s=latencies,
            lost=len(results) - len(latencies),
            duplicated=sum(self.clock.extra.values()) - extra_before,
            elapsed_s=elapsed, lag=after["lag"].get(workload.name, {}),
            start_latencies_s=start_latencies,
            cache_hit_rate=_window_hit_rate(before["engine"], after["engine"]),
            bot_cpu_s=after["process"]["cpu_s"] - before["process"]["cpu_s"],
            loop_cpu_s=after["process"]["loop_cpu_s"] - before["process"]["loop_cpu_s"],
            driver_cpu_s=driver_cpu,
            faults_injected={k: v - faults_before.get(k, 0) for k, v in injected.items()},
            rss_mb=after["process"]["rss_mb"], peak_rss_mb=after["process"]["peak_rss_mb"],
            workers_rss_mb=[w["rss_mb"] for w in after["process"].get("workers", ())],
            workers_cpu_s=_workers_cpu_s(after) - _workers_cpu_s(before))

    async def _shopper(self, workload: Workload) -> list[float | None]:
        user = self.new_user()
        texts = [self._text() for _ in range(workload.queries_per_user)]
        if workload.think_s:
            await asyncio.sleep(self._rng.uniform(0, workload.think_s))  # don't march in step
        results = []
        for n, text in enumerate(texts):
            results.append(await self.ask(user, text))
            if workload.think_s and n + 1 < len(texts):
                await asyncio.sleep(workload.think_s)
        return results

    async def _probe_start(self, stop: asyncio.Event, every_s: float = 0.2,
                           most: int = 2000) -> list[float]:
        """`/start` in a chat of its own, over and over while the workload runs."""
        user = self.new_user()
        latencies = []
        while not stop.is_set() and len(latencies) < most:
            latency = await self.ask(user, "/start")
            if latency is not None:
                latencies.append(latency)
            try:
                await asyncio.wait_for(stop.wait(), every_s)
            except TimeoutError:
                pass
        return latencies

    def _text(self) -> str:
        return self._queries()


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _workers_cpu_s(report: dict) -> float:
    return sum(w["cpu_s"] for w in report["process"].get("workers", ()))


def _window_hit_rate(before: dict, after: dict) -> float | None:
    """Hit rate of the query cache over the window, from the engine's running totals."""
    if not after:
        return None
    lookups = after["query_count"] - before["query_count"]
    hits = (after["cache_hit_rate"] * after["query_count"]
            - before["cache_hit_rate"] * before["query_count"])
    return hits / lookups if lookups else None


def child_env(server: EmulatorServer, state_dir: Path, **settings: object) -> dict[str, str]:
    """This environment without any Cosmo setting, plus the bot's settings for this run."""
    ours = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in ours}
    env.update({
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_BASE_URL": server.bot_api_base_url,
        "BOT_STATE_PATH": str(state_dir / f"state-{time.monotonic_ns()}.pickle"),
        "USER_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    env.update({key.upper(): str(value) for key, value in settings.items()})
    return env


async def build_index(index_dir: Path, env: dict[str, str], cwd: Path, log_path: Path) -> None:
    """`python -m engine index` into `index_dir`, in a child process with `env`."""
    with log_path.open("ab") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "engine", "index", "--index-dir", str(index_dir),
            env=env, cwd=cwd, stdout=log, stderr=log)
        if await asyncio.wait_for(process.wait(), 900) != 0:
            raise RuntimeError(f"building the index failed; see {log_path}")


def has_snapshot(index_dir: Path) -> bool:
    return (index_dir / "CURRENT").is_file()


async def e5_index(args: argparse.Namespace, server, work: Path) -> Path:
    """--index-dir, else var/index, else one built here. With --bot-setting the index is built
    with those settings too (var/index is not used), so that a setting choosing the encoder
    (E5_MODEL_PATH, ...) also chose the vectors the bot searches."""
    settings = bot_settings(args)
    for candidate in (args.index_dir, None if settings else ROOT / "var" / "index"):
        if candidate is not None and has_snapshot(candidate):
            return candidate.resolve()  # the bots run in a temporary folder
    index_dir = work / "index-e5"
    print(f"building the sample catalog index with e5 into {index_dir} (~1 min) "
          f"{settings or ''}...", flush=True)
    await build_index(index_dir, child_env(server, work, **settings), work, work / "index.log")
    return index_dir


def bot_settings(args: argparse.Namespace) -> dict[str, str]:
    """The --bot-setting values by name; a name Cosmo does not know stops the run, since the bot
    would ignore it and the run would measure something else than it says."""
    settings = dict(item.split("=", 1) for item in args.bot_setting)
    unknown = sorted(name for name in settings if name.lower() not in Settings.model_fields)
    if unknown:
        raise SystemExit(f"unknown bot settings {unknown}: Cosmo has no such setting")
    return {name.lower(): value for name, value in settings.items()}


def hf_settings(fake: FakeHfApi, **extra: object) -> dict[str, object]:
    return {"use_hf_api": "true", "hf_api_url": fake.url, "hf_token": fake.token,
            "hf_model_id": "intfloat/multilingual-e5-small", **extra}


async def with_bot(driver: LoadDriver, kind: str, env: dict, work: Path,
                   runs: list[Workload], profile: Path | None = None,
                   root: Path | None = None, label: str | None = None) -> list[Outcome]:
    """Each workload against a freshly started bot, so none inherits another's query cache."""
    outcomes = []
    for workload in runs:
        profile_path = profile.with_name(f"{profile.stem}-{workload.name}{profile.suffix}") \
            if profile else None
        bot = BotUnderTest(kind, env, work, work / f"{label or kind}.log", profile_path, root,
                           label)
        await bot.start()
        try:
            await driver.warm_up(timeout=120)
            outcome = await driver.run(workload, bot)
        finally:
            await bot.stop()
        print(describe(outcome), flush=True)
        outcomes.append(outcome)
    return outcomes


def describe(outcome: Outcome) -> str:
    line = (f"  ({outcome.workload}) {outcome.bot:<5} {outcome.replies:>5} replies "
            f"{outcome.replies_per_s:>6.1f}/s  p50 {outcome.latency_ms(50):6.1f}  "
            f"p95 {outcome.latency_ms(95):6.1f}  p99 {outcome.latency_ms(99):7.1f} ms  "
            f"lost {outcome.lost} dup {outcome.duplicated}  "
            f"lag p99 {outcome.lag.get('p99_ms', float('nan')):5.1f} ms  "
            f"cpu {1000 * outcome.bot_cpu_s / max(outcome.replies, 1):4.1f} "
            f"(loop {1000 * outcome.loop_cpu_s / max(outcome.replies, 1):4.1f}) ms/reply  "
            f"RSS {outcome.rss_mb:.0f} (peak {outcome.peak_rss_mb:.0f}) MB")
    if outcome.workers_rss_mb:
        line += (f" + workers {' + '.join(f'{mb:.0f}' for mb in outcome.workers_rss_mb)} MB, "
                 f"cpu {1000 * outcome.workers_cpu_s / max(outcome.replies, 1):4.1f} ms/reply")
    if outcome.cache_hit_rate is not None:
        line += f"  cache {outcome.cache_hit_rate:.1%}"
    if outcome.start_latencies_s:
        line += f"  /start p50 {outcome.start_ms(50):.1f} p99 {outcome.start_ms(99):.1f} ms"
    if outcome.faults_injected:
        line += f"  injected {outcome.faults_injected}"
    return line


def verdicts(outcomes: list[Outcome], distinct: bool = False) -> list[str]:
    """Each target figure that this run measured, with its ratio and target."""
    found = {(o.workload, o.bot): o for o in outcomes}
    lines = []

    def check(ok: bool, text: str) -> None:
        lines.append(f"  [{'met' if ok else 'MISSED'}] {text}")

    for idle in (o for o in outcomes if o.bot != "echo" and o.cache_hit_rate is None):
        check(False, f"({idle.workload}) {idle.bot}: the engine counted no searches, so its "
                     f"figures are not a search's (no index? see its log)")
    if distinct:
        rates = {f"({o.workload}) {o.bot}": o.cache_hit_rate for o in outcomes
                 if o.cache_hit_rate is not None}
        check(bool(rates) and all(rate == 0 for rate in rates.values()),
              "cache hit rate with distinct queries: " +
              ", ".join(f"{name} {rate:.1%}" for name, rate in rates.items()) + " (must be 0)")

    bot_a, echo_a = found.get(("a", "cosmo")), found.get(("a", "echo"))
    if bot_a and echo_a:
        extra = bot_a.latency_ms(50) - echo_a.latency_ms(50)
        ratio = bot_a.latency_ms(99) / echo_a.latency_ms(99)
        check(extra <= 15 and ratio <= 1.5 and bot_a.lost == 0,
              f"(a) p50 echo + {extra:.1f} ms (target <= +15), p99 {ratio:.2f}x echo "
              f"(target <= 1.5x), lost {bot_a.lost}")
    bot_b, echo_b = found.get(("b", "cosmo")), found.get(("b", "echo"))
    if bot_b and echo_b:
        share = bot_b.replies_per_s / echo_b.replies_per_s
        check(share >= 0.5, f"(b) {bot_b.replies_per_s:.1f} replies/s = {share:.0%} of the "
                            f"echo bot's {echo_b.replies_per_s:.1f} (target >= 50%)")
    if bot_b:
        lag = bot_b.lag.get("p99_ms", float("nan"))
        check(lag <= 10, f"(b) event-loop lag p99 {lag:.1f} ms (target <= 10); /start p99 "
                         f"{bot_b.start_ms(99):.1f} ms")
    bot_c, echo_c = found.get(("c", "cosmo")), found.get(("c", "echo"))
    if bot_c and echo_c:
        check(bot_c.lost == 0 and bot_c.duplicated == 0,
              f"(c) {bot_c.replies_per_s:.1f} replies/s = "
              f"{bot_c.replies_per_s / echo_c.replies_per_s:.0%} of echo; lost {bot_c.lost} "
              f"dup {bot_c.duplicated} (no target beyond 0 lost)")
    if bot_d := found.get(("d", "cosmo")):
        share = bot_d.replies_per_s / TELEGRAM_LIMIT
        check(share >= 0.9 and bot_d.lost == 0,
              f"(d) {bot_d.replies_per_s:.1f} replies/s = {share:.0%} of the "
              f"{TELEGRAM_LIMIT:.0f}/s limit (target >= 90%), lost {bot_d.lost}")
    if bot_e := found.get(("e", "cosmo")):
        check(bot_e.lost == 0 and bot_e.duplicated == 0,
              f"(e) lost {bot_e.lost}, duplicated {bot_e.duplicated} with "
              f"{bot_e.faults_injected.get('429', 0)} 429s injected (target 0 and 0)")
    for slow in (o for o in outcomes if o.workload == "slow"):
        lag = slow.lag.get("p99_ms", float("nan"))
        check(lag <= 10, f"(slow, {slow.bot}) lag p99 {lag:.1f} ms with a 200 ms backend "
                         f"(target <= 10); {slow.replies_per_s:.1f} replies/s, /start p99 "
                         f"{slow.start_ms(99):.1f} ms")
    for name in ("a", "b", "c", "d"):
        now, before = found.get((name, "cosmo")), found.get((name, "before"))
        if now and before:
            lines.append(
                f"  [after/before] ({name}) replies/s {now.replies_per_s:.1f} / "
                f"{before.replies_per_s:.1f} = {now.replies_per_s / before.replies_per_s:.2f}x; "
                f"p50 {now.latency_ms(50):.0f} / {before.latency_ms(50):.0f} ms; lag p99 "
                f"{now.lag.get('p99_ms', float('nan')):.1f} / "
                f"{before.lag.get('p99_ms', float('nan')):.1f} ms; CPU per reply "
                f"{now.cpu_ms_per_reply:.1f} / {before.cpu_ms_per_reply:.1f} ms")
    return lines


def plot(outcomes: list[Outcome], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    shown = [name for name in ("a", "b", "c")
             if any(o.workload == name for o in outcomes)]
    if not shown:
        return
    figure, axes = plt.subplots(1, len(shown), figsize=(4.2 * len(shown), 3.6), squeeze=False)
    titles = {"a": "(a) 1 s think time", "b": "(b) closed loop", "c": "(c) burst"}
    for axis, name in zip(axes[0], shown):
        for outcome in outcomes:
            if outcome.workload != name or not outcome.latencies_s:
                continue
            values = np.sort(np.asarray(outcome.latencies_s) * 1000)
            share = np.arange(1, values.size + 1) / values.size
            label = {"cosmo": "Cosmo (e5)", "echo": "echo bot",
                     "before": "Cosmo before this work"}.get(outcome.bot, outcome.bot)
            axis.step(values, share, where="post", label=label)
        axis.set_xscale("log")
        axis.set_xlabel("reply latency, ms (log)")
        axis.set_title(titles[name])
        axis.grid(True, which="both", alpha=0.3)
    axes[0][0].set_ylabel("share of replies")
    axes[0][0].legend(loc="lower right")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    print(f"plot: {path}")


async def main(args: argparse.Namespace) -> list[Outcome]:
    plan = workloads(args.quick)
    only = set(args.only.split(",")) if args.only else set(plan)
    unknown = only - set(plan)
    if unknown:
        raise SystemExit(f"unknown workloads {sorted(unknown)}; choose from {sorted(plan)}")
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="cosmo-load-") as tmp:
        work = Path(tmp)
        async with EmulatorServer(host="127.0.0.1") as server, \
                EmulatorClient(server.url) as client:
            queries = DistinctQueries(distinct_query_stream()) if args.distinct else None
            driver = LoadDriver(server, client, queries=queries)
            index_dir = await e5_index(args, server, work)
            print(f"index {index_dir}; " + ("no query text repeated within the run"
                                            if queries else f"queries drawn from "
                                            f"{len(QUERY_TEXTS)} texts"), flush=True)
            for round_number in range(1, args.rounds + 1):
                if args.rounds > 1:
                    print(f"round {round_number} of {args.rounds}", flush=True)
                found = await one_round(driver, server, work, index_dir, plan, only, args)
                for outcome in found:
                    outcome.round = round_number
                outcomes += found
            if queries:
                print(f"{queries.handed_out} query texts sent, none twice", flush=True)
    for round_number in range(1, args.rounds + 1):
        print(f"\nagainst the targets (round {round_number}, same run):")
        for line in verdicts([o for o in outcomes if o.round == round_number], args.distinct):
            print(line)
    if args.plot:
        plot([o for o in outcomes if o.round == 1], args.plot)
    if args.json:
        args.json.write_text(json.dumps([o.to_json() for o in outcomes], indent=1))
    return outcomes


async def one_round(driver: LoadDriver, server: EmulatorServer, work: Path, index_dir: Path,
                    plan: dict[str, Workload], only: set[str],
                    args: argparse.Namespace) -> list[Outcome]:
    """Echo bot, Cosmo (and Cosmo from --before-root) at no limit; Cosmo at 30/s; slow backend."""
    outcomes: list[Outcome] = []
    cache = {} if args.cache_size is None else {"query_cache_size": args.cache_size,
                                                "response_cache_size": args.cache_size}
    cache.update(bot_settings(args))
    unlimited = [plan[n] for n in ("a", "b", "c") if n in only]
    if unlimited and not args.skip_echo:
        print("echo bot, TELEGRAM_MAX_MESSAGES_PER_S=0", flush=True)
        env = child_env(server, work, telegram_max_messages_per_s=0)
        outcomes += await with_bot(driver, "echo", env, work, unlimited)
    if unlimited:
        print("Cosmo, embedded e5, TELEGRAM_MAX_MESSAGES_PER_S=0", flush=True)
        env = child_env(server, work, index_dir=index_dir, telegram_max_messages_per_s=0,
                        **cache)
        outcomes += await with_bot(driver, "cosmo", env, work, unlimited, args.profile_bot)
        if args.before_root:
            print(f"Cosmo from {args.before_root} (before), TELEGRAM_MAX_MESSAGES_PER_S=0",
                  flush=True)
            outcomes += await with_bot(driver, "cosmo", env, work, unlimited,
                                       root=args.before_root, label="before")
    limited = [plan[n] for n in ("d", "e") if n in only]
    if limited:
        print(f"Cosmo, embedded e5, TELEGRAM_MAX_MESSAGES_PER_S={TELEGRAM_LIMIT:.0f}", flush=True)
        env = child_env(server, work, index_dir=index_dir,
                        telegram_max_messages_per_s=TELEGRAM_LIMIT, **cache)
        outcomes += await with_bot(driver, "cosmo", env, work, limited)
        if args.before_root and "d" in only:
            print(f"Cosmo from {args.before_root} (before), at {TELEGRAM_LIMIT:.0f}/s", flush=True)
            outcomes += await with_bot(driver, "cosmo", env, work, [plan["d"]],
                                       root=args.before_root, label="before")
    if "slow" in only:
        outcomes += await slow_backend(driver, server, work, plan["slow"], args, cache)
    return outcomes


async def slow_backend(driver: LoadDriver, server: EmulatorServer, work: Path,
                       workload: Workload, args: argparse.Namespace,
                       cache: dict) -> list[Outcome]:
    """Workload (b) with the HF API backend against the fake at 200 ms, per micro-batch window."""
    windows = [float(w) for w in args.microbatch_ms.split(",")] if args.microbatch_ms else [None]
    outcomes = []
    async with FakeHfApi(dim=384) as fake:
        index_dir = work / "index-hf"
        if not has_snapshot(index_dir):
            print("building an index through the HF fake (no latency while building) ...",
                  flush=True)
            await build_index(index_dir, child_env(server, work, **hf_settings(fake)), work,
                              work / "index-hf.log")
        fake.latency_s = 0.2
        for window in windows:
            extra = {} if window is None else {"query_microbatch_ms": window}
            label = "cosmo" if window is None else f"mb{window:g}ms"
            print(f"Cosmo, HF API backend against the fake at 200 ms per request, "
                  f"QUERY_MICROBATCH_MS={'default' if window is None else f'{window:g}'}",
                  flush=True)
            env = child_env(server, work, index_dir=index_dir, telegram_max_messages_per_s=0,
                            **hf_settings(fake, **extra), **cache)
            requests_before = fake.requests_received
            found = await with_bot(driver, "cosmo", env, work, [workload], label=label)
            print(f"  the fake answered {fake.requests_received - requests_before} requests "
                  f"(warm-up and start-up probe included)", flush=True)
            outcomes += found
        fake.latency_s = 0.0
    return outcomes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="scaled-down counts (~3 min; with --only a,b,c ~1 min)")
    parser.add_argument("--only", help="comma-separated subset of a,b,c,d,e,slow")
    parser.add_argument("--skip-echo", action="store_true", help="no echo-bot ceiling run")
    parser.add_argument("--distinct", action="store_true",
                        help="never repeat a query text within the run (the cache carries "
                             "nothing) instead of drawing from 2,000 texts")
    parser.add_argument("--index-dir", type=Path,
                        help="an e5 index of the sample catalog (default: var/index, else built)")
    parser.add_argument("--cache-size", type=int, help="QUERY_CACHE_SIZE and RESPONSE_CACHE_SIZE for the bot (0: off)")
    parser.add_argument("--bot-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for Cosmo's process, e.g. query_microbatch_ms=5; repeat")
    parser.add_argument("--microbatch-ms",
                        help="QUERY_MICROBATCH_MS for the slow-backend run; a comma-separated "
                             "list runs it once per value (default: the backend's default)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat every phase, alternating the bots, to see the spread")
    parser.add_argument("--before-root", type=Path,
                        help="also run Cosmo from this checkout (e.g. a worktree of main) in the "
                             "same run, as the before of a change")
    parser.add_argument("--profile-bot", type=Path,
                        help="cProfile Cosmo's event-loop thread during (a)-(c) into this file")
    parser.add_argument("--plot", type=Path, help="draw reply-latency CDFs into this PNG")
    parser.add_argument("--json", type=Path, help="write every figure and latency here")
    parser.add_argument("--replot", type=Path, help="only draw --plot from a --json file")
    return parser.parse_args(argv)


def replot(json_path: Path, png_path: Path) -> None:
    """Draw the plot again from the figures a run wrote with --json."""
    rows = json.loads(json_path.read_text())
    plot([Outcome(workload=r["workload"], bot=r["bot"], latencies_s=r["latencies_s"], lost=r["lost"],
                  duplicated=r["duplicated"], elapsed_s=r["elapsed_s"], lag=r["lag"])
          for r in rows if r.get("round", 1) == 1], png_path)


if __name__ == "__main__":
    arguments = parse_args()
    if arguments.replot:
        replot(arguments.replot, arguments.plot or Path("docs/img/bot_reply_latency.png"))
    else:
        asyncio.run(main(arguments))
