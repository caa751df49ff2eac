"""Concern lexicon: a query's symptom words bring in the words reviews use for the concern."""

import json

import pytest

from engine.understanding import (CONCERNS_FILE, ConcernLexicon, concern_expansion, named_concerns,
                                  query_concerns, with_concern_names)

ENTRIES = {
    "건조": {"words": ["땅기", "건조", "보습"], "related": ["촉촉", "크림"]},
    "탈모": {"words": ["탈모", "머리카락"], "related": ["빠지"]},
    "끈적임": {"words": ["끈적이", "무겁"], "related": ["산뜻"]},
}


@pytest.fixture(scope="module")
def lexicon():
    return ConcernLexicon.from_entries(ENTRIES)


def test_a_symptom_word_brings_in_its_concerns_other_words(morpheme_analyzer, lexicon):
    terms = dict(concern_expansion(morpheme_analyzer.analyze("겨울에 얼굴 땅기는 거 잡아줄 크림"),
                                   lexicon))
    assert terms == {"건조": 1.0, "보습": 1.0, "촉촉": 1.0}  # 땅기 and 크림 are in the query already


def test_a_related_word_alone_signals_no_concern(morpheme_analyzer, lexicon):
    assert query_concerns(morpheme_analyzer.analyze("살이 빠지는 바디로션"), lexicon) == {}


def test_a_related_word_names_its_concern_only_when_asked_to(morpheme_analyzer, lexicon):
    morphemes = morpheme_analyzer.analyze("크림 추천해 주세요")
    assert query_concerns(morphemes, lexicon) == {}
    assert query_concerns(morphemes, lexicon, with_related=True) == {"건조": 1.0}
    assert "땅기" in dict(concern_expansion(morphemes, lexicon, with_related=True))


def test_a_denied_word_signals_no_concern(morpheme_analyzer, lexicon):
    assert query_concerns(morpheme_analyzer.analyze("안 끈적이는 선크림"), lexicon) == {}
    assert query_concerns(morpheme_analyzer.analyze("끈적이는 선크림"), lexicon) == {"끈적임": 1.0}


def test_a_reduplicated_word_signals_what_its_half_signals(morpheme_analyzer):
    lexicon = ConcernLexicon.from_entries({"정전기": {"words": ["정전기", "찌릿"]}})
    morphemes = morpheme_analyzer.analyze("머리를 빗으면 찌릿찌릿해요")
    assert query_concerns(morphemes, lexicon) == {"정전기": 1.0}


def test_the_concerns_a_query_clearly_describes_are_named_after_it(morpheme_analyzer, lexicon):
    morphemes = morpheme_analyzer.analyze("머리카락이 빠지고 두피가 건조해요")
    assert named_concerns(morphemes, lexicon) == ("탈모", "건조")
    assert named_concerns(morphemes, lexicon, most=1) == ("탈모",)
    assert with_concern_names("두피가 건조해요", ("건조·당김",)) == "두피가 건조해요 (건조 당김)"
    assert with_concern_names("향 좋은 거", ()) == "향 좋은 거"


def test_words_of_several_concerns_bring_in_each(morpheme_analyzer, lexicon):
    morphemes = morpheme_analyzer.analyze("머리카락이 빠지고 두피가 건조해요")
    assert list(query_concerns(morphemes, lexicon)) == ["탈모", "건조"]
    assert {"탈모", "땅기", "보습"} <= set(dict(concern_expansion(morphemes, lexicon)))


def test_a_word_shared_by_concerns_gives_each_a_part_of_its_vote(morpheme_analyzer):
    lexicon = ConcernLexicon.from_entries({"모공": {"words": ["모공", "피지"]},
                                           "유분": {"words": ["유분", "피지"], "related": ["산뜻"]}})
    assert query_concerns(morpheme_analyzer.analyze("피지가 많아요"), lexicon) == {"모공": 0.5,
                                                                             "유분": 0.5}
    terms = dict(concern_expansion(morpheme_analyzer.analyze("피지랑 유분이 많아요"), lexicon))
    assert terms == {"모공": 0.5, "산뜻": 1.0}  # 유분 has 1.5 votes, counted up to 1


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


