"""A runaway text costs bounded work: Kiwi sees it in pieces, a backend embeds its beginning,
and a reindex of a catalog holding a 1.6 MB review finishes with a warning."""

import json

import numpy as np

from engine.keyword._morphology import MAX_ANALYZED_CHARS, analysis_pieces
from engine.composition import build_engine
from engine.vectorizers.base import MAX_EMBEDDED_CHARS, Role
from engine.vectorizers.e5 import calls_of

LONG = "겨울에 쓰기 좋은 보습크림이에요 " * 400  # 7,200 characters


def test_pieces_cover_the_text_end_to_end_cut_at_spaces_and_bounded():
    pieces = analysis_pieces(LONG)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(LONG)
    assert all(stop == next_start for (_, stop), (next_start, _) in zip(pieces, pieces[1:]))
    assert all(stop - start <= MAX_ANALYZED_CHARS for start, stop in pieces)
    assert all(LONG[stop - 1] == " " for _, stop in pieces[:-1])
    assert analysis_pieces("짧은 리뷰") == [(0, len("짧은 리뷰"))]


def test_a_text_without_spaces_is_still_cut_into_bounded_pieces():
    pieces = analysis_pieces("촉" * 5_000)
    assert [stop - start for start, stop in pieces] == [2_000, 2_000, 1_000]


def test_a_long_text_analysed_in_pieces_keeps_offsets_into_the_whole_text(morpheme_analyzer):
    morphemes = morpheme_analyzer.analyze(LONG)
    nouns = [m for m in morphemes if m.tag == "NNG"]
    assert len(nouns) >= 800  # 겨울 and 보습/크림 in each of the 400 repeats
    assert all(LONG[m.start:m.start + m.length] == m.form for m in nouns)
    assert nouns[-1].start > len(LONG) - 30


def test_calls_are_bounded_in_texts_and_characters_and_keep_order():
    texts = ["a" * 100] * 5 + ["b" * 3_000, "c" * 3_000, "e" * 5_000, "d" * 10]
    calls = calls_of(texts, max_texts=3, max_chars=4_000)
    assert [t for call in calls for t in call] == texts
    assert [len(call) for call in calls] == [3, 3, 1, 1, 1]


async def test_a_backend_embeds_a_huge_text_by_its_beginning(e5_vectorizer):
    huge = "이 크림은 향이 순하고 끈적이지 않아요. " * 1_000
    whole, start = await e5_vectorizer.encode_batch([huge, huge[:MAX_EMBEDDED_CHARS]],
                                                    role=Role.PASSAGE)
    assert np.allclose(whole, start, atol=1e-6)


async def test_a_reindex_of_a_catalog_with_a_16_mb_review_cuts_it_and_serves(
        tmp_path, make_settings, e5_vectorizer, morpheme_analyzer, mini_catalog_path):
    lines = mini_catalog_path.read_text(encoding="utf-8").splitlines()
    product = json.loads(lines[0])
    huge = "건조한 겨울에 바르면 하루 종일 촉촉해요 " * 75_000
    assert len(huge.encode("utf-8")) > 1_600_000
    product["reviews"].append({"text": huge, "rating": 5})
    catalog = tmp_path / "huge.jsonl"
    catalog.write_text("\n".join([json.dumps(product, ensure_ascii=False), *lines[1:]]),
                       encoding="utf-8")
    engine = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                          e5_vectorizer, morpheme_analyzer)
    summary = await engine.reindex()
    assert any("huge.jsonl:1: field 'reviews[" in w and "cut to the first" in w
               for w in summary.warnings)
    served = engine.get_product(product["product_id"])
    assert len(served.reviews[-1].text) <= 5_000
    response = await engine.search_products("겨울 촉촉", top_n=3)
    assert response.results
