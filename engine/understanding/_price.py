"""Price limits written in words: "만원대", "1만 원 미만", "2만5천원까지", "25,000원 이하".

"저렴한" and other words without a number are not limits. Pure functions over the query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBER = r"\d+(?:[.,]\d+)*"
# An amount: "2만5천원", "1.5만원", "만원", "25,000원", "15000원", "5천원"; "원" optional after 만/천.
AMOUNT = re.compile(
    rf"(?:(?P<man>{_NUMBER})?\s*만\s*(?:(?P<man_cheon>\d)\s*천)?\s*(?P<man_rest>\d{{1,4}})?\s*원?"
    rf"|(?P<cheon>{_NUMBER})\s*천\s*원?"
    rf"|(?P<won>{_NUMBER})\s*원)"
)
BELOW = ("이하", "까지", "미만", "아래", "안쪽", "이내", "밑", "내로", "안으로", "선에서", "넘지",
         "넘으면", "넘는 건", "안 넘", "안넘", "보다 싼", "보다 저렴", "언더")
AROUND = ("안팎", "내외", "정도", "쯤", "언저리", "전후", "선")
ABOVE = ("이상", "넘는", "초과", "부터", "보다 비싼")
BAND = ("대",)
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


def _to_number(text: str | None) -> float:
    return float(text.replace(",", "")) if text else 0.0


def _amount(match: re.Match) -> int | None:
    if match.group("won"):
        return int(_to_number(match.group("won")))
    if match.group("cheon"):
        return int(_to_number(match.group("cheon")) * 1000)
    text = match.group(0)
    if "만" not in text:
        return None
    man = _to_number(match.group("man")) if match.group("man") else 1.0
    value = man * 10000 + int(match.group("man_cheon") or 0) * 1000
    return int(value + int(match.group("man_rest") or 0))


def parse_price_limit(text: str) -> PriceLimit | None:
    """The price limit stated in a query, or None when it states none."""
    for match in AMOUNT.finditer(text):
        if not re.search(r"\d", match.group(0)) and "원" not in match.group(0):
            continue  # "겨울만 되면": a bare 만 is a particle unless 원 follows
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

    if after.startswith(BAND) and not after.startswith("대신"):
        return PriceLimit(at_most=amount + _band_width(amount) - 1, span=ending(BAND))
    if after.startswith("미만"):
        return PriceLimit(at_most=amount - 1, span=ending(("미만",)))
    if after.startswith(ABOVE):
        return PriceLimit(at_least=amount, span=ending(ABOVE))
    if after.startswith(AROUND):
        return PriceLimit(at_most=int(amount * AROUND_SLACK), span=ending(AROUND))
    if any(after.startswith(word) for word in BELOW) or "원" in match.group(0) \
            or "만" in match.group(0):
        return PriceLimit(at_most=amount, span=ending(BELOW))
    return None


def _band_width(amount: int) -> int:
    """"2만원대" spans 20,000–29,999 and "5천원대" 5,000–5,999: one unit of the leading digit.

    Only the upper end is a limit; a cheaper product still suits a "2만원대" budget.
    """
    return 10 ** (len(str(amount)) - 1)
