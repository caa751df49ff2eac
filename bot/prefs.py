"""Per-chat search preferences (category filter, number of results, search mode).

They are kept as a plain dict (in the chat's `chat_data`, or as JSON in Redis: see
`bot/chat_store.py`), so they survive a restart and do not depend on this module's class names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import MutableMapping

from engine.settings import MAX_TOP_N, SearchMode

TOP_CHOICES = (3, 5, 10, MAX_TOP_N)
_KEY = "prefs"


@dataclass(frozen=True)
class ChatPrefs:
    """What one chat chose; `None` means the bot's default."""

    category: str | None = None
    top_n: int | None = None
    mode: str | None = None

    @classmethod
    def load(cls, chat_data: MutableMapping | None) -> ChatPrefs:
        return cls.from_dict((chat_data or {}).get(_KEY))

    @classmethod
    def from_dict(cls, stored: object) -> ChatPrefs:
        """The preferences in `stored`; anything missing, mistyped or out of range is the default."""
        if not isinstance(stored, dict):
            return cls()
        top_n = stored.get("top_n")
        mode = stored.get("mode")
        return cls(
            category=stored.get("category") if isinstance(stored.get("category"), str) else None,
            top_n=top_n if isinstance(top_n, int) and 1 <= top_n <= MAX_TOP_N else None,
            mode=mode if mode in {m.value for m in SearchMode} else None,
        )

    def save(self, chat_data: MutableMapping) -> None:
        chat_data[_KEY] = self.to_dict()

    def to_dict(self) -> dict:
        return asdict(self)

    def with_category(self, category: str | None) -> ChatPrefs:
        return replace(self, category=category)

    def with_top_n(self, top_n: int) -> ChatPrefs:
        return replace(self, top_n=top_n)

    def with_mode(self, mode: str) -> ChatPrefs:
        return replace(self, mode=mode)

    def search_mode(self) -> SearchMode | None:
        return SearchMode(self.mode) if self.mode else None
