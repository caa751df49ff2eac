from hypothesis import given
from hypothesis import strategies as st

import pytest

from bot.callback_data import (CategoryButton, ExampleButton, InvalidCallbackData, ModeButton,
                               PageButton, SimilarButton, TopButton, decode, encode, version_tag)

tags = st.text(min_size=0, max_size=100).map(version_tag)
sessions = st.integers(min_value=0, max_value=36**8 - 1).map(lambda n: format(n, "x")[:8])
buttons = st.one_of(
    st.builds(PageButton, tags, sessions, st.integers(0, 99)),
    st.builds(SimilarButton, tags, sessions, st.integers(0, 99)),
    st.builds(ExampleButton, st.integers(0, 99)),
    st.builds(CategoryButton, tags, st.integers(-1, 999)),
    st.builds(TopButton, st.integers(0, 99)),
    st.builds(ModeButton, st.sampled_from(["semantic", "keyword", "hybrid"])),
)


@given(buttons)
def test_every_button_round_trips_within_64_bytes(button):
    data = encode(button)
    assert len(data.encode()) <= 64
    assert decode(data) == button


@given(st.text(max_size=80))
def test_arbitrary_data_is_either_a_valid_button_or_refused(data):
    try:
        button = decode(data)
    except InvalidCallbackData:
        return
    assert decode(encode(button)) == button


def test_the_version_tag_has_a_fixed_length():
    assert len(version_tag("")) == len(version_tag("x" * 500)) == 8
    assert version_tag("a") != version_tag("b")


@pytest.mark.parametrize("data", ["", "pg", "pg:1:2:3", "mode:delete", "top:-1", "ex:1:x"])
def test_malformed_data_is_refused(data):
    with pytest.raises(InvalidCallbackData):
        decode(data)
