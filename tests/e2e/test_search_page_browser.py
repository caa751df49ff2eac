"""apps/search_page.py under `streamlit run`, driven in headless Chromium: search, switch the
search type, filter by category, open similar products, and a query nothing in the shop fits.

The page runs as a shop would run it: its own process on a free loopback port, settings from
the environment only (the embedded e5 model, no token), building its first snapshot of a small
catalog. `UPDATE_SCREENSHOTS=1` also refreshes docs/img/search-page.png.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.cdp import chromium_page, find_chromium
from tests.environment import ROOT, environment_without_settings

ARTIFACTS = ROOT / "test-artifacts"
PAGE = ROOT / "apps" / "search_page.py"
CHROMIUM = find_chromium()
STREAMLIT = importlib.util.find_spec("streamlit") is not None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (`make browser-deps`)"),
    pytest.mark.skipif(not STREAMLIT, reason='needs streamlit (pip install -e ".[app]")'),
]

QUERY = "겨울에 얼굴 땅기는 거 잡아줄 크림"
TEXT = "document.body.innerText"
SUMMARY = ("[...document.querySelectorAll('[data-testid=\"stCaptionContainer\"]')]"
           ".map(e => e.innerText).find(t => t.startsWith('‘')) || ''")
CARD_FACTS = ("[...document.querySelectorAll('[data-testid=\"stMain\"] "
              "[data-testid=\"stCaptionContainer\"]')].map(e => e.innerText)"
              ".filter(t => t.includes(' · ★'))")


# The summary line ("‘query’ · 키워드 · 전체 · 3개") comes before the cards it counts.
ALL_CARDS_SHOWN = (f"(() => {{ const m = ({SUMMARY}).match(/(\\d+)개$/);"
                   f" return m !== null && Number(m[1]) === ({CARD_FACTS}).length; }})()")


def settled(condition: str) -> str:
    """`condition`, once the page's run is over: every card the summary counts is shown and no
    element is left from the previous run."""
    return (f"({condition}) && {ALL_CARDS_SHOWN}"
            " && !document.querySelector('[data-stale=\"true\"]')")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen, bound_s: float = 120.0) -> None:
    deadline = time.monotonic() + bound_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer within {bound_s:.0f} s")


@pytest.fixture
def search_page(tmp_path, mini_catalog_path):
    """`streamlit run apps/search_page.py` on a free port; stopped by its pid afterwards."""
    shutil.copy(mini_catalog_path, tmp_path / "catalog.jsonl")
    port = free_port()
    env = environment_without_settings(catalog_path=str(tmp_path / "catalog.jsonl"),
                                       index_dir=str(tmp_path / "index"))
    env.update(STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", HOME=str(tmp_path))
    log_path = tmp_path / "streamlit.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(PAGE), "--server.headless=true",
         "--server.address=127.0.0.1", f"--server.port={port}",
         "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
         "--global.developmentMode=false", "--client.toolbarMode=viewer"],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process)
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        print(log_path.read_text()[-3000:])  # pytest shows it when the test failed


async def search_for(page, text: str) -> None:
    field = "document.querySelector('input[aria-label=\"어떤 제품을 찾으세요?\"]')"
    await page.click(field)
    await page.evaluate(f"{field}.select()")
    await page.type_text(text)
    await page.press_enter()


async def click_text(page, selector: str, text: str) -> None:
    await page.click(f"[...document.querySelectorAll({json.dumps(selector)})]"
                     f".find(e => e.innerText.trim() === {json.dumps(text)})")


async def test_search_type_filter_and_similar_products_in_the_browser(search_page):
    async with chromium_page(CHROMIUM) as page:
        await page.navigate(search_page)
        # The first visit starts the engine and builds the first snapshot.
        await page.wait_until("document.querySelector('input[aria-label=\"어떤 제품을 찾으세요?\"]')",
                              timeout_s=180)
        sidebar = await page.evaluate(
            "document.querySelector('[data-testid=\"stSidebar\"]').innerText")
        assert "embedded multilingual-e5-small" in sidebar and "만든 색인" in sidebar

        await search_for(page, QUERY)
        await page.wait_until(settled(f"({SUMMARY}).includes('하이브리드 · 전체')"), timeout_s=60)
        assert (await page.evaluate(CARD_FACTS))
        assert "세라마이드 장벽 크림" in await page.evaluate(TEXT)
        assert "겨울마다 볼이 땅겼는데" in await page.evaluate(TEXT)  # the quoted review
        assert "32,000원" in await page.evaluate(TEXT)
        # A link button may appear a moment after the rest of its card: waited for, not assumed.
        await page.wait_until("[...document.querySelectorAll('[data-testid=\"stMain\"] a')]"
                              ".some(a => a.innerText.includes('구매하기') && a.href === "
                              "'https://shop.example/products/m01?ref=cosmo&lang=ko')")

        await click_text(page, '[data-testid="stRadio"] label', "키워드")
        await page.wait_until(settled(f"({SUMMARY}).includes('키워드 · 전체')"), timeout_s=60)
        await page.screenshot(ARTIFACTS / "search-page.png")
        if os.environ.get("UPDATE_SCREENSHOTS") == "1":
            shutil.copy(ARTIFACTS / "search-page.png", ROOT / "docs" / "img" / "search-page.png")

        await page.click("document.querySelector('[data-testid=\"stMultiSelect\"] input')")
        await click_text(page, '[role="option"]', "선크림")
        await page.wait_until(settled(f"({SUMMARY}).includes('키워드 · 선크림')"), timeout_s=60)
        facts = await page.evaluate(CARD_FACTS)
        assert facts and all(" · 선크림 · " in line for line in facts)

        first = (await page.evaluate(
            "document.querySelector('[data-testid=\"stMain\"] strong').innerText")).strip()
        await click_text(page, "button", "비슷한 제품")
        await page.wait_until(settled(f"{TEXT}.includes('비슷한 제품: ‘{first}’') && "
                                      f"({CARD_FACTS}).length > 0"), timeout_s=60)
        names = await page.evaluate(
            "[...document.querySelectorAll('[data-testid=\"stMain\"] strong')]"
            ".map(e => e.innerText.trim())")
        assert first not in names[1:]


async def test_a_query_nothing_fits_and_catalog_markup_in_the_browser(search_page):
    async with chromium_page(CHROMIUM) as page:
        await page.navigate(search_page)
        await page.wait_until("document.querySelector('input[aria-label=\"어떤 제품을 찾으세요?\"]')",
                              timeout_s=180)
        await search_for(page, "자동차 타이어 교체")
        await page.wait_until(settled(f"{TEXT}.includes('이 가게에는 맞는 제품이 없어요')"),
                              timeout_s=60)
        assert "타이어" in await page.evaluate(TEXT)

        await search_for(page, "무향 립밤 입술 각질")
        # The catalog's name "<script>&장난 립밤" shows as written, and runs nothing.
        await page.wait_until(settled(f"({SUMMARY}).includes('무향 립밤') && "
                                      f"{TEXT}.includes('<script>&장난 립밤')"), timeout_s=60)
        assert await page.evaluate(
            "document.querySelectorAll('[data-testid=\"stMain\"] script').length") == 0
