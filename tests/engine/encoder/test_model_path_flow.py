"""`E5_MODEL_PATH` end to end: index, search and eval follow it, and an index built with one
model never serves queries embedded by another."""

from __future__ import annotations

import json

import pytest

from engine.cli import main
from engine.settings import load_settings, SettingsError
from engine.vectorizers.e5 import MODEL_FILE_NAME

pytestmark = pytest.mark.slow


def manifest_identity(index_dir) -> str:
    manifests = sorted(index_dir.rglob("manifest.json"), key=lambda p: p.stat().st_mtime)
    return json.loads(manifests[-1].read_text())["model_identity"]


def test_index_and_search_follow_the_model_path(scratch, altered_folder, monkeypatch, capsys):
    monkeypatch.setenv("E5_MODEL_PATH", str(altered_folder))
    assert main(["index"]) == 0
    identity = manifest_identity(scratch / "index")
    assert MODEL_FILE_NAME in identity and "#" in identity
    capsys.readouterr()
    assert main(["search", "입술 각질", "--mode", "semantic", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)

    monkeypatch.setenv("E5_MODEL_PATH", "")  # empty: the shipped model
    assert main(["search", "입술 각질", "--mode", "semantic"]) == 0
    assert "재색인" in capsys.readouterr().err  # the guard: keyword results and a notice


def test_eval_follows_the_model_path(scratch, altered_folder, monkeypatch, capsys,
                                     mini_catalog_path):
    queries = scratch / "queries.jsonl"
    queries.write_text(json.dumps({"qid": "q1", "query": "겨울 건조한 피부 보습 크림",
                                   "relevant": {"m01": 2}, "kind": "paraphrase"},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    monkeypatch.setenv("E5_MODEL_PATH", str(altered_folder / MODEL_FILE_NAME))
    assert main(["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
                 "--mode", "semantic"]) == 0
    assert "nDCG" in capsys.readouterr().out


def test_a_path_without_a_model_is_a_settings_error(tmp_path):
    with pytest.raises(SettingsError, match="E5_MODEL_PATH"):
        load_settings(e5_model_path=tmp_path)
    assert load_settings(e5_model_path="").e5_model_path is None
