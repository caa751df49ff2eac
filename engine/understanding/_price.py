"""Price limits written in words: "만원대", "1만 원 미만", "2만5천원까지", "25,000원 이하",
"이만 원 아래", "만오천원 이하", "3만원 넘는 건 싫어요", "2만원 초반".

"저렴한" and other words without a number are not limits. Pure functions over the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A number in digits ("25,000", "1.5") or in Sino-Korean words ("이", "십오"); the words
# never continue a Hangul word other than 만 ("크림이 삼만원" reads 삼, not 이; "만오천원").
_NUMBER = r"(?:\d+(?:[.,]\d+)*|(?:(?<=만)|(?<![가-힣]))[일이삼사오육칠팔구십백]+)"
# An amount: "2만5천원", "1.5만원", "만원", "25,000원", "15000원", "5천원", "이만 오천 원";
# "원" optional after 만/천.
AMOUNT = re.compile(
    rf"(?:(?P<man>{_NUMBER})?\s*만\s*(?P<thousands>(?P<man_cheon>{_NUMBER})?\s*천)?"
    rf"\s*(?P<man_rest>\d{{1,4}})?\s*원?"
    rf"|(?P<cheon>{_NUMBER})\s*천\s*원?"
    rf"|(?P<won>{_NUMBER})\s*원)"
)
_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_TENS = {"십": 10, "백": 100}
BELOW = ("이하", "까지", "미만", "아래", "안쪽", "이내", "밑", "내로", "안으로", "선에서", "넘지",
         "넘으면", "넘는 건", "안 넘", "안넘", "보다 싼", "보다 저렴", "언더")
AROUND = ("안팎", "내외", "정도", "쯤", "언저리", "전후", "선")
ABOVE = ("이상", "넘는", "초과", "부터", "보다 비싼")
# After an ABOVE word these turn it round: "3만원 넘는 건 싫어요", "이상은 부담".
REFUSED = ("안 되", "안되", "안 돼", "안돼", "싫", "말고", "빼고", "부담", "별로", "노노", "X", "x",
           "ㄴㄴ", "제외")
BAND = ("대",)
# Where in its band a price sits: "2만원 초반" is up to about 23,000.
BAND_PARTS = {"초반": 0.3, "중반": 0.7, "후반": 1.0}
AROUND_SLACK = 1.2


@dataclass(frozen=True)
class PriceLimit:
    """Inclusive bounds in KRW; None means unbounded on that side. `span` is where the phrase
    (amount and limit words) sits in the query text."""

    at_most: int | None = None
    at_least: int | None = None
    span: tuple[int, int] | None = field(default=None, compare=False)

    def allows(self, price: int) -> bool:
        return ((self.at_most is None or price <= self.at_most)
                and (self.at_least is None or price >= self.at_least))


def _to_number(text: str | None) -> float | None:
    """"25,000" → 25000, "1.5" → 1.5, "이십오" → 25; None for a word that is not a number
    ("이삼")."""
    if not text:
        return None
    if text[0].isdigit():
        return float(text.replace(",", ""))
    value, digit = 0, None
    for char in text:
        if char in _DIGITS:
            if digit is not None:
                return None
            digit = _DIGITS[char]
        else:
            value += (digit or 1) * _TENS[char]
            digit = None
    return float(value + (digit or 0))


def _amount(match: re.Match) -> int | None:
    if match.group("won"):
        won = _to_number(match.group("won"))
        return None if won is None else int(won)
    if match.group("cheon"):
        cheon = _to_number(match.group("cheon"))
        return None if cheon is None else int(cheon * 1000)
    if "만" not in match.group(0):
        return None
    man = _to_number(match.group("man")) if match.group("man") else 1.0
    cheon = 0.0  # "만오천원": a bare 천 after 만 is one thousand
    if match.group("thousands"):
        cheon = _to_number(match.group("man_cheon")) if match.group("man_cheon") else 1.0
    if man is None or cheon is None:
        return None
    return int(man * 10000 + cheon * 1000 + int(match.group("man_rest") or 0))


def parse_price_limit(text: str) -> PriceLimit | None:
    """The price limit stated in a query, or None when it states none."""
    for match in AMOUNT.finditer(text):
        if not re.search(r"\d", match.group(0)) and "원" not in match.group(0):
            continue  # "겨울만 되면", "이만큼": a bare 만 is a particle unless 원 follows
        amount = _amount(match)
        if not amount or amount < 1000:
            continue
        limit = _limit(text, match, amount)
        if limit is not None:
            return limit
    return None


def _limit(text: str, match: re.Match, amount: int) -> PriceLimit | None:
    rest = text[match.end():match.end() + 8]
    after = rest.lstrip()
    offset = match.end() + len(rest) - len(after)

    def ending(words: tuple[str, ...]) -> tuple[int, int]:
        word = max((w for w in words if after.startswith(w)), key=len, default="")
        return match.start(), offset + len(word)

    band_part = _band_part(after)
    if band_part is not None:
        word, share = band_part
        at_most = amount + max(int(_band_width(amount) * share) - 1, 0)
        return PriceLimit(at_most=at_most, span=(match.start(), offset + after.index(word)
                                                  + len(word)))
    if after.startswith(BAND) and not after.startswith("대신"):
        return PriceLimit(at_most=amount + _band_width(amount) - 1, span=ending(BAND))
    if after.startswith("미만"):
        return PriceLimit(at_most=amount - 1, span=ending(("미만",)))
    if after.startswith(ABOVE):
        start, end = ending(ABOVE)
        if any(word in text[end:end + 8] for word in REFUSED):
            return PriceLimit(at_most=amount, span=(start, end))
        return PriceLimit(at_least=amount, span=(start, end))
    if after.startswith(AROUND):
        return PriceLimit(at_most=int(amount * AROUND_SLACK), span=ending(AROUND))
    if any(after.startswith(word) for word in BELOW) or "원" in match.group(0) \
            or "만" in match.group(0):
        return PriceLimit(at_most=amount, span=ending(BELOW))
    return None


def _band_part(after: str) -> tuple[str, float] | None:
    """"초반" and the like right after the amount or its 대 ("2만원 초반", "2만 원대 초반")."""
    head = after[1:].lstrip() if after.startswith(BAND) else after
    for word, share in BAND_PARTS.items():
        if head.startswith(word):
            return word, share
    return None


def _band_width(amount: int) -> int:
    """"2만원대" spans 20,000–29,999 and "5천원대" 5,000–5,999: one unit of the leading digit.

    Only the upper end is a limit; a cheaper product still suits a "2만원대" budget.
    """
    return 10 ** (len(str(amount)) - 1)
