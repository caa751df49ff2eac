"""`python -m emulator`: serve a local Bot API on loopback until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from emulator._server import DEFAULT_TOKEN, EmulatorServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8081, help="port to listen on (0: any free)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the only bot token accepted")
    parser.add_argument("--bot-username", default="CosmoBot")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    async with EmulatorServer(args.token, bot_username=args.bot_username, host=args.host,
                              port=args.port) as server:
        print(f"Bot API emulator on {server.url} (TELEGRAM_API_BASE_URL={server.bot_api_base_url})",
              flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
