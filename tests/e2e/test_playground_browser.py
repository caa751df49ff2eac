"""The playground in headless Chromium: type a query, get cards, turn the page with a button."""

from pathlib import Path

import pytest

from playground import playground
from tests.e2e.cdp import chromium_page, find_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = find_chromium()

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)"),
]

BOT_MESSAGES = "document.querySelectorAll('.message.bot')"


async def send_from_page(page, url: str, text: str) -> None:
    """Open the page, type `text` into the private chat and send it."""
    await page.navigate(url)
    await page.wait_until("document.body.dataset.ready === 'true'")
    await page.click("document.getElementById('text')")
    await page.type_text(text)
    await page.click("document.getElementById('send')")


async def test_a_query_and_a_page_button_in_the_browser(settings, engine):
    async with playground(settings, engine) as url, chromium_page(CHROMIUM) as page:
        await send_from_page(page, url, "겨울에 얼굴 땅기는 거 잡아줄 크림")
        await page.wait_until(f"{BOT_MESSAGES}.length === 1 && document.querySelector('.keyboard')")
        first = await page.evaluate(f"{BOT_MESSAGES}[0].innerText")
        assert "세라마이드 장벽 크림" in first and "1/2쪽" in first
        assert await page.evaluate(f"{BOT_MESSAGES}[0].querySelectorAll('b, blockquote').length") > 2

        await page.click("[...document.querySelectorAll('.keyboard button')]"
                         ".find(b => b.textContent === '다음 ▶')")
        await page.wait_until(f"{BOT_MESSAGES}[0].innerText.includes('2/2쪽')")
        await page.screenshot(ARTIFACTS / "playground-pages.png")


async def test_an_english_speaking_user_in_the_browser(settings, engine):
    async with playground(settings, engine) as url, chromium_page(CHROMIUM) as page:
        await send_from_page(page, url.rstrip("/") + "/?lang=en", "겨울에 얼굴 땅기는 거 잡아줄 크림")
        await page.wait_until(f"{BOT_MESSAGES}.length === 1 && document.querySelector('.keyboard')")
        first = await page.evaluate(f"{BOT_MESSAGES}[0].innerText")
        assert "Results for" in first and "page 1 of 2" in first and "세라마이드 장벽 크림" in first
        await page.click("[...document.querySelectorAll('.keyboard button')]"
                         ".find(b => b.textContent === 'Next ▶')")
        await page.wait_until(f"{BOT_MESSAGES}[0].innerText.includes('page 2 of 2')")


async def test_catalog_markup_is_shown_as_text_not_run(settings, engine):
    async with playground(settings, engine) as url, chromium_page(CHROMIUM) as page:
        await send_from_page(page, url, "무향 립밤 입술 각질")
        await page.wait_until(f"{BOT_MESSAGES}.length === 1")
        assert "<script>&장난 립밤" in await page.evaluate(f"{BOT_MESSAGES}[0].innerText")
        assert await page.evaluate("document.querySelectorAll('#messages script').length") == 0
        await page.screenshot(ARTIFACTS / "playground-escaping.png")


async def test_the_first_results_photo_and_its_buy_button_in_the_browser(settings, engine):
    async with playground(settings, engine) as url, chromium_page(CHROMIUM) as page:
        await send_from_page(page, url, "겨울에 얼굴 땅기는 거 잡아줄 크림")
        photo = f"{BOT_MESSAGES}[0].querySelector('img.preview')"
        # drawn by the emulator from the address: loaded, from this page's own server
        await page.wait_until(f"{photo} && {photo}.complete && {photo}.naturalWidth > 0")
        assert await page.evaluate(f"{photo}.dataset.source") == \
            "https://shop.example/images/m01.jpg"
        assert (await page.evaluate(f"{photo}.src")).startswith(url.rstrip("/") + "/_emu/media?")
        buy = "[...document.querySelectorAll('.keyboard button')].find(b => b.dataset.url)"
        assert await page.evaluate(f"{buy}.textContent") == "🛒 구매하기"
        assert await page.evaluate(f"{buy}.dataset.url") == \
            "https://shop.example/products/m01?ref=cosmo&lang=ko"
        await page.screenshot(ARTIFACTS / "playground-photo.png")
