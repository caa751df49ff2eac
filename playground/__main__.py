"""`python -m playground`: chat with Cosmo in a browser, on 127.0.0.1, without Telegram."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.lifecycle import wait_for_stop_signal
from bot.logging_setup import configure_logging, secret_values
from playground.server import playground
from engine.composition import open_engine
from engine.reindexer import ReindexProgress
from engine.runtime import configure_process, freeze_loaded_objects
from engine.settings import SettingsError, load_settings

log = logging.getLogger("playground")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m playground", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address of the page (default: loopback)")
    parser.add_argument("--port", type=int, default=8080, help="port of the page (0: any free)")
    return parser.parse_args(argv)


async def print_progress(progress: ReindexProgress) -> None:
    print(f"  {progress.stage}: {progress.done}/{progress.total}", flush=True)


async def serve(args: argparse.Namespace) -> None:
    settings = load_settings()
    engine = await open_engine(settings, on_swap=freeze_loaded_objects)
    if not engine.is_ready:
        print(f"No index yet: building it from {settings.catalog_path} (once)…", flush=True)
        summary = await engine.reindex(print_progress)
        print(f"Index ready: {summary.products} products, {summary.reviews} reviews "
              f"in {summary.seconds:.0f} s.", flush=True)
    async with playground(settings, engine, host=args.host, port=args.port) as url:
        print(f"\nCosmo playground: {url}\n(Ctrl+C to stop)", flush=True)
        await wait_for_stop_signal()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, secret_values(
        settings.telegram_bot_token, settings.hf_token, settings.webhook_secret))
    configure_process(settings)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
