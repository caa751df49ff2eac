"""Real processes sharing one INDEX_DIR: `engine search` and `engine index` started while
another process's reindex is writing leave that reindex alone, and other apps' folders too."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from engine.settings import Settings
from index.snapshot import TEMP_PREFIX, verify_snapshot

ROOT = Path(__file__).resolve().parents[2]

# A real reindex that stops after writing its first file until its stdin closes.
PAUSED_REINDEX = textwrap.dedent("""
    import asyncio, sys
    import numpy as np
    import engine.search_index as search_index
    from engine.composition import open_engine
    from engine.settings import Settings

    real_save = np.save
    paused = []

    def save_then_pause(path, *args, **kwargs):
        real_save(path, *args, **kwargs)
        if not paused:
            paused.append(path)
            print("writing", flush=True)
            sys.stdin.read()

    search_index.np.save = save_then_pause

    async def main():
        settings = Settings(_env_file=None, catalog_path=sys.argv[1], index_dir=sys.argv[2])
        engine = await open_engine(settings)
        summary = await engine.reindex()
        print("published", summary.snapshot_id, flush=True)

    asyncio.run(main())
""")


def cosmo_environment(**settings: object) -> dict[str, str]:
    names = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in names}
    env["PYTHONPATH"] = str(ROOT)
    env.update({key.upper(): str(value) for key, value in settings.items()})
    return env


def test_search_and_index_started_during_a_reindex_neither_break_it_nor_touch_other_folders(
        index_copy, mini_catalog_path, tmp_path):
    other_app = index_copy / ".tmp-otherapp"
    other_app.mkdir()
    (other_app / "state.json").write_text("{}")
    env = cosmo_environment(index_dir=index_copy, catalog_path=mini_catalog_path)
    writer = subprocess.Popen(
        [sys.executable, "-c", PAUSED_REINDEX, str(mini_catalog_path), str(index_copy)],
        cwd=tmp_path, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        workspaces = [p for p in index_copy.iterdir() if p.name.startswith(TEMP_PREFIX)]
        assert len(workspaces) == 1

        search = subprocess.run([sys.executable, "-m", "engine", "search", "보습 크림"],
                                cwd=tmp_path, env=env, capture_output=True, text=True,
                                timeout=300)
        assert search.returncode == 0, search.stderr
        second = subprocess.run([sys.executable, "-m", "engine", "index"], cwd=tmp_path,
                                env=env, capture_output=True, text=True, timeout=300)
        assert second.returncode == 1
        assert f"pid {writer.pid}" in second.stderr and "wait for it" in second.stderr
        assert workspaces[0].is_dir()

        out, err = writer.communicate("", timeout=300)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.communicate(timeout=30)
    assert writer.returncode == 0, err
    published = out.split()[-1]
    assert (index_copy / "CURRENT").read_text().strip() == published
    verify_snapshot(index_copy / published)
    assert (other_app / "state.json").read_text() == "{}"
