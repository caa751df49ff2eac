"""Keyword search: morphemes, BM25 over products, and the keyword files inside a snapshot."""

import json

import numpy as np
import pytest

from engine.keyword import (KeywordIndex, compound_parts, index_terms, query_term_weights,
                            spaced_compounds)
from engine.search_index import MORPHEMES_FILE, read_search_index
from engine.keyword._bm25 import DATA_FILE, VOCAB_FILE
from index.errors import SnapshotError
from index.snapshot import SnapshotStore


def test_terms_keep_content_morphemes_and_verb_stems(morpheme_analyzer):
    terms = index_terms(morpheme_analyzer.analyze("바르면 끈적이지 않고 향이 없어요"))
    assert {"바르", "끈적이", "향", "없"} <= set(terms)
    assert not {"면", "지", "이", "어요"} & set(terms)  # endings and particles are dropped


def test_inflected_forms_meet_on_one_stem(morpheme_analyzer):
    def stems(text):
        return set(index_terms(morpheme_analyzer.analyze(text)))
    assert "당기" in stems("너무 당겨요") & stems("얼굴 안 당기는 세안제")


def test_noun_bigrams_let_a_compound_meet_its_part(morpheme_analyzer):
    compound = index_terms(morpheme_analyzer.analyze("썬크림"), noun_bigrams=True)
    assert "#크림" in compound and "썬크림" in compound


def test_cosmetics_user_words_stay_whole(morpheme_analyzer):
    assert "백탁" in index_terms(morpheme_analyzer.analyze("백탁 1도 없고 촉촉해요"))


CATALOG_WORDS = frozenset({"브로우", "틴트", "큐티클", "오일", "수분", "크림", "브", "로우틴트"})


@pytest.mark.parametrize("query, parts", [
    ("브로우틴트", ["브로우", "틴트"]),          # Kiwi keeps the compound as one unknown word
    ("큐티클오일 추천", ["큐티클", "오일"]),      # Kiwi splits it wrongly: 큐티클 + 오 + 일
    ("브로우틴트로 그린 눈썹", ["브로우", "틴트"]),  # a particle after it
])
def test_an_unspaced_compound_gives_the_catalog_words_it_is_made_of(morpheme_analyzer, query,
                                                                    parts):
    assert compound_parts(morpheme_analyzer.analyze(query), CATALOG_WORDS.__contains__) == parts


@pytest.mark.parametrize("query", ["브로우 틴트", "속건조"])
def test_spaced_words_and_unsplittable_words_give_no_parts(morpheme_analyzer, query):
    assert compound_parts(morpheme_analyzer.analyze(query), CATALOG_WORDS.__contains__) == []


@pytest.mark.parametrize("query, joined", [
    ("브로우 틴트 추천", ["브로우틴트"]),   # the catalog writes it as one word
    ("브로우틴트 추천", []),                 # already written as one
    ("브로우 예쁜 틴트", []),                # not next to each other
])
def test_nouns_written_apart_give_the_catalog_word_they_make_together(morpheme_analyzer, query,
                                                                      joined):
    known = CATALOG_WORDS | {"브로우틴트"}
    assert spaced_compounds(morpheme_analyzer.analyze(query), known.__contains__) == joined


def test_nouns_the_catalog_never_writes_together_give_nothing(morpheme_analyzer):
    assert spaced_compounds(morpheme_analyzer.analyze("브로우 틴트"),
                            CATALOG_WORDS.__contains__) == []


def test_an_on_demand_analyser_builds_kiwi_at_its_first_analysis_and_can_let_it_go(
        morpheme_analyzer):
    from engine.keyword import MorphemeAnalyzer
    from engine.understanding import load_user_words

    text = "겨울마다 볼이 땅기는 세라마이드 크림"
    analyser = MorphemeAnalyzer(load_user_words(), on_demand=True)
    assert not analyser.loaded and analyser.identity == morpheme_analyzer.identity
    assert analyser.analyze(text) == morpheme_analyzer.analyze(text) and analyser.loaded
    analyser.release()
    assert not analyser.loaded
    assert analyser.analyze(text) == morpheme_analyzer.analyze(text)
    morpheme_analyzer.release()  # an analyser built at once keeps its Kiwi
    assert morpheme_analyzer.loaded


