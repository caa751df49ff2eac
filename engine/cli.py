"""`python -m engine index | search | eval`: the engine from the terminal (the demo is `make demo`)."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from engine.insight import summarize
from engine.insight_store import read_insight
from engine.report import report_csv, report_table
from engine.baselines import BASELINES, Bm25ProductBaseline, e5_max_ranking
from engine.errors import CosmoError
from engine.evaluation import format_report, load_queries, score_run, split_half
from engine.os_errors import describe_os_error
from engine.quote_evaluation import (ShownQuote, format_quote_report, load_quote_labels,
                                     score_quotes)
from engine.models import SearchResponse
from engine.query import is_searchable
from engine.notices import Notice
from engine.cli_progress import ReindexProgressBar
from engine.composition import open_engine
from engine.ranking.params import RankingParams
from engine.runtime import configure_process
from engine.service import SearchEngine
from engine.settings import SearchMode, SettingsError, load_settings
from engine.tune_cli import add_tune_parser, run_tune

MODES = tuple(mode.value for mode in SearchMode)
# The terminal's own words for the engine's notice codes (the bot's are in bot/texts/).
NOTICE_TEXTS = {
    Notice.QUERY_TRUNCATED: "질문이 길어서 앞부분 {chars}자만 검색했어요 / only the first {chars} "
                            "characters were searched",
    Notice.UNKNOWN_CATEGORY: "없는 카테고리는 건너뛰었어요 / unknown categories skipped: {categories}",
    Notice.SEMANTIC_UNAVAILABLE: "임베딩 백엔드 오류로 키워드 검색 결과예요 / embedding backend "
                                 "failed: keyword results",
    Notice.REINDEX_NEEDED: "색인이 다른 임베딩 모델로 만들어졌어요: 재색인하세요 / the index was built "
                           "with another model: reindex (keyword results)",
    Notice.KEYWORD_INDEX_MISSING: "키워드 색인이 없어 문맥 검색 결과예요 / the index has no keyword "
                                  "index: semantic results (reindex)",
}
# Query-understanding pieces that `eval --ablate` can switch off, and how.
ABLATIONS = {
    "price": {"use_price": False},
    "categories": {"use_categories": False},
    "absence": {"use_absence": False},
    "degrees": {"use_degrees": False},
    "softmax": {"temperature": 0.0},
    "ratings": {"review_rating_discount": 0.0, "product_rating_weight": 0.0},
    "adaptive": {"known_share_slope": 0.0},
    "feedback": {"feedback_terms": 0},
    "concerns": {"concern_weight": 0.0},
    "floor": {"semantic_floor": 0.0},
    "prior": {"prior_boost": 0.0},
    "denied-terms": {"drop_denied_terms": False},
    "concern-query": {"concern_query_share": 0.0},
    "fit": {"judge_fit": False},
    "quote-model": {"quote_model": False},
    "quote-need": {"quote_need_terms": False},
    "quote-problems": {"quote_problem_traits": False},
}



def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m engine",
                                     description="Cosmo: search Korean cosmetics by their reviews")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="build and publish an index snapshot")
    index.add_argument("--catalog", type=Path, help="catalog file (.jsonl or .csv)")
    index.add_argument("--index-dir", type=Path, help="where snapshots live")

    search = commands.add_parser("search", help="search the current snapshot")
    search.add_argument("query")
    search.add_argument("--category", action="append", default=[], help="repeat for several")
    search.add_argument("--top", type=int, default=None)
    search.add_argument("--index-dir", type=Path)
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.add_argument("--mode", choices=MODES, help="default: SEARCH_MODE (hybrid)")

    evaluate = commands.add_parser("eval", help="measure nDCG@10, Recall@10 and MRR@10")
    evaluate.add_argument("--catalog", type=Path, required=True)
    evaluate.add_argument("--queries", type=Path, required=True)
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--mode", choices=MODES + ("all",), default="all",
                          help="which search mode(s) to measure (default: all)")
    evaluate.add_argument("--baseline", action="append", choices=BASELINES, default=[],
                          help="also measure a plain baseline; repeat for both")
    evaluate.add_argument("--ablate", action="append", choices=sorted(ABLATIONS), default=[],
                          help="switch off a ranking piece; repeat for several")
    evaluate.add_argument("--index-dir", type=Path,
                          help="keep the evaluation index here; a rerun embeds only changed texts "
                               "(default: a temporary folder)")
    evaluate.add_argument("--quotes", type=Path,
                          help="quote labels (JSONL): also report how often the quoted review "
                               "supports a relevant result")
    evaluate.add_argument("--half", choices=("val", "test"),
                          help="only the validation (odd qid number) or test (even) half")
    report = commands.add_parser("report", help="what shoppers searched, found and rated "
                                               "(written by the bot)")
    report.add_argument("--csv", action="store_true", help="CSV instead of a table")
    add_tune_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = None
    try:
        overrides = {}
        if getattr(args, "index_dir", None) and args.command != "eval":
            overrides["index_dir"] = args.index_dir
        if getattr(args, "catalog", None) and args.command == "index":
            overrides["catalog_path"] = args.catalog
        settings = load_settings(**overrides)
        if args.command == "tune":  # torch's own threads; one BLAS thread is for serving
            return run_tune(args, settings)
        configure_process(settings)
        return asyncio.run(_run(args, settings))
    except SettingsError as exc:
        print(f"설정 오류 / settings error: {exc}", file=sys.stderr)
        return 2
    except CosmoError as exc:
        _print_error(args, str(exc))
        return 1
    except OSError as exc:  # disk full, permission: one line, never a traceback
        _print_error(args, describe_os_error(exc, settings.index_dir if settings else None))
        return 1
    except KeyboardInterrupt:
        return 130


def _print_error(args: argparse.Namespace, message: str) -> None:
    print(f"오류 / error: {message}", file=sys.stderr)


async def _run(args: argparse.Namespace, settings) -> int:
    if args.command == "eval":
        return await _evaluate(args, settings)
    if args.command == "report":
        return await _report(args, settings)
    engine = await open_engine(settings)
    try:
        if args.command == "index":
            return await _index(engine)
        response = await engine.search_products(args.query, args.category, args.top,
                                                mode=args.mode)
        for notice in response.notices:  # the results stay on stdout, clean for pipes
            print(f"※ {notice_text(response, notice)}", file=sys.stderr)
        print(_as_json(response) if args.json else format_response(response))
        return 0
    finally:
        await engine.aclose()


async def _report(args: argparse.Namespace, settings) -> int:
    insight = summarize(*await read_insight(settings))
    print(report_csv(insight) if args.csv
          else report_table(insight, settings.insight_retention_days), end="\n" if not args.csv else "")
    return 0


async def _index(engine: SearchEngine) -> int:
    progress = ReindexProgressBar()
    try:
        summary = await engine.reindex(progress=progress)
    finally:
        progress.close()
    for warning in summary.warnings:
        print(f"경고 / warning: {warning}", file=sys.stderr)
    print(f"색인 완료: 제품 {summary.products}개, 리뷰 {summary.reviews}개, 문서 {summary.documents}개, "
          f"새로 임베딩 {summary.embedded_texts}개 (재사용 {summary.reused_vectors}개), "
          f"{summary.seconds:.1f}초 ({summary.model_identity}) → {summary.snapshot_id}")
    return 0


async def _evaluate(args: argparse.Namespace, settings) -> int:
    queries = split_half(load_queries(args.queries), args.half)
    quote_labels = load_quote_labels(args.quotes) if args.quotes else None
    modes = MODES if args.mode == "all" else (args.mode,)
    ranking = RankingParams()
    for piece in args.ablate:
        ranking = replace(ranking, **ABLATIONS[piece])
    runs: dict[str, dict[str, list[str]]] = {}
    shown: dict[str, list[ShownQuote]] = {}
    with tempfile.TemporaryDirectory(prefix="cosmo-eval-") as workdir:
        index_dir = args.index_dir or Path(workdir)
        index_dir.mkdir(parents=True, exist_ok=True)
        eval_settings = settings.model_copy(update={"index_dir": index_dir,
                                                    "catalog_path": args.catalog})
        engine = await open_engine(eval_settings, ranking=ranking)
        try:
            await engine.reindex()
            for name in args.baseline:
                runs[name] = await _baseline_rankings(engine, name, queries)
            for mode in modes:
                runs[mode] = {}
                shown[mode] = []
                for query in queries:
                    if not is_searchable(query.query):  # the shopper sees no product
                        runs[mode][query.qid] = []
                        continue
                    categories = [query.category] if query.category else None
                    response = await engine.search_products(query.query, categories,
                                                            top_n=10, mode=mode)
                    runs[mode][query.qid] = [r.product.product_id for r in response.results]
                    shown[mode] += _shown_quotes(query, response)
        finally:
            await engine.aclose()
    reports = {name: score_run(queries, rankings) for name, rankings in runs.items()}
    quote_reports = ({mode: score_quotes(quote_labels, quotes) for mode, quotes in shown.items()}
                     if quote_labels else {})
    if args.json:
        output = {name: report.as_dict() for name, report in reports.items()}
        for mode, report in quote_reports.items():
            output[mode]["quotes"] = report.as_dict()
        print(json.dumps(output, ensure_ascii=False, indent=2))
    else:
        suffix = f", without {'+'.join(args.ablate)}" if args.ablate else ""
        tables = [format_report(report, f"{args.queries} ({name}{suffix})")
                  for name, report in reports.items()]
        tables += [format_quote_report(report, f"{args.quotes} ({mode}{suffix})")
                   for mode, report in quote_reports.items()]
        print("\n\n".join(tables))
    return 0


def _shown_quotes(query, response: SearchResponse) -> list[ShownQuote]:
    return [ShownQuote(query.qid, query.kind, result.product.product_id, rank,
                       result.evidence.text if result.evidence else "",
                       result.evidence.source if result.evidence else "listing")
            for rank, result in enumerate(response.results, start=1)]


async def _baseline_rankings(engine: SearchEngine, name: str, queries) -> dict[str, list[str]]:
    index = engine.search_index
    analyzer = engine.analyzer
    bm25 = Bm25ProductBaseline(index) if name == "bm25-product" else None
    rankings = {}
    for query in queries:
        categories = [query.category] if query.category else []
        if not is_searchable(query.query):
            rankings[query.qid] = []
        elif bm25 is not None:
            rankings[query.qid] = bm25.ranking(analyzer.analyze(query.query), categories, 10)
        else:
            vector = await engine.query_vector(query.query)
            rankings[query.qid] = e5_max_ranking(index, vector, categories, 10)
    return rankings


def notice_text(response: SearchResponse, code: str) -> str:
    """The terminal's words for one notice code of `response`."""
    return NOTICE_TEXTS.get(code, code).format(chars=len(response.query),
                                               categories=", ".join(response.skipped_categories))


