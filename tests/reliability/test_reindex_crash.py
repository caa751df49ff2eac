"""A reindex killed with SIGKILL halfway through writing a snapshot loses nothing."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.composition import build_engine
from index.snapshot import TEMP_PREFIX

ROOT = Path(__file__).resolve().parents[2]

# Runs a real reindex in a child process and SIGKILLs it at a chosen point of the write.
CRASHING_REINDEX = textwrap.dedent("""
    import asyncio, os, signal, sys
    import numpy as np
    import engine.search_index as search_index
    import index.snapshot as snapshot
    from engine.composition import open_engine
    from engine.settings import Settings

    point = sys.argv[3]
    real_save, real_rename = np.save, os.rename

    def save_then_die(path, *args, **kwargs):
        real_save(path, *args, **kwargs)
        if point == "mid-write":
            os.kill(os.getpid(), signal.SIGKILL)

    def rename_then_die(src, dst):
        real_rename(src, dst)
        if point == "after-rename":
            os.kill(os.getpid(), signal.SIGKILL)

    search_index.np.save = save_then_die
    snapshot.os.rename = rename_then_die

    async def main():
        settings = Settings(_env_file=None, catalog_path=sys.argv[1], index_dir=sys.argv[2])
        engine = await open_engine(settings)
        await engine.reindex()

    asyncio.run(main())
""")


def changed_catalog(source: Path, target: Path) -> Path:
    lines = source.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0]) | {"product_id": "new1", "name": "새 크림"}
    target.write_text("\n".join(lines + [json.dumps(first, ensure_ascii=False)]), encoding="utf-8")
    return target


@pytest.mark.parametrize("point", ["mid-write", "after-rename"])
async def test_killed_reindex_leaves_the_previous_snapshot_serving(
        point, index_copy, make_settings, e5_vectorizer, morpheme_analyzer, tmp_path):
    settings = make_settings(index_dir=index_copy)
    before_engine = build_engine(settings, e5_vectorizer, morpheme_analyzer)
    await before_engine.load_latest_snapshot()
    before = await before_engine.search_products("건조한 피부 보습", top_n=5)

    catalog = changed_catalog(settings.catalog_path, tmp_path / "changed.jsonl")
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_REINDEX, str(catalog), str(index_copy), point],
        cwd=ROOT, capture_output=True, timeout=240)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()

    after_engine = build_engine(settings, e5_vectorizer, morpheme_analyzer)
    assert await after_engine.load_latest_snapshot()
    after = await after_engine.search_products("건조한 피부 보습", top_n=5)
    assert [(r.product.product_id, r.score) for r in after.results] == \
        [(r.product.product_id, r.score) for r in before.results]
    assert after_engine.index_version == before_engine.index_version
    assert not [p for p in index_copy.iterdir() if p.name.startswith(TEMP_PREFIX)]
