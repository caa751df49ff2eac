"""Rendering is pure: engine values in, escaped HTML under 4,096 characters out."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import (format_price, notice_text, page_count, render_card, render_no_results,
                        render_results, shorten)
from bot.texts import KOREAN as KO
from emulator import parse_html
from engine.models import Evidence, SearchResponse, SearchResult
from engine.notices import Notice
from tests.bot.fake_engine import product


def result(name="세라마이드 크림", review="겨울에도 촉촉해요", score=0.8765, **fields):
    item = product("p1", name, review=review, **fields)
    return SearchResult(product=item, score=score, mode="semantic",
                        evidence=Evidence(text=review, source="review", review_rating=5))


def response(*results, query="보습 크림", notices=(), skipped=()):
    return SearchResponse(query=query, results=tuple(results), mode="semantic",
                          notices=tuple(notices), index_version="abc123",
                          skipped_categories=tuple(skipped))


def test_price_has_thousands_separators_and_won():
    assert format_price(32000, KO) == "32,000원"
    assert format_price(0, KO) == "0원"


def test_shorten_folds_whitespace_and_marks_the_cut():
    assert shorten("a\n\n b", 10) == "a b"
    assert shorten("가나다라마바사", 4) == "가나다…"


def test_a_card_shows_every_fact_and_the_reason_but_no_internals():
    text, _ = parse_html(render_card(1, result(), KO))
    assert text.splitlines() == [
        "1. 세라마이드 크림", "포근랩 · 크림 · 32,000원 · ★4.5", "💬 리뷰 (★5)", "겨울에도 촉촉해요"]


def test_operators_can_ask_for_the_score_and_search_type():
    text, _ = parse_html(render_card(1, result(), KO, show_score=True))
    assert text.splitlines()[-1] == "점수 0.88 · 문맥 검색"


def test_an_unranked_card_has_no_number():
    text, _ = parse_html(render_card(None, result(), KO))
    assert text.splitlines()[0] == "세라마이드 크림"


def test_similar_header_takes_the_particle_the_name_calls_for():
    for name, header in [("세라마이드 크림", "🧴 ‘세라마이드 크림’과 비슷한 제품"),
                         ("수분 토너", "🧴 ‘수분 토너’와 비슷한 제품")]:
        text, _ = parse_html(render_results(response(result(), query=name), KO, page=0,
                                            category=None, kind="similar"))
        assert text.splitlines()[0] == header


def test_catalog_markup_is_escaped():
    html = render_card(1, result(name="<script>&x", review="<b>굵게</b>", brand="A&B"), KO)
    text, entities = parse_html(html)
    assert "<script>&x" in text and "<b>굵게</b>" in text and "A&B" in text
    assert {e["type"] for e in entities} == {"bold", "blockquote"}


def test_header_shows_query_category_page_and_notices():
    html = render_results(response(result(), notices=[Notice.QUERY_TRUNCATED]), KO, page=0,
                          category="크림")
    text, _ = parse_html(html)
    assert text.splitlines()[:3] == ["🔎 ‘보습 크림’ 검색 결과", "카테고리: 크림 · 1/1쪽",
                                     "ℹ️ 질문이 길어서 앞부분 5자만 검색했어요."]


def test_a_skipped_category_is_named_in_its_notice_and_escaped():
    html = render_no_results(response(notices=[Notice.UNKNOWN_CATEGORY], skipped=["<립>", "헤어"]),
                             KO)
    assert "ℹ️ 없는 카테고리는 건너뛰었어요: &lt;립&gt;, 헤어" in html


def test_every_engine_notice_has_words():
    for code in Notice:
        assert notice_text(response(), code, KO)


def test_pages_hold_three_results():
    many = response(*[result(name=f"크림 {i}") for i in range(7)])
    assert page_count(many) == 3
    text, _ = parse_html(render_results(many, KO, page=2, category=None))
    assert "7. 크림 6" in text and "6. 크림 5" not in text


huge = st.text(alphabet=st.sampled_from('<>&"가😀 \n'), min_size=0, max_size=3000)


@settings(max_examples=40, deadline=None)
@given(name=huge, review=huge, query=huge, notice=huge)
def test_any_catalog_text_renders_to_valid_html_under_the_limit(name, review, query, notice):
    results = [result(name=name or "x", review=review or "y") for _ in range(3)]
    html = render_results(response(*results, query=query or "q", skipped=[notice] * 40,
                                   notices=[Notice.UNKNOWN_CATEGORY] * 5),
                          KO, page=0, category=name or None)
    text, _ = parse_html(html)  # raises if Telegram would refuse the markup
    assert len(html) <= 4096 and len(text) <= 4096


def test_nothing_fits_says_so_names_the_missing_words_and_what_the_shop_carries():
    from dataclasses import replace

    from bot.render import render_no_results
    unfit = replace(response(query="노트북 <추천>"), nothing_fits=True, unknown_words=("노트북",))
    text, _ = parse_html(render_no_results(unfit, KO, ["크림", "선크림 & 선스틱"]))
    lines = text.splitlines()
    assert lines[0] == "‘노트북 <추천>’에 맞는 제품은 저희 가게에 없어요."
    assert lines[1] == "‘노트북’과 관련된 제품은 다루지 않아요."
    assert lines[2] == "이런 제품을 찾아 드릴 수 있어요: 크림, 선크림 & 선스틱"
    assert lines[3].startswith("예: ")


def test_filters_that_leave_nothing_ask_for_other_words_instead():
    from bot.render import render_no_results
    text, _ = parse_html(render_no_results(response(query="보습"), KO, ["크림"]))
    assert text.splitlines()[0] == "‘보습’에 맞는 제품을 찾지 못했어요. 다른 말로 검색해 보세요."
