"""The example table of docs/catalog.md, from what the engine answers on the sample catalog.

    python -m bench.catalog_examples            # rewrite the table in docs/catalog.md
    python -m bench.catalog_examples --check    # exit 1 when the table is stale

The table lives between the two markers below in docs/catalog.md; everything else in the file
is left as it is. The sample catalog is indexed into a temporary folder (a minute or two), or
into --index-dir, where a rerun embeds only what changed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

from engine.composition import open_engine
from engine.models import SearchResult
from engine.runtime import configure_process
from engine.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "catalog.md"
CATALOG = ROOT / "data" / "catalog.jsonl"
START = "<!-- examples: python -m bench.catalog_examples -->"
END = "<!-- /examples -->"
QUERIES = ("눈 안 시린 선크림", "향 없는 바디로션", "세안 후 당기지 않는 폼클렌저", "2만원 이하 건성용 클렌징폼",
           "오후에 다크닝 없는 쿠션", "끈적이지 않는 바디로션", "지성 두피 떡짐 샴푸",
           "워터프루프 마스카라 잘 지워지는 클렌징오일")
TOP = 2
QUOTE_CHARS = 40


def quoted(result: SearchResult) -> str:
    text = " ".join(result.evidence.text.split()) if result.evidence else ""
    return f"“{text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1].rstrip() + '…'}”"


def named(result: SearchResult, with_price: bool) -> str:
    product = result.product
    return f"{product.name} ({product.price:,}원)" if with_price else product.name


async def table(index_dir: Path) -> str:
    settings = load_settings(index_dir=index_dir, catalog_path=CATALOG)
    configure_process(settings)
    engine = await open_engine(settings)
    try:
        await engine.reindex()
        rows = ["| query | first results | quoted review |", "|---|---|---|"]
        for query in QUERIES:
            response = await engine.search_products(query, top_n=TOP, mode="hybrid")
            with_price = any(word in query for word in ("원 이하", "만원"))
            rows.append(f"| {query} | "
                        f"{' · '.join(named(r, with_price) for r in response.results)} | "
                        f"{' · '.join(quoted(r) for r in response.results)} |")
        return "\n".join(rows)
    finally:
        await engine.aclose()


def with_table(doc: str, rows: str) -> str:
    before, rest = doc.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{rows}\n{END}{after}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report whether it is stale")
    parser.add_argument("--index-dir", type=Path, help="keep the sample index here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cosmo-examples-") as workdir:
        rows = asyncio.run(table(args.index_dir or Path(workdir)))
    doc = DOC.read_text(encoding="utf-8")
    fresh = with_table(doc, rows)
    if args.check:
        if fresh != doc:
            print("docs/catalog.md: the example table is stale; run python -m bench.catalog_examples",
                  file=sys.stderr)
            return 1
        return 0
    DOC.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
