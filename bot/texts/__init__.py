"""The bot's words, one module per language it speaks: Korean (`ko.py`) and English (`en.py`).

Every language module holds the same names with the same format fields (a test checks it), so
code picks a set once per update and reads `words.WELCOME` whatever the language. Korean goes
to users whose Telegram language is Korean, and to those whose client names no language; every
other language code gets English (the search itself reads any language the model reads).

Strings are Telegram HTML templates: values are escaped by the code that fills them in
(`bot.render`), never here.
"""

from __future__ import annotations

from types import ModuleType

from telegram import User

from bot.texts import en, ko

Texts = ModuleType  # one language's module of texts
KOREAN: Texts = ko
ENGLISH: Texts = en
LANGUAGES: dict[str, Texts] = {"ko": KOREAN, "en": ENGLISH}


def for_language(code: str | None) -> Texts:
    """Korean for `ko` (`ko-KR` too) or no code, English for any other IETF language tag."""
    if not code or code.split("-")[0].strip().lower() == "ko":
        return KOREAN
    return ENGLISH


def for_user(user: User | None) -> Texts:
    """The texts for whoever sent an update: in a group, the sender's language."""
    return for_language(user.language_code if user is not None else None)


def for_session(language: str, user: User | None) -> Texts:
    """The texts a stored search was shown in, so a page edit keeps its message's language
    when someone else presses its buttons; the presser's own for a session that kept none."""
    return LANGUAGES[language] if language in LANGUAGES else for_user(user)
