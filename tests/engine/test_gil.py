"""The engine sets the GIL switch interval from settings when it opens."""

import sys

import pytest

from engine.service import SearchEngine


@pytest.fixture
def restored_switch_interval():
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


async def test_opening_the_engine_sets_the_switch_interval_from_settings(
        make_settings, index_copy, e5_vectorizer, restored_switch_interval):
    await SearchEngine.open(make_settings(index_dir=index_copy, gil_switch_interval_ms=0.5),
                            e5_vectorizer)
    assert sys.getswitchinterval() == pytest.approx(0.0005)
    await SearchEngine.open(make_settings(index_dir=index_copy), e5_vectorizer)
    assert sys.getswitchinterval() == pytest.approx(0.001)
