"""Search behaviour with real multilingual-e5 embeddings over the mini catalog."""

import asyncio
import json

import numpy as np
import pytest

from engine.errors import InvalidQueryError, NoIndexError
from engine.notices import Notice
from engine.composition import build_engine


async def test_moisture_query_finds_the_barrier_cream_with_review_evidence(mini_engine):
    response = await mini_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림", top_n=3)
    top = response.results[0]
    assert top.product.product_id == "m01"
    assert top.evidence.source == "review"
    assert top.evidence.text in {r.text for r in top.product.reviews}


async def test_results_are_products_not_reviews(mini_engine):
    response = await mini_engine.search_products("촉촉한 보습", top_n=10)
    ids = [r.product.product_id for r in response.results]
    assert len(ids) == len(set(ids)) == 10
    assert [r.score for r in response.results] == sorted((r.score for r in response.results),
                                                          reverse=True)


async def test_category_filter_returns_only_that_category_and_still_fills_top_n(mini_engine):
    response = await mini_engine.search_products("촉촉한 보습 크림", ["선크림"], top_n=2)
    assert [r.product.category for r in response.results] == ["선크림", "선크림"]
    assert response.categories == ("선크림",)


async def test_several_categories_can_be_combined(mini_engine):
    response = await mini_engine.search_products("향", ["립", "헤어"], top_n=10)
    assert {r.product.category for r in response.results} == {"립", "헤어"}
    assert len(response.results) == 4


async def test_unknown_category_gives_a_notice_and_no_results(mini_engine):
    response = await mini_engine.search_products("보습", ["없는카테고리"])
    assert response.results == ()
    assert response.notices == (Notice.UNKNOWN_CATEGORY,)
    assert response.skipped_categories == ("없는카테고리",)


async def test_evidence_always_belongs_to_the_result(mini_engine):
    for query in ("눈이 시리지 않은 선크림", "탈모 샴푸", "입술 각질"):
        results = (await mini_engine.search_products(query, top_n=5)).results
        assert len(results) == 5
        for result in results:
            if result.evidence.source == "review":
                assert any(result.evidence.text in r.text for r in result.product.reviews)
            else:
                assert result.evidence.text in (result.product.description, result.product.name)


async def test_catalog_markup_reaches_results_unescaped(mini_engine):
    response = await mini_engine.search_products("무향 립밤", ["립"], top_n=2)
    names = {r.product.name for r in response.results}
    assert "<script>&장난 립밤" in names


async def test_empty_and_symbol_only_queries_are_refused(mini_engine):
    for query in ("", "   ", "\u200b\u200b", "😀😀", "\x00\x07"):
        with pytest.raises(InvalidQueryError):
            await mini_engine.search_products(query)


async def test_a_4000_character_query_is_answered_with_a_notice(mini_engine):
    response = await mini_engine.search_products("보습 크림 " * 700)
    assert response.results
    assert response.notices == (Notice.QUERY_TRUNCATED,)


async def test_no_snapshot_raises_no_index(make_settings, tmp_path, e5_vectorizer, morpheme_analyzer):
    engine = build_engine(make_settings(index_dir=tmp_path / "empty"), e5_vectorizer,
                          morpheme_analyzer)
    assert not await engine.load_latest_snapshot()
    with pytest.raises(NoIndexError):
        await engine.search_products("보습")


class OtherModel:
    """A backend with another identity: the index must refuse its vectors."""

    dim = 384
    model_identity = "some-other-model"
    description = "other"

    async def start(self): ...
    async def aclose(self): ...

    async def encode(self, text, role=None):
        return np.ones(384, dtype=np.float32) / np.sqrt(384)


async def test_index_built_with_another_model_answers_with_keyword_results_and_asks_for_reindex(
        make_settings, index_copy, morpheme_analyzer):
    engine = build_engine(make_settings(index_dir=index_copy), OtherModel(),
                          morpheme_analyzer)
    await engine.load_latest_snapshot()
    response = await engine.search_products("보습")
    assert response.results
    assert response.mode == "keyword"
    assert {r.mode for r in response.results} == {"keyword"}
    assert response.notices == (Notice.REINDEX_NEEDED,)


async def test_similar_products_exclude_the_product_itself(mini_engine):
    response = await mini_engine.similar_products("m01", top_n=3)
    ids = [r.product.product_id for r in response.results]
    assert "m01" not in ids and len(ids) == 3


async def test_reindex_swaps_while_searches_keep_answering(make_settings, index_copy,
                                                           e5_vectorizer, tmp_path, morpheme_analyzer):
    catalog = tmp_path / "new.jsonl"
    lines = (make_settings().catalog_path).read_text(encoding="utf-8").splitlines()
    extra = json.loads(lines[0]) | {"product_id": "m99", "name": "새로 들어온 크림"}
    catalog.write_text("\n".join(lines + [json.dumps(extra, ensure_ascii=False)]), encoding="utf-8")
    engine = build_engine(make_settings(index_dir=index_copy, catalog_path=catalog), e5_vectorizer,
                          morpheme_analyzer)
    await engine.load_latest_snapshot()
    old_version = engine.index_version
    reindex = asyncio.create_task(engine.reindex())
    answered = 0
    while not reindex.done():
        response = await engine.search_products("보습 크림")
        assert response.results
        answered += 1
        await asyncio.sleep(0)
    summary = await reindex
    assert answered > 0
    assert summary.products == 13
    assert engine.index_version != old_version
    assert engine.get_product("m99") is not None


