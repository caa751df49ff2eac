"""How a query's absence cues read, for the negation tests."""

from engine.understanding import absence_cues, review_reports


def concepts(morpheme_analyzer, lexicon, query):
    """The trait concepts the query asks to be absent."""
    return {c for cue in absence_cues(morpheme_analyzer.analyze(query), lexicon)
            for c in cue.label.split("/")}


def reading(morpheme_analyzer, lexicon, query, review):
    """What the review reports about the query's first unwanted trait."""
    cue = absence_cues(morpheme_analyzer.analyze(query), lexicon)[0]
    reports = review_reports([morpheme_analyzer.analyze(review)], cue)
    return "present" if reports.present else "absent" if reports.absent else "nothing"
