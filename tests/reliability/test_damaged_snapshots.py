"""Damaged snapshots seen by the running bot: detected at load with a clear log line, the
previous good snapshot serves, and with none left the bot asks for a reindex instead of failing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

import pytest

from engine.composition import build_engine
from engine.service import SearchEngine
from index.snapshot import CURRENT, MANIFEST
from tests.bot.harness import ADMIN, MINJI, bot_settings, running_bot, wait_for_edit_containing
from tests.e2e.conftest import LentVectorizer

QUERY = "겨울에 얼굴 땅기는 거 잡아줄 크림"
HNSW_FILE = "vectors.hnsw"
NEWER = "snap-29991231T235959000000Z-newer1"  # sorts after every real snapshot name


def current(index_dir: Path) -> str:
    return (index_dir / CURRENT).read_text(encoding="utf-8").strip()


def publish_copy_as_newest(index_dir: Path) -> tuple[str, Path]:
    """Copy the serving snapshot under a newer name and make it CURRENT; return (good, copy)."""
    good = current(index_dir)
    shutil.copytree(index_dir / good, index_dir / NEWER)
    (index_dir / CURRENT).write_text(NEWER + "\n", encoding="utf-8")
    return good, index_dir / NEWER


def truncate_hnsw(snapshot: Path) -> str:
    data = (snapshot / HNSW_FILE).read_bytes()
    (snapshot / HNSW_FILE).write_bytes(data[: len(data) // 2])
    return f"file {HNSW_FILE} has {len(data) // 2} bytes"


def mismatch_manifest(snapshot: Path) -> str:
    """The manifest describes other files than those on disk (another build's checksums)."""
    manifest = json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["products.jsonl"]["sha256"] = hashlib.sha256(b"another build").hexdigest()
    (snapshot / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return "file products.jsonl does not match its checksum"


def point_current_at_nothing(snapshot: Path) -> str:
    """CURRENT names a snapshot that is gone (deleted by hand, or a lost rename)."""
    shutil.rmtree(snapshot)
    return f"CURRENT points at '{snapshot.name}', which does not exist"


def truncate_hnsw_behind_a_matching_manifest(snapshot: Path) -> str:
    """Damage that checksums cannot see: the manifest was written for the truncated file."""
    truncate_hnsw(snapshot)
    manifest = json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))
    hnsw = snapshot / HNSW_FILE
    manifest["files"][HNSW_FILE] = {"sha256": hashlib.sha256(hnsw.read_bytes()).hexdigest(),
                                    "bytes": hnsw.stat().st_size}
    (snapshot / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return f"snapshot {snapshot.name} is inconsistent"


DAMAGES = {
    "truncated hnsw file": truncate_hnsw,
    "manifest not matching the files": mismatch_manifest,
    "CURRENT pointing at nothing": point_current_at_nothing,
    "hnsw truncated before its checksum was taken": truncate_hnsw_behind_a_matching_manifest,
}


@pytest.fixture
def settings(server, tmp_path, index_copy, mini_catalog_path):
    return bot_settings(server, tmp_path, index_dir=index_copy, catalog_path=mini_catalog_path)


@pytest.fixture
def engine(settings, e5_vectorizer, morpheme_analyzer) -> SearchEngine:
    return build_engine(settings, LentVectorizer(e5_vectorizer), morpheme_analyzer)


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
async def test_a_damaged_newest_snapshot_is_logged_and_the_previous_good_one_serves(
        damage, settings, engine, client, caplog):
    caplog.set_level(logging.INFO)
    good, newest = publish_copy_as_newest(settings.index_dir)
    expected_log = damage(newest)

    assert await engine.load_latest_snapshot()
    assert engine.search_index.snapshot_id == good
    assert expected_log in caplog.text
    assert f"falling back to snapshot {good}" in caplog.text
    async with running_bot(settings, engine):
        reply = await client.ask(MINJI, QUERY)
    assert reply["text"].index("세라마이드 장벽 크림") < reply["text"].index("2.")


@pytest.mark.parametrize("damage", DAMAGES.values(), ids=DAMAGES.keys())
async def test_with_no_good_snapshot_left_the_bot_asks_for_a_reindex(
        damage, settings, engine, client, caplog):
    caplog.set_level(logging.INFO)
    only = settings.index_dir / current(settings.index_dir)
    damage(only)

    assert not await engine.load_latest_snapshot()
    assert "no index loaded" in caplog.text
    async with running_bot(settings, engine):
        first = await client.ask(MINJI, QUERY)
        second = await client.ask(MINJI, "선크림")
    for reply in (first, second):
        assert "아직 검색 색인이 없어요" in reply["text"] and "/reindex" in reply["text"]


async def test_after_losing_every_snapshot_an_admin_reindex_brings_search_back(
        settings, engine, client):
    truncate_hnsw(settings.index_dir / current(settings.index_dir))
    assert not await engine.load_latest_snapshot()
    async with running_bot(settings, engine):
        await client.start_chat(ADMIN)
        status = await client.ask(ADMIN, "/reindex")
        await wait_for_edit_containing(client, ADMIN.id, status["message_id"], "✅",
                                       after=status["seq"], timeout=60)
        reply = await client.ask(MINJI, QUERY)
    assert reply["text"].index("세라마이드 장벽 크림") < reply["text"].index("2.")
