from emulator._entities import command_entities, utf16_len


def test_utf16_length_counts_astral_characters_twice():
    assert utf16_len("가😀") == 3


def test_a_command_at_the_start_is_marked():
    assert command_entities("/search 크림") == [{"type": "bot_command", "offset": 0, "length": 7}]


def test_a_command_addressed_to_a_bot_includes_the_username():
    assert command_entities("/search@CosmoBot 크림") == [
        {"type": "bot_command", "offset": 0, "length": 16}]


def test_offsets_after_emoji_are_in_utf16_units():
    assert command_entities("😀 /help") == [{"type": "bot_command", "offset": 3, "length": 5}]


def test_slashes_inside_words_are_not_commands():
    assert command_entities("a/b 1/2 https://x.test/path") == []
