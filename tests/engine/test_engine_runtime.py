"""Memory and pauses: the entry points freeze a served snapshot out of the cyclic collector's
sight (the engine itself never touches the collector), and queries are read and ranked on a
small pool of their own."""

import asyncio
import gc
import os
import subprocess
import sys
import textwrap
import threading
import weakref
from pathlib import Path

import pytest

from engine.composition import build_engine
from engine.runtime import freeze_loaded_objects

ROOT = Path(__file__).resolve().parents[2]


def _is_collected_over(obj) -> bool:
    return any(candidate is obj for candidate in gc.get_objects())


@pytest.fixture
async def hooked_engine(make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    """An engine serving the test index with the entry points' swap hook; the collector is
    unfrozen before and after."""
    gc.unfreeze()
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                          morpheme_analyzer, on_swap=freeze_loaded_objects)
    await engine.load_latest_snapshot()
    yield engine
    gc.unfreeze()


async def test_a_served_snapshot_is_frozen_by_the_swap_hook(hooked_engine):
    morphemes = hooked_engine.search_index.morphemes
    assert morphemes and gc.is_tracked(morphemes)
    assert not _is_collected_over(morphemes)
    assert gc.get_freeze_count() > len(morphemes)


async def test_a_reindex_freezes_the_new_snapshot_too(hooked_engine):
    gc.unfreeze()
    await hooked_engine.reindex()
    assert not _is_collected_over(hooked_engine.search_index.morphemes)


async def test_without_the_hook_the_engine_leaves_the_collector_alone(
        make_settings, index_copy, e5_vectorizer, morpheme_analyzer):
    gc.unfreeze()
    engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer, morpheme_analyzer)
    await engine.load_latest_snapshot()
    assert gc.get_freeze_count() == 0
    assert _is_collected_over(engine.search_index.morphemes)


async def test_searches_read_and_rank_on_a_bounded_pool(make_settings, index_copy, e5_vectorizer,
                                                        morpheme_analyzer):
    def ranking_threads() -> set:
        return {t for t in threading.enumerate() if t.name.startswith("ranking")}

    engine = build_engine(make_settings(index_dir=index_copy, ranking_threads=1), e5_vectorizer,
                          morpheme_analyzer)
    await engine.load_latest_snapshot()
    others = ranking_threads()  # pools of engines other tests left open
    await asyncio.gather(*(engine.search_products(f"보습 크림 {n}번째", top_n=3) for n in range(12)))
    assert len(ranking_threads() - others) == 1


async def test_the_snapshot_a_reindex_replaced_is_freed(hooked_engine):
    await hooked_engine.search_products("보습 크림")
    replaced = weakref.ref(hooked_engine.search_index)
    await hooked_engine.reindex()
    await hooked_engine.search_products("보습 크림")
    assert replaced() is None and hooked_engine.search_index is not None


# Frees 200 MB of malloc'd blocks with every 50th kept, as a reindex's scratch leaves the heap:
# glibc keeps such holes unless asked to return them.
FRAGMENTED_HEAP = textwrap.dedent("""
    import sys
    from engine.runtime import return_freed_memory
    def rss_mib():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    blocks = [bytes(1000) + bytes([i % 256]) for i in range(200_000)]
    kept = blocks[::50]
    del blocks
    before = rss_mib()
    returned = return_freed_memory()
    print(before, rss_mib(), returned)
""")


def test_freed_heap_is_handed_back_to_the_operating_system():
    child = subprocess.run([sys.executable, "-c", FRAGMENTED_HEAP], capture_output=True,
                           text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    before, after, returned = child.stdout.split()
    assert returned == "True", child.stderr
    assert float(before) - float(after) > 100  # of the ~196 MiB freed
