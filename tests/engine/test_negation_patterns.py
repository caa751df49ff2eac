"""Each row of the readers' tables reads its own example, and a denial's example needs its row.

A new row of a table in `engine/understanding/` (`_denials.py`, `_asides.py`, `_turns.py`,
`_use_effects.py`, `_wishes.py`) needs a case here: the word of its example and how it reads
there.
"""

import pytest

from engine.understanding._asides import (AFTER_MENTION, BEFORE_MENTION, QUOTES,
                                          WARNINGS_IF_DISLIKED, WISHES, aside, quoted_claim,
                                          wished_away)
from engine.understanding._denials import CONTEXTS, OWN_PREDICATE, PATTERNS, TO_PREDICATE
from engine.understanding._match import Meaning
from engine.understanding._negation import (head_predicate, is_negated, sets_situation,
                                            states_problem)
from engine.understanding._turns import SKIN, describes_skin
from engine.understanding._use_effects import CONDITIONS, use_effect_positions
from engine.understanding._wishes import SENSITIVITIES
from tests.engine.trait_reading import concepts

# (scope, row) -> (the word of the example read, whether it is denied)
DENIALS = {
    ("WORD", "an absence prefix"): ("향", True),
    ("PREDICATE", "asking whether there is none"): ("보습템", False),
    ("PREDICATE", "all but this"): ("향", False),
    ("PREDICATE", "none of it"): ("향", True),
    ("PREDICATE", "little of it"): ("자극", True),
    ("PREDICATE", "a remedy takes it away"): ("좁쌀", True),
    ("BEFORE_PREDICATE", "a negating adverb"): ("끈적이", True),
    ("BEFORE_PREDICATE", "less of it"): ("끈적", True),
    ("AFTER_PREDICATE", "-지 않다"): ("끈적이", True),
    ("AFTER_PREDICATE", "must not"): ("백탁", True),
    ("AFTER_PREDICATE", "-게 and the predicate it describes"): ("하얗", True),
    ("AFTER_PREDICATE", "a likeness: 것 같은"): ("뜨", True),
    ("AFTER_PREDICATE", "a likeness: 처럼 보이는"): ("기름지", True),
    ("AFTER_PREDICATE", "nominalised"): ("끈적이", True),
    ("AFTER_TRAIT", "the product must not be"): ("따갑", True),
    ("AFTER_TRAIT", "the product is turned down"): ("끈적이", True),
    ("HOLDER", "asking whether there is none"): ("순하", False),
    ("HOLDER", "all but this"): ("끈적이", False),
    ("HOLDER", "none of it, or disliked"): ("끈적이", True),
    ("HOLDER", "little of it"): ("끈적이", True),
    ("HOLDER", "a remedy takes it away"): ("땅기", True),
    ("HOLDER", "-는 데 ends the clause"): ("끈적이", False),
    ("HOLDER", "a negating adverb"): ("끈적이", True),
    ("HOLDER", "less of it"): ("끈적이", True),
    ("HOLDER", "particles, adverbs and counts"): ("따갑", True),
    ("HOLDER", "coordinated nouns"): ("따갑", True),
}
# row -> (the word of the example, the predicate found for it)
PREDICATES = {
    "the word is a predicate": ("끈적이", "끈적이"),
    "a predicate": ("향", "강하"),
    "the stem of a 하다/되다 word": ("부각", "부각"),
    "an absence word is the predicate": ("향", "없"),
    "a negating adverb comes before the predicate": ("얼굴", "하얗"),
    "adverbs, particles, numbers": ("자극", "적"),
    "a comparison": ("자극", "적"),
    "coordinated nouns share the predicate": ("향료", "빼"),
    "the noun after a coordinating particle": ("알코올", "빼"),
    "a 하다 noun": ("피부", "건조"),
}


def _key(row):
    return (row.scope.name, row.name)


def _position(morphemes, form):
    return next(i for i, m in enumerate(morphemes) if m.form == form)


def test_every_row_has_a_case():
    assert set(DENIALS) == {_key(row) for row in PATTERNS}
    assert set(PREDICATES) == {row.name for row in OWN_PREDICATE + TO_PREDICATE}


@pytest.mark.parametrize("row", PATTERNS, ids=lambda row: f"{row.scope.name}: {row.name}")
def test_a_row_reads_its_example(morpheme_analyzer, row):
    form, denied = DENIALS[_key(row)]
    morphemes = morpheme_analyzer.analyze(row.example)
    position = _position(morphemes, form)
    assert is_negated(morphemes, position) is denied
    if row.remedy:  # a remedy counts only when remedies do
        assert not is_negated(morphemes, position, remedies=False)


@pytest.mark.parametrize("row", [row for row in PATTERNS if row.meaning is not Meaning.SKIPPED
                                 or row.when is not None],
                         ids=lambda row: f"{row.scope.name}: {row.name}")
