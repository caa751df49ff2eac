"""Evidence evaluation: does the quoted review line support the result? (pure functions)

Labels name, for a query and one of its relevant products, the review spans that show the
product meets the need. A quote shown for that pair is supported when it overlaps one of them;
a pair with no supporting span is answered honestly only by quoting the listing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, Sequence

from engine.evaluation import read_jsonl

QUOTE_CUTOFF = 5           # quotes judged for the first results only: the ones users read
MIN_SHARED_FRACTION = 0.6  # of the shorter text, as one common stretch


@dataclass(frozen=True)
class QuoteLabel:
    """The review spans that show `product_id` meets query `qid`'s need (empty: none do)."""

    qid: str
    product_id: str
    supporting: tuple[str, ...]


@dataclass(frozen=True)
class ShownQuote:
    """One result as the user saw it: its rank, the quote and where the quote came from."""

    qid: str
    kind: str
    product_id: str
    rank: int
    text: str
    source: str  # "review" or "listing"


@dataclass
class QuoteReport:
    """Counts over the labelled results shown within the cutoff, overall and by query kind."""

    supported: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    judged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    honest_listing: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unsupported_pairs: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def support_rate(self, kind: str = "all") -> float:
        return self.supported[kind] / self.judged[kind] if self.judged[kind] else 0.0

    def kinds(self) -> list[str]:
        return sorted(k for k in set(self.judged) | set(self.unsupported_pairs) if k != "all")

    def as_dict(self) -> dict:
        return {kind: {"judged": self.judged[kind], "supported": self.supported[kind],
                       "support_rate": round(self.support_rate(kind), 4),
                       "no_support_in_reviews": self.unsupported_pairs[kind],
                       "listing_quoted_there": self.honest_listing[kind]}
                for kind in ["all", *self.kinds()]}


def load_quote_labels(path: Path | str) -> dict[tuple[str, str], QuoteLabel]:
    """Read JSONL labels (`qid`, `product_id`, `supporting`: list of review spans)."""
    return {(label.qid, label.product_id): label
            for label in read_jsonl(path, _quote_label, "quote label")}


def _quote_label(data: dict) -> QuoteLabel:
    spans = data["supporting"]
    if not isinstance(spans, list) or not all(isinstance(s, str) for s in spans):
        raise TypeError("supporting must be a list of strings")
    return QuoteLabel(str(data["qid"]), str(data["product_id"]), tuple(spans))


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def quote_supported(quote: str, spans: Sequence[str]) -> bool:
    """True when the quote and a supporting span share one stretch of text covering at least
    60% of the shorter of the two (a sentence quote against a clause label, or the reverse)."""
    quote = _squeezed(quote)
    for span in map(_squeezed, spans):
        shorter = min(len(quote), len(span))
        if not shorter:
            continue
        match = SequenceMatcher(None, quote, span, autojunk=False).find_longest_match(
            0, len(quote), 0, len(span))
        if match.size >= MIN_SHARED_FRACTION * shorter:
            return True
    return False


def score_quotes(labels: dict[tuple[str, str], QuoteLabel], shown: Iterable[ShownQuote],
                 cutoff: int = QUOTE_CUTOFF) -> QuoteReport:
    """Judge every labelled result shown at rank `cutoff` or better; unlabelled ones (products
    the queries do not call relevant) are skipped."""
    report = QuoteReport()
    for quote in shown:
        label = labels.get((quote.qid, quote.product_id))
        if label is None or quote.rank > cutoff:
            continue
        for kind in ("all", quote.kind):
            if label.supporting:
                report.judged[kind] += 1
                if quote.source == "review" and quote_supported(quote.text, label.supporting):
                    report.supported[kind] += 1
            else:
                report.unsupported_pairs[kind] += 1
                if quote.source == "listing":
                    report.honest_listing[kind] += 1
    return report


def format_quote_report(report: QuoteReport, title: str) -> str:
    """A plain-text table: quotes that support their result, by query kind."""
    lines = [f"{title}: quotes of relevant results in the top {QUOTE_CUTOFF}",
             f"{'kind':<12} {'judged':>6} {'supported':>9} {'rate':>6} {'no-support':>10} "
             f"{'listing':>7}"]
    for kind in ["all", *report.kinds()]:
        lines.append(f"{kind:<12} {report.judged[kind]:>6} {report.supported[kind]:>9} "
                     f"{report.support_rate(kind):>6.3f} {report.unsupported_pairs[kind]:>10} "
                     f"{report.honest_listing[kind]:>7}")
    return "\n".join(lines)
