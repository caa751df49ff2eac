# Sanity checks for the fresh6 eval set. Run: python check.py (from anywhere)
import json, os, re, sys
from collections import Counter, defaultdict

D = os.path.dirname(os.path.abspath(__file__))
errors, warns = [], []

def load(name):
    rows = []
    with open(os.path.join(D, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except Exception as e:
                errors.append(f"{name}:{n} does not parse: {e}")
    return rows

cat = load("catalog.jsonl")
qs = load("queries.jsonl")
quotes = load("quotes.jsonl")

# catalog
ids = [p["product_id"] for p in cat]
dup = [k for k, v in Counter(ids).items() if v > 1]
if dup:
    errors.append(f"duplicate product ids: {dup}")
byid = {p["product_id"]: p for p in cat}
cats = Counter(p["category"] for p in cat)
for p in cat:
    for k, t in [("product_id", str), ("name", str), ("brand", str), ("category", str),
                 ("price", int), ("rating", float), ("description", str), ("reviews", list)]:
        if not isinstance(p.get(k), t):
            errors.append(f"{p.get('product_id')}: field {k} missing or not {t.__name__}")
    if not re.fullmatch(r"T\d{3}", p["product_id"]):
        errors.append(f"bad product id {p['product_id']}")
    if not 1.0 <= p["rating"] <= 5.0:
        errors.append(f"{p['product_id']}: rating out of range")
    if not 5 <= len(p["reviews"]) <= 8:
        warns.append(f"{p['product_id']}: {len(p['reviews'])} reviews")
    for r in p["reviews"]:
        if not isinstance(r.get("text"), str) or r.get("rating") not in (1, 2, 3, 4, 5):
            errors.append(f"{p['product_id']}: bad review {r}")

# queries
KIND_N = {"paraphrase": 16, "negation": 14, "scene": 10, "multi": 8, "filtered": 8,
          "keyword": 8, "nomatch": 20}
qids = [q["qid"] for q in qs]
if len(set(qids)) != len(qids):
    errors.append("duplicate qids")
kinds = Counter(q["kind"] for q in qs)
for k, n in KIND_N.items():
    if kinds.get(k, 0) != n:
        errors.append(f"kind {k}: {kinds.get(k, 0)} queries, expected {n}")
for k in kinds:
    if k not in KIND_N:
        errors.append(f"unknown kind {k}")
split = defaultdict(Counter)
nrel = []
for q in qs:
    if not re.fullmatch(r"t\d{3}", q["qid"]):
        errors.append(f"bad qid {q['qid']}")
    num = int(q["qid"][1:])
    split[q["kind"]]["val" if num % 2 else "test"] += 1
    if q["kind"] == "filtered":
        if q["category"] not in cats:
            errors.append(f"{q['qid']}: filter category {q['category']!r} not in catalog")
    elif q["category"] is not None:
        errors.append(f"{q['qid']}: category set on a non-filtered query")
    for pid, g in q["relevant"].items():
        if pid not in byid:
            errors.append(f"{q['qid']}: relevant id {pid} not in catalog")
        if g not in (1, 2):
            errors.append(f"{q['qid']}: grade {g} for {pid}")
        if q["kind"] == "filtered" and pid in byid and byid[pid]["category"] != q["category"]:
            errors.append(f"{q['qid']}: {pid} outside the filter category")
    if q["kind"] == "nomatch":
        if q["relevant"]:
            errors.append(f"{q['qid']}: nomatch query has relevant products")
    else:
        nrel.append(len(q["relevant"]))
        if 2 not in q["relevant"].values():
            errors.append(f"{q['qid']}: no grade-2 product")
        if not 1 <= len(q["relevant"]) <= 5:
            errors.append(f"{q['qid']}: {len(q['relevant'])} relevant products")
for k, c in split.items():
    if c["val"] != c["test"]:
        errors.append(f"kind {k} splits {c['val']} val / {c['test']} test")

# price limits of multi queries (written in words)
def limit(text):
    m = re.search(r"(\d+)만\s*원?\s*(이하|안쪽|안\s*넘|넘지)", text)
    if m:
        return int(m.group(1)) * 10000, None
    if "만원대" in text or "만 원대" in text:
        return 19999, 10000
    if re.search(r"만\s*원\s*이하|만원\s*이하", text):
        return 10000, None
    return None, None
for q in qs:
    if q["kind"] != "multi":
        continue
    hi, lo = limit(q["query"])
    if hi is None:
        errors.append(f"{q['qid']}: no price limit found in {q['query']!r}")
        continue
    for pid in q["relevant"]:
        pr = byid[pid]["price"]
        if pr > hi or (lo and pr < lo):
            errors.append(f"{q['qid']}: {pid} price {pr} breaks the limit in {q['query']!r}")

# quotes
qby = {q["qid"]: q for q in qs}
seen = set()
for s in quotes:
    q = qby.get(s["qid"])
    if q is None:
        errors.append(f"quote for unknown qid {s['qid']}")
        continue
    if q["kind"] == "nomatch":
        errors.append(f"quote for nomatch query {s['qid']}")
    if s["product_id"] not in q["relevant"]:
        errors.append(f"quote {s['qid']}/{s['product_id']}: product not relevant")
        continue
    seen.add((s["qid"], s["product_id"]))
    texts = [r["text"] for r in byid[s["product_id"]]["reviews"]]
    for span in s["supporting"]:
        if not span or not any(span in t for t in texts):
            errors.append(f"quote {s['qid']}/{s['product_id']}: span not in any review: {span!r}")
for q in qs:
    if q["kind"] == "nomatch":
        continue
    for pid in q["relevant"]:
        if (q["qid"], pid) not in seen:
            errors.append(f"missing quote row for {q['qid']}/{pid}")

# nomatch topics must not be sold in the catalog
TOPICS = ["네일", "향수", "퍼퓸", "손톱", "고양이", "강아지", "반려", "사료", "노트북", "맛집",
          "날씨", "주식", "청소기", "토익", "도시락", "다이어트"]
for p in cat:
    blob = " ".join([p["name"], p["brand"], p["category"], p["description"]] +
                    [r["text"] for r in p["reviews"]])
    for t in TOPICS:
        if t in blob:
            errors.append(f"{p['product_id']} mentions nomatch topic {t!r}")
for q in qs:
    if q["kind"] == "nomatch" and re.search(r"[가-힣]", q["query"]) and len(q["query"]) > 4:
        if not any(t in q["query"] for t in TOPICS):
            warns.append(f"{q['qid']}: nomatch query has no topic word in the check list: {q['query']!r}")

nrev = sum(len(p["reviews"]) for p in cat)
print(f"products {len(cat)} in {len(cats)} categories, reviews {nrev}")
print("per category:", dict(cats))
print(f"queries {len(qs)}:", dict(kinds))
print("split (val/test):", {k: (c['val'], c['test']) for k, c in split.items()})
print(f"mean relevant per graded query: {sum(nrel)/len(nrel):.2f}; quote rows {len(quotes)}, "
      f"empty {sum(1 for s in quotes if not s['supporting'])}")
for w in warns:
    print("WARN", w)
for e in errors:
    print("ERROR", e)
print("OK" if not errors else f"{len(errors)} errors")
sys.exit(1 if errors else 0)
