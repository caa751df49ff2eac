"""`python -m bot` as a child process against the in-process emulator, for shutdown and load.

The child reads its settings from the environment only (it runs in an empty directory, so no
`.env` is picked up), and its output goes to files so a chatty child can never block on a pipe.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

from emulator import DEFAULT_TOKEN
from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
# Output that means something was left open or crashed on the way out.
UNCLEAN = ("Traceback", "Unclosed client session", "Unclosed connector",
           "Task was destroyed but it is pending", "was never awaited")


class BotProcess:
    """One `python -m bot` child; `stop()` sends SIGTERM and waits, bounded."""

    def __init__(self, workdir: Path, bot_api_base_url: str, **settings: object) -> None:
        self.workdir = workdir
        self.log_path = workdir / "bot.log"
        self.env = _child_environment(bot_api_base_url, settings)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "bot"], cwd=self.workdir,
                                            env=self.env, stdout=log, stderr=subprocess.STDOUT)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    async def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, then the exit code; a child still alive at the deadline is killed."""
        self.process.send_signal(signal.SIGTERM)
        return await self.wait(timeout)

    async def wait(self, timeout: float) -> int:
        try:
            return await asyncio.to_thread(self.process.wait, timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            await asyncio.to_thread(self.process.wait, 10)
            raise

    def kill_if_running(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def rss_kib(self) -> int:
        """Resident memory of the child, from /proc."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line")


def _child_environment(bot_api_base_url: str, settings: dict[str, object]) -> dict[str, str]:
    """The parent's environment without any Cosmo setting, plus the ones given here."""
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env.update({
        "PYTHONPATH": str(ROOT),
        "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
        "TELEGRAM_API_BASE_URL": bot_api_base_url,
        "LOG_LEVEL": "INFO",
    })
    env.update({key.upper(): str(value) for key, value in settings.items()})
    return env
