"""Which morphemes become keyword-search terms (pure functions over morphemes)."""

from __future__ import annotations

from typing import Mapping, Sequence

from engine.keyword._morphology import Morpheme

# Nouns, roots, verb and adjective stems, adverbs, foreign words and numbers carry meaning;
# particles, endings and suffixes only make documents look alike.
CONTENT_TAGS = frozenset({"NNG", "NNP", "XR", "VV", "VA", "MAG", "SL", "SH", "SN"})
NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})


def index_terms(morphemes: Sequence[Morpheme], synonyms: Mapping[str, str] | None = None,
                noun_bigrams: bool = False) -> list[str]:
    """Content morphemes (lower-cased, mapped to canonical spellings) of a text.

    With `noun_bigrams`, nouns of three or more syllables also give their character bigrams,
    which lets "썬크림" meet "크림" and survives spacing slips in compounds.
    """
    terms: list[str] = []
    for morpheme in morphemes:
        if morpheme.tag not in CONTENT_TAGS:
            continue
        form = morpheme.form.lower()
        if synonyms:
            form = synonyms.get(form, form)
        terms.append(form)
        if noun_bigrams and morpheme.tag in NOUN_TAGS and len(form) >= 3:
            terms.extend("#" + form[i:i + 2] for i in range(len(form) - 1))
    return terms
