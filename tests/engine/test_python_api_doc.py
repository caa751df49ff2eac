"""Every ```python block of docs/python-api.md and README.md runs, in order, as a reader would run
them: in a fresh directory holding a small catalog, with settings from the environment only."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.environment import ROOT, environment_without_settings

DOCS = (ROOT / "docs" / "python-api.md", ROOT / "README.md")
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)

# Runs each block in a namespace of its own, naming the file and line in a traceback.
RUNNER = """
import sys
for path, line, code in BLOCKS:
    print(f"--- {path}:{line}", flush=True)
    exec(compile("\\n" * (line - 1) + code, path, "exec"), {"__name__": "__main__"})
"""


def python_blocks(path: Path) -> list[tuple[str, int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(str(path.relative_to(ROOT)), text.count("\n", 0, match.start(1)) + 1, match.group(1))
            for match in BLOCK.finditer(text)]


def test_the_docs_hold_python_examples():
    blocks = python_blocks(DOCS[0])
    assert len(blocks) >= 5
    assert python_blocks(DOCS[1]), "README lost its 'Use it from Python' block"


@pytest.mark.slow
def test_every_python_block_of_the_docs_runs(tmp_path, mini_catalog_path):
    shutil.copy(mini_catalog_path, tmp_path / "catalog.jsonl")
    blocks = [block for doc in DOCS for block in python_blocks(doc)]
    script = f"BLOCKS = {blocks!r}\n{RUNNER}"
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                         text=True, env=environment_without_settings(catalog_path=str(tmp_path / "catalog.jsonl"),
                                                         index_dir=str(tmp_path / "index")), timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stdout.count("--- ") == len(blocks)
    assert "세라마이드 장벽 크림" in run.stdout  # the first example printed real results
