import json

import pytest

from engine.catalog import load_catalog, parse_csv_catalog, parse_jsonl_catalog
from engine.errors import CatalogError

GOOD = {"product_id": "a1", "name": "수분 크림", "brand": "브랜드", "category": "크림",
        "price": 15000, "rating": 4.5, "description": "설명",
        "reviews": [{"text": "촉촉해요", "rating": 5}]}
CSV_HEADER = "product_id,name,brand,category,price,rating,description,review_text,review_rating\n"


def jsonl(*rows) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n"


def test_jsonl_product_is_read_with_its_reviews():
    (product,) = parse_jsonl_catalog(jsonl(GOOD))
    assert product.product_id == "a1"
    assert product.price == 15000
    assert product.reviews[0].text == "촉촉해요"


def test_text_is_kept_exactly_including_markup_and_emoji():
    row = {**GOOD, "name": "<script>&크림", "reviews": [{"text": "좋아요 😊 <b>&amp;", "rating": 4}]}
    (product,) = parse_jsonl_catalog(jsonl(row))
    assert product.name == "<script>&크림"
    assert product.reviews[0].text == "좋아요 😊 <b>&amp;"


def test_missing_product_id_names_line_and_field():
    row = {k: v for k, v in GOOD.items() if k != "product_id"}
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD | {"product_id": "ok"}, row), source="cat.jsonl")
    assert (error.value.path, error.value.line, error.value.field) == ("cat.jsonl", 2, "product_id")
    assert "cat.jsonl:2" in str(error.value)


def test_duplicate_product_id_is_refused_with_both_lines():
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD, GOOD))
    assert error.value.line == 2
    assert "first on line 1" in str(error.value)


def test_non_numeric_price_is_refused():
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD | {"price": "비쌈"}))
    assert error.value.field == "price"


def test_invalid_json_names_the_line():
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD) + "{not json\n")
    assert error.value.line == 2
    assert "invalid JSON" in str(error.value)


def test_review_rating_out_of_range_names_the_review():
    row = GOOD | {"reviews": [{"text": "좋아요", "rating": 5}, {"text": "별로", "rating": 9}]}
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(row))
    assert error.value.field == "reviews[1].rating"


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(CatalogError, match="empty"):
        load_catalog(path)


def test_missing_file_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="not found"):
        load_catalog(tmp_path / "nope.jsonl")


def test_csv_rows_of_one_product_are_merged():
    text = CSV_HEADER + (
        'a1,수분 크림,브랜드,크림,"15,000",4.5,설명,촉촉해요,5\n'
        "a1,수분 크림,브랜드,크림,\"15,000\",4.5,설명,\"끈적여요, 별로\",2\n"
        "b2,선크림,브랜드,선크림,12000,4.0,설명,,\n")
    first, second = parse_csv_catalog(text)
    assert [r.text for r in first.reviews] == ["촉촉해요", "끈적여요, 별로"]
    assert first.price == 15000
    assert second.reviews == ()


def test_csv_bad_review_rating_names_the_row():
    text = CSV_HEADER + "a1,크림,브랜드,크림,1000,4.0,설명,좋아요,5\na1,크림,브랜드,크림,1000,4.0,설명,별로,최악\n"
    with pytest.raises(CatalogError) as error:
        parse_csv_catalog(text, source="c.csv")
    assert (error.value.line, error.value.field) == (3, "review_rating")


def test_csv_conflicting_product_fields_are_refused():
    text = CSV_HEADER + "a1,크림,브랜드,크림,1000,4.0,설명,좋아요,5\na1,크림,브랜드,크림,2000,4.0,설명,별로,2\n"
    with pytest.raises(CatalogError) as error:
        parse_csv_catalog(text)
    assert error.value.field == "price"


def test_csv_missing_columns_are_listed():
    with pytest.raises(CatalogError, match="review_rating"):
        parse_csv_catalog("product_id,name\na,b\n")


def test_load_catalog_reports_checksum_categories_and_warnings(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(jsonl(GOOD, GOOD | {"product_id": "a2", "category": "토너", "reviews": []}),
                    encoding="utf-8")
    catalog = load_catalog(path)
    assert catalog.categories == ("크림", "토너")
    assert len(catalog.sha256) == 64
    assert any("a2" in warning for warning in catalog.warnings)


def test_product_page_and_photo_addresses_are_optional_and_kept():
    row = GOOD | {"url": " https://shop.example/p/a1?x=1&y=2 ", "image_url": "http://img.example/a1.jpg"}
    with_links, without = parse_jsonl_catalog(jsonl(row, GOOD | {"product_id": "a2"}))
    assert with_links.url == "https://shop.example/p/a1?x=1&y=2"
    assert with_links.image_url == "http://img.example/a1.jpg"
    assert (without.url, without.image_url) == ("", "")


@pytest.mark.parametrize("address", [
    "javascript:alert(1)", "file:///etc/passwd", "tg://resolve?domain=x", "shop.example/p/1",
    "https://", "https://shop .example/p", "https://shop.example:port/p", "ftp://shop.example/p",
])
def test_an_address_that_is_not_http_or_https_is_refused_naming_the_field(address):
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD | {"url": address}), source="c.jsonl")
    assert (error.value.line, error.value.field) == (1, "url")
    with pytest.raises(CatalogError) as error:
        parse_jsonl_catalog(jsonl(GOOD | {"image_url": address}))
    assert error.value.field == "image_url"


def test_csv_reads_the_optional_address_columns_and_wants_them_alike_on_each_row():
    header = CSV_HEADER.rstrip("\n") + ",url,image_url\n"
    text = header + ("a1,크림,브랜드,크림,1000,4.0,설명,좋아요,5,https://s.example/a1,https://s.example/a1.png\n"
                     "a1,크림,브랜드,크림,1000,4.0,설명,별로,2,https://s.example/a1,https://s.example/a1.png\n")
    (product,) = parse_csv_catalog(text)
    assert (product.url, product.image_url) == ("https://s.example/a1", "https://s.example/a1.png")
    changed = text.replace("별로,2,https://s.example/a1,", "별로,2,https://s.example/other,")
    with pytest.raises(CatalogError) as error:
        parse_csv_catalog(changed)
    assert (error.value.line, error.value.field) == (3, "url")
    with pytest.raises(CatalogError) as error:
        parse_csv_catalog(header + "a1,크림,브랜드,크림,1000,4.0,설명,좋아요,5,javascript:x,\n")
    assert error.value.field == "url"


async def test_addresses_survive_the_snapshot_round_trip(mini_engine):
    with_both = mini_engine.get_product("m01")
    assert with_both.url == "https://shop.example/products/m01?ref=cosmo&lang=ko"
    assert with_both.image_url == "https://shop.example/images/m01.jpg"
    assert mini_engine.get_product("m04").url == ""
