"""Just enough of the Chrome DevTools Protocol to drive Debian's headless Chromium in a test.

Chromium is started with a fresh profile, every background download disabled, and a DevTools
port chosen by itself; commands go over aiohttp's websocket client, so nothing else is needed.
Waiting happens inside the page (a promise that resolves when a condition holds), bounded.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import shutil
import signal
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-default-apps", "--disable-extensions", "--remote-debugging-port=0",
    "--window-size=1280,900", "--lang=ko-KR",
)


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One browser tab: evaluate JavaScript, click, type, wait, screenshot."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def command(self, method: str, **params) -> dict:
        command_id = next(self._ids)
        await self._socket.send_json({"id": command_id, "method": method, "params": params})
        async for frame in self._socket:
            data = json.loads(frame.data)
            if data.get("id") == command_id:
                if "error" in data:
                    raise RuntimeError(f"{method}: {data['error']}")
                return data.get("result", {})
        raise ConnectionError("DevTools connection closed")

    async def evaluate(self, expression: str, *, await_promise: bool = False):
        result = await self.command("Runtime.evaluate", expression=expression,
                                    awaitPromise=await_promise, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(result["exceptionDetails"].get("exception", {}).get(
                "description", result["exceptionDetails"]))
        return result["result"].get("value")

    async def wait_until(self, condition: str, timeout_s: float = 20.0) -> None:
        """Wait, inside the page, until the JavaScript `condition` is truthy."""
        await self.evaluate(
            "new Promise((resolve, reject) => { const started = Date.now(); (function check() {"
            f" let ok = false; try {{ ok = Boolean({condition}); }} catch (e) {{}}"
            " if (ok) resolve(true);"
            f" else if (Date.now() - started > {int(timeout_s * 1000)})"
            f" reject(new Error('timed out waiting for ' + {json.dumps(condition)}));"
            " else setTimeout(check, 50); })(); })", await_promise=True)

    async def navigate(self, url: str) -> None:
        await self.command("Page.navigate", url=url)

    async def click(self, selector_js: str) -> None:
        """Click the centre of the element `selector_js` evaluates to, with real mouse events."""
        box = await self.evaluate(
            f"(() => {{ const e = {selector_js}; e.scrollIntoView({{block: 'center'}});"
            " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
        for kind in ("mousePressed", "mouseReleased"):
            await self.command("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1],
                               button="left", clickCount=1)

    async def type_text(self, text: str) -> None:
        await self.command("Input.insertText", text=text)

    async def press_enter(self) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.command("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter",
                               windowsVirtualKeyCode=13, text="\r" if kind == "keyDown" else "")

    async def screenshot(self, path: Path) -> None:
        data = await self.command("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data["data"]))


@contextlib.asynccontextmanager
async def chromium_page(executable: str) -> AsyncIterator[Page]:
    """A headless Chromium with a fresh profile, and its first tab."""
    # Chromium's helper processes may still touch the profile for a moment after it exits.
    with tempfile.TemporaryDirectory(prefix="cosmo-chromium-", ignore_cleanup_errors=True) as profile:
        process = await asyncio.create_subprocess_exec(
            executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank",
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True)
        try:
            port = await _devtools_port(Path(profile) / "DevToolsActivePort", process)
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/json/list") as reply:
                    targets = await reply.json()
                url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
                async with session.ws_connect(url, max_msg_size=64 * 1024 * 1024) as socket:
                    page = Page(socket)
                    await page.command("Page.enable")
                    yield page
        finally:
            await _stop(process)


async def _stop(process: asyncio.subprocess.Process) -> None:
    """End Chromium and its helpers: they share the session (process group) it started."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(process.wait(), 10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # helpers that outlived the browser
    await process.wait()


async def _devtools_port(port_file: Path, process: asyncio.subprocess.Process) -> int:
    """Chromium writes its DevTools port to the profile once it listens (bounded wait)."""
    for _ in range(300):
        if port_file.exists() and port_file.read_text().strip():
            return int(port_file.read_text().splitlines()[0])
        if process.returncode is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        await asyncio.sleep(0.1)
    raise TimeoutError("chromium did not open its DevTools port within 30 s")
