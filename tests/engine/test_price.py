"""Price limits written in words."""

import pytest

from engine.understanding import PriceLimit, parse_price_limit


@pytest.mark.parametrize("query, at_most", [
    ("15000원 이하로 있나요?", 15000),
    ("2만원 이하", 20000),
    ("1만 원 미만", 9999),
    ("4만원 미만으로 추천", 39999),
    ("25,000원까지", 25000),
    ("2만5천원까지만 봐요", 25000),
    ("3만원 안쪽", 30000),
    ("3만원 아래로 찾아요", 30000),
    ("2만원 넘으면 안돼요", 20000),
    ("만원대 토너", 19999),
    ("1만원대 보습템", 19999),
    ("2만원대 크림", 29999),
    ("5천원대 마스크팩", 5999),
    ("1.5만원 이하", 15000),
])
def test_upper_limits(query, at_most):
    assert parse_price_limit(query) == PriceLimit(at_most=at_most)


def test_around_allows_a_little_over():
    limit = parse_price_limit("만원 안팎으로")
    assert limit.allows(11000) and not limit.allows(13000)


def test_lower_limit():
    assert parse_price_limit("3만원 이상 선물용") == PriceLimit(at_least=30000)


@pytest.mark.parametrize("query", ["저렴한 크림", "겨울만 되면 건조해요", "오후만 되면 번들번들",
                                   "SPF50 선크림", "비타민C 15% 세럼", "가성비 좋은 거"])
def test_no_number_no_limit(query):
    assert parse_price_limit(query) is None


@pytest.mark.parametrize("query, phrase", [
    ("남친 선물용 향수 5만원 안 넘게", "5만원 안 넘"),
    ("2만원대 크림", "2만원대"),
    ("순한 토너 15000원 이하로", "15000원 이하"),
    ("4만원 미만으로", "4만원 미만"),
])
def test_the_limit_knows_where_its_phrase_is(query, phrase):
    start, end = parse_price_limit(query).span
    assert query[start:end] == phrase


@pytest.mark.parametrize("query, at_most", [
    ("이만원 이하 수분크림", 20000),
    ("삼만 원 아래로 찾아요", 30000),
    ("만오천원 이하", 15000),
    ("만 오천 원 이하", 15000),
    ("이만 오천원까지", 25000),
    ("오천원 이하 마스크팩", 5000),
    ("십만원 이하 향수", 100000),
    ("이십만원 이하", 200000),
    ("이만원대 크림", 29999),
    ("크림이 삼만원 이하였으면", 30000),
])
def test_amounts_in_korean_number_words(query, at_most):
    assert parse_price_limit(query).at_most == at_most


@pytest.mark.parametrize("query", ["피부가 이만큼 좋아졌어요", "이 크림 구원템", "백탁 없는 선크림"])
def test_number_words_without_won_are_not_prices(query):
    assert parse_price_limit(query) is None


@pytest.mark.parametrize("query, at_most", [
    ("3만원 넘는 건 싫어요", 30000),
    ("3만원 이상은 안돼요", 30000),
    ("2만원 초과는 부담스러워요", 20000),
    ("3만원 넘는 거 말고", 30000),
])
def test_a_refused_lower_limit_is_an_upper_limit(query, at_most):
    assert parse_price_limit(query) == PriceLimit(at_most=at_most)


@pytest.mark.parametrize("query, at_most", [
    ("만원 초반 토너", 12999),
    ("2만원 중반까지", 26999),
    ("2만 원대 초반", 22999),
    ("3만원 후반대", 39999),
])
def test_early_and_late_parts_of_a_price_band(query, at_most):
    assert parse_price_limit(query).at_most == at_most
