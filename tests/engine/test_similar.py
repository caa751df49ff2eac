"""Similar products share the product type and what reviewers praise, never a complaint."""

import json

import pytest

from engine.composition import build_engine

BARRIER = {"product_id": "c1", "name": "세라마이드 장벽 크림", "brand": "포근", "category": "크림",
           "price": 30000, "rating": 4.6, "description": "건성 민감 피부를 위한 고보습 장벽 크림",
           "reviews": [{"text": "겨울에 건조해서 땅기던 볼이 촉촉해졌어요", "rating": 5},
                       {"text": "악건성인데 하루 종일 보습이 돼요", "rating": 5},
                       {"text": "향은 좀 별로예요", "rating": 3}]}
RICH = {"product_id": "c2", "name": "시어버터 리치 크림", "brand": "담은", "category": "크림",
        "price": 28000, "rating": 4.5, "description": "꾸덕한 영양 크림",
        "reviews": [{"text": "건조한 피부에 바르면 속까지 촉촉해요", "rating": 5},
                    {"text": "각질 일어나던 곳이 보습돼서 좋아요", "rating": 5}]}
GEL = {"product_id": "c3", "name": "수분 젤 크림", "brand": "맑음", "category": "크림",
       "price": 25000, "rating": 4.2, "description": "지성 피부용 산뜻한 젤 크림",
       "reviews": [{"text": "지성이라 번들거림 없는 게 좋아요 피지가 덜 올라와요", "rating": 5},
                   {"text": "건성한테는 바르면 하얗게 겉돌아요 건조해요", "rating": 2},
                   {"text": "유분기 없이 산뜻해요", "rating": 5}]}
TONER = {"product_id": "t1", "name": "보습 토너", "brand": "포근", "category": "토너",
         "price": 15000, "rating": 4.5, "description": "촉촉한 보습 토너",
         "reviews": [{"text": "건조한 피부가 촉촉해져요", "rating": 5}]}
SUN = {"product_id": "s1", "name": "톤업 선크림", "brand": "해", "category": "선크림",
       "price": 18000, "rating": 4.0, "description": "백탁 없는 선크림",
       "reviews": [{"text": "백탁 없이 발려요", "rating": 5}]}


@pytest.fixture
async def engine(tmp_path, make_settings, e5_vectorizer, morpheme_analyzer):
    catalog = tmp_path / "catalog.jsonl"
    catalog.write_text("\n".join(json.dumps(p, ensure_ascii=False)
                                 for p in (BARRIER, RICH, GEL, TONER, SUN)), encoding="utf-8")
    built = build_engine(make_settings(index_dir=tmp_path / "index", catalog_path=catalog),
                         e5_vectorizer, morpheme_analyzer)
    await built.reindex()
    yield built
    await built.aclose()


async def test_the_same_type_praised_for_the_same_need_comes_first(engine):
    response = await engine.similar_products("c1", top_n=1)
    assert [r.product.product_id for r in response.results] == ["c2"]


async def test_a_product_praised_for_the_opposite_need_comes_after_those_praised_alike(engine):
    response = await engine.similar_products("c1", top_n=4)
    ids = [r.product.product_id for r in response.results]
    assert ids[:2] == ["c2", "t1"] and ids.index("c3") > ids.index("t1")


async def test_a_complaint_is_never_the_quote_of_a_similar_product(engine):
    response = await engine.similar_products("c1", top_n=2)
    for result in response.results:
        assert result.evidence.review_rating is None or result.evidence.review_rating >= 4
        assert "겉돌아요" not in result.evidence.text


_TIED_PRAISE = '''
import sys
from types import SimpleNamespace
import numpy as np
from engine.corpus import LISTING
from engine.similar import praised_concerns
from engine.understanding import ConcernLexicon
cues = {"촉촉": frozenset({"보습", "건조", "장벽", "윤기"}), "진정": frozenset({"진정", "홍조"})}
corpus = SimpleNamespace(doc_product=np.array([0, 0, 0]), doc_rating=np.array([np.nan, 5.0, 5.0]),
                         doc_review=np.array([LISTING, 0, 1]))
word = lambda form: SimpleNamespace(form=form)
index = SimpleNamespace(corpus=corpus, morphemes=[(), (word("촉촉"),), (word("진정"),)])
print(",".join(praised_concerns(index, 0, ConcernLexicon(cues, {}))))
'''


def test_praised_concerns_that_tie_come_in_the_same_order_in_every_process():
    """Replicas behind one load balancer must offer the same similar products: a tie between
    concerns named equally often may not be broken by the process's string hashing."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    answers = {subprocess.run([sys.executable, "-c", _TIED_PRAISE], cwd=root, check=True,
                              capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip()
               for seed in range(1, 9)}
    assert answers == {"건조,보습,윤기"}  # each review's concerns in sorted order, first first
