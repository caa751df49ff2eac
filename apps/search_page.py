"""The seed's Streamlit search page, rebuilt on the engine's Python API (docs/python-api.md).

    pip install -e ".[app]"
    streamlit run apps/search_page.py

A query box, the search type (문맥 / 키워드 / 하이브리드), a category filter and the number of
results; each result card quotes the review behind it with the price, "비슷한 제품" lists
products like it, and "구매하기" opens the shop's page when the catalog has one. The sidebar names the embedding backend and how old the served snapshot is.
Settings come from the environment and `.env`, as for the bot: with none it runs on the
embedded e5 model and builds the first snapshot of CATALOG_PATH on its first start.
"""

from __future__ import annotations

import atexit
import re
from datetime import datetime, timezone

import streamlit as st

import engine

# The page's words (the engine answers in codes; the bot has its own words in bot/texts/).
TITLE = "Cosmo 화장품 리뷰 검색"
QUERY_LABEL = "어떤 제품을 찾으세요?"
QUERY_PLACEHOLDER = "예: 겨울에 얼굴 땅기는 거 잡아줄 크림"
MODE_LABEL = "검색 방식"
MODES = {"문맥": "semantic", "키워드": "keyword", "하이브리드": "hybrid"}
CATEGORY_LABEL = "카테고리"
CATEGORY_PLACEHOLDER = "전체"
TOP_LABEL = "결과 수"
SIMILAR_BUTTON = "비슷한 제품"
BUY_BUTTON = "구매하기"
SIMILAR_TITLE = "비슷한 제품: ‘{name}’"
BACK_BUTTON = "검색 결과로 돌아가기"
SUMMARY = "‘{query}’ · {mode} · {categories} · {count}개"
ALL_CATEGORIES = "전체"
NOTHING_FITS = "이 가게에는 맞는 제품이 없어요."
NOTHING_FITS_WORDS = "가게의 어떤 제품에도 없는 말: {words}"
NO_RESULTS = "맞는 제품을 찾지 못했어요. 다른 말로 검색해 보세요."
NOTICES = {
    "query_truncated": "질문이 길어서 앞부분만 검색했어요.",
    "unknown_category": "없는 카테고리는 건너뛰었어요: {categories}",
    "semantic_unavailable": "문맥 검색을 잠시 쓸 수 없어서 키워드 검색 결과예요.",
    "reindex_needed": "색인이 다른 임베딩 모델로 만들어졌어요. 재색인 전까지 키워드 검색 결과예요.",
    "keyword_index_missing": "키워드 색인이 없는 예전 색인이라 문맥 검색 결과예요.",
}
PRICE = "{won:,}원"
FACTS = "{brand} · {category} · ★{rating:.1f}"
REVIEW = "리뷰 ★{rating}"
LISTING = "상품 설명"
SIDEBAR_BACKEND = "임베딩 백엔드"
SIDEBAR_SNAPSHOT = "색인"
SIDEBAR_FACTS = "제품 {products}개 · 리뷰 {reviews}개"
AGE_NOW = "방금 만든 색인"
AGE_MINUTES = "{n}분 전에 만든 색인"
AGE_HOURS = "{n}시간 전에 만든 색인"
AGE_DAYS = "{n}일 전에 만든 색인"
INDEXING = "첫 색인을 만드는 중이에요 (1분 안쪽)…"

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&$:])")


