"""Skin, hair and body concerns a query describes, as the words reviews use for them (pure).

Shoppers describe a need in symptom words ("얼굴이 땅겨요", "머리카락이 많이 빠져요"); reviews of the
products that meet it use other words for the same concern ("보습", "촉촉", "탈모"). The concern
lexicon (`data/concern_lexicon.json`) lists, per concern, the stems that signal it in a query
(`words`) and further stems reviews use for it (`related`: too ambiguous to signal it alone,
such as 빠지 or 트). A query's concern words bring in the rest of their concerns' stems as
keyword-search expansion terms.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from engine.keyword import Morpheme
from engine.understanding._negation import negated_positions
from engine.understanding._tags import TRAIT_WORDS
from engine.understanding._traits import reduplicated_half



@dataclass(frozen=True)
class ConcernLexicon:
    """Concerns with the stems that signal each in a query and the stems reviews use for each."""

    cues: Mapping[str, frozenset[str]]       # stem -> concerns it signals
    vocabulary: Mapping[str, tuple[str, ...]]  # concern -> all its stems, in file order
    # stem -> concerns it is a review word of without signalling them (product types,
    # ingredients, ambiguous words): enough to say what a review should be about, not to rank
    related_cues: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries: Mapping[str, Mapping[str, Sequence[str]]]) -> "ConcernLexicon":
        cues: dict[str, set[str]] = {}
        related_cues: dict[str, set[str]] = {}
        vocabulary: dict[str, tuple[str, ...]] = {}
        for concern, entry in entries.items():
            words = [w.lower() for w in entry.get("words", ())]
            related = [w.lower() for w in entry.get("related", ())]
            for word in words:
                cues.setdefault(word, set()).add(concern)
            for word in related:
                related_cues.setdefault(word, set()).add(concern)
            vocabulary[concern] = tuple(dict.fromkeys(words + related))
        return cls({w: frozenset(c) for w, c in cues.items()}, vocabulary,
                   {w: frozenset(c) for w, c in related_cues.items()})

    @classmethod
    def load(cls, path: Path) -> "ConcernLexicon":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls.from_entries({k: v for k, v in data.items() if not k.startswith("_")})


def query_concerns(morphemes: Sequence[Morpheme], lexicon: ConcernLexicon,
                   with_related: bool = False) -> dict[str, float]:
    """Concerns the query's words signal, in order of first mention, each with its strength.

    Each distinct cue word gives one vote, split evenly among the concerns it signals, so a word
    shared by several concerns ("피지": pores, blackheads, oiliness) weighs less on each than a
    word that names one. A denied word ("안 끈적이는", "향 없는") signals nothing: the shopper
    wants the trait absent, and the concern's other stems would mostly be its complaint words.
    """
    denied = set(negated_positions(morphemes, remedies=False))
    cues = dict.fromkeys(_known_form(m.form.lower(), lexicon) for i, m in enumerate(morphemes)
                         if m.tag in TRAIT_WORDS and i not in denied)
    strength: dict[str, float] = {}
    for cue in cues:
        concerns = sorted(lexicon.cues.get(cue, frozenset())
                          | (lexicon.related_cues.get(cue, frozenset()) if with_related else set()))
        for concern in concerns:
            strength[concern] = strength.get(concern, 0.0) + 1.0 / len(concerns)
    return strength


def _known_form(form: str, lexicon: ConcernLexicon) -> str:
    """The form, or its half when only that is a lexicon word ("찌릿찌릿" → "찌릿")."""
    if form in lexicon.cues or form in lexicon.related_cues:
        return form
    return reduplicated_half(form)


def concern_expansion(morphemes: Sequence[Morpheme], lexicon: ConcernLexicon,
                      with_related: bool = False) -> tuple[tuple[str, float], ...]:
    """Stems of the query's concerns that the query does not already use, each with its share
    (0 to 1]: the summed strength of the query's concerns that hold it, at most 1."""
    used = {m.form.lower() for m in morphemes}
    share: dict[str, float] = {}
    for concern, strength in query_concerns(morphemes, lexicon, with_related).items():
        for word in lexicon.vocabulary[concern]:
            if word not in used:
                share[word] = min(1.0, share.get(word, 0.0) + strength)
    return tuple(share.items())


def named_concerns(morphemes: Sequence[Morpheme], lexicon: ConcernLexicon,
                   min_strength: float = 0.5, most: int = 2) -> tuple[str, ...]:
    """The concerns the query clearly describes (at least `min_strength` of a vote), first
    mentioned first, at most `most`."""
    strengths = query_concerns(morphemes, lexicon)
    return tuple(c for c, strength in strengths.items() if strength >= min_strength)[:most]


def with_concern_names(text: str, concerns: Sequence[str]) -> str:
    """The query with its concerns named after it, for the embedding model: "필드 나가면 얼굴이
    새까맣게 익어요 (자외선 백탁)". Labels list their words with "·"."""
    if not concerns:
        return text
    return f"{text} ({' '.join(c.replace('·', ' ') for c in concerns)})"