def format_response(response: SearchResponse) -> str:
    """Readable plain-text results for the terminal (notices go to stderr)."""
    header = f"🔎 {response.query}"
    if response.categories:
        header += f"  [카테고리: {', '.join(response.categories)}]"
    lines = [header]
    if response.nothing_fits:
        missing = (f" ({', '.join(response.unknown_words)}: 이 카탈로그에 없는 말)"
                   if response.unknown_words else "")
        lines.append(f"  이 카탈로그에는 맞는 제품이 없어요{missing}.")
    elif not response.results:
        lines.append("  결과가 없어요.")
    for rank, result in enumerate(response.results, start=1):
        product = result.product
        lines.append(f"{rank}. [{product.brand}] {product.name} · {product.category} · "
                     f"{product.price:,}원 · ★{product.rating:.1f} · 점수 {result.score:.3f}")
        if result.evidence:
            lines.append(f"   “{result.evidence.text}”")
    return "\n".join(lines)


def _as_json(response: SearchResponse) -> str:
    rows = [{
        "product_id": r.product.product_id,
        "name": r.product.name,
        "brand": r.product.brand,
        "category": r.product.category,
        "price": r.product.price,
        "rating": r.product.rating,
        "score": r.score,
        "mode": r.mode,
        "evidence": r.evidence.text if r.evidence else None,
        "evidence_source": r.evidence.source if r.evidence else None,
    } for r in response.results]
    return json.dumps(rows, ensure_ascii=False, indent=2)
