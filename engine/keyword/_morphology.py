"""Korean morphological analysis with kiwipiepy: the one place that talks to Kiwi.

A Kiwi instance takes about a second and 250 MB to build, so an engine creates one
`MorphemeAnalyzer` and shares it. Kiwi holds the GIL while it analyses, and calls are serialised
with a lock so a reindex thread and a query on the event loop never share its state.
"""

from __future__ import annotations

import threading
from typing import Iterable, NamedTuple, Sequence

MAX_ANALYZED_CHARS = 2_000  # per Kiwi call: ~20 ms


class Morpheme(NamedTuple):
    """One morpheme: surface form, part-of-speech tag (Sejong tags, irregular suffix dropped),
    and its character offset in the analysed text."""

    form: str
    tag: str
    start: int = 0
    length: int = 0


class MorphemeAnalyzer:
    """Splits text into morphemes; build once per engine and reuse.

    `on_demand`: Kiwi (about 250 MB) is built by the first analysis instead of now, and
    `release` lets go of it until the next, for a process that reads its searches elsewhere
    (search workers) and analyses only to reindex."""

    def __init__(self, user_words: Iterable[tuple[str, str]] = (), *,
                 on_demand: bool = False) -> None:
        self._user_words = tuple(user_words)
        self.identity = _identity(self._user_words)
        self._on_demand = on_demand
        self._lock = threading.Lock()
        self._built = None
        if not on_demand:
            with self._lock:
                self._kiwi()

    @property
    def loaded(self) -> bool:
        """Whether Kiwi is in memory now."""
        return self._built is not None

    def release(self) -> None:
        """An on-demand analyser lets go of Kiwi (the next analysis builds it again)."""
        if self._on_demand:
            with self._lock:
                self._built = None

    def _kiwi(self):
        """The Kiwi instance, built now if need be; call with the lock held."""
        if self._built is None:
            from kiwipiepy import Kiwi

            # Without the multi-word and default user dictionaries Kiwi takes ~260 MB less and
            # builds 4x faster; the eval sets score the same either way (docs/benchmarks.md,
            # Footprint).
            kiwi = Kiwi(load_multi_dict=False, load_default_dict=False)
            for word, tag in self._user_words:
                kiwi.add_user_word(word, tag)
            kiwi.tokenize("워밍업")  # the first call loads the language model lazily
            self._built = kiwi
        return self._built

    def analyze(self, text: str) -> tuple[Morpheme, ...]:
        """Morphemes of one text, in order.

        A long text is analysed in pieces of at most `MAX_ANALYZED_CHARS`, cut at spaces: Kiwi
        grows faster than linearly with length and holds the GIL and this lock throughout, so
        one huge review would otherwise keep every search waiting (40,000 characters: 0.6 s in
        one call; 1.6 MB: minutes)."""
        morphemes: list[Morpheme] = []
        for start, stop in analysis_pieces(text):
            with self._lock:
                tokens = self._kiwi().tokenize(text[start:stop])
            morphemes += (Morpheme(t.form, t.tag.split("-")[0], start + t.start, t.len)
                          for t in tokens)
        return tuple(morphemes)

    def join(self, morphemes: Sequence[tuple[str, str]]) -> str:
        """The text Kiwi writes for (form, tag) morphemes, conjugated ("땅기" "는" → "땅기는")."""
        with self._lock:
            return self._kiwi().join(list(morphemes))

    def analyze_many(self, texts: Sequence[str]) -> list[tuple[Morpheme, ...]]:
        """Morphemes of each text; one call per text keeps the GIL free between texts."""
        return [self.analyze(text) for text in texts]


def analysis_pieces(text: str, max_chars: int = MAX_ANALYZED_CHARS) -> list[tuple[int, int]]:
    """[start, stop) spans covering `text`, each at most `max_chars` long, ending at a space
    when one is in the last fifth of the span."""
    pieces, start = [], 0
    while len(text) - start > max_chars:
        stop = start + max_chars
        space = text.rfind(" ", stop - max_chars // 5, stop)
        stop = space + 1 if space > start else stop
        pieces.append((start, stop))
        start = stop
    pieces.append((start, len(text)))
    return pieces


def _identity(user_words: tuple[tuple[str, str], ...]) -> str:
    """Names the analysis: morphemes from analysers of one identity may be reused for a text."""
    import hashlib
    from importlib.metadata import version

    words = hashlib.sha256(repr(sorted(user_words)).encode("utf-8")).hexdigest()[:12]
    return f"kiwipiepy-{version('kiwipiepy')}/no-multi-no-default/{words}"
