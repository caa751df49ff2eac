"""Fixtures shared by the engine tests."""

import pytest

from engine.understanding import TRAITS_FILE, TraitLexicon


@pytest.fixture(scope="session")
def lexicon() -> TraitLexicon:
    """The shipped trait lexicon (test_concerns.py overrides this with a concern lexicon)."""
    return TraitLexicon.load(TRAITS_FILE)
