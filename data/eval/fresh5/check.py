"""Consistency checks for the fresh5 evaluation set. Run: python3 check.py"""
import json, os, re, sys, collections

HERE = os.path.dirname(os.path.abspath(__file__))
errors, warnings = [], []
def err(m): errors.append(m)
def warn(m): warnings.append(m)

def load(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                err(f"{name}:{n} empty line"); continue
            try: rows.append(json.loads(line))
            except Exception as e: err(f"{name}:{n} does not parse: {e}")
    return rows

cat = load("catalog.jsonl"); qs = load("queries.jsonl"); quotes = load("quotes.jsonl")

# ---- catalog ----
prods = {}
for p in cat:
    pid = p.get("product_id")
    if not isinstance(pid, str) or not re.fullmatch(r"S\d{3}", pid): err(f"bad product_id {pid!r}")
    if pid in prods: err(f"duplicate product_id {pid}")
    prods[pid] = p
    for k, t in [("name", str), ("brand", str), ("category", str), ("price", int), ("rating", float), ("description", str), ("reviews", list)]:
        if not isinstance(p.get(k), t): err(f"{pid}: field {k} missing or not {t.__name__}")
    if not 1.0 <= p.get("rating", 0) <= 5.0: err(f"{pid}: rating out of range")
    if not 5 <= len(p.get("reviews", [])) <= 8: warn(f"{pid}: {len(p['reviews'])} reviews")
    for r in p.get("reviews", []):
        if not isinstance(r.get("text"), str) or not r["text"].strip(): err(f"{pid}: empty review text")
        if r.get("rating") not in (1, 2, 3, 4, 5): err(f"{pid}: bad review rating {r.get('rating')!r}")
cats = collections.Counter(p["category"] for p in cat)

# ---- queries ----
EXPECT = {"paraphrase": 16, "negation": 14, "scene": 10, "multi": 8, "filtered": 8, "keyword": 8, "nomatch": 20}
qmap = {}
kinds = collections.Counter(); parity = collections.defaultdict(collections.Counter)
for q in qs:
    qid = q.get("qid")
    if not isinstance(qid, str) or not re.fullmatch(r"s\d{3}", qid): err(f"bad qid {qid!r}")
    if qid in qmap: err(f"duplicate qid {qid}")
    qmap[qid] = q
    k = q.get("kind")
    if k not in EXPECT: err(f"{qid}: unknown kind {k!r}"); continue
    kinds[k] += 1; parity[k]["odd" if int(qid[1:]) % 2 else "even"] += 1
    rel = q.get("relevant")
    if not isinstance(rel, dict): err(f"{qid}: relevant not a dict"); continue
    if k == "filtered":
        if q.get("category") not in cats: err(f"{qid}: filtered category {q.get('category')!r} not an exact catalog category")
        for pid in rel:
            if pid in prods and prods[pid]["category"] != q["category"]:
                err(f"{qid}: relevant {pid} outside the filter category")
    elif q.get("category") is not None:
        err(f"{qid}: non-filtered query has a category")
    if k == "nomatch":
        if rel: err(f"{qid}: nomatch query has relevant products")
        continue
    if not rel: err(f"{qid}: graded query without relevant products")
    if 2 not in rel.values(): err(f"{qid}: no grade-2 product")
    if len(rel) > 5: warn(f"{qid}: {len(rel)} relevant products")
    for pid, g in rel.items():
        if pid not in prods: err(f"{qid}: relevant id {pid} not in catalog")
        if g not in (1, 2): err(f"{qid}: bad grade {g!r} for {pid}")
for k, n in EXPECT.items():
    if kinds[k] != n: err(f"kind {k}: {kinds[k]} queries, expected {n}")
    if parity[k]["odd"] != parity[k]["even"]: err(f"kind {k}: odd/even split {dict(parity[k])}")

# ---- multi: price limits (parsed from the query text by hand, checked against prices) ----
LIMITS = {  # query text -> (min price, max price) inclusive
    "2만 원 이하로 지성 피부 여름용 수분크림": (0, 20000),
    "만원대 선크림 중에 허옇게 안 뜨는 거": (10000, 19999),
    "3만 원 안 넘는 걸로 남자친구 올인원 선물": (0, 30000),
    "만 원 이하 립밤, 입술이 자주 트는 편이에요": (0, 10000),
    "2만원대 쿠션 중에 건성 피부가 써도 안 들뜨는 거": (20000, 29999),
    "만오천 원 이하로 온 가족이 같이 쓸 대용량 바디로션": (0, 15000),
    "3만원 이하 탈모 샴푸 추천해 주세요": (0, 30000),
    "햇볕에 익어서 화끈거리는 얼굴 진정시킬 팩, 만원대로요": (10000, 19999),
}
for q in qs:
    if q.get("kind") != "multi": continue
    if q["query"] not in LIMITS: err(f"{q['qid']}: multi query without a price limit entry"); continue
    lo, hi = LIMITS[q["query"]]
    for pid in q["relevant"]:
        if pid in prods and not lo <= prods[pid]["price"] <= hi:
            err(f"{q['qid']}: {pid} price {prods[pid]['price']} outside {lo}-{hi}")

# ---- quotes ----
seen = set()
for row in quotes:
    qid, pid, sp = row.get("qid"), row.get("product_id"), row.get("supporting")
    if qid not in qmap: err(f"quote for unknown qid {qid}"); continue
    if (qid, pid) in seen: err(f"duplicate quote row {qid} {pid}")
    seen.add((qid, pid))
    if pid not in qmap[qid]["relevant"]: err(f"quote {qid} {pid}: product not graded relevant")
    if pid not in prods: err(f"quote {qid}: unknown product {pid}"); continue
    if not isinstance(sp, list): err(f"quote {qid} {pid}: supporting not a list"); continue
    texts = [r["text"] for r in prods[pid]["reviews"]]
    for s in sp:
        if not isinstance(s, str) or not s.strip(): err(f"quote {qid} {pid}: empty span")
        elif not any(s in t for t in texts): err(f"quote {qid} {pid}: span not found in reviews: {s!r}")
for qid, q in qmap.items():
    if q.get("kind") == "nomatch": continue
    for pid in q.get("relevant", {}):
        if (qid, pid) not in seen: err(f"missing quote row for {qid} {pid}")

# ---- nomatch topics must not be sold ----
TOPICS = ["네일", "향수", "퍼퓸", "손톱", "고양이", "강아지", "반려", "사료", "노트북", "맛집", "날씨",
          "주식", "토익", "인강", "이어폰", "렌터카", "렌즈", "세척액", "유산균", "영양제"]
for p in cat:
    sold = p["name"] + " " + p["description"]
    for t in TOPICS:
        if t in sold: err(f"nomatch topic {t!r} appears in name/description of {p['product_id']}")
        for r in p["reviews"]:
            if t in r["text"]: warn(f"nomatch topic {t!r} appears in a review of {p['product_id']}")
nm_text = " ".join(q["query"] for q in qs if q.get("kind") == "nomatch")
for t in TOPICS:
    pass  # topic list documents what the nomatch queries ask for

# ---- summary ----
graded = [q for q in qs if q.get("kind") != "nomatch"]
print(f"catalog: {len(cat)} products, {sum(len(p['reviews']) for p in cat)} reviews, {len(cats)} categories")
for c, n in cats.items(): print(f"  {c}: {n}")
print(f"queries: {len(qs)}  " + ", ".join(f"{k}={kinds[k]}" for k in EXPECT))
print(f"quote rows: {len(quotes)}, spans: {sum(len(r['supporting']) for r in quotes)}, empty: {sum(1 for r in quotes if not r['supporting'])}")
print(f"avg relevant per graded query: {sum(len(q['relevant']) for q in graded)/len(graded):.2f}")
print("split (odd=validation / even=test): " + ", ".join(f"{k} {parity[k]['odd']}/{parity[k]['even']}" for k in EXPECT))
for w in warnings: print("WARN", w)
for e in errors: print("ERROR", e)
print("OK" if not errors else f"{len(errors)} error(s)")
sys.exit(1 if errors else 0)
