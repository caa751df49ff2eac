"""The quoted evidence: the review sentence that proves the match, found from stored morphemes
and embedded sentences (real Kiwi and e5)."""

import json

import numpy as np
import pytest

from engine.corpus import build_corpus
from engine.keyword import Morpheme
from engine.models import Product, Review
from engine.sentences import review_sentences, sentence_spans


def spans_as_text(text, analyzer):
    return [text[start:stop] for start, stop in sentence_spans(text, analyzer.analyze(text))]


def test_sentences_end_after_a_final_ending_even_without_punctuation(morpheme_analyzer):
    text = "배송이 빨라서 좋았어요 겨울에 얼굴 땅기던 게 싹 사라졌어요"
    assert spans_as_text(text, morpheme_analyzer) == ["배송이 빨라서 좋았어요",
                                                      "겨울에 얼굴 땅기던 게 싹 사라졌어요"]


def test_trailing_marks_stay_with_their_sentence_and_tiny_pieces_join_the_one_before(
        morpheme_analyzer):
    text = "진짜 순해요!! 향도 없어요ㅠㅠ 굿"
    assert spans_as_text(text, morpheme_analyzer) == ["진짜 순해요!!", "향도 없어요ㅠㅠ 굿"]


def test_a_one_sentence_review_is_one_span_without_surrounding_space(morpheme_analyzer):
    text = "  촉촉하고 흡수가 빨라요  "
    assert spans_as_text(text, morpheme_analyzer) == ["촉촉하고 흡수가 빨라요"]


def test_line_breaks_end_sentences_too():
    text = "좋은 크림\n겨울 필수템"
    assert [text[a:b] for a, b in sentence_spans(text, ())] == ["좋은 크림", "겨울 필수템"]


def test_the_sentence_table_holds_quotable_reviews_of_two_sentences_or_more(morpheme_analyzer):
    product = Product("p", "크림", "b", "크림", 1000, 4.0, "촉촉한 크림입니다. 겨울용이에요.",
                      (Review("촉촉해요", 5), Review("순해요. 향이 없어요", 5),
                       Review("별로예요. 건조해요", 2)))
    corpus = build_corpus((product,))
    morphemes = tuple(morpheme_analyzer.analyze_many(corpus.document_texts()))
    table = review_sentences(corpus, morphemes)
    # the listing, the one-liner and the low-rated review have no rows
    assert table.doc.tolist() == [2, 2]
    assert table.texts(corpus) == ["순해요.", "향이 없어요"]
    assert list(table.rows_of(2)) == [0, 1] and not table.rows_of(1)


def test_sentence_spans_from_hand_made_morphemes_cut_at_the_next_space():
    text = "좋아요. 또 살게요"
    morphemes = (Morpheme("좋", "VA", 0, 1), Morpheme("아요", "EF", 1, 2),
                 Morpheme(".", "SF", 3, 1), Morpheme("또", "MAG", 5, 1),
                 Morpheme("사", "VV", 7, 1), Morpheme("ㄹ게요", "EF", 8, 2))
    assert sentence_spans(text, morphemes) == ((0, 4), (5, 10))


FIX = "겨울에 얼굴 땅기던 게 이거 바르고 자면 다음 날까지 촉촉해요"
SCENT_ABSENT = "향이 거의 안 나요."
SCENT_PRESENT = "바디로션 특유의 향이 은은하게 나긴 해요"
SCENT_GONE = "향은 하나도 없어요."
NO_TIGHTNESS = "자고 일어나도 속당김이 없어요"
FINE_LINES = "한 달 발랐더니 눈가 잔주름이 옅어졌어요"
ALL_DAY = "운동하고 와도 괜찮아요"

PRODUCTS = [
    # The sentence that proves the match comes second, after an unrelated one.
    ("cream", "크림", "리치 크림", [(f"배송이 빨라서 좋았어요. {FIX}", 5),
                                ("용기가 예뻐요", 5)]),
    ("cream2", "크림", "수분 크림", [("여름에 가볍게 쓰기 좋아요", 5), ("무난해요", 4)]),
    # Reports the scent absent overall, but its second sentence (closer to the query's words)
    # says the scent is there.
    ("lotion", "바디로션", "무향 바디로션", [(f"{SCENT_ABSENT} {SCENT_PRESENT}", 5),
                                        ("촉촉해요", 4)]),
    ("lotion2", "바디로션", "플로럴 바디로션", [("꽃향기가 진해서 기분 좋아요", 5),
                                           ("보습력 최고예요", 5)]),
    # Its only absence report is a low-rated review that also complains; no review is good.
    ("lotion3", "바디로션", "데일리 바디로션", [(f"{SCENT_GONE} 근데 바르고 나면 너무 건조해요", 2),
                                           ("무난해요", 3)]),
    # No review shares a word with "수분 젤"; one uses a word of its concern (dryness).
    ("gel", "수분젤", "데일리 젤", [(f"용기가 예뻐서 선물하기 좋아요. {NO_TIGHTNESS}", 5)]),
    # Its listing names the ingredient; only a review says what the ingredient did.
    ("serum", "세럼", "레티놀 나이트 세럼", [("배송 빨라요", 5), (FINE_LINES, 5)]),
    # The listing is nearer a bare product-type query than any review.
    ("deo", "데오드란트", "롤온 데오드란트", [(ALL_DAY, 5), ("자국이 남아서 별로", 2)]),
]


