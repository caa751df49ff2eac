"""Fuzzing button data: whatever arrives, it is refused or read as exactly the button that
encodes to it, so a forged or garbled button can never pass for another one."""

from hypothesis import given, settings, strategies as st

from bot.callback_data import MAX_BYTES, InvalidCallbackData, decode, encode

PREFIXES = ["pg:", "sim:", "ex:", "cat:", "top:", "mode:", ""]
# Data shaped like ours, with digits of every script, signs, padding and separators mixed in.
pieces = st.one_of(st.sampled_from(["0", "00", "07", "-1", "+1", "1", "99", "100", "٣", "３",
                                    "semantic", "keyword", "hybrid", "ab12cd34", "x", ":", " ",
                                    "\n", "deadbeef", "z" * 9]),
                   st.text(max_size=6))
shaped = st.builds(lambda prefix, parts: prefix + ":".join(parts),
                   st.sampled_from(PREFIXES), st.lists(pieces, max_size=4))


@settings(max_examples=400, deadline=None)
@given(st.one_of(shaped, st.text(max_size=100)))
def test_data_is_refused_or_is_exactly_the_encoding_of_what_it_decodes_to(data):
    try:
        button = decode(data)
    except InvalidCallbackData:
        return
    assert encode(button) == data
    assert len(data.encode()) <= MAX_BYTES


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["pg:ab12cd34:k3:2", "sim:ab12cd34:k3:11", "cat:ab12cd34:-1",
                        "top:5", "ex:3", "mode:hybrid"]),
       st.integers(0, 40), st.characters())
def test_one_changed_character_is_refused_or_read_as_the_button_it_now_spells(data, at, char):
    at = at % (len(data) + 1)
    mutated = data[:at] + char + data[at + 1:]
    try:
        button = decode(mutated)
    except InvalidCallbackData:
        return
    assert encode(button) == mutated
