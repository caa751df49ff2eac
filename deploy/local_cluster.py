"""`python -m deploy.local_cluster`: Cosmo as N webhook replicas on one machine, for real.

redis-server (shared state), haproxy (`deploy/haproxy-local.cfg`) in front, N `python -m bot`
replicas in webhook mode sharing one INDEX_DIR, and the emulator delivering updates to haproxy
with the playground's web chat on top. Everything listens on 127.0.0.1 only, writes inside one
work folder (`var/cluster` by default), and is stopped by its pid on Ctrl+C.

`LocalCluster` is also what tests/cluster starts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

# Imported here, not inside serve(), so that tests/cluster (which imports this module) fails
# when one of these moves, although no test runs serve() itself.
from bot.lifecycle import wait_for_stop_signal
from emulator import EmulatorServer
from engine.settings import Settings, load_settings
from index.snapshot import SnapshotStore
from playground.server import PLAYGROUND_USER, STATIC_DIR

ROOT = Path(__file__).resolve().parent.parent
HAPROXY_CONFIG = Path(__file__).resolve().parent / "haproxy-local.cfg"
WEBHOOK_PATH = "/telegram/cosmo"
WEBHOOK_SECRET = "local-cluster-secret"
READY_TIMEOUT_S = 180.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Child:
    """One server process, its output in a file; stopped or killed by its pid."""

    name: str
    argv: list[str]
    log_path: Path
    env: dict[str, str]
    cwd: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL: as if the machine lost the process."""
        self._end(signal.SIGKILL, 10)

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM and wait; killed if still there at the deadline."""
        return self._end(signal.SIGTERM, timeout)

    def _end(self, sig: int, timeout: float) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        return self.process.returncode


@dataclass
class LocalCluster:
    """redis-server, haproxy and 3 bot replicas against a Bot API at `bot_api_base_url`.

    `settings` are Cosmo settings (names as in `engine/settings.py`) given to every replica;
    with `inherit_settings`, Cosmo settings in this process's environment reach them too (else
    only `settings` do, as tests want); `cwd` is where the replicas run (a `.env` there is read).
    """

    workdir: Path
    bot_api_base_url: str
    settings: dict[str, object] = field(default_factory=dict)
    replicas: int = 3  # deploy/haproxy-local.cfg names three
    cwd: Path | None = None
    inherit_settings: bool = False
    lb_port: int = field(default_factory=free_port)
    redis_port: int = field(default_factory=free_port)
    replica_ports: list[int] = field(default_factory=list)
    redis: Child | None = None
    haproxy: Child | None = None
    bots: list[Child] = field(default_factory=list)

    @property
    def webhook_url(self) -> str:
        return f"http://127.0.0.1:{self.lb_port}{WEBHOOK_PATH}"

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}/0"

    def replica_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[number]}{WEBHOOK_PATH}"

    async def start(self) -> None:
        """Start everything and return once every replica answers its health check."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        try:
            self.start_redis()
            await _wait_for_port(self.redis_port, self.redis)
            self.replica_ports = self.replica_ports or [free_port() for _ in range(self.replicas)]
            self.haproxy = self._child("haproxy", ["haproxy", "-f", str(HAPROXY_CONFIG), "-db"],
                                       env=self._haproxy_env())
            self.haproxy.start()
            await _wait_for_port(self.lb_port, self.haproxy)
            self.bots = [self._replica(number) for number in range(self.replicas)]
            for bot in self.bots:
                bot.start()
            await asyncio.gather(*(self.wait_replica(number) for number in range(self.replicas)))
        except BaseException:
            await self.stop()
            raise

    def start_redis(self) -> None:
        """Start redis-server (again, empty) on its port: no RDB, no AOF, files only in workdir."""
        folder = self.workdir / "redis"
        folder.mkdir(exist_ok=True)
        self.redis = self._child("redis", [
            "redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(folder), "--loglevel", "warning"])
        self.redis.start()

    async def restart_replica(self, number: int) -> None:
        self.bots[number] = self._replica(number)
        self.bots[number].start()
        await self.wait_replica(number)

    async def wait_replica(self, number: int, timeout: float = READY_TIMEOUT_S) -> None:
        """Until replica `number` answers GET /healthz (it has set the webhook by then)."""
        url = f"http://127.0.0.1:{self.replica_ports[number]}/healthz"
        bot = self.bots[number]
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while time.monotonic() < deadline:
                if not bot.alive:
                    raise RuntimeError(f"{bot.name} exited during start-up:\n{bot.log[-3000:]}")
                try:
                    async with session.get(url) as reply:
                        if reply.status == 200:
                            return
                except (aiohttp.ClientError, TimeoutError):
                    pass
                await asyncio.sleep(0.2)
        raise TimeoutError(f"{bot.name} not ready after {timeout:.0f} s:\n{bot.log[-3000:]}")

    async def stop(self) -> None:
        """Stop every child by its pid: replicas first (they finish their updates), then the rest.

        The waiting happens in threads: a replica's last calls go to a Bot API that may be
        served by this very event loop (the emulator).
        """
        await asyncio.gather(*(asyncio.to_thread(bot.stop) for bot in self.bots))
        for child in (self.haproxy, self.redis):
            if child is not None:
                await asyncio.to_thread(child.stop, 10)

    def _replica(self, number: int) -> Child:
        settings = {
            "telegram_api_base_url": self.bot_api_base_url,
            **self.settings,
            "webhook_url": self.webhook_url,
            "webhook_secret": WEBHOOK_SECRET,
            "webhook_listen": "127.0.0.1",
            "webhook_port": self.replica_ports[number],
            "redis_url": self.redis_url,
            "replica_name": f"replica{number + 1}",
            "bot_state_path": self.workdir / f"replica{number + 1}-state.pickle",
        }
        return self._child(f"replica{number + 1}", [sys.executable, "-m", "bot"],
                           env=_environment(settings, self.inherit_settings))

    def _haproxy_env(self) -> dict[str, str]:
        env = dict(os.environ, COSMO_LB_PORT=str(self.lb_port))
        for number, port in enumerate(self.replica_ports, start=1):
            env[f"COSMO_REPLICA{number}_PORT"] = str(port)
        return env

    def _child(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> Child:
        return Child(name, argv, self.workdir / f"{name}.log", env or dict(os.environ),
                     self.cwd or self.workdir)


def _environment(settings: dict[str, object], inherit: bool) -> dict[str, str]:
    """This process's environment (without its Cosmo settings unless `inherit`), plus `settings`."""
    names = set() if inherit else {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env["PYTHONPATH"] = str(ROOT)
    env.update({key.upper(): str(value) for key, value in settings.items() if value is not None})
    return env


async def _wait_for_port(port: int, child: Child, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.alive:
            raise RuntimeError(f"{child.name} exited:\n{child.log[-2000:]}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
            return
        except OSError:
            await asyncio.sleep(0.05)
    raise TimeoutError(f"{child.name} does not listen on {port}")


async def serve(args: argparse.Namespace) -> None:
    settings = load_settings()
    if SnapshotStore(settings.index_dir).current_name() is None:
        print(f"No index yet: building it from {settings.catalog_path} (once)…", flush=True)
        subprocess.run([sys.executable, "-m", "engine", "index"], cwd=ROOT, check=True)
    workdir = Path(args.workdir)
    shutil.rmtree(workdir / "redis", ignore_errors=True)
    async with EmulatorServer(host="127.0.0.1", port=args.port, static_dir=STATIC_DIR) as server:
        server.open_private_chat(PLAYGROUND_USER.to_json())
        cluster = LocalCluster(workdir, server.bot_api_base_url, cwd=ROOT, inherit_settings=True,
                               settings={
                                   "telegram_bot_token": server.world.bot.token,
                                   "admin_ids": ",".join(str(admin) for admin in
                                                         {*settings.admin_ids, PLAYGROUND_USER.id}),
                                   "telegram_max_messages_per_s": 0,
                               })
        print("Starting redis-server, haproxy and 3 replicas…", flush=True)
        await cluster.start()
        try:
            print(f"\nCosmo cluster: {server.url}/\n"
                  f"  haproxy {cluster.webhook_url} → replicas on ports "
                  f"{', '.join(map(str, cluster.replica_ports))}; redis {cluster.redis_url}\n"
                  f"  logs in {workdir}/\n(Ctrl+C to stop)", flush=True)
            await wait_for_stop_signal()
        finally:
            await cluster.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.local_cluster", description=__doc__)
    parser.add_argument("--port", type=int, default=8080, help="port of the web chat (0: any)")
    parser.add_argument("--workdir", default=str(ROOT / "var" / "cluster"))
    args = parser.parse_args(argv)
    for tool in ("redis-server", "haproxy"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed: run `make cluster-deps` (as root)", file=sys.stderr)
            return 2
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
