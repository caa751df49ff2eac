"""Reading and validating catalogs: JSONL (one product a line) or CSV (one review a row).

Text is kept exactly as given (`<`, `&`, emoji included); escaping is the renderer's job.
Every error names the file, the line or CSV row, and the field. Field sizes are bounded
(engine/catalog_limits.py): a text past its limit is cut with a warning, a name refused.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pydantic import ValidationError

from engine.catalog_limits import CatalogLimits, FieldPlace, bounded_product
from engine.catalog_rows import ProductRow
from engine.errors import CatalogError
from engine.models import Product, Review

CSV_COLUMNS = (
    "product_id", "name", "brand", "category", "price", "rating", "description",
    "review_text", "review_rating",
)
PRODUCT_FIELDS = CSV_COLUMNS[:7]
OPTIONAL_CSV_COLUMNS = ("url", "image_url")


@dataclass(frozen=True)
class Catalog:
    """A validated catalog: products in file order, the file's checksum and any warnings."""

    path: Path
    products: tuple[Product, ...]
    sha256: str
    warnings: tuple[str, ...] = ()

    @property
    def review_count(self) -> int:
        return sum(len(product.reviews) for product in self.products)

    @property
    def categories(self) -> tuple[str, ...]:
        """Category names in order of first appearance."""
        return tuple(dict.fromkeys(product.category for product in self.products))


def load_catalog(path: Path | str, limits: CatalogLimits = CatalogLimits()) -> Catalog:
    """Read a `.jsonl` or `.csv` catalog; raise `CatalogError` on the first invalid line.

    Fields past `limits` are cut, each cut listed in the warnings, or refused (names)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog file not found", path=str(path)) from None
    except IsADirectoryError:
        raise CatalogError("catalog path is a directory, expected a .jsonl or .csv file",
                           path=str(path)) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        raise CatalogError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start - line_start + 1}"
            "): save the file as UTF-8", path=str(path),
            line=raw.count(b"\n", 0, exc.start) + 1) from None
    if not text.strip():
        raise CatalogError("catalog is empty", path=str(path))
    cuts: list[str] = []
    parse = parse_csv_catalog if path.suffix.lower() == ".csv" else parse_jsonl_catalog
    products = parse(text, source=str(path), limits=limits, warn=cuts.append)
    return Catalog(
        path=path,
        products=products,
        sha256=hashlib.sha256(raw).hexdigest(),
        warnings=tuple(cuts) + tuple(catalog_warnings(products)),
    )


def _ignore(_: str) -> None:
    return None


def parse_jsonl_catalog(text: str, source: str = "<catalog>",
                        limits: CatalogLimits = CatalogLimits(),
                        warn: Callable[[str], None] = _ignore) -> tuple[Product, ...]:
    """Parse JSONL text: one product object per non-blank line; each cut goes to `warn`."""
    rows = []
    # Only "\n" ends a JSONL line: str.splitlines would also split inside text at U+2028 or NEL.
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CatalogError(f"invalid JSON ({exc.msg} at column {exc.colno})",
                               path=source, line=line_number) from None
        if not isinstance(data, dict):
            raise CatalogError("each line must be a JSON object", path=source, line=line_number)
        rows.append((line_number, data))
    return _validated_products(rows, source, limits, warn)


def parse_csv_catalog(text: str, source: str = "<catalog>",
                      limits: CatalogLimits = CatalogLimits(),
                      warn: Callable[[str], None] = _ignore) -> tuple[Product, ...]:
    """Parse CSV text with one review per row; rows of one product are merged in order."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"CSV header lacks columns: {', '.join(missing)}", path=source, line=1)
    grouped: dict[str, tuple[int, dict]] = {}
    for row in reader:
        row_number = reader.line_num
        if None in row:
            raise CatalogError("row has more cells than the header", path=source, line=row_number)
        product_id = (row.get("product_id") or "").strip()
        product_fields = {name: row[name] for name in PRODUCT_FIELDS}
        product_fields.update({name: row.get(name) or "" for name in OPTIONAL_CSV_COLUMNS})
        if product_id in grouped:
            first_row, data = grouped[product_id]
            for name in (*PRODUCT_FIELDS, *OPTIONAL_CSV_COLUMNS):
                if data[name] != product_fields[name]:
                    raise CatalogError(
                        f"differs from row {first_row} of the same product",
                        path=source, line=row_number, field=name)
        else:
            data = {**product_fields, "reviews": []}
            grouped[product_id] = (row_number, data)
        review_text = row.get("review_text") or ""
        review_rating = row.get("review_rating") or ""
        if review_text.strip() or review_rating.strip():
            data["reviews"].append(_CsvReview(row_number, review_text, review_rating))
    rows = []
    for first_row, data in grouped.values():
        rows.append((first_row, data))
    return _validated_products(rows, source, limits, warn)


