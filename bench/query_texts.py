"""Shopper queries for the load benches: a fixed pool drawn with replacement, or texts that
never repeat.

The pool (`QUERY_TEXTS`, 40 needs × 10 contexts × 5 endings = 2,000 texts) drawn uniformly gives
the query cache its share of repeats, as real traffic would. `distinct_queries` never repeats a
text, so the cache carries nothing and every search pays its embedding: a need, with or
without who is asking, when, a constraint and an ending, such as "건성인데 겨울에 쓸 가성비 좋은
보습 잘 되는 크림 추천해 주세요".
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from itertools import islice

from engine.query import clean_query

NEEDS = ("보습 잘 되는 크림", "눈 안 시린 선크림", "향 없는 바디로션", "지성 두피 샴푸",
         "세안 후 안 당기는 폼", "다크닝 없는 쿠션", "번지지 않는 마스카라", "각질 제거 패드",
         "촉촉한 립밤", "진정 토너", "트러블 피부 앰플", "백탁 없는 선크림", "고보습 크림",
         "순한 클렌징 오일", "무너지지 않는 쿠션", "은은한 향의 핸드크림", "끈적이지 않는 수분크림",
         "모공 관리 세럼", "미백 에센스", "붉은기 진정 크림", "가벼운 로션", "촉촉한 쿠션",
         "자극 없는 아이크림", "건조한 입술 립 오일", "피지 잡는 토너", "회끼 없는 톤업크림",
         "물광 나는 미스트", "두피 각질 샴푸", "손상 모발 트리트먼트", "여드름 패치",
         "겨울용 밤", "탄력 크림", "주름 개선 세럼", "순한 선스틱", "시카 크림", "수분 마스크팩",
         "뾰루지 진정 젤", "유분 없는 수분 젤", "향 좋은 바디워시", "건성 피부 클렌징 밀크")
CONTEXTS = ("", "겨울에 쓸", "민감성 피부에", "지성 피부용", "건성 피부에 좋은", "가성비 좋은",
            "2만원 이하", "남자가 쓰기 좋은", "아침에 바르는", "임산부도 쓰는")
ENDINGS = ("", "추천", "추천해 주세요", "찾아요", "있나요")
QUERY_TEXTS = tuple(f"{context} {need} {ending}".strip()
                    for context in CONTEXTS for need in NEEDS for ending in ENDINGS)

# The parts of a distinct query, in the order a shopper says them; each but the need may be left
# out, so short and long queries mix.
ASKERS = ("건성인데", "지성인데", "복합성인데", "수부지인데", "민감성 피부라", "트러블이 잘 나서",
          "아토피가 있어서", "피부가 얇아서", "모공이 넓어서", "속건조가 심해서", "20대 남자인데",
          "30대 직장인인데", "40대인데", "임산부인데", "고등학생인데", "피부가 예민한 편이라")
OCCASIONS = ("겨울에 쓸", "여름에 쓸", "환절기에 쓸", "장마철에 쓸", "아침에 바를", "자기 전에 바를",
             "출근 전에 쓸", "운동 후에 쓸", "여행 가서 쓸", "화장 전에 바를", "캠핑 갈 때 쓸",
             "마스크 쓸 때 좋은", "에어컨 바람에 좋은", "매일 쓰기 좋은")
CONSTRAINTS = ("가성비 좋은", "2만원 이하", "만원대", "올리브영에서 파는", "다이소에서 살 수 있는",
               "선물하기 좋은", "비건", "대용량", "휴대하기 좋은", "가볍게 발리는", "저자극", "후기 좋은",
               "성분 착한", "남녀 공용")
QUERY_ENDINGS = ("추천", "추천해 주세요", "추천 부탁드려요", "찾아요", "찾고 있어요", "있나요",
                 "있을까요?", "뭐가 좋아요?", "알려주세요", "어떤 게 좋을까요", "써 본 분 계세요?",
                 "제일 괜찮은 거", "추천 좀 해 주세요 ㅠㅠ", "사려는데 추천해 줘")
LEFT_OUT = 0.4  # the chance that an optional part is not said


def distinct_query_stream(seed: int = 7) -> Iterator[str]:
    """Shopper queries in a fixed order for `seed`, none repeated, until the combinations run
    out (about 2.3 million, far more than any run asks)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    misses = 0
    while misses < 10_000:  # that many repeats in a row: practically nothing new is left
        text = _one_query(rng)
        if text in seen:
            misses += 1
            continue
        misses = 0
        seen.add(text)
        yield text


def distinct_queries(count: int, seed: int = 7) -> list[str]:
    """The first `count` texts of `distinct_query_stream(seed)`."""
    texts = list(islice(distinct_query_stream(seed), count))
    if len(texts) < count:
        raise ValueError(f"only {len(texts)} distinct queries can be made, not {count}")
    return texts


def _one_query(rng: random.Random) -> str:
    parts = [_maybe(rng, ASKERS), _maybe(rng, OCCASIONS), _maybe(rng, CONSTRAINTS),
             rng.choice(NEEDS), _maybe(rng, QUERY_ENDINGS)]
    return " ".join(part for part in parts if part)


def _maybe(rng: random.Random, choices: tuple[str, ...]) -> str:
    return "" if rng.random() < LEFT_OUT else rng.choice(choices)


class DistinctQueries:
    """Hands out the texts of `texts` one at a time, each checked against all handed out before
    in its cleaned form (the query cache's key): a repeat stops the run instead of letting the
    cache carry part of the figure."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._texts = iter(texts)
        self._seen: set[str] = set()

    def __call__(self) -> str:
        text = next(self._texts)
        key = clean_query(text).text
        if key in self._seen:
            raise RuntimeError(f"a query text came twice in one run: {text!r}")
        self._seen.add(key)
        return text

    @property
    def handed_out(self) -> int:
        return len(self._seen)