def test_without_its_row_the_example_reads_otherwise(morpheme_analyzer, row):
    form, denied = DENIALS[_key(row)]
    morphemes = morpheme_analyzer.analyze(row.example)
    others = tuple(other for other in PATTERNS if other is not row)
    position = _position(morphemes, form)
    # a remedy may stand in for another row ("덜 느껴져요" is also less of it), so remedies
    # count only for a remedy's own row
    assert is_negated(morphemes, position, remedies=row.remedy) is denied
    assert is_negated(morphemes, position, remedies=row.remedy, table=others) is not denied


@pytest.mark.parametrize("row", OWN_PREDICATE + TO_PREDICATE, ids=lambda row: row.name)
def test_a_scope_row_finds_the_predicate_of_its_example(morpheme_analyzer, row):
    form, predicate = PREDICATES[row.name]
    morphemes = morpheme_analyzer.analyze(row.example)
    head = head_predicate(morphemes, _position(morphemes, form))
    assert head is not None and morphemes[head].form == predicate


# aside row -> (the word of its example, whether that mention reports nothing of this product)
ASIDES = {
    "a past habit": ("눈물", True),
    "it happens at times": ("따갑", False),
    "the time of use": ("따갑", True),
    "the place of use": ("뾰루지", True),
    "a worry": ("따갑", True),
    "an expectation": ("끈적이", True),
    "a possibility": ("따갑", True),
    "a clause break": ("따갑", False),
    "a comparison": ("끈적이", False),
    "another product": ("시리", True),
    "a product used before": ("따갑", True),
    "a predicate of its own": ("끈적이", False),
}
QUOTED = {"a claim heard": "향", "a claim proved wrong": "향", "a claim, then a contrast": "끈적이",
          "a claim, then a contrast or a purchase": "자극"}


def test_every_aside_row_has_a_case():
    assert set(ASIDES) == {row.name for row in AFTER_MENTION + BEFORE_MENTION}
    assert set(QUOTED) == {row.name for row in QUOTES}


@pytest.mark.parametrize("row", AFTER_MENTION + BEFORE_MENTION, ids=lambda row: row.name)
def test_an_aside_row_reads_its_example(morpheme_analyzer, row):
    form, reports_nothing = ASIDES[row.name]
    morphemes = morpheme_analyzer.analyze(row.example)
    assert aside(morphemes, _position(morphemes, form)) is reports_nothing


@pytest.mark.parametrize("row", QUOTES, ids=lambda row: row.name)
def test_a_quote_row_reads_its_example_as_a_claim(morpheme_analyzer, row):
    morphemes = morpheme_analyzer.analyze(row.example)
    assert quoted_claim(morphemes, _position(morphemes, QUOTED[row.name]))


# condition row -> a word of its example told as what happens on use
EFFECTS = {"if, once done": "무너지", "if": "당기", "whenever, once done": "따갑",
           "whenever": "일어나"}


@pytest.mark.parametrize("row", CONDITIONS, ids=lambda row: row.name)
def test_a_condition_row_reads_its_example_as_what_happens_on_use(morpheme_analyzer, row):
    assert set(EFFECTS) == {row.name for row in CONDITIONS}
    morphemes = morpheme_analyzer.analyze(row.example)
    assert _position(morphemes, EFFECTS[row.name]) in use_effect_positions(morphemes)


@pytest.mark.parametrize("row", SENSITIVITIES, ids=lambda row: row.name)
def test_a_sensitivity_row_asks_for_the_absence_of_the_trait_it_follows(morpheme_analyzer,
                                                                        lexicon, row):
    assert "향" in concepts(morpheme_analyzer, lexicon, row.example)


# wish, warning and skin row -> (the word of its example, whether the row's reading holds)
MENTIONS = {
    "a condition": ("시리", True),
    "endings, auxiliaries and particles": ("끈적이", True),
    "a dislike as the condition of a warning": ("번들거리", True),
    "a dislike": ("번들거리", False),
    "what nominalises the trait": ("향", True),
    "the skin": ("트러블", True),
    "what describes it": ("트러블", True),
}


@pytest.mark.parametrize("row", WISHES + WARNINGS_IF_DISLIKED + SKIN, ids=lambda row: row.name)
def test_a_wish_warning_or_skin_row_reads_its_example(morpheme_analyzer, row):
    assert set(MENTIONS) == {row.name for row in WISHES + WARNINGS_IF_DISLIKED + SKIN}
    form, holds = MENTIONS[row.name]
    morphemes = morpheme_analyzer.analyze(row.example)
    read = describes_skin if row in SKIN else wished_away
    assert read(morphemes, _position(morphemes, form)) is holds


@pytest.mark.parametrize("row, form, read", [
    (CONTEXTS[0], "샤워", sets_situation), (CONTEXTS[1], "정리", states_problem)],
    ids=[row.name for row in CONTEXTS])
def test_a_context_row_reads_its_example(morpheme_analyzer, row, form, read):
    morphemes = morpheme_analyzer.analyze(row.example)
    position = _position(morphemes, form)
    assert is_negated(morphemes, position) and read(morphemes, position)
