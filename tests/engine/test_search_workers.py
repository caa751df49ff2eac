"""SEARCH_WORKERS: searches read and ranked in worker processes answer exactly as the ranking
threads do, follow a snapshot swap, survive a worker that dies or hangs, and leave no process
behind when the engine closes."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import pytest

from engine.composition import build_engine, open_engine
from engine.errors import SearchWorkerError
from engine.workers import SearchWorkers

pytestmark = pytest.mark.slow

QUERIES = ("건조한 피부 보습 크림", "지성 피부 선크림 백탁 없는", "향 없는 토너", "민감성 진정",
           "촉촉한 크림 " + "아주 " * 300)  # the last one is cut, with its notice


@pytest.fixture(scope="module")
def static_index_dir(tmp_path_factory, mini_catalog_path, e5_vectorizer, morpheme_analyzer):
    """The mini catalog indexed with a static query table, built once for this module."""
    from engine.settings import Settings

    index_dir = tmp_path_factory.mktemp("static-index")
    settings = Settings(_env_file=None, catalog_path=mini_catalog_path, index_dir=index_dir,
                        query_encoder="static", static_vocabulary="catalog")
    asyncio.run(build_engine(settings, e5_vectorizer, morpheme_analyzer).reindex())
    return index_dir


@pytest.fixture
def open_pair(tmp_path, static_index_dir, make_settings, e5_vectorizer, morpheme_analyzer):
    """An engine ranking on threads and one ranking in workers, over one copy of the index."""
    index_dir = tmp_path / "index"
    shutil.copytree(static_index_dir, index_dir)
    engines = []

    async def build(**worker_settings):
        common = dict(index_dir=index_dir, query_encoder="static", static_vocabulary="catalog")
        threads = build_engine(make_settings(**common), e5_vectorizer, morpheme_analyzer)
        settings = make_settings(**common, search_workers=1, **worker_settings)
        workers = SearchWorkers(settings)
        pooled = build_engine(settings, e5_vectorizer, morpheme_analyzer, workers=workers)
        for engine in (threads, pooled):
            assert await engine.load_latest_snapshot()
        workers.start()
        engines.append(workers)
        return threads, pooled, workers

    yield build
    for workers in engines:  # a test that failed before closing leaves no process either
        for pid in workers.pids:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _spawned_children() -> list[str]:
    """Children of this process that multiprocessing spawned (not its resource tracker)."""
    pids = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            pids.update((task / "children").read_text().split())
        except OSError:
            continue  # a thread that ended meanwhile (the executor's)
    found = []
    for pid in pids:
        try:
            if b"spawn_main" in (Path("/proc") / pid / "cmdline").read_bytes():
                found.append(pid)
        except OSError:
            continue  # gone meanwhile
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _answered(engine, query="건조한 피부 보습 크림", **options):
    return await engine.search_products(query, **options)


async def test_workers_answer_every_mode_exactly_as_the_ranking_threads_do(open_pair):
    threads, pooled, workers = await open_pair()
    try:
        for mode in ("hybrid", "semantic", "keyword"):
            for query in QUERIES:
                for categories in ((), ("크림", "없는 분류")):
                    expected = await threads.search_products(query, categories, 3, mode)
                    found = await pooled.search_products(query, categories, 3, mode)
                    assert found == expected
                    assert found.to_dict() == expected.to_dict()
        products = pooled.served_products()
        assert all(any(r.product is p for p in products) for r in found.results)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_after_a_reindex_the_workers_answer_from_the_new_snapshot(open_pair):
    threads, pooled, workers = await open_pair()
    try:
        before = await _answered(pooled)
        await pooled.reindex()
        after = await _answered(pooled)
        assert after.index_version == pooled.index_version != before.index_version
        assert await threads.load_latest_snapshot()
        assert after == await _answered(threads)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def _until(condition, within_s=60.0):
    """Wait for `condition()` to hold, polling; False if it does not within `within_s`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within_s
    while not condition():
        if loop.time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def test_a_swap_has_every_worker_load_the_new_snapshot_before_any_search(open_pair):
    threads, pooled, workers = await open_pair()
    try:
        assert await _until(lambda: workers.snapshot_ids == (pooled.snapshot_id,))
        before = pooled.snapshot_id
        await pooled.reindex()
        assert pooled.snapshot_id != before
        # no search since the swap: the worker loads it because it was told to
        assert await _until(lambda: workers.snapshot_ids == (pooled.snapshot_id,))
        assert not workers.loading
        assert await threads.load_latest_snapshot()
        assert await _answered(pooled) == await _answered(threads)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_a_snapshot_a_worker_cannot_load_is_not_asked_again_and_searches_go_on(
        open_pair):
    threads, pooled, workers = await open_pair()
    try:
        assert await _until(lambda: workers.snapshot_ids == (pooled.snapshot_id,))
        held = pooled.snapshot_id
        workers.follow("snap-that-does-not-exist")
        # the worker reports it could not, keeps its snapshot and is idle again
        assert workers.loading == ("snap-that-does-not-exist",)
        assert await _until(lambda: not workers.loading)
        assert workers.snapshot_ids == (held,)
        assert await _answered(pooled) == await _answered(threads)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_a_worker_killed_mid_search_fails_that_search_and_is_replaced(open_pair):
    threads, pooled, workers = await open_pair()
    try:
        await _answered(pooled)  # the worker is up and holds the snapshot
        (pid,) = workers.pids
        os.kill(pid, signal.SIGSTOP)  # holds the search it is handed
        search = asyncio.create_task(_answered(pooled, "민감성 진정"))
        await asyncio.sleep(0.2)
        os.kill(pid, signal.SIGKILL)
        with pytest.raises(SearchWorkerError):
            await search
        assert await _answered(pooled, "민감성 진정") == await _answered(threads, "민감성 진정")
        assert workers.pids and pid not in workers.pids and not _alive(pid)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_a_worker_silent_past_the_timeout_is_killed_and_replaced(open_pair):
    threads, pooled, workers = await open_pair(search_worker_timeout_s=5.0)
    try:
        await _answered(pooled)
        (pid,) = workers.pids
        os.kill(pid, signal.SIGSTOP)
        with pytest.raises(SearchWorkerError):
            await _answered(pooled, "향 없는 토너")
        assert await _answered(pooled, "향 없는 토너") == await _answered(threads, "향 없는 토너")
        assert pid not in workers.pids and not _alive(pid)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_closing_the_engine_stops_every_worker_a_stop_signal_left_running(open_pair):
    threads, pooled, workers = await open_pair()
    await _answered(pooled)
    pids = workers.pids
    for pid in pids:  # as systemd signals the whole cgroup: the bot stops its workers itself
        os.kill(pid, signal.SIGTERM)
    found = await _answered(pooled, "민감성 진정")
    assert found == await _answered(threads, "민감성 진정")
    assert workers.pids == pids, "a worker took the stop signal"
    assert len(pids) == 1 and all(_alive(p) for p in pids)
    await pooled.aclose()
    await threads.aclose()
    assert not [p for p in pids if _alive(p)]
    assert multiprocessing.active_children() == []
    assert _spawned_children() == []
    with pytest.raises(SearchWorkerError):
        await _answered(pooled, "향 없는 토너")  # not answered before: no cached response


