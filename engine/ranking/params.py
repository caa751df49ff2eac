"""Every constant and knob of the ranking, in one place (values chosen on the dev set).

Fixed constants are module names; what `eval --ablate` or a test may change is a field of the
frozen `RankingParams`, which is part of the response cache's key.
"""

from __future__ import annotations

from dataclasses import dataclass

# A review rated this or higher is a good one. A lower-rated review that matches a need usually
# reports the product failing at it ("건조해서 하루 종일 땡겼어요" ★2), so only good reviews give
# keyword terms and quotes, reviews below it lose semantic score per missing star, and a
# product rated exactly this neither gains nor loses.
GOOD_RATING = 4.0

EXACT_SCAN_DOCUMENTS = 50_000  # below this, scoring every document beats the ANN graph
ANN_CANDIDATES = 2_000         # documents the ANN graph returns above that size
REPORT_SHORTLIST = 100         # products whose reviews are read for trait reports


@dataclass(frozen=True)
class RankingParams:
    """Weights of the hybrid ranking, chosen on the dev set (see docs/quality.md)."""

    semantic_weight: float = 0.5      # share of the semantic signal in hybrid mode
    # the semantic share a query's known words may move it to: down to 0.2 for a query of
    # catalog words, up to only 0.6 for one of words the catalog never uses, whose keyword side
    # still carries its concerns' review words and its nouns' bigrams (up to 0.8 lowered
    # sample, fresh, fresh2, fresh4 and fresh6 val)
    semantic_weight_bounds: tuple[float, float] = (0.2, 0.6)
    temperature: float = 0.02         # soft-max over a product's documents (0 = plain max)
    soft_max_documents: int = 2       # only each product's best documents enter the soft-max
    category_boost: float = 0.5       # a product in a category the query names
    modifier_share: float = 0.5       # share of the boost when the category word only modifies
    scene_share: float = 0.1          # share of the boost when the category word sets the scene
    # keyword side: a category word that only sets the scene weighs this share of a query word
    scene_term_share: float = 0.25
    implied_share: float = 0.1        # share of the boost for a line the query implies (men's)
    complaint_penalty: float = 0.5    # per review reporting a trait the query wants absent
    absence_bonus: float = 0.2        # per review reporting that trait absent
    reports_counted: int = 2          # at most this many reviews count each way
    review_rating_discount: float = 0.02  # semantic score lost per star a review is below good
    product_rating_weight: float = 0.05   # score gained per star of the product's rating
    known_share_slope: float = 0.5    # semantic share gained per unit of query words unknown
    known_share_pivot: float = 0.75   # share of known query words at which the weight is as set
    # reviews of a median length below this many characters move the weight less, in proportion
    known_share_review_chars: float = 20.0
    semantic_floor: float = 0.1       # hybrid: a cosine range below this counts as this (0 = min-max)
    bigram_weight: float = 0.5        # a query noun's character bigram against a whole word
    feedback_products: int = 3        # keyword mode: best first-ranked products read for expansion
    feedback_terms: int = 10          # keyword mode: expansion terms added to the query (0 = off)
    feedback_weight: float = 0.1      # weight of the strongest expansion term (a query word is 1)
    concern_weight: float = 0.3       # a review word of a concern the query describes (0 = off)
    # semantic mode: the query's concerns by name embedded beside it, this much of its vector
    concern_query_share: float = 1.0
    # Category prior (engine/category_prior.py), only when the query names no category
    prior_boost: float = 0.2          # a product in a category the prior finds dominant (0 = off)
    prior_z_scale: float = 2.0        # z-score of a category's centroid cosine × this
    prior_threshold: float = 0.7      # share one or two categories must hold to be boosted
    prior_min_categories: int = 5     # catalogs with fewer categories get no prior
    # hybrid: only a category with a product among the keyword side's best this many (0 = any)
    prior_agreement: int = 5
    # Quotes (engine/ranking/quotes.py)
    quote_model: bool = True          # the learned sentence scorer (off: the hand weights below)
    quote_term_weight: float = 0.1    # a sentence's share of the query's terms, beside its cosine
    quote_concern_share: float = 0.5  # a concern's review word counts this much of a query word
    quote_need_terms: bool = True     # product-type words of the query do not make a quote
    quote_problem_traits: bool = True  # never quote a report of the trait a concern is made of
    use_price: bool = True
    judge_fit: bool = True            # answer "nothing fits" when nothing does (ranking/fit.py)
    use_categories: bool = True
    use_absence: bool = True
    use_degrees: bool = True          # a trait wished less is read by degree (_degrees.py)
    # keyword side: leave out the query words of a trait asked absent ("번들번들" in "번들번들
    # … 질색" matches the reviews that complain of it)
    drop_denied_terms: bool = True
    # … only where at least this share of the reviews reporting on the trait complain of it
    # (where reviewers mostly praise its absence, "끈적임 없어요", its words find the wanted ones)
    drop_complained_share: float = 2 / 3
