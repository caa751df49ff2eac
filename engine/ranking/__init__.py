"""Ranking products for a planned query (pure: no I/O, no Kiwi).

- `params`: every constant and knob of the ranking (`RankingParams`, `GOOD_RATING`);
- `fusion`: normalising and mixing the semantic and keyword scores;
- `rank`: `rank_for_query`, from candidates to the top products with their evidence;
- `quotes`: `choose_quote`, the review sentence that proves a match.

Modules are imported by their own names (`engine.ranking.rank`), so that `params`, which the
snapshot code reads for the rating threshold, does not pull in the ranking.
"""
