"""`python -m engine report`: the owner's figures (engine/insight.py) as a table or as CSV."""

from __future__ import annotations

import csv
import io

from engine.insight import Insight, QueryCount

SECTIONS = (("top", "top queries"), ("nothing_found", "found nothing"),
            ("weak_only", "weak matches only"))


def report_rows(insight: Insight) -> list[tuple[str, str, int]]:
    """(section, query, count) rows, then the vote totals as rows of their own."""
    rows = [(name, count.query, count.count) for name, _ in SECTIONS
            for count in getattr(insight, name)]
    rows += [("votes", "up", insight.up_votes), ("votes", "down", insight.down_votes)]
    return rows


def report_table(insight: Insight, days: float) -> str:
    """A plain-text table for a terminal."""
    lines = [f"Searches in the last {days:g} days: {insight.searches:,}"]
    for name, title in SECTIONS:
        counts: tuple[QueryCount, ...] = getattr(insight, name)
        lines.append("")
        lines.append(f"{title}:")
        if not counts:
            lines.append("  (none)")
        width = max((len(c.query) for c in counts), default=0)
        lines.extend(f"  {c.query.ljust(width)}  {c.count:>6,}" for c in counts)
    rate = insight.down_rate
    lines.append("")
    lines.append(f"votes: {insight.up_votes:,} up, {insight.down_votes:,} down "
                 f"({f'{rate:.0%}' if rate is not None else '-'} down)")
    return "\n".join(lines)


def report_csv(insight: Insight) -> str:
    """The same figures as CSV: section,query,count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("section", "query", "count"))
    writer.writerows(report_rows(insight))
    return buffer.getvalue()
