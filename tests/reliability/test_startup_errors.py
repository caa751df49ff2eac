"""`python -m bot` with an unreachable Bot API says so in one line and exits non-zero."""

import socket
import subprocess
import sys

from emulator import DEFAULT_TOKEN
from tests.reliability.bot_process import ROOT, _child_environment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_bot_api_is_one_clear_error_line(tmp_path, index_copy, mini_catalog_path):
    env = _child_environment(f"http://127.0.0.1:{free_port()}/bot",
                             {"index_dir": index_copy, "catalog_path": mini_catalog_path,
                              "bot_state_path": tmp_path / "state.pickle"})
    child = subprocess.run([sys.executable, "-m", "bot"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=180)
    output = child.stdout + child.stderr
    assert child.returncode == 1, output
    assert "cannot reach the Bot API" in output
    assert "Traceback" not in output
    assert DEFAULT_TOKEN.split(":")[1] not in output
