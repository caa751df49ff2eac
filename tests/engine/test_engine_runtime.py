"""Memory and pauses: the entry points freeze a served snapshot out of the cyclic collector's
sight (the engine itself never touches the collector), and queries are read and ranked on a
small pool of their own."""

import asyncio
import gc
import threading

from engine.composition import build_engine
from engine.runtime import freeze_loaded_objects


def _is_collected_over(obj) -> bool:
    return any(candidate is obj for candidate in gc.get_objects())


async def test_a_served_snapshot_is_frozen_by_the_swap_hook(make_settings, index_copy,
                                                            e5_vectorizer, morpheme_analyzer):
    gc.unfreeze()
    try:
        engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                              morpheme_analyzer, on_swap=freeze_loaded_objects)
        await engine.load_latest_snapshot()
        morphemes = engine.search_index.morphemes
        assert morphemes and gc.is_tracked(morphemes)
        assert not _is_collected_over(morphemes)
        assert gc.get_freeze_count() > len(morphemes)
    finally:
        gc.unfreeze()


async def test_a_reindex_freezes_the_new_snapshot_too(make_settings, index_copy, e5_vectorizer,
                                                      morpheme_analyzer):
    gc.unfreeze()
    try:
        engine = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                              morpheme_analyzer, on_swap=freeze_loaded_objects)
        await engine.load_latest_snapshot()
        gc.unfreeze()
        await engine.reindex()
        assert not _is_collected_over(engine.search_index.morphemes)
    finally:
        gc.unfreeze()


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
