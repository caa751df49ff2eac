"""Inline-button data: small typed values, encoded as short ASCII strings within 64 bytes.

Every button that depends on the index carries a tag of the index version it was made for, so
a button left over from before a reindex is recognised as stale rather than misread. Anything
that does not decode exactly is refused as forged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields

MAX_BYTES = 64
_SESSION = r"[0-9a-z]{1,8}"
_TAG = r"[0-9a-f]{8}"
# Numbers as `str(int)` writes them: ASCII digits, no leading zero, so each button has one spelling
# (`\d` would also take "٣" or "07" and read them as another button's data).
_NUMBER = r"(0|[1-9][0-9]?)"
_CATEGORY = r"(-1|0|[1-9][0-9]{0,2})"


class InvalidCallbackData(ValueError):
    """The data was not made by this bot (forged, truncated or from another bot)."""


def version_tag(index_version: str) -> str:
    """A fixed-length tag of the index version, whatever its format."""
    return hashlib.blake2s(index_version.encode(), digest_size=4).hexdigest()


@dataclass(frozen=True)
class PageButton:
    """Show page `page` (from 0) of a stored search."""

    version: str
    session: str
    page: int


@dataclass(frozen=True)
class SimilarButton:
    """Find products like result number `rank` (from 0) of a stored search."""

    version: str
    session: str
    rank: int


@dataclass(frozen=True)
class ExampleButton:
    """Search one of the example queries of /start and /help."""

    index: int


@dataclass(frozen=True)
class CategoryButton:
    """Filter by category number `index` of the catalog at `version`; -1 clears the filter."""

    version: str
    index: int


@dataclass(frozen=True)
class TopButton:
    """Show at most `top` results."""

    top: int


@dataclass(frozen=True)
class ModeButton:
    """Search with this mode (`semantic`, `keyword` or `hybrid`)."""

    mode: str


@dataclass(frozen=True)
class FeedbackButton:
    """👍 (`vote` "u") or 👎 ("d") on result number `rank` (from 0) of a stored search."""

    version: str
    session: str
    rank: int
    vote: str


@dataclass(frozen=True)
class ProductSimilarButton:
    """Find products like the product of a shared link's payload (see `bot.shares`)."""

    payload: str


Button = (PageButton | SimilarButton | ExampleButton | CategoryButton | TopButton | ModeButton
          | ProductSimilarButton | FeedbackButton)

_FORMATS: dict[type, tuple[str, re.Pattern[str], tuple[type, ...]]] = {
    PageButton: ("pg", re.compile(rf"pg:({_TAG}):({_SESSION}):{_NUMBER}"), (str, str, int)),
    SimilarButton: ("sim", re.compile(rf"sim:({_TAG}):({_SESSION}):{_NUMBER}"), (str, str, int)),
    ExampleButton: ("ex", re.compile(rf"ex:{_NUMBER}"), (int,)),
    CategoryButton: ("cat", re.compile(rf"cat:({_TAG}):{_CATEGORY}"), (str, int)),
    TopButton: ("top", re.compile(rf"top:{_NUMBER}"), (int,)),
    ModeButton: ("mode", re.compile(r"mode:(semantic|keyword|hybrid)"), (str,)),
    FeedbackButton: ("fb", re.compile(rf"fb:({_TAG}):({_SESSION}):(\d{{1,2}}):([ud])"),
                     (str, str, int, str)),
    ProductSimilarButton: ("ps", re.compile(r"ps:(p[A-Za-z0-9_-]{16})"), (str,)),
}


def prefix_pattern(*kinds: type) -> str:
    """A regex matching the data of these button kinds, for `CallbackQueryHandler(pattern=...)`."""
    return "^(?:" + "|".join(_FORMATS[kind][0] for kind in kinds) + "):"


def encode(button: Button) -> str:
    """The button as callback data; raises `ValueError` if it would not decode back or fit."""
    prefix = _FORMATS[type(button)][0]
    data = ":".join([prefix, *(str(getattr(button, f.name)) for f in fields(button))])
    if len(data.encode()) > MAX_BYTES or decode(data) != button:
        raise ValueError(f"cannot encode {button!r} as callback data")
    return data


def decode(data: str | None) -> Button:
    """Parse callback data made by `encode`; anything else is `InvalidCallbackData`."""
    for kind, (_, pattern, types) in _FORMATS.items():
        match = pattern.fullmatch(data or "")
        if match:
            return kind(*(convert(value) for convert, value in zip(types, match.groups())))
    raise InvalidCallbackData("unrecognised callback data")
