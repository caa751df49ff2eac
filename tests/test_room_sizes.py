"""The size rules a newcomer relies on: a facade that only delegates, modules that fit in one
reading, ranking functions that take a plan and params rather than a row of loose arguments,
and code and docs that say why, not in which round or session they were written."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CODE_ROOMS = ("bot", "engine", "index", "emulator", "playground", "apps", "bench", "deploy")
HISTORY = re.compile(r"\b(round|session|issue) #?\d", re.IGNORECASE)


def _modules(*rooms: str) -> list[Path]:
    return sorted(p for room in rooms for p in (ROOT / room).rglob("*.py"))


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_the_engine_facade_only_delegates():
    assert _lines(ROOT / "engine" / "service.py") <= 200


@pytest.mark.parametrize("path", _modules("engine"), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_engine_module_is_over_300_lines(path):
    assert _lines(path) <= 300


def test_no_ranking_function_takes_more_than_six_parameters():
    crowded = []
    for path in _modules("engine/ranking"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = node.args
                count = len(args.posonlyargs) + len(args.args) + len(args.kwonlyargs)
                count -= bool(args.args and args.args[0].arg in ("self", "cls"))
                if count > 6:
                    crowded.append(f"{path.name}:{node.name} ({count})")
    assert crowded == []


def _dated(paths: list[Path]) -> list[str]:
    return [f"{p.relative_to(ROOT)}:{n}" for p in paths
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if HISTORY.search(line) and p.name != "test_room_sizes.py"]


def test_code_tells_why_not_when():
    assert _dated(_modules(*CODE_ROOMS, "tests")) == []


def test_docs_tell_what_not_when():
    assert _dated(sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]) == []


def test_the_size_rules_see_every_room():
    assert all((ROOT / room).is_dir() for room in CODE_ROOMS)
