"""Memory and pauses: a loaded snapshot is out of the cyclic collector's sight, and queries are
read and ranked on a small pool of their own."""

import gc

from engine.service import SearchEngine


def _is_collected_over(obj) -> bool:
    return any(candidate is obj for candidate in gc.get_objects())


async def test_a_served_snapshot_is_frozen_out_of_collections(make_settings, index_copy,
                                                              e5_vectorizer):
    gc.unfreeze()
    try:
        engine = SearchEngine(make_settings(index_dir=index_copy), e5_vectorizer)
        await engine.load_latest_snapshot()
        morphemes = engine._index.morphemes
        assert morphemes and gc.is_tracked(morphemes)
        assert not _is_collected_over(morphemes)
        assert gc.get_freeze_count() > len(morphemes)
    finally:
        gc.unfreeze()


async def test_a_reindex_freezes_the_new_snapshot_too(make_settings, index_copy, e5_vectorizer):
    gc.unfreeze()
    try:
        engine = SearchEngine(make_settings(index_dir=index_copy), e5_vectorizer)
        await engine.load_latest_snapshot()
        gc.unfreeze()
        await engine.reindex()
        assert not _is_collected_over(engine._index.morphemes)
    finally:
        gc.unfreeze()


async def test_searches_read_and_rank_on_a_bounded_pool(make_settings, index_copy, e5_vectorizer):
    import asyncio
    import threading

    def ranking_threads() -> set:
        return {t for t in threading.enumerate() if t.name.startswith("ranking")}

    engine = SearchEngine(make_settings(index_dir=index_copy, ranking_threads=1), e5_vectorizer)
    await engine.load_latest_snapshot()
    others = ranking_threads()  # pools of engines other tests left open
    await asyncio.gather(*(engine.search_products(f"보습 크림 {n}번째", top_n=3) for n in range(12)))
    assert len(ranking_threads() - others) == 1
