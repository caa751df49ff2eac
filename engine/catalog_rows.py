"""One catalog row, validated: the fields of a product and its reviews, and web addresses.

Pydantic checks types and ranges here; engine/catalog.py reads the files, locates each error by
file, line and field, and bounds the sizes.
"""

from __future__ import annotations

import math
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_URL_CHARS = 2048


class ReviewRow(BaseModel):
    """One review as the catalog gives it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    text: str = Field(min_length=1)
    rating: int = Field(ge=1, le=5)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("review text is blank")
        return value


class ProductRow(BaseModel):
    """One product as the catalog gives it, with its reviews."""

    model_config = ConfigDict(extra="ignore")

    product_id: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1)
    brand: str = Field(min_length=1)
    category: str = Field(min_length=1)
    price: int = Field(ge=0)
    rating: float = Field(ge=1, le=5)
    description: str = ""
    reviews: list[ReviewRow] = Field(default_factory=list)
    url: str = ""
    image_url: str = ""

    @field_validator("url", "image_url", mode="before")
    @classmethod
    def _web_address(cls, value: object) -> object:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError("must be a web address as text")
        return web_address(value)

    @field_validator("product_id", "name", "brand", "category")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("product_id", mode="before")
    @classmethod
    def _id_is_text(cls, value: object) -> object:
        # Ids such as 101 in JSON are accepted as text; booleans and floats are not ids.
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value

    @field_validator("rating", mode="before")
    @classmethod
    def _rating_is_a_number(cls, value: object) -> object:
        try:
            number = float(value) if isinstance(value, (str, float)) else None
        except ValueError:
            return value
        if number is not None and not math.isfinite(number):
            raise ValueError(f"rating must be a number from 1 to 5, got {value!r}")
        return value

    @field_validator("price", mode="before")
    @classmethod
    def _price_is_whole_won(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("price must be a whole number of won")
        if isinstance(value, str):
            cleaned = value.replace(",", "").replace("원", "").strip()
            if not cleaned.isdigit():
                raise ValueError(f"price must be a whole number of won, got {value!r}")
            return int(cleaned)
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError(f"price must be a whole number of won, got {value!r}")
            return int(value)
        return value


def web_address(value: str) -> str:
    """`value` stripped, when it is an absolute http(s) address with a host ("" stays "");
    `ValueError` otherwise, since a button or photo with another scheme (javascript:, file:,
    tg:) must never reach a shopper."""
    address = value.strip()
    if not address:
        return ""
    if len(address) > MAX_URL_CHARS:
        raise ValueError(f"longer than {MAX_URL_CHARS:,} characters")
    if any(ch.isspace() or ord(ch) < 32 for ch in address):
        raise ValueError(f"must not contain spaces or control characters, got {_shown(address)}")
    try:
        parts = urlsplit(address)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValueError(f"is not a web address, got {_shown(address)}") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError(f"must start with http:// or https://, got {_shown(address)}")
    if not parts.hostname:
        raise ValueError(f"has no host name, got {_shown(address)}")
    return address


def _shown(value: str, limit: int = 60) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "…")
