"""The search dictionaries of `data/`, loaded once and shared by every search."""

from __future__ import annotations

from dataclasses import dataclass

from engine.understanding import (CATEGORIES_FILE, CONCERNS_FILE, TRAITS_FILE, CategoryLexicon,
                                  ConcernLexicon, TraitLexicon)


@dataclass(frozen=True)
class Lexicons:
    """Trait words (for absence cues), category words and concern words."""

    traits: TraitLexicon
    categories: CategoryLexicon
    concerns: ConcernLexicon

    @classmethod
    def load(cls) -> "Lexicons":
        """The shipped dictionaries."""
        return cls(TraitLexicon.load(TRAITS_FILE), CategoryLexicon.load(CATEGORIES_FILE),
                   ConcernLexicon.load(CONCERNS_FILE))
