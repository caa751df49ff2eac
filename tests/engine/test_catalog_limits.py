"""Catalog field limits: runaway texts are cut with a located warning, runaway names refused,
and the loader's other messages name the line and every field concerned."""

import json

import pytest

from engine.catalog import load_catalog, parse_csv_catalog, parse_jsonl_catalog
from engine.catalog_limits import CatalogLimits, cut_text
from engine.errors import CatalogError
from engine.settings import Settings

GOOD = {"product_id": "a1", "name": "수분 크림", "brand": "브랜드", "category": "크림",
        "price": 15000, "rating": 4.5, "description": "설명",
        "reviews": [{"text": "촉촉해요", "rating": 5}]}
CSV_HEADER = "product_id,name,brand,category,price,rating,description,review_text,review_rating\n"
HUGE_REVIEW = "겨울에 쓰기 좋은 크림이에요 " * 100_000  # 1.6 MB, as a broken export produced


def jsonl(*rows) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


def parse(text: str, limits: CatalogLimits = CatalogLimits()):
    warnings: list[str] = []
    products = parse_jsonl_catalog(text, source="c.jsonl", limits=limits, warn=warnings.append)
    return products, warnings


def test_a_huge_review_is_cut_at_a_space_with_a_warning_naming_line_and_field():
    row = GOOD | {"reviews": [{"text": "좋아요", "rating": 5}, {"text": HUGE_REVIEW, "rating": 4}]}
    (_, product), warnings = parse(jsonl(GOOD | {"product_id": "a0"}, row))
    kept = product.reviews[1].text
    assert 4_500 <= len(kept) <= 5_000 and HUGE_REVIEW.startswith(kept) and not kept.endswith(" ")
    assert product.reviews[0].text == "좋아요"
    assert warnings == [f"c.jsonl:2: field 'reviews[1].text': {len(HUGE_REVIEW):,} characters, "
                        f"cut to the first {len(kept):,} (CATALOG_MAX_REVIEW_CHARS)"]


def test_in_a_csv_the_cut_review_is_named_by_its_row():
    text = CSV_HEADER + "a1,크림,브랜드,크림,1000,4.0,설명,좋아요,5\n" + \
        f"a1,크림,브랜드,크림,1000,4.0,설명,{'촉촉' * 3000},4\n"
    warnings: list[str] = []
    (product,) = parse_csv_catalog(text, source="c.csv", warn=warnings.append)
    assert len(product.reviews[1].text) == 5_000
    assert warnings[0].startswith("c.csv:3: field 'review_text': 6,000 characters")


def test_a_long_description_is_cut_and_so_are_reviews_past_the_per_product_limit():
    reviews = [{"text": f"리뷰 {i}", "rating": 4} for i in range(7)]
    row = GOOD | {"description": "설명 " * 50, "reviews": reviews}
    (product,), warnings = parse(jsonl(row), CatalogLimits(description_chars=100,
                                                           reviews_per_product=5))
    assert len(product.description) <= 100
    assert [r.text for r in product.reviews] == [f"리뷰 {i}" for i in range(5)]
    assert any("field 'description'" in w and "CATALOG_MAX_DESCRIPTION_CHARS" in w
               for w in warnings)
    assert any("has 7 reviews: only the first 5 are indexed" in w for w in warnings)


@pytest.mark.parametrize("field", ["name", "brand", "category"])
def test_a_name_past_its_limit_is_refused_not_cut(field):
    with pytest.raises(CatalogError) as error:
        parse(jsonl(GOOD, GOOD | {"product_id": "a2", field: "긴 이름 " * 100}))
    assert (error.value.line, error.value.field) == (2, field)
    assert "more than the 200 allowed" in str(error.value)


def test_a_catalog_within_the_limits_loads_unchanged_and_without_warnings():
    products, warnings = parse(jsonl(GOOD))
    assert warnings == []
    assert products == parse_jsonl_catalog(jsonl(GOOD), limits=CatalogLimits(10**9, 10**9,
                                                                             10**9, 10**9))


def test_the_limits_come_from_the_settings(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(jsonl(GOOD | {"reviews": [{"text": "아주 " * 100, "rating": 5}]}),
                    encoding="utf-8")
    limits = Settings(_env_file=None, catalog_max_review_chars=120).catalog_limits
    catalog = load_catalog(path, limits)
    assert len(catalog.products[0].reviews[0].text) <= 120
    assert any("CATALOG_MAX_REVIEW_CHARS" in w for w in catalog.warnings)


def test_cut_text_never_leaves_a_blank_text():
    assert cut_text(" " * 50 + "x" * 100, 60).strip()


def test_a_non_utf8_catalog_names_the_line_and_column(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = jsonl(GOOD, GOOD | {"product_id": "a2"}).encode("utf-8")
    path.write_bytes(lines + b'{"product_id": "a3", "name": "\xc7\xd1"}\n')  # EUC-KR bytes
    with pytest.raises(CatalogError) as error:
        load_catalog(path)
    assert error.value.line == 3
    assert "byte 0xc7 at column 31" in str(error.value) and "UTF-8" in str(error.value)


@pytest.mark.parametrize("rating", ["NaN", "Infinity"])
def test_a_rating_that_is_not_a_number_says_so(rating):
    line = json.dumps(GOOD).replace('"rating": 4.5', f'"rating": {rating}')
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(line + "\n")
    assert error.value.field == "rating"
    assert "must be a number from 1 to 5" in str(error.value)
    assert rating.lower()[:3] in str(error.value).lower()


def test_every_missing_field_of_a_line_is_named():
    row = {k: v for k, v in GOOD.items() if k not in ("name", "brand", "price")}
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(row), source="c.jsonl")
    assert error.value.field == "name, brand, price"
    assert str(error.value) == "c.jsonl:1: field 'name, brand, price': are required"
