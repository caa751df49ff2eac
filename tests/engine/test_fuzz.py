"""Fuzzing the catalog loader and the query cleaner with inputs no shop means to send: whole
files of arbitrary bytes, fields of any size against small limits, CSV and JSONL of the same
data, and queries in every script. Bounded: few examples each, no per-example deadline."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from engine.catalog import CSV_COLUMNS, load_catalog, parse_csv_catalog, parse_jsonl_catalog
from engine.catalog_limits import CatalogLimits
from engine.errors import CatalogError, InvalidQueryError
from engine.query import MAX_QUERY_CHARS, clean_query

SMALL = CatalogLimits(review_chars=60, description_chars=80, reviews_per_product=3,
                      name_chars=12)
FILES = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture])

words = st.text(alphabet=st.sampled_from("촉촉 보습크림향순함가abc,\"'\n\t<&>😊"), min_size=1,
                max_size=90).filter(lambda t: t.strip())
reviews = st.lists(st.fixed_dictionaries({"text": words, "rating": st.integers(1, 5)}),
                   max_size=6)
products = st.fixed_dictionaries({
    "product_id": st.text(alphabet="abcdef0123456789", min_size=1, max_size=6),
    "name": words, "brand": words, "category": words,
    "price": st.integers(0, 10**7), "rating": st.floats(1, 5, allow_nan=False),
    "description": st.text(max_size=120), "reviews": reviews,
})
catalogs = st.lists(products, min_size=1, max_size=4, unique_by=lambda p: p["product_id"])


@FILES
@given(st.binary(max_size=400), st.sampled_from(["c.jsonl", "c.csv"]))
def test_a_file_of_any_bytes_loads_or_is_a_catalog_error_naming_the_file(tmp_path, raw, name):
    path = tmp_path / name
    path.write_bytes(raw)
    try:
        load_catalog(path)
    except CatalogError as error:
        assert error.path == str(path)


@FILES
@given(catalogs)
def test_loaded_products_keep_within_the_limits_and_every_cut_is_warned(rows):
    warnings: list[str] = []
    try:
        parsed = parse_jsonl_catalog("\n".join(json.dumps(r, ensure_ascii=False) for r in rows),
                                     source="c.jsonl", limits=SMALL, warn=warnings.append)
    except CatalogError as error:
        assert error.field in ("name", "brand", "category")
        assert "more than the 12 allowed" in str(error)
        return
    cuts = 0
    for product, row in zip(parsed, rows):
        assert len(product.reviews) == min(len(row["reviews"]), SMALL.reviews_per_product)
        cuts += len(row["reviews"]) > SMALL.reviews_per_product
        assert len(product.description) <= SMALL.description_chars
        assert row["description"].startswith(product.description)
        cuts += product.description != row["description"]
        for review, original in zip(product.reviews, row["reviews"]):
            assert 0 < len(review.text) <= SMALL.review_chars and review.text.strip()
            assert original["text"].startswith(review.text)
            cuts += review.text != original["text"]
    assert len(warnings) == cuts


@FILES
@given(catalogs)
def test_the_same_catalog_as_csv_and_as_jsonl_loads_the_same(rows):
    jsonl = parse_jsonl_catalog("\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        listing = [row["product_id"], row["name"], row["brand"], row["category"], row["price"],
                   repr(row["rating"]), row["description"]]
        for review in row["reviews"] or [{"text": "", "rating": ""}]:
            writer.writerow(listing + [review["text"], review["rating"]])
    from_csv = parse_csv_catalog(buffer.getvalue())
    assert from_csv == jsonl


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=3_000))
def test_any_text_in_any_script_cleans_to_a_bounded_printable_fixed_point(raw):
    """Lone surrogates, private-use and unassigned code points included."""
    try:
        cleaned = clean_query(raw)
    except InvalidQueryError:
        return
    text = cleaned.text
    assert 0 < len(text) <= MAX_QUERY_CHARS
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in text)
    assert unicodedata.is_normalized("NFC", text)
    assert clean_query(text).text == text
