"""The search dictionaries of `data/`, loaded once and shared by every search."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from engine.ranking.domain import DomainExamples
from engine.understanding import (CATEGORIES_FILE, CONCERNS_FILE, TRAITS_FILE, CategoryLexicon,
                                  ConcernLexicon, TraitLexicon)


@dataclass(frozen=True)
class Lexicons:  # not slotted: `vocabulary` is cached on the instance
    """Trait words (for absence cues), category words and concern words, and the example
    queries that tell a beauty query from another domain's (None: the fit judgement goes
    without them)."""

    traits: TraitLexicon
    categories: CategoryLexicon
    concerns: ConcernLexicon
    domain: DomainExamples | None = None

    @classmethod
    def load(cls) -> "Lexicons":
        """The shipped dictionaries."""
        return cls(TraitLexicon.load(TRAITS_FILE), CategoryLexicon.load(CATEGORIES_FILE),
                   ConcernLexicon.load(CONCERNS_FILE), DomainExamples.load())

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every word the concern and trait dictionaries know: the shop's domain language."""
        words = {w for stems in self.concerns.vocabulary.values() for w in stems}
        words |= {w for concept in self.traits.concepts.values() for w in concept}
        return frozenset(words)
