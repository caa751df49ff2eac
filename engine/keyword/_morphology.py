"""Korean morphological analysis with kiwipiepy: the one place that talks to Kiwi.

A Kiwi instance takes about a second and tens of megabytes to build, so an engine creates one
`MorphemeAnalyzer` and shares it. Kiwi holds the GIL while it analyses, and calls are serialised
with a lock so a reindex thread and a query on the event loop never share its state.
"""

from __future__ import annotations

import threading
from typing import Iterable, NamedTuple, Sequence


class Morpheme(NamedTuple):
    """One morpheme: surface form, part-of-speech tag (Sejong tags, irregular suffix dropped),
    and its character offset in the analysed text."""

    form: str
    tag: str
    start: int = 0
    length: int = 0


class MorphemeAnalyzer:
    """Splits text into morphemes; build once per engine and reuse."""

    def __init__(self, user_words: Iterable[tuple[str, str]] = ()) -> None:
        from kiwipiepy import Kiwi

        # Without the multi-word and default user dictionaries Kiwi takes ~260 MB less and builds
        # 4x faster; the eval sets score the same either way (docs/benchmarks.md, Footprint).
        self._kiwi = Kiwi(load_multi_dict=False, load_default_dict=False)
        user_words = tuple(user_words)
        for word, tag in user_words:
            self._kiwi.add_user_word(word, tag)
        self.identity = _identity(user_words)
        self._lock = threading.Lock()
        self.analyze("워밍업")  # the first call loads the language model lazily

    def analyze(self, text: str) -> tuple[Morpheme, ...]:
        """Morphemes of one text, in order."""
        with self._lock:
            tokens = self._kiwi.tokenize(text)
        return tuple(Morpheme(t.form, t.tag.split("-")[0], t.start, t.len) for t in tokens)

    def analyze_many(self, texts: Sequence[str]) -> list[tuple[Morpheme, ...]]:
        """Morphemes of each text; one call per text keeps the GIL free between texts."""
        return [self.analyze(text) for text in texts]


def _identity(user_words: tuple[tuple[str, str], ...]) -> str:
    """Names the analysis: morphemes from analysers of one identity may be reused for a text."""
    import hashlib
    from importlib.metadata import version

    words = hashlib.sha256(repr(sorted(user_words)).encode("utf-8")).hexdigest()[:12]
    return f"kiwipiepy-{version('kiwipiepy')}/no-multi-no-default/{words}"
