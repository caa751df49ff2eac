"""Which morphemes become keyword-search terms (pure functions over morphemes)."""

from __future__ import annotations

from typing import Mapping, Sequence

from engine.keyword._morphology import Morpheme

# Nouns, roots, verb and adjective stems, adverbs, foreign words and numbers carry meaning;
# particles, endings and suffixes only make documents look alike.
CONTENT_TAGS = frozenset({"NNG", "NNP", "XR", "VV", "VA", "MAG", "SL", "SH", "SN"})
NOUN_TAGS = frozenset({"NNG", "NNP", "SL", "SH"})
BIGRAM_PREFIX = "#"


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
            terms.extend(BIGRAM_PREFIX + form[i:i + 2] for i in range(len(form) - 1))
    return terms


def query_term_weights(terms: Sequence[str], bigram_weight: float) -> list[tuple[str, float]]:
    """Each query term with its weight: a noun's character bigrams count `bigram_weight` each.

    At full weight a three-syllable noun would count three times (the word and two bigrams)
    against once for a short one; the bigrams are there to catch compounds and spacing slips,
    not to make long words outweigh the rest of the query.
    """
    return [(t, bigram_weight if t.startswith(BIGRAM_PREFIX) else 1.0) for t in terms]