async def test_second_reindex_while_one_runs_is_refused(mini_engine):
    from engine.errors import ReindexInProgressError

    first = asyncio.create_task(mini_engine.reindex())
    await asyncio.sleep(0)
    with pytest.raises(ReindexInProgressError):
        await mini_engine.reindex()
    await first


async def test_failed_reindex_keeps_the_old_snapshot_serving(make_settings, index_copy,
                                                             e5_vectorizer, tmp_path, morpheme_analyzer):
    from engine.errors import CatalogError

    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"product_id": "x"\n', encoding="utf-8")
    engine = build_engine(make_settings(index_dir=index_copy, catalog_path=broken), e5_vectorizer,
                          morpheme_analyzer)
    await engine.load_latest_snapshot()
    version = engine.index_version
    with pytest.raises(CatalogError):
        await engine.reindex()
    assert engine.index_version == version
    assert (await engine.search_products("보습")).results
    assert not [p for p in index_copy.iterdir() if p.name.startswith(".tmp-")]


class CountingVectorizer:
    """Wraps the real e5 backend and counts the passages it is asked to embed."""

    def __init__(self, inner):
        self.inner = inner
        self.passages = 0
        self.dim = inner.dim
        self.model_identity = inner.model_identity
        self.description = inner.description

    async def start(self): ...
    async def aclose(self): ...

    async def encode(self, text, role=None):
        return await self.inner.encode(text, role)

    async def encode_batch(self, texts, batch_size=32, role=None):
        self.passages += len(texts)
        return await self.inner.encode_batch(texts, batch_size, role)


async def test_incremental_reindex_embeds_only_changed_texts(make_settings, index_copy,
                                                             e5_vectorizer, tmp_path,
                                                             morpheme_analyzer):
    lines = make_settings().catalog_path.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[2])
    changed["reviews"][0]["text"] = "완전히 새로 쓴 리뷰: 진정 효과가 좋아요"
    catalog = tmp_path / "changed.jsonl"
    catalog.write_text("\n".join(lines[:2] + [json.dumps(changed, ensure_ascii=False)] + lines[3:]),
                       encoding="utf-8")
    counting = CountingVectorizer(e5_vectorizer)
    engine = build_engine(make_settings(index_dir=index_copy, catalog_path=catalog), counting,
                          morpheme_analyzer)
    await engine.load_latest_snapshot()
    before = await engine.search_products("탈모 샴푸", top_n=3)
    summary = await engine.reindex()
    assert counting.passages == 1
    assert summary.embedded_texts == 1
    assert summary.reused_vectors > summary.documents // 2
    after = await engine.search_products("탈모 샴푸", top_n=3)
    # The edited product may move; the others keep their order.
    unchanged = lambda response: [r.product.product_id for r in response.results
                                  if r.product.product_id != changed["product_id"]][:2]
    assert unchanged(after) == unchanged(before)
    fresh = np.asarray(await e5_vectorizer.encode_batch(["완전히 새로 쓴 리뷰: 진정 효과가 좋아요"]))
    response = await engine.search_products("완전히 새로 쓴 리뷰: 진정 효과가 좋아요", top_n=1)
    assert response.results[0].product.product_id == "m03"
    assert fresh.shape == (1, 384)


class CountingAnalyzer:
    """Wraps the real Kiwi analyser and counts the texts a reindex asks it to analyse."""

    def __init__(self, inner):
        self.inner = inner
        self.identity = inner.identity
        self.analysed = 0

    def analyze(self, text):
        return self.inner.analyze(text)

    def analyze_many(self, texts):
        self.analysed += len(texts)
        return self.inner.analyze_many(texts)


async def test_incremental_reindex_analyses_only_changed_texts(make_settings, index_copy,
                                                               e5_vectorizer, morpheme_analyzer,
                                                               tmp_path):
    lines = make_settings().catalog_path.read_text(encoding="utf-8").splitlines()
    changed = json.loads(lines[4]) | {"description": "새로 바뀐 설명: 향이 은은해요"}
    catalog = tmp_path / "changed.jsonl"
    catalog.write_text("\n".join(lines[:4] + [json.dumps(changed, ensure_ascii=False)] + lines[5:]),
                       encoding="utf-8")
    counting = CountingAnalyzer(morpheme_analyzer)
    engine = build_engine(make_settings(index_dir=index_copy, catalog_path=catalog),
                          e5_vectorizer, counting)
    await engine.load_latest_snapshot()
    await engine.reindex()
    assert counting.analysed == 1
    fresh = build_engine(make_settings(index_dir=index_copy), e5_vectorizer,
                         morpheme_analyzer)
    await fresh.load_latest_snapshot()
    rebuilt = fresh.search_index.morphemes
    assert rebuilt == tuple(morpheme_analyzer.analyze(t)
                            for t in fresh.search_index.corpus.document_texts())