def test_bm25_ranks_the_document_with_the_rare_term_first():
    index = KeywordIndex.build([["보습", "크림", "촉촉"], ["백탁", "선크림"], ["보습", "토너"]])
    scores = index.scores(["백탁", "보습"])
    assert int(np.argmax(scores)) == 1
    assert scores[0] > 0 and scores[2] > 0


def test_unknown_query_terms_score_zero_everywhere():
    index = KeywordIndex.build([["보습"], ["향"]])
    assert not index.scores(["없는말"]).any()
    assert not index.scores([]).any()


def test_weighted_scores_scale_each_term_by_its_weight():
    index = KeywordIndex.build([["보습", "#보습"], ["#크림", "크림"], ["토너"]])
    plain = index.scores(["보습"]) + index.scores(["#크림"])
    weighted = index.weighted_scores([("보습", 1.0), ("#크림", 0.5)])
    assert np.allclose(weighted, index.scores(["보습"]) + 0.5 * index.scores(["#크림"]))
    assert weighted[1] < plain[1] and weighted[0] == pytest.approx(plain[0])
    assert not index.weighted_scores([("보습", 0.0)]).any()


def test_query_bigrams_weigh_less_than_whole_words(morpheme_analyzer):
    terms = index_terms(morpheme_analyzer.analyze("썬크림 보습"), noun_bigrams=True)
    weights = dict(query_term_weights(terms, 0.5))
    assert weights["썬크림"] == weights["보습"] == 1.0
    assert weights["#크림"] == weights["#썬크"] == 0.5


def test_keyword_index_round_trips_through_files(tmp_path):
    built = KeywordIndex.build([["보습", "크림"], ["백탁"], []])
    built.save(tmp_path)
    loaded = KeywordIndex.load(tmp_path, 3)
    assert np.allclose(loaded.scores(["백탁", "크림"]), built.scores(["백탁", "크림"]))
    with pytest.raises(ValueError):
        KeywordIndex.load(tmp_path, 4)


def test_snapshot_lists_and_loads_the_keyword_files(index_copy):
    snapshot = SnapshotStore(index_copy).open_latest()
    assert {DATA_FILE, VOCAB_FILE, MORPHEMES_FILE} <= set(snapshot.manifest["files"])
    index = read_search_index(snapshot)
    assert index.keyword is not None
    assert len(index.morphemes) == index.corpus.document_count


def test_a_loaded_snapshot_holds_one_string_per_distinct_form_and_tag(index_copy):
    """The morphemes file spells each form and tag again at every occurrence."""
    index = read_search_index(SnapshotStore(index_copy).open_latest())
    words = [word for doc in index.morphemes for m in doc for word in (m.form, m.tag)]
    assert len(set(words)) < len(words)
    assert len({id(word) for word in words}) == len(set(words))


def test_a_small_snapshot_checks_its_ann_graph_but_does_not_keep_it(index_copy):
    """Up to EXACT_SCAN_DOCUMENTS documents every search scans the vectors whole."""
    index = read_search_index(SnapshotStore(index_copy).open_latest())
    assert index.hnsw is None and len(index.vectors) == index.corpus.document_count


@pytest.mark.parametrize("name", [DATA_FILE, VOCAB_FILE, MORPHEMES_FILE])
def test_a_damaged_keyword_file_is_detected(index_copy, name):
    store = SnapshotStore(index_copy)
    path = store.open_latest().file(name)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(SnapshotError, match="checksum"):
        store.open_latest()


def test_morphemes_that_do_not_fit_the_corpus_are_refused(index_copy):
    snapshot = SnapshotStore(index_copy).open_latest()
    lines = snapshot.file(MORPHEMES_FILE).read_text(encoding="utf-8").splitlines()
    snapshot.file(MORPHEMES_FILE).write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(SnapshotError, match="morphemes"):
        read_search_index(snapshot)