CATALOG = [
    ("p1", "플로럴 오 드 퍼퓸", "향수", ["잔향이 은은하게 오래가요"]),
    ("p2", "딥 클렌징 폼", "클렌징폼", ["거품이 쫀쫀하고 풍성해요"]),
    ("p3", "데일리 바디 로션", "바디로션", ["각질이 싹 정리되고 보습이 오래가요", "건조한 다리에 촉촉"]),
]


@pytest.fixture
async def concern_engine(tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    from engine.composition import build_engine

    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps({
        "product_id": pid, "name": name, "brand": "테스트", "category": category, "price": 10000,
        "rating": 4.5, "description": name, "reviews": [{"text": t, "rating": 5} for t in reviews],
    }, ensure_ascii=False) for pid, name, category, reviews in CATALOG), encoding="utf-8")
    engine = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                          e5_vectorizer, morpheme_analyzer)
    await engine.reindex()
    return engine


async def test_a_symptom_query_reaches_the_product_whose_reviews_name_the_concern(concern_engine):
    from engine.ranking.params import RankingParams

    query = "정강이가 허옇게 일어나요"  # none of its words is in the catalog
    response = await concern_engine.search_products(query, top_n=3, mode="keyword")
    assert response.results[0].product.product_id == "p3"
    plain = await concern_engine.with_ranking(RankingParams(concern_weight=0.0)).search_products(query, top_n=3, mode="keyword")
    assert plain.results[0].product.product_id != "p3"


def test_the_widened_lexicon_reads_more_everyday_concerns(morpheme_analyzer):
    lexicon = ConcernLexicon.load(CONCERNS_FILE)
    for text, concern in [("코에 화이트헤드가 많아요", "블랙헤드·피지"),
                          ("선명하게 발색되는 틴트", "발색·색감"),
                          ("허벅지 셀룰라이트 관리", "셀룰라이트·바디 탄력"),
                          ("습진 때문에 손이 가려워요", "가려움"),
                          ("다한증이라 땀이 많아요", "땀·냄새"),
                          ("손거스러미가 자꾸 생겨요", "손톱"),
                          # user words (data/cosmetics_words.txt) keep these in one morpheme
                          ("다크서클이 심해요", "다크서클·눈가"), ("임신하고 튼살이 생겼어요", "튼살"),
                          ("반곱슬이라 정리가 안 돼요", "곱슬·부스스"), ("발색 좋은 틴트", "발색·색감"),
                          ("흰머리 커버", "흰머리·염색")]:
        assert concern in query_concerns(morpheme_analyzer.analyze(text), lexicon), text
    # "지속" is said of makeup as much as of scent: its vote is split between the two
    assert query_concerns(morpheme_analyzer.analyze("지속력 좋은 쿠션"), lexicon) == {
        "향 지속": 0.5, "화장 지속·무너짐": 0.5}


async def test_semantic_mode_embeds_the_query_with_its_concerns_named(concern_engine):
    from engine.ranking.params import RankingParams

    async def similarities(query, share):
        engine = concern_engine.with_ranking(RankingParams(concern_query_share=share))
        response = await engine.search_products(query, top_n=3, mode="semantic")
        return {r.product.product_id: r.evidence.similarity for r in response.results}

    # "정강이가 허옇게 일어나요" names dry body skin and flaking: the lotion's review pulls ahead
    named = await similarities("정강이가 허옇게 일어나요", 1.0)
    plain = await similarities("정강이가 허옇게 일어나요", 0.0)
    assert named["p3"] - named["p1"] > plain["p3"] - plain["p1"]
    # a query that describes no concern is embedded as written
    assert (await similarities("선물하기 좋은 거", 1.0)) == (await similarities("선물하기 좋은 거", 0.0))
