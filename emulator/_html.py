"""Telegram's HTML parse mode: markup in, plain text and entities out, errors as Telegram words them.

Only the tags Telegram supports are accepted; anything else (a stray `<`, `<script>`, an
unclosed `<b>`) is a "can't parse entities" error, which is how unescaped catalog text would
fail against the real Bot API.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from emulator._entities import utf16_len

_SIMPLE_TAGS = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "span": "spoiler",
    "tg-emoji": "custom_emoji",
}
_START_TAG = re.compile(
    r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_END_TAG = re.compile(r"</\s*([a-zA-Z][a-zA-Z0-9-]*)\s*>")
_ATTRIBUTE = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_CHAR_REF = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class HtmlParseError(ValueError):
    """The markup is not valid Telegram HTML."""


@dataclass
class _OpenTag:
    name: str
    start: int
    attributes: dict[str, str]
    language: str | None = None
    children: list[str] = field(default_factory=list)


def parse_html(source: str) -> tuple[str, list[dict]]:
    """Parse Telegram HTML into `(text, entities)` with UTF-16 offsets, sorted like Telegram's."""
    pieces: list[str] = []
    entities: list[dict] = []
    stack: list[_OpenTag] = []
    position = 0  # UTF-16 offset of the next character of text
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            if source.startswith("</", i):
                i = _close_tag(source, i, stack, entities, position)
            else:
                i = _open_tag(source, i, stack, position)
        elif char == "&":
            match = _CHAR_REF.match(source, i)
            text = _decode_reference(match.group(1)) if match else "&"
            pieces.append(text)
            position += utf16_len(text)
            i = match.end() if match else i + 1
        else:
            end = _next_special(source, i)
            pieces.append(source[i:end])
            position += utf16_len(source[i:end])
            i = end
    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(pieces), entities


def _next_special(source: str, start: int) -> int:
    ends = [index for index in (source.find("<", start), source.find("&", start)) if index != -1]
    return min(ends) if ends else len(source)


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _open_tag(source: str, i: int, stack: list[_OpenTag], position: int) -> int:
    match = _START_TAG.match(source, i)
    if not match:
        raise HtmlParseError(f"Unexpected end of name token at byte offset {_byte_offset(source, i)}")
    name = match.group(1).lower()
    attributes = _parse_attributes(match.group(2))
    if name not in _SIMPLE_TAGS or (name == "span" and attributes.get("class") != "tg-spoiler"):
        raise HtmlParseError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, i)}'
        )
    stack.append(_OpenTag(name=name, start=position, attributes=attributes))
    return match.end()


def _close_tag(source: str, i: int, stack: list[_OpenTag], entities: list[dict],
               position: int) -> int:
    match = _END_TAG.match(source, i)
    if not match:
        raise HtmlParseError(f"Unexpected end tag at byte offset {_byte_offset(source, i)}")
    name = match.group(1).lower()
    if not stack or stack[-1].name != name:
        expected = f'"</{stack[-1].name}>"' if stack else "nothing"
        raise HtmlParseError(
            f'Unmatched end tag at byte offset {_byte_offset(source, i)}, '
            f'expected {expected}, found "</{name}>"'
        )
    tag = stack.pop()
    parent = stack[-1] if stack else None
    language = tag.attributes.get("class", "")
    if name == "code" and parent and parent.name == "pre" and language.startswith("language-"):
        parent.language = language.removeprefix("language-")
    elif position > tag.start:
        entities.append(_entity_for(tag, position - tag.start))
    return match.end()


def _entity_for(tag: _OpenTag, length: int) -> dict:
    entity: dict = {"type": _SIMPLE_TAGS[tag.name], "offset": tag.start, "length": length}
    if tag.name == "a":
        entity["url"] = tag.attributes.get("href", "")
    elif tag.name == "pre" and tag.language:
        entity["language"] = tag.language
    elif tag.name == "blockquote" and "expandable" in tag.attributes:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attributes.get("emoji-id", "")
    return entity


def _parse_attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(raw):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        attributes[match.group(1).lower()] = html.unescape(value)
    return attributes


def _decode_reference(reference: str) -> str:
    if reference in _NAMED:
        return _NAMED[reference]
    number = int(reference[2:], 16) if reference[1] in "xX" else int(reference[1:])
    try:
        return chr(number)
    except (ValueError, OverflowError):
        return "\ufffd"
