"""The domain examples: a query nearer other domains' examples than beauty's leans out, they
compare only with vectors of their own encoder, and a clear lean refuses before the rules
that answer a query sharing the shop's words."""

from dataclasses import replace

import numpy as np
import pytest

from bench.fit_domain import read_lines
from engine.lexicons import Lexicons
from engine.query_plan import QueryPlan
from engine.ranking.domain import DOMAIN_EXAMPLES_FILE, NEIGHBOURS, DomainExamples
from engine.ranking.fit import (JUDGE, OFF_DOMAIN_MARGIN, OFF_DOMAIN_MARGIN_TABLE, FitEvidence,
                               assess_fit, off_domain)
from engine.understanding import understand_query


def unit(*components):
    vector = np.array(components, dtype=np.float32)
    return vector / np.linalg.norm(vector)


BEAUTY = np.stack([unit(1, 0, 0, 0), unit(1, 0.1, 0, 0), unit(1, 0, 0.1, 0), unit(0.9, 0, 0, 0.1)])
OTHER = np.stack([unit(0, 1, 0, 0), unit(0.1, 1, 0, 0), unit(0, 1, 0.1, 0), unit(0, 0.9, 0, 0.1)])
EXAMPLES = DomainExamples("e5@1", BEAUTY, OTHER, ("크림", "토너", "세럼", "립"),
                          ("노트북", "텐트", "사료", "타이어"))


def test_a_query_near_the_other_domains_examples_leans_out():
    assert EXAMPLES.off_domain_margin(unit(0.1, 1, 0, 0)) > 0.5
    assert EXAMPLES.off_domain_margin(unit(1, 0.1, 0, 0)) < -0.5
    assert abs(EXAMPLES.off_domain_margin(unit(1, 1, 0, 0))) < 0.05


def test_one_stray_example_does_not_decide_alone():
    stray = DomainExamples("e5@1", BEAUTY, np.vstack([OTHER, unit(1, 0.05, 0.05, 0)]))
    query = unit(1, 0.05, 0.05, 0)
    assert NEIGHBOURS > 1
    assert stray.off_domain_margin(query) < 0


def test_they_compare_only_with_vectors_of_their_own_encoder_and_size():
    assert EXAMPLES.reads("e5@1", 4)
    assert not EXAMPLES.reads("e5@2", 4)
    assert not EXAMPLES.reads("e5@1", 384)


def test_they_round_trip_through_their_file(tmp_path):
    EXAMPLES.save(tmp_path / "examples.npz")
    again = DomainExamples.load(tmp_path / "examples.npz")
    assert again.model_identity == "e5@1" and again.outside_texts == EXAMPLES.outside_texts
    assert np.allclose(again.inside, BEAUTY, atol=1e-3)
    assert np.allclose(again.outside, OTHER, atol=1e-3)


def test_a_missing_file_means_no_examples(tmp_path):
    assert DomainExamples.load(tmp_path / "absent.npz") is None


def test_the_shipped_examples_are_unit_vectors_of_a_384_dimension_encoder():
    examples = DomainExamples.load(DOMAIN_EXAMPLES_FILE)
    assert examples is not None and examples.model_identity
    for side in (examples.inside, examples.outside):
        assert side.shape[0] >= 500 and side.shape[1] == 384
        assert np.allclose(np.linalg.norm(side, axis=1), 1.0, atol=1e-2)


SHOP_WORDS = FitEvidence(words=("프린터", "토너"), unknown=("프린터",), specificity=1.5,
                         semantic_z=3.0, speaks_domain=True)


def test_a_clear_lean_out_refuses_what_the_rules_would_answer():
    plan = QueryPlan(text="프린터 토너")
    assert not JUDGE.nothing_fits(SHOP_WORDS, plan)
    assert JUDGE.nothing_fits(replace(SHOP_WORDS, off_domain=0.001), plan)
    assert not JUDGE.nothing_fits(replace(SHOP_WORDS, off_domain=-0.001), plan)


def test_a_chosen_category_is_answered_whatever_the_lean():
    leaning = replace(SHOP_WORDS, off_domain=0.5)
    assert not JUDGE.nothing_fits(leaning, QueryPlan(text="x", categories=("크림",)))


