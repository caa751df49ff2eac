"""The search page's own small pieces: how old a snapshot is, catalog text kept as written."""

from __future__ import annotations

import importlib.util
from datetime import datetime, timedelta, timezone

import pytest

from tests.environment import ROOT

pytest.importorskip("streamlit", reason='needs streamlit (pip install -e ".[app]")')


@pytest.fixture(scope="module")
def page():
    spec = importlib.util.spec_from_file_location("search_page", ROOT / "apps" / "search_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not "__main__": defines the page without running it
    return module


@pytest.mark.parametrize(("ago", "words"), [
    (timedelta(seconds=20), "방금 만든 색인"),
    (timedelta(minutes=7, seconds=50), "7분 전에 만든 색인"),
    (timedelta(hours=3, minutes=59), "3시간 전에 만든 색인"),
    (timedelta(days=2, hours=5), "2일 전에 만든 색인"),
])
def test_the_snapshot_age_is_said_in_the_largest_whole_unit(page, ago, words):
    created = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    assert page.snapshot_age(created.isoformat(), created + ago) == words


def test_catalog_markup_is_escaped_for_markdown(page):
    escaped = page.plain("<script>&장난 립밤 **1+1** [기획]")
    assert "<script>" not in escaped and "**" not in escaped
    # Markdown drops each backslash before punctuation: what shows is the text as written.
    assert escaped.replace("\\", "") == "<script>&장난 립밤 **1+1** [기획]"
