import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulator import HtmlParseError, parse_html


def test_tags_become_entities_with_utf16_offsets():
    text, entities = parse_html("😀 <b>촉촉</b> <i>크림</i>")
    assert text == "😀 촉촉 크림"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 2},
        {"type": "italic", "offset": 6, "length": 2},
    ]


def test_character_references_are_decoded():
    text, entities = parse_html("&lt;script&gt; &amp; &quot;a&quot; &#44032; &#xAC00;")
    assert text == '<script> & "a" 가 가'
    assert entities == []


def test_nested_tags_are_sorted_outer_first():
    text, entities = parse_html("<b>a<i>b</i></b>")
    assert text == "ab"
    assert entities == [{"type": "bold", "offset": 0, "length": 2},
                        {"type": "italic", "offset": 1, "length": 1}]


def test_link_pre_language_spoiler_and_blockquote():
    source = ('<a href="https://x.test/?a=1&amp;b=2">링크</a><pre><code class="language-python">'
              'x</code></pre><span class="tg-spoiler">s</span><blockquote expandable>q</blockquote>')
    _, entities = parse_html(source)
    assert {"type": "text_link", "offset": 0, "length": 2, "url": "https://x.test/?a=1&b=2"} in entities
    assert {"type": "pre", "offset": 2, "length": 1, "language": "python"} in entities
    assert {"type": "spoiler", "offset": 3, "length": 1} in entities
    assert {"type": "expandable_blockquote", "offset": 4, "length": 1} in entities


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "a < b",
    "<b>unclosed",
    "<b><i>crossed</b></i>",
    "stray </b>",
    '<span class="other">x</span>',
    "<br>",
])
def test_markup_telegram_refuses_is_an_error(source):
    with pytest.raises(HtmlParseError):
        parse_html(source)


@given(st.text())
def test_escaped_text_comes_back_unchanged(raw):
    assert parse_html(html.escape(raw)) == (raw, [])
