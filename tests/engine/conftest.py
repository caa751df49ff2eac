"""Fixtures shared by the engine tests."""

import json

import pytest

from engine.composition import build_engine
from engine.understanding import TRAITS_FILE, TraitLexicon


@pytest.fixture(scope="session")
def lexicon() -> TraitLexicon:
    """The shipped trait lexicon (test_concerns.py overrides this with a concern lexicon)."""
    return TraitLexicon.load(TRAITS_FILE)


@pytest.fixture
def catalog_engine(tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    """Builds and indexes an engine over a small catalog of product rows (dicts with at least
    product_id, name, category and reviews as (text, rating) pairs; the rest defaulted)."""
    async def build(products):
        catalog = tmp_path / "catalog.jsonl"
        catalog.write_text("\n".join(json.dumps({
            "brand": "테스트", "price": 20000, "rating": 4.5, "description": product["name"],
            **product, "reviews": [{"text": text, "rating": rating}
                                   for text, rating in product["reviews"]],
        }, ensure_ascii=False) for product in products), encoding="utf-8")
        engine = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                              e5_vectorizer, morpheme_analyzer)
        await engine.reindex()
        return engine
    return build


@pytest.fixture
def scratch(tmp_path, monkeypatch, mini_catalog_path):
    """A working folder for CLI runs: the index and catalog settings point into it."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("CATALOG_PATH", str(mini_catalog_path))
    return tmp_path
