"""The emulator's HTTP server: Bot API under `/bot<TOKEN>/<method>`, user API under `/_emu/`."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web

from emulator._bot_api import BotApi
from emulator._errors import BotApiError
from emulator._faults import FaultPlan
from emulator._media import serve_swatch
from emulator._params import read_params
from emulator._updates import UpdateDelivery
from emulator._user_api import UserApi
from emulator._world import BotIdentity, World

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:emulator-token"
# The page runs only its own script files: no inline script, no other origin.
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
_UNAUTHORIZED = BotApiError(401, "Unauthorized")
_NOT_FOUND = BotApiError(404, "Not Found")


class EmulatorServer:
    """A local Telegram for one bot, served on loopback; `async with` starts and stops it.

    `port=0` picks a free port; read `url` (user API) and `bot_api_base_url` (the value for
    `TELEGRAM_API_BASE_URL`) after `start()`. `static_dir`, if given, is served at `/`.
    """

    def __init__(self, token: str = DEFAULT_TOKEN, *, bot_username: str = "CosmoBot",
                 host: str = "127.0.0.1", port: int = 0, faults: FaultPlan | None = None,
                 static_dir: Path | None = None) -> None:
        self.world = World(BotIdentity(token=token, username=bot_username))
        self.faults = faults or FaultPlan()
        self.delivery = UpdateDelivery(self.world)
        self.bot_api = BotApi(self.world, self.delivery)
        self._host = host
        self._port = port
        self._static_dir = static_dir
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def bot_api_base_url(self) -> str:
        return f"{self.url}/bot"

    def open_private_chat(self, user: dict) -> dict:
        """Create a user's private chat with the bot, as if they had pressed Start before."""
        chat = {"id": user["id"], "type": "private", "first_name": user.get("first_name", "")}
        if user.get("username"):
            chat["username"] = user["username"]
        return self.world.ensure_chat(chat)

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        user_api = UserApi(self.world, self.bot_api, self.delivery, self.faults)
        app.add_routes(user_api.routes())
        app.add_routes([web.route("*", "/bot{token}/{method}", self._bot_method),
                        web.get("/_emu/media", serve_swatch)])
        if self._static_dir is not None:
            app.add_routes([web.get("/", self._index), web.static("/static", self._static_dir)])
        return app

    async def start(self) -> str:
        # access_log=None: request lines would contain the bot token.
        # Long polls (getUpdates, events) may still be waiting: do not wait the full minute for them.
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self.url

    async def stop(self) -> None:
        await self.delivery.aclose()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> EmulatorServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _bot_method(self, request: web.Request) -> web.Response:
        try:
            if request.match_info["token"] != self.world.bot.token:
                raise _UNAUTHORIZED
            name = request.match_info["method"].lower()
            method = self.bot_api.method(name)
            if method is None:
                raise _NOT_FOUND
            params = await read_params(request)
            await self.faults.before_call(name)
            if request.transport is None or request.transport.is_closing():
                # the caller went away while its call was held: the call never takes effect
                return web.Response(status=499)
            result = await method(params)
        except BotApiError as exc:
            return web.json_response(exc.to_json(), status=exc.status)
        return web.json_response({"ok": True, "result": result})

    async def _index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(self._static_dir / "index.html", headers={
            "Content-Security-Policy": PAGE_POLICY, "Cache-Control": "no-store"})
