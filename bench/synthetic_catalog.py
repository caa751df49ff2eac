"""A synthetic catalog of any size, recombined from the sample catalog's review sentences.

    python -m bench.synthetic_catalog --reviews 100000 --out /tmp/catalog-100k.jsonl

The sample's reviews are cut into sentences with the engine's own sentence rule
(engine/sentences.py, on Kiwi's morphemes), and every synthetic review joins 1 to 6 of them drawn
at random, with its star rating drawn from the sample's. The sample's reviews are terse (25
characters on average, 1.3 sentences); shops' exported reviews run longer, so the default
number of sentences per review gives about 3 sentences and 56 characters on average. Products
copy a sample product's category, brand, price and description, with a numbered name, and get
`--reviews-per-product` reviews each. Text length drives the morphemes, the BM25 postings and the
quote sentences; the vectors take memory by their count alone (documents and sentences).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from engine.settings import DEFAULT_CATALOG

# How many sentences a synthetic review has, and how often.
SENTENCE_COUNT_WEIGHTS = {1: 0.15, 2: 0.25, 3: 0.25, 4: 0.17, 5: 0.10, 6: 0.08}


def sample_sentences(catalog: Path) -> tuple[list[dict], list[str], list[float]]:
    """The sample's products, its review sentences and its review ratings."""
    from engine.keyword import MorphemeAnalyzer
    from engine.sentences import sentence_spans

    products = [json.loads(line) for line in catalog.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    reviews = [review for product in products for review in product["reviews"]]
    analyzer = MorphemeAnalyzer()
    sentences: list[str] = []
    for review in reviews:
        text = review["text"]
        sentences += [text[start:stop] for start, stop in
                      sentence_spans(text, analyzer.analyze(text))]
    return products, sorted(set(sentences)), [float(r["rating"]) for r in reviews]


def write_catalog(out: Path, reviews: int, reviews_per_product: int = 20, seed: int = 7,
                  source: Path = DEFAULT_CATALOG) -> dict:
    """Write `reviews` synthetic reviews as JSONL to `out`; return what was written."""
    products, sentences, ratings = sample_sentences(source)
    rng = random.Random(seed)
    counts, weights = zip(*SENTENCE_COUNT_WEIGHTS.items())
    written = chars = 0
    with open(out, "w", encoding="utf-8") as handle:
        number = 0
        while written < reviews:
            template = products[number % len(products)]
            batch = min(reviews_per_product, reviews - written)
            product_reviews = []
            for _ in range(batch):
                text = " ".join(rng.sample(sentences, rng.choices(counts, weights)[0]))
                chars += len(text)
                product_reviews.append({"text": text, "rating": rng.choice(ratings)})
            number += 1
            row = {key: template[key] for key in ("brand", "category", "price", "rating",
                                                  "description")}
            row.update(product_id=f"S{number:07d}", name=f"{template['name']} {number}",
                       reviews=product_reviews)
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            written += batch
    return {"products": number, "reviews": written, "mean_review_chars": chars / max(written, 1),
            "sentence_pool": len(sentences)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, required=True)
    parser.add_argument("--reviews-per-product", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(json.dumps(write_catalog(args.out, args.reviews, args.reviews_per_product, args.seed),
                     ensure_ascii=False))