CAR_CARE = "자동차 타이어 광택 코팅제 오래가는 거"
PRODUCTS = [
    {"product_id": "lip", "name": "글로시 코팅 립", "category": "립",
     "reviews": [("광택이 오래가요 코팅된 것처럼 반짝", 5), ("입술 광택 최고", 4)]},
    {"product_id": "nail", "name": "코팅 탑젤", "category": "네일",
     "reviews": [("광택 코팅이 오래가요", 5), ("광이 나고 오래가요", 5)]},
    {"product_id": "cream", "name": "수분 크림", "category": "크림",
     "reviews": [("촉촉하고 오래가요", 5)]},
]


async def test_another_domains_request_in_the_shops_words_finds_nothing(catalog_engine):
    engine = await catalog_engine(PRODUCTS)
    try:
        refused = await engine.search_products(CAR_CARE)
        assert refused.nothing_fits and refused.results == ()
        answered = await engine.search_products("광택 오래가는 립 코팅")
        assert not answered.nothing_fits and answered.results
        # the rules alone answer it: the shop's words ("광택", "코팅", "오래가다") are in it
        index, lexicons = engine.search_index, Lexicons.load()
        morphemes = tuple(engine.analyzer.analyze(CAR_CARE))
        plan = QueryPlan(text=CAR_CARE, morphemes=morphemes,
                         vector=await engine.query_vector(CAR_CARE),
                         intent=understand_query(CAR_CARE, morphemes, lexicons.traits,
                                                 index.category_map, lexicons.concerns))
        without = assess_fit(index, plan, lexicons.vocabulary, None)
        assert not JUDGE.nothing_fits(without, plan)
        assert JUDGE.nothing_fits(assess_fit(index, plan, lexicons.vocabulary, lexicons.domain),
                                  plan)
    finally:
        await engine.aclose()


class Table:
    """A static query table that puts every other-domain text on one axis."""

    digest = "t1"

    def encode(self, text):
        return unit(0, 1, 0, 0) if text in EXAMPLES.outside_texts or "타이어" in text \
            else unit(1, 0, 0, 0)


class Snapshot:
    model_identity = "e5@1"

    def __init__(self, table=None):
        self.query_table = table


def test_the_examples_encoded_by_another_encoder_take_its_vectors():
    again = EXAMPLES.encoded_by(Table().encode, "table#t1")
    assert again.model_identity == "table#t1" and again.inside_texts == EXAMPLES.inside_texts
    assert np.allclose(again.outside, unit(0, 1, 0, 0)) and np.allclose(again.inside, unit(1, 0, 0, 0))


def test_a_table_encoded_query_is_compared_with_the_examples_its_table_encodes():
    snapshot = Snapshot(Table())
    vector = Table().encode("자동차 타이어")
    lean = off_domain(snapshot, QueryPlan(text="x", vector=vector, table_encoded=True), EXAMPLES)
    assert lean == pytest.approx(1.0 - OFF_DOMAIN_MARGIN_TABLE, abs=1e-3)
    model = off_domain(snapshot, QueryPlan(text="x", vector=vector), EXAMPLES)
    assert model == pytest.approx(EXAMPLES.off_domain_margin(vector) - OFF_DOMAIN_MARGIN)


def test_vectors_of_another_model_or_no_vector_give_no_reading():
    elsewhere = Snapshot()
    elsewhere.model_identity = "e5@2"
    assert off_domain(elsewhere, QueryPlan(text="x", vector=unit(0, 1, 0, 0)), EXAMPLES) is None
    assert off_domain(Snapshot(), QueryPlan(text="x"), EXAMPLES) is None
    assert off_domain(Snapshot(), QueryPlan(text="x", vector=unit(0, 1, 0, 0)), None) is None


def test_the_shipped_examples_are_the_queries_of_the_example_files():
    examples = DomainExamples.load(DOMAIN_EXAMPLES_FILE)
    assert examples.inside_texts == tuple(text for _, text in read_lines("in_domain*.tsv"))
    assert examples.outside_texts == tuple(text for _, text in read_lines("off_domain*.tsv"))
    assert len(examples.inside_texts) == len(examples.inside)
    assert len(examples.outside_texts) == len(examples.outside)
