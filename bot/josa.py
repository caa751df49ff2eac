"""Korean particles that agree with the word before them: ‘크림’과, ‘토너’와, ‘립밤’으로.

A particle's form depends on whether the word's last syllable, as read aloud, ends in a
consonant (받침). Product names end in Hangul, digits ("500ml", "2호"), Latin letters or
brackets ("수분크림 (리필)"), so the word is read the way a Korean shopper would say it.
"""

from __future__ import annotations

import re

_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_NO_FINAL, _RIEUL_FINAL = 0, 8

# How the last digit is read: 일, 이, 삼, 사, 오, 육, 칠, 팔, 구, 영 (0 → 영).
_DIGIT_FINAL = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8,
                "9": 0}
# Letters said with a closing consonant: 엘, 엠, 엔, 알 (the rest end in a vowel: 에이, 비, 씨…).
_LETTER_FINAL = {"l": 8, "m": 16, "n": 4, "r": 8}
# Units shoppers read in full: 밀리리터, 리터, 그램, 킬로그램.
_UNIT_FINAL = {"ml": 0, "l": 0, "g": 16, "kg": 16, "mg": 16}
_TRAILING_ASIDE = re.compile(r"\s*[(\[{][^()\[\]{}]*[)\]}]$")
_CLOSERS = ")]}>」』”’\"' .,!?…~"

PAIRS = {"와": ("와", "과"), "과": ("와", "과"), "를": ("를", "을"), "을": ("를", "을"),
         "가": ("가", "이"), "이": ("가", "이"), "는": ("는", "은"), "은": ("는", "은")}


def final_consonant(word: str) -> int | None:
    """Index of the spoken last syllable's final consonant (0 = none), or None if unknown."""
    text = _strip_trailing(word)
    if not text:
        return None
    last = text[-1]
    if _HANGUL_FIRST <= ord(last) <= _HANGUL_LAST:
        return (ord(last) - _HANGUL_FIRST) % 28
    if last.isdigit():
        return _DIGIT_FINAL.get(last)
    if last.isascii() and last.isalpha():
        tail = _ascii_tail(text).lower()
        for unit, final in _UNIT_FINAL.items():
            if tail == unit or (tail.endswith(unit) and text[-len(tail) - 1:-len(tail)].isdigit()):
                return final
        return _LETTER_FINAL.get(last.lower(), 0)
    return None


def particle(word: str, form: str) -> str:
    """The form of particle `form` (와/과, 를/을, 가/이, 는/은, 로/으로) that follows `word`;
    both forms, as "와(과)", when the word's reading is unknown."""
    final = final_consonant(word)
    if form in ("로", "으로"):
        if final is None:
            return "(으)로"
        return "로" if final in (_NO_FINAL, _RIEUL_FINAL) else "으로"
    vowel_form, consonant_form = PAIRS[form]
    if final is None:
        return f"{vowel_form}({consonant_form})"
    return vowel_form if final == _NO_FINAL else consonant_form


def _strip_trailing(word: str) -> str:
    text = word.strip()
    while True:  # "수분크림 (리필)", "토너 [1+1]": the bracket is an aside, the name is read
        cut = _TRAILING_ASIDE.sub("", text).rstrip(_CLOSERS)
        if cut == text or not cut:
            return cut or text.rstrip(_CLOSERS)
        text = cut


def _ascii_tail(text: str) -> str:
    end = len(text)
    start = end
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return text[start:end]
