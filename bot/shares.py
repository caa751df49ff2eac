"""Shareable links: `https://t.me/<bot>?start=<payload>` opens a shared search or a product.

A payload is an opaque id of at most 64 characters of `A-Z a-z 0-9 _ -`, as Telegram allows for
a start parameter, and never the shopper's words: a search's payload is a hash of the stored
search (its query stays in the share store, `bot/share_store.py`), a product's a hash of its id,
found again among the served products. The same search or product always gets the same link, so
showing a page again stores nothing new.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

from typing import TYPE_CHECKING

from bot.sessions import SearchSession, session_to_dict

if TYPE_CHECKING:
    from bot.share_store import ShareStore

MAX_PAYLOAD_CHARS = 64
SEARCH_PREFIX = "s"
PRODUCT_PREFIX = "p"
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def is_payload(text: str) -> bool:
    """Whether `text` has the shape of a start payload (any payload: ours or not)."""
    return bool(_PAYLOAD.fullmatch(text))


def search_payload(session: SearchSession) -> str:
    """The payload of a stored search: 13 characters, the same for the same search in any
    language (whoever opens the link reads it in their own)."""
    searched = {k: v for k, v in session_to_dict(session).items() if k != "language"}
    stored = json.dumps(searched, sort_keys=True, ensure_ascii=False)
    return SEARCH_PREFIX + _digest(stored, 9)


def product_payload(product_id: str) -> str:
    """The payload of a product: 17 characters, the same for the same product id."""
    return PRODUCT_PREFIX + _digest(product_id, 12)


def share_link(bot_username: str, payload: str) -> str:
    """The t.me link that starts the bot with `payload`."""
    if not is_payload(payload):
        raise ValueError("not a start payload")
    return f"https://t.me/{bot_username}?start={payload}"


def _digest(text: str, size: int) -> str:
    digest = hashlib.blake2s(text.encode(), digest_size=size).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def link_to(session: SearchSession, shares: ShareStore, bot_username: str) -> str:
    """The share link of a shown search (stored so the link can open it) or of the product a
    similar-products search is about (found again by its id, so nothing is stored)."""
    if session.kind == "similar":
        return share_link(bot_username, product_payload(session.text))
    payload = search_payload(session)
    await shares.put(payload, session)
    return share_link(bot_username, payload)