async def test_a_worker_dying_as_it_starts_fails_searches_at_once_until_one_is_up(open_pair):
    threads, pooled, workers = await open_pair()
    try:
        (pid,) = workers.pids
        os.kill(pid, signal.SIGKILL)  # long before it has loaded Kiwi and the snapshot
        while pid in workers.pids:
            await asyncio.sleep(0.05)
        with pytest.raises(SearchWorkerError, match="died starting"):
            await _answered(pooled)
        while not workers.pids:  # the replacement, after a pause
            await asyncio.sleep(0.05)
        (replacement,) = workers.pids
        while True:  # searches fail fast until the replacement is ready, then it answers
            try:
                found = await _answered(pooled)
                break
            except SearchWorkerError:
                await asyncio.sleep(0.1)
        assert found == await _answered(threads)
        assert workers.pids == (replacement,)
    finally:
        await pooled.aclose()
        await threads.aclose()


async def test_with_workers_and_the_static_table_the_bot_builds_kiwi_only_to_reindex(
        tmp_path, static_index_dir, mini_catalog_path, make_settings, e5_vectorizer):
    index_dir = tmp_path / "index"
    shutil.copytree(static_index_dir, index_dir)
    changed = tmp_path / "catalog.jsonl"  # one new review: the reindex has a text to analyse
    rows = [json.loads(line) for line in mini_catalog_path.read_text("utf-8").splitlines()]
    rows[0]["reviews"].append({"text": "새로 쓴 후기: 밤에 바르면 아침까지 촉촉해요", "rating": 5})
    changed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    settings = make_settings(index_dir=index_dir, catalog_path=changed, query_encoder="static",
                             static_vocabulary="catalog", search_workers=1)
    engine = await open_engine(settings, vectorizer=e5_vectorizer)
    try:
        before = await _answered(engine)
        assert not engine.analyzer.loaded
        kiwi_during = []

        async def progress(_):
            kiwi_during.append(engine.analyzer.loaded)

        await engine.reindex(progress)
        assert any(kiwi_during)  # built for the new review's morphemes
        assert not engine.analyzer.loaded  # let go once the new snapshot is served
        after = await _answered(engine, "밤에 바르면 아침까지 촉촉한 크림")
        assert after.index_version == engine.index_version != before.index_version
    finally:
        await engine.aclose()
