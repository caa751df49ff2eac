"""Paths and secrets: a reindex writes only inside the index directory; `.env` stays out of git."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from engine.composition import build_engine
from index.errors import SnapshotError
from index.snapshot import SnapshotStore

ROOT = Path(__file__).resolve().parents[2]


def tree(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


async def test_a_reindex_writes_nothing_outside_the_index_directory(
        tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    neighbourhood = tmp_path / "var"
    index_dir = neighbourhood / "index"
    (neighbourhood / "bot-state.pickle").parent.mkdir(parents=True)
    (neighbourhood / "bot-state.pickle").write_bytes(b"untouched")
    engine = build_engine(make_settings(index_dir=index_dir), e5_vectorizer,
                          morpheme_analyzer)

    await engine.reindex()
    await engine.reindex()  # the second one also prunes

    outside = {name for name in tree(neighbourhood) if not name.startswith("index")}
    assert outside == {"bot-state.pickle"}
    assert (neighbourhood / "bot-state.pickle").read_bytes() == b"untouched"
    assert {p.name for p in index_dir.iterdir()} >= {"CURRENT"}


def test_a_workspace_symlinked_out_of_the_index_directory_is_refused(tmp_path):
    store = SnapshotStore(tmp_path / "index")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "vectors.npy").write_bytes(b"x")
    store.root.mkdir()
    (store.root / ".tmp-sneaky").symlink_to(outside, target_is_directory=True)
    with pytest.raises(SnapshotError, match="not a workspace"):
        store.publish(store.root / ".tmp-sneaky", {})
    assert not (outside / "manifest.json").exists()


def test_dotenv_is_ignored_by_git():
    patterns = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in patterns
    for path in (".env", "bot/.env"):
        try:
            checked = subprocess.run(["git", "check-ignore", "--quiet", path], cwd=ROOT,
                                     timeout=10)
        except FileNotFoundError:
            pytest.skip("git is not installed")
        if checked.returncode == 128:
            pytest.skip("not a git checkout")
        assert checked.returncode == 0, f"{path} would be committed"
