"""The arrows between the rooms (docs/architecture.md), read from every module's imports.

The index knows only vectors and files; the engine knows nothing of Telegram; the bot speaks
plain Bot API and knows nothing of the emulator or the playground; only tests import tests;
handler modules share code through bot modules, never through each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "index", "bot", "emulator", "playground", "bench", "deploy", "apps")
FORBIDDEN = {
    "index": ("engine", "bot", "emulator", "playground"),
    "engine": ("bot", "emulator", "playground"),
    "bot": ("emulator", "playground"),
    "emulator": ("engine", "index", "bot", "playground"),
}


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def room(module: str) -> str:
    return module.split(".")[0]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_module_imports_a_room_it_must_not_know(package):
    wrong = [f"{path.relative_to(ROOT)} imports {module}"
             for path in modules_of(package) for module in sorted(imported_modules(path))
             if room(module) in FORBIDDEN[package]]
    assert not wrong


def test_only_tests_import_tests():
    wrong = [f"{path.relative_to(ROOT)} imports {module}"
             for package in PACKAGES for path in modules_of(package)
             for module in sorted(imported_modules(path)) if room(module) == "tests"]
    assert not wrong


def test_no_handler_module_imports_another():
    handlers = ROOT / "bot" / "handlers"
    wrong = [f"{path.name} imports {module}" for path in sorted(handlers.glob("*.py"))
             if path.name != "__init__.py"
             for module in sorted(imported_modules(path))
             if module.startswith("bot.handlers") and module != "bot.handlers"]
    assert not wrong


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def late():\n    from bot.texts import NOTICE\n", encoding="utf-8")
    assert "bot.texts" in imported_modules(sample)


def test_every_room_is_read():
    for package in PACKAGES:
        assert modules_of(package), package