@pytest.fixture
async def quoting_engine(catalog_engine):
    return await catalog_engine([{"product_id": pid, "category": category, "name": name,
                                  "description": f"{name}입니다.", "reviews": reviews}
                                 for pid, category, name, reviews in PRODUCTS])


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
async def test_the_quote_is_the_sentence_that_proves_the_match_not_the_first(quoting_engine,
                                                                            mode):
    response = await quoting_engine.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림",
                                                    top_n=2, mode=mode)
    cream = next(r for r in response.results if r.product.product_id == "cream")
    assert cream.evidence.source == "review"
    assert cream.evidence.text == FIX


async def test_keyword_mode_quotes_a_sentence_sharing_the_query_words(quoting_engine):
    response = await quoting_engine.search_products("얼굴 땅기는 크림", top_n=2,
                                                    mode="keyword")
    cream = next(r for r in response.results if r.product.product_id == "cream")
    assert cream.evidence.text == FIX


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_a_sentence_reporting_the_unwanted_trait_is_never_quoted(quoting_engine, mode):
    response = await quoting_engine.search_products("향 없는 바디로션", top_n=2, mode=mode)
    lotion = next(r for r in response.results if r.product.product_id == "lotion")
    assert lotion.evidence.text == SCENT_ABSENT


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_a_low_rated_review_is_never_quoted_even_where_it_reports_the_trait_absent(
        quoting_engine, mode):
    response = await quoting_engine.search_products("향 없는 바디로션", top_n=3, mode=mode)
    lotion = next(r for r in response.results if r.product.product_id == "lotion3")
    assert lotion.evidence.source == "listing"


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_a_review_in_the_words_of_the_querys_concern_is_quoted_over_the_listing(
        quoting_engine, mode):
    response = await quoting_engine.search_products("수분 젤 추천", top_n=3, mode=mode)
    gel = next(r for r in response.results if r.product.product_id == "gel")
    assert gel.evidence.text == NO_TIGHTNESS


@pytest.mark.parametrize("mode", ["semantic", "keyword", "hybrid"])
async def test_an_ingredient_query_quotes_the_review_about_what_the_ingredient_does(
        quoting_engine, mode):
    response = await quoting_engine.search_products("레티놀 세럼", top_n=3, mode=mode)
    serum = next(r for r in response.results if r.product.product_id == "serum")
    assert serum.evidence.text == FINE_LINES  # not the listing, which names 레티놀


@pytest.mark.parametrize("mode", ["semantic", "hybrid"])
async def test_a_well_rated_review_is_quoted_over_a_listing_nearer_the_query(quoting_engine,
                                                                            mode):
    response = await quoting_engine.search_products("롤온 데오드란트", top_n=3, mode=mode)
    deo = next(r for r in response.results if r.product.product_id == "deo")
    assert (deo.evidence.source, deo.evidence.text) == ("review", ALL_DAY)


async def test_the_snapshot_keeps_review_sentences_with_their_vectors(quoting_engine,
                                                                      e5_vectorizer):
    index = quoting_engine.search_index
    texts = index.sentences.texts(index.corpus)
    assert FIX in texts and SCENT_PRESENT in texts
    assert index.sentences.vectors.shape == (len(texts), index.dim)
    fresh = np.asarray(await e5_vectorizer.encode_batch([FIX]))[0]
    assert np.allclose(index.sentences.vectors[texts.index(FIX)], fresh, atol=1e-4)


async def test_a_snapshot_without_sentence_vectors_still_quotes_the_sentence_sharing_words(
        quoting_engine, make_settings, e5_vectorizer, morpheme_analyzer, tmp_path):
    from engine.composition import build_engine, open_engine

    index_dir = tmp_path / "index"
    snapshot = index_dir / (index_dir / "CURRENT").read_text().strip()
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("sentences")
    for name in ("sentences.npy", "sentence_vectors.npy"):
        manifest["files"].pop(name)
        (snapshot / name).unlink()
    (snapshot / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    old = build_engine(make_settings(index_dir=index_dir), e5_vectorizer,
                       morpheme_analyzer)
    assert await old.load_latest_snapshot()
    assert old.search_index.sentences.count == 0
    response = await old.search_products("겨울에 얼굴 땅기는 거 잡아줄 크림", top_n=2)
    cream = next(r for r in response.results if r.product.product_id == "cream")
    assert cream.evidence.text == FIX