@dataclass(frozen=True)
class _CsvReview:
    row_number: int
    text: str
    rating: str


def _validated_products(rows: Iterable[tuple[int, dict]], source: str, limits: CatalogLimits,
                        warn: Callable[[str], None]) -> tuple[Product, ...]:
    products: list[Product] = []
    seen: dict[str, int] = {}
    for line_number, data in rows:
        product = _validated_product(data, source, line_number, limits, warn)
        if product.product_id in seen:
            raise CatalogError(
                f"duplicate product_id {product.product_id!r} (first on line {seen[product.product_id]})",
                path=source, line=line_number, field="product_id")
        seen[product.product_id] = line_number
        products.append(product)
    if not products:
        raise CatalogError("catalog has no products", path=source)
    return tuple(products)


def _validated_product(data: dict, source: str, line_number: int, limits: CatalogLimits,
                       warn: Callable[[str], None]) -> Product:
    reviews = data.get("reviews", [])
    csv_reviews = [r for r in reviews if isinstance(r, _CsvReview)] if isinstance(reviews, list) else []
    if csv_reviews:
        data = {**data, "reviews": [_csv_review_dict(r, source) for r in csv_reviews]}
    try:
        row = ProductRow.model_validate(data)
    except ValidationError as exc:
        missing = [str(e["loc"][0]) for e in exc.errors()
                   if e["type"] == "missing" and len(e["loc"]) == 1]
        if len(missing) > 1:
            raise CatalogError("are required", path=source, line=line_number,
                               field=", ".join(missing)) from None
        error = exc.errors()[0]
        location = [str(part) for part in error["loc"]]
        field_name = _field_path(location)
        review_line = line_number
        if csv_reviews and location[:1] == ["reviews"] and len(location) > 1:
            review_line = csv_reviews[int(location[1])].row_number
            field_name = "review_" + location[2] if len(location) > 2 else "review"
        raise CatalogError(_short_message(error), path=source, line=review_line,
                           field=field_name) from None
    product = Product(
        product_id=row.product_id,
        name=row.name,
        brand=row.brand,
        category=row.category,
        price=row.price,
        rating=round(row.rating, 2),
        description=row.description,
        reviews=tuple(Review(text=r.text, rating=r.rating) for r in row.reviews),
        url=row.url,
        image_url=row.image_url,
    )
    place = FieldPlace(source, line_number, tuple(r.row_number for r in csv_reviews))
    return bounded_product(product, limits, place, warn)


def _csv_review_dict(review: _CsvReview, source: str) -> dict:
    rating = review.rating.strip()
    if not rating.isdigit():
        raise CatalogError(f"review rating must be a whole number 1-5, got {review.rating!r}",
                           path=source, line=review.row_number, field="review_rating")
    return {"text": review.text, "rating": int(rating)}


def _field_path(location: list[str]) -> str:
    if not location:
        return "product"
    if location[0] == "reviews" and len(location) >= 3:
        return f"reviews[{location[1]}].{location[2]}"
    if location[0] == "reviews" and len(location) == 2:
        return f"reviews[{location[1]}]"
    return location[0]


def _short_message(error: dict) -> str:
    message = error["msg"]
    if error["type"] == "missing":
        return "is required"
    return message.removeprefix("Value error, ")


def catalog_warnings(products: Iterable[Product]) -> Iterator[str]:
    """Things that load but probably are mistakes in the data."""
    for product in products:
        if not product.reviews:
            yield f"{product.product_id}: no reviews, found only by its listing text"
        texts = [review.text for review in product.reviews]
        if len(set(texts)) != len(texts):
            yield f"{product.product_id}: the same review text appears twice"
