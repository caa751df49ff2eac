"""Searches remembered per chat, so page and "비슷한 제품" buttons can carry a short key.

A session is what is needed to run the search again: the query (or the product for a
similar-products search), the filter, the number of results and the mode. Only the newest
`MAX_SESSIONS` are kept per chat; older buttons then answer that the search expired.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal, MutableMapping

from engine.settings import SearchMode

MAX_SESSIONS = 50
_KEY = "sessions"
_COUNTER = "next_session"


@dataclass(frozen=True)
class SearchSession:
    """One search that produced a message with buttons."""

    kind: Literal["search", "similar"]
    text: str  # the query, or the product id for "similar"
    category: str | None
    top_n: int
    mode: str | None
    language: str = ""  # the texts its message is shown in (`bot.texts`); "" from older sessions


def save_session(chat_data: MutableMapping, session: SearchSession) -> str:
    """Remember `session` in this chat and return its short key (base 36)."""
    number = int(chat_data.get(_COUNTER, 0)) + 1
    chat_data[_COUNTER] = number
    key = _base36(number)
    sessions = chat_data.setdefault(_KEY, {})
    sessions[key] = asdict(session)
    for old in list(sessions)[:-MAX_SESSIONS]:
        del sessions[old]
    return key


def load_session(chat_data: MutableMapping | None, key: str) -> SearchSession | None:
    return session_from_dict(((chat_data or {}).get(_KEY) or {}).get(key))


def session_to_dict(session: SearchSession) -> dict:
    return asdict(session)


def session_from_dict(stored: object) -> SearchSession | None:
    """The session in `stored`, or None when it is not one (damaged, or from another version)."""
    if not isinstance(stored, dict):
        return None
    try:
        session = SearchSession(**stored)
    except TypeError:
        return None
    valid = (session.kind in ("search", "similar") and isinstance(session.text, str)
             and isinstance(session.top_n, int) and isinstance(session.category, (str, type(None)))
             and session.mode in (None, *(mode.value for mode in SearchMode))
             and isinstance(session.language, str))
    return session if valid else None


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while number:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
    return text or "0"