def plain(text: str) -> str:
    """Catalog text for `st.markdown`, shown as written: every markup character escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def snapshot_age(created_at: str, now: datetime) -> str:
    """How long ago the snapshot was made, in the page's words."""
    created = datetime.fromisoformat(created_at)
    minutes = max(0, int((now - created).total_seconds() // 60))
    if minutes < 1:
        return AGE_NOW
    if minutes < 60:
        return AGE_MINUTES.format(n=minutes)
    if minutes < 24 * 60:
        return AGE_HOURS.format(n=minutes // 60)
    return AGE_DAYS.format(n=minutes // (24 * 60))


@st.cache_resource(show_spinner=False)
def cosmo_client() -> engine.Client:
    """One engine for the whole Streamlit server, shared by every browser session."""
    client = engine.connect()
    atexit.register(client.close)
    if not client.is_ready:
        with st.spinner(INDEXING):
            client.reindex()
    return client


def sidebar(client: engine.Client) -> None:
    stats = client.stats()
    st.sidebar.subheader(SIDEBAR_BACKEND)
    st.sidebar.markdown(plain(stats.backend))
    st.sidebar.subheader(SIDEBAR_SNAPSHOT)
    st.sidebar.markdown(plain(snapshot_age(stats.index_created_at, datetime.now(timezone.utc))))
    st.sidebar.caption(f"{stats.snapshot_id} · "
                       + SIDEBAR_FACTS.format(products=stats.products, reviews=stats.reviews))


def result_card(result: engine.SearchResult, key: str) -> None:
    product = result.product
    with st.container(border=True):
        name, price = st.columns([4, 1])
        name.markdown(f"**{plain(product.name)}**")
        price.markdown(f"**{PRICE.format(won=product.price)}**")
        st.caption(plain(FACTS.format(brand=product.brand, category=product.category,
                                      rating=product.rating)))
        if result.evidence is not None:
            source = (REVIEW.format(rating=result.evidence.review_rating)
                      if result.evidence.source == "review" else LISTING)
            st.markdown(f"> {plain(result.evidence.text)}\n>\n> — {plain(source)}")
        similar, buy = st.columns([1, 1], width=260)
        similar.button(SIMILAR_BUTTON, key=f"similar-{key}-{product.product_id}",
                       on_click=show_similar, args=(product.product_id, product.name))
        if product.url:  # the catalog admits http(s) addresses only (docs/catalog.md)
            buy.link_button(BUY_BUTTON, product.url)


def show_similar(product_id: str, name: str) -> None:
    st.session_state.similar_to = (product_id, name)


def show_search() -> None:
    st.session_state.similar_to = None


def show_response(response: engine.SearchResponse, key: str) -> None:
    mode = next(label for label, value in MODES.items() if value == response.mode)
    categories = ", ".join(response.categories) or ALL_CATEGORIES
    st.caption(plain(SUMMARY.format(query=response.query, mode=mode, categories=categories,
                                    count=len(response.results))))
    for notice in response.notices:
        words = NOTICES.get(notice, notice)
        st.info(plain(words.format(categories=", ".join(response.skipped_categories))))
    if response.nothing_fits:
        st.warning(NOTHING_FITS)
        if response.unknown_words:
            st.caption(plain(NOTHING_FITS_WORDS.format(words=", ".join(response.unknown_words))))
    elif not response.results:
        st.info(NO_RESULTS)
    for result in response.results:
        result_card(result, key)


def main() -> None:
    st.set_page_config(page_title=TITLE, page_icon="🧴")
    st.title(TITLE)
    client = cosmo_client()
    sidebar(client)
    query = st.text_input(QUERY_LABEL, placeholder=QUERY_PLACEHOLDER, on_change=show_search)
    mode_label = st.radio(MODE_LABEL, list(MODES), index=2, horizontal=True)
    left, right = st.columns([3, 1])
    categories = left.multiselect(CATEGORY_LABEL, client.categories(),
                                 placeholder=CATEGORY_PLACEHOLDER)
    top_n = right.number_input(TOP_LABEL, min_value=1, max_value=20, value=5, step=1)
    similar_to = st.session_state.get("similar_to")
    if similar_to:
        product_id, name = similar_to
        st.subheader(SIMILAR_TITLE.format(name=plain(name)))
        st.button(BACK_BUTTON, on_click=show_search)
        show_response(client.similar(product_id, top_n=int(top_n)), "similar")
    elif query.strip():
        try:
            response = client.search(query, categories or None, int(top_n), MODES[mode_label])
        except engine.InvalidQueryError:
            st.info(NO_RESULTS)
        else:
            show_response(response, "search")


if __name__ == "__main__":
    main()
