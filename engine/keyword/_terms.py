"""Which morphemes become keyword-search terms (pure functions over morphemes)."""

from __future__ import annotations

from typing import Callable, Mapping, Sequence

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


MIN_COMPOUND_PART = 2  # syllables
COMPOUND_TAGS = frozenset({"NNG", "NNP", "NR", "NNB"})


def compound_parts(morphemes: Sequence[Morpheme], knows: Callable[[str], bool]) -> list[str]:
    """Known words that the query's unspaced compounds are made of ("브로우틴트" → 브로우, 틴트).

    Shoppers often leave out the space inside a product type. Kiwi then keeps the compound as
    one word the catalog never uses, or splits it wrongly ("큐티클오일" → 큐티클 + 오 + 일). A run
    of touching nouns whose spelling the keyword index does not know is split in two where both
    halves are words it does know (the most even split when several are).
    """
    parts: list[str] = []
    for run in _noun_runs(morphemes):
        if knows(run) or len(run) < 2 * MIN_COMPOUND_PART:
            continue
        splits = [(run[:i], run[i:]) for i in range(MIN_COMPOUND_PART,
                                                       len(run) - MIN_COMPOUND_PART + 1)
                  if knows(run[:i]) and knows(run[i:])]
        if splits:
            parts.extend(min(splits, key=lambda pair: abs(len(pair[0]) - len(pair[1]))))
    return parts


def spaced_compounds(morphemes: Sequence[Morpheme], knows: Callable[[str], bool]) -> list[str]:
    """Catalog words that two nouns of the query written apart make together ("클렌징 밤" →
    클렌징밤): shoppers space inside a product type as often as they leave the space out."""
    joined: list[str] = []
    nouns = [m for m in morphemes if m.tag in COMPOUND_TAGS]
    for first, second in zip(nouns, nouns[1:]):
        between = [m for m in morphemes if first.start < m.start < second.start]
        word = first.form.lower() + second.form.lower()
        if not between and second.start > first.start + first.length and knows(word) \
                and word not in joined:
            joined.append(word)
    return joined


def _noun_runs(morphemes: Sequence[Morpheme]) -> list[str]:
    """The spellings of runs of nouns written without a space between them."""
    runs: list[str] = []
    end = -1
    for morpheme in morphemes:
        if morpheme.tag not in COMPOUND_TAGS:
            end = -1
            continue
        if morpheme.start == end and runs:
            runs[-1] += morpheme.form.lower()
        else:
            runs.append(morpheme.form.lower())
        end = morpheme.start + morpheme.length
    return runs
