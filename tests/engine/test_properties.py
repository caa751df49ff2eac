"""Property tests: the catalog loader and query cleaning never fail in unplanned ways."""

import json
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from engine.catalog import parse_jsonl_catalog
from engine.errors import CatalogError, InvalidQueryError
from engine.query import MAX_QUERY_CHARS, clean_query

texts = st.text(min_size=1, max_size=40).filter(lambda t: t.strip())
reviews = st.lists(st.fixed_dictionaries({"text": texts, "rating": st.integers(1, 5)}), max_size=4)
products = st.fixed_dictionaries({
    "product_id": st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=8),
    "name": texts, "brand": texts, "category": texts,
    "price": st.integers(0, 10_000_000),
    "rating": st.floats(1, 5, allow_nan=False),
    "description": st.text(max_size=60),
    "reviews": reviews,
})


@settings(max_examples=150, deadline=None)
@given(st.lists(products, min_size=1, max_size=5, unique_by=lambda p: p["product_id"]))
def test_valid_products_round_trip_exactly(rows):
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    parsed = parse_jsonl_catalog(text)
    assert [p.product_id for p in parsed] == [r["product_id"] for r in rows]
    for product, row in zip(parsed, rows):
        assert (product.name, product.brand, product.category) == \
            (row["name"], row["brand"], row["category"])
        assert [r.text for r in product.reviews] == [r["text"] for r in row["reviews"]]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_line_either_parses_or_raises_a_located_catalog_error(line):
    try:
        parse_jsonl_catalog(line, source="x.jsonl")
    except CatalogError as error:
        assert error.path == "x.jsonl"


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({}, optional={
    "product_id": st.one_of(st.none(), st.integers(), st.text(max_size=5), st.booleans()),
    "name": st.one_of(st.none(), st.text(max_size=5), st.integers()),
    "price": st.one_of(st.text(max_size=6), st.floats(allow_nan=True), st.integers()),
    "rating": st.one_of(st.text(max_size=3), st.floats(allow_nan=True), st.integers(-3, 9)),
    "reviews": st.one_of(st.text(max_size=3), st.lists(st.dictionaries(
        st.sampled_from(["text", "rating"]), st.one_of(st.integers(), st.text(max_size=4))),
        max_size=2)),
}))
def test_malformed_products_raise_catalog_errors_only(row):
    try:
        parse_jsonl_catalog(json.dumps(row), source="x.jsonl")
    except CatalogError as error:
        assert error.line == 1


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=2000))
def test_clean_query_output_is_printable_bounded_and_stable(raw):
    try:
        cleaned = clean_query(raw)
    except InvalidQueryError:
        return
    text = cleaned.text
    assert text and text == text.strip()
    assert len(text) <= MAX_QUERY_CHARS
    assert not any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in text)
    assert "  " not in text
    assert clean_query(text).text == text


@given(st.lists(st.sampled_from(["\u3164", "\u115f", "\u1160", "\uffa0", " ", "\u200b", "\n"]),
                min_size=1, max_size=20))
def test_blank_hangul_fillers_are_not_a_query(blank):
    with pytest.raises(InvalidQueryError):
        clean_query("".join(blank))


def test_hangul_fillers_between_words_read_as_spaces():
    assert clean_query("보습\u3164크림").text == "보습 크림"
