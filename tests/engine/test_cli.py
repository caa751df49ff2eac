"""The CLI end to end, with real embeddings, in a scratch directory (no .env is read)."""

import errno
import json

import engine.search_index as search_index
import index.snapshot as snapshot
from engine.cli import main

QUERIES = [
    {"qid": "q1", "query": "겨울 건조한 피부 보습 크림", "category": None,
     "relevant": {"m01": 2}, "kind": "paraphrase"},
    {"qid": "q2", "query": "눈 안 시린 선크림", "category": "선크림",
     "relevant": {"m05": 2}, "kind": "filtered"},
]



def test_index_then_search_prints_json_results(scratch, capsys):
    assert main(["index"]) == 0
    assert "제품 12개" in capsys.readouterr().out
    assert main(["search", "입술 각질", "--category", "립", "--top", "2", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    assert {"product_id", "name", "brand", "category", "price", "rating", "score",
            "evidence"} <= set(rows[0])
    assert all(row["category"] == "립" for row in rows)


def test_search_without_an_index_explains_what_to_do(scratch, capsys):
    assert main(["search", "보습"]) == 1
    assert "reindex" in capsys.readouterr().err


def test_bad_catalog_is_reported_with_its_line(scratch, capsys):
    bad = scratch / "bad.jsonl"
    bad.write_text('{"product_id": "a", "name": "x", "brand": "b", "category": "c", '
                   '"price": "비쌈", "rating": 4}\n', encoding="utf-8")
    assert main(["index", "--catalog", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and "price" in err


def test_eval_prints_the_three_metrics(scratch, capsys, mini_catalog_path):
    queries = scratch / "queries.jsonl"
    queries.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUERIES),
                       encoding="utf-8")
    assert main(["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
                 "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["hybrid"]
    assert report["queries"] == 2
    assert set(report["overall"]) == {"ndcg", "recall", "mrr"}
    assert set(report["by_kind"]) == {"paraphrase", "filtered"}
    assert report["overall"]["ndcg"] > 0.5


def test_eval_measures_each_mode_beside_the_baselines(scratch, capsys, mini_catalog_path):
    queries = scratch / "queries.jsonl"
    queries.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUERIES),
                       encoding="utf-8")
    assert main(["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
                 "--mode", "all", "--baseline", "e5-max", "--baseline", "bm25-product",
                 "--ablate", "absence", "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert set(runs) == {"e5-max", "bm25-product", "semantic", "keyword", "hybrid"}
    assert all(run["queries"] == 2 for run in runs.values())


def test_eval_counts_an_emoji_only_no_match_query_as_refused(scratch, capsys,
                                                             mini_catalog_path):
    queries = scratch / "queries.jsonl"
    rows = QUERIES + [{"qid": "q3", "query": "🙂🙂 !!", "category": None, "relevant": {},
                       "kind": "nomatch"}]
    queries.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in rows),
                       encoding="utf-8")
    assert main(["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
                 "--mode", "hybrid", "--baseline", "bm25-product", "--baseline", "e5-max",
                 "--json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert runs["hybrid"]["refused_no_match"] == 1.0
    assert all(run["queries"] == 2 for run in runs.values())


def test_bad_setting_exits_with_code_2(scratch, monkeypatch, capsys):
    monkeypatch.setenv("HNSW_M", "lots")
    assert main(["search", "보습"]) == 2
    assert "HNSW_M" in capsys.readouterr().err


def test_eval_can_keep_its_index_for_a_rerun(scratch, capsys, mini_catalog_path):
    queries = scratch / "queries.jsonl"
    queries.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUERIES),
                       encoding="utf-8")
    kept = scratch / "eval-index"
    args = ["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
            "--mode", "hybrid", "--index-dir", str(kept), "--json"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert (kept / "CURRENT").exists()
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert not (scratch / "index").exists()


def test_eval_reports_how_often_the_quote_supports_the_result(scratch, capsys,
                                                              mini_catalog_path):
    queries = scratch / "queries.jsonl"
    queries.write_text(json.dumps(QUERIES[0], ensure_ascii=False), encoding="utf-8")
    labels = scratch / "quotes.jsonl"
    labels.write_text(json.dumps({"qid": "q1", "product_id": "m01",
                                  "supporting": ["이거 바르고 자면 아침까지 촉촉해요"]},
                                 ensure_ascii=False), encoding="utf-8")
    assert main(["eval", "--catalog", str(mini_catalog_path), "--queries", str(queries),
                 "--mode", "hybrid", "--quotes", str(labels), "--json"]) == 0
    quotes = json.loads(capsys.readouterr().out)["hybrid"]["quotes"]["all"]
    assert quotes["judged"] == 1
    assert quotes["supported"] == 1


def no_space(path=None):
    def fail(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", *([str(path)] if path else []))
    return fail


def single_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("오류 / error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_full_disk_while_publishing_is_one_line_and_the_old_index_keeps_serving(
        scratch, capsys, monkeypatch):
    assert main(["index"]) == 0
    index_dir = scratch / "index"
    current = (index_dir / "CURRENT").read_text()
    real_write = snapshot._write_durably
    monkeypatch.setattr(snapshot, "_write_durably", no_space(index_dir / "manifest.json"))
    capsys.readouterr()
    assert main(["index"]) == 1
    line = single_error_line(capsys.readouterr().err)
    assert "manifest.json: No space left on device [Errno 28]: the disk is full" in line
    assert (index_dir / "CURRENT").read_text() == current
    assert not [p for p in index_dir.iterdir() if p.name.startswith(snapshot.TEMP_PREFIX)]
    monkeypatch.setattr(snapshot, "_write_durably", real_write)
    assert main(["search", "보습"]) == 0


def test_an_os_error_without_a_path_names_the_index_directory(scratch, capsys, monkeypatch):
    monkeypatch.setattr(search_index.np, "save", no_space())
    assert main(["index"]) == 1
    line = single_error_line(capsys.readouterr().err)
    assert f"{scratch / 'index'}: No space left on device" in line


def test_an_index_dir_inside_a_file_is_one_line_naming_it(scratch, capsys, monkeypatch):
    (scratch / "a-file").write_text("not a folder")
    monkeypatch.setenv("INDEX_DIR", str(scratch / "a-file" / "index"))
    assert main(["index"]) == 1
    line = single_error_line(capsys.readouterr().err)
    assert "a-file/index" in line and "part of the path is a file" in line
