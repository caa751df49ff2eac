"""Concern lexicon: a query's symptom words bring in the words reviews use for the concern."""

import json

import pytest

from engine.understanding import CONCERNS_FILE, ConcernLexicon, concern_expansion, query_concerns

ENTRIES = {
    "건조": {"words": ["땅기", "건조", "보습"], "related": ["촉촉", "크림"]},
    "탈모": {"words": ["탈모", "머리카락"], "related": ["빠지"]},
    "끈적임": {"words": ["끈적이", "무겁"], "related": ["산뜻"]},
}


@pytest.fixture(scope="module")
def lexicon():
    return ConcernLexicon.from_entries(ENTRIES)


def test_a_symptom_word_brings_in_its_concerns_other_words(morpheme_analyzer, lexicon):
    terms = concern_expansion(morpheme_analyzer.analyze("겨울에 얼굴 땅기는 거 잡아줄 크림"), lexicon)
    assert set(terms) == {"건조", "보습", "촉촉"}  # 땅기 and 크림 are in the query already


def test_a_related_word_alone_signals_no_concern(morpheme_analyzer, lexicon):
    assert query_concerns(morpheme_analyzer.analyze("살이 빠지는 바디로션"), lexicon) == ()


def test_a_denied_word_signals_no_concern(morpheme_analyzer, lexicon):
    assert query_concerns(morpheme_analyzer.analyze("안 끈적이는 선크림"), lexicon) == ()
    assert query_concerns(morpheme_analyzer.analyze("끈적이는 선크림"), lexicon) == ("끈적임",)


def test_words_of_several_concerns_bring_in_each(morpheme_analyzer, lexicon):
    morphemes = morpheme_analyzer.analyze("머리카락이 빠지고 두피가 건조해요")
    assert query_concerns(morphemes, lexicon) == ("탈모", "건조")
    assert {"탈모", "땅기", "보습"} <= set(concern_expansion(morphemes, lexicon))


def test_the_shipped_lexicon_is_broad_and_its_words_are_kiwi_stems(morpheme_analyzer):
    entries = {k: v for k, v in json.loads(CONCERNS_FILE.read_text(encoding="utf-8")).items()
               if not k.startswith("_")}
    assert len(entries) >= 30
    lexicon = ConcernLexicon.from_entries(entries)
    # A sample of everyday phrasings, one per concern family, each signals its concern.
    for text, concern in [("얼굴이 땅겨요", "건조·당김"), ("코에 블랙헤드가 박혀서", "블랙헤드·피지"),
                          ("머리카락이 많이 빠져요", "탈모·숱"), ("입술이 자꾸 터요", "입술"),
                          ("오후만 되면 번들거려요", "유분·번들")]:
        assert concern in query_concerns(morpheme_analyzer.analyze(text), lexicon), text
    for concern, words in entries.items():
        for word in words["words"] + words.get("related", []):
            assert word == word.strip().lower() and " " not in word, (concern, word)
