"""The tables bench/memory_at_scale.py prints, with each size-dependent figure extrapolated to
`TARGET` reviews along the line through the two largest measured sizes."""

from __future__ import annotations

TARGET = 1_000_000
STRUCTURES = ("document vectors", "hnsw graph", "sentence vectors", "sentence spans",
              "morphemes", "BM25", "products and corpus", "category map and prior")


def extrapolate(points: list[tuple[int, float]], target: int = TARGET) -> float:
    """The value at `target` on the line through the last two (size, value) points."""
    (x0, y0), (x1, y1) = points[-2:] if len(points) > 1 else ((0, 0.0), points[-1])
    return y1 + (y1 - y0) * (target - x1) / (x1 - x0)


def memory_rows(results: list[dict]) -> list[tuple[str, list[float], bool]]:
    """(component, MiB at each size, grows with the catalog) in a replica's start order."""
    rows = []
    steps = [r["serve"]["rss_mb"] for r in results]
    rows.append(("python and the engine's imports", [s["imports"] for s in steps], False))
    rows.append(("Kiwi (the analyser and its model)", [s["kiwi"] - s["imports"] for s in steps],
                 False))
    rows.append(("e5 (4-bit, memory-mapped)", [s["e5"] - s["kiwi"] for s in steps], False))
    for name in STRUCTURES:
        rows.append((name, [r["serve"]["structures_mb"].get(name, 0.0) for r in results], True))
    attributed = [sum(r["serve"]["structures_mb"].get(name, 0.0) for name in STRUCTURES)
                  for r in results]
    rows.append(("allocator slack and the rest of the load",
                 [s["snapshot"] - s["e5"] - a for s, a in zip(steps, attributed)], True))
    rows.append(("replica RSS with the snapshot loaded", [s["snapshot"] for s in steps], True))
    return rows


def print_tables(results: list[dict]) -> None:
    sizes = [r["reviews"] for r in results]
    heads = [f"{n:,}" for n in sizes] + [f"{TARGET:,} (extrapolated)"]
    print("catalog:", ", ".join(
        f"{r['reviews']:,} reviews = {r['catalog']['products']:,} products, "
        f"{r['serve']['documents']:,} documents, {r['serve']['sentences']:,} quote sentences, "
        f"{r['catalog']['mean_review_chars']:.0f} characters a review" for r in results))
    print("\nMiB of one replica's RSS | " + " | ".join(heads))
    for name, values, grows in memory_rows(results):
        last = extrapolate(list(zip(sizes, values))) if grows else values[-1]
        print(f"{name} | " + " | ".join(f"{v:,.1f}" for v in values + [last]))
    print("\nMiB on disk (one snapshot) | " + " | ".join(heads))
    groups = sorted({g for r in results for g in r["serve"]["disk_mb"]})
    for group in groups + ["total"]:
        values = [sum(r["serve"]["disk_mb"].values()) if group == "total"
                  else r["serve"]["disk_mb"].get(group, 0.0) for r in results]
        print(f"{group} | " + " | ".join(f"{v:,.1f}" for v in values)
              + f" | {extrapolate(list(zip(sizes, values))):,.1f}")
    print("\nbuild | " + " | ".join(heads))
    build_rows = {
        "reindex without the embedding (s)": [
            r["build"]["total_s"] - _stage(r, "embedding", "writing") for r in results],
        "of which Kiwi morphemes (s)": [_stage(r, "morphemes", "embedding") for r in results],
        "of which hnsw, BM25, files, checksums, load (s)": [
            _stage(r, "writing", "done") for r in results],
        "hnsw build alone (s)": [r["build"]["hnsw_build_s"] for r in results],
        "BM25 build alone (s)": [r["build"]["bm25_build_s"] for r in results],
        "texts a real catalog would embed (documents + sentences)": [
            float(_texts(r)) for r in results],
        "of them distinct here (recombined sentences repeat)": [
            float(r["build"]["e5_texts"] + r["build"]["random_texts"]) for r in results],
        "all texts through e5 at the measured passages/s (h)": [
            _texts(r) / max(r["build"]["e5_passages_per_s"], 1e-9) / 3600 for r in results],
        "build process peak RSS (MiB)": [r["build"]["peak_rss_mb"] for r in results],
        "snapshot load at start (s)": [r["serve"]["load_s"] for r in results],
    }
    for name, values in build_rows.items():
        print(f"{name} | " + " | ".join(f"{v:,.1f}" for v in values)
              + f" | {extrapolate(list(zip(sizes, values))):,.1f}")
    print("e5 passages/s: " + ", ".join(f"{r['build']['e5_passages_per_s']:.1f} over "
                                       f"{r['build']['e5_texts']} texts" for r in results))
    print("\nsearch beyond the embedding, ms p50 / p95 | " + " | ".join(heads[:-1]))
    for mode in results[0]["serve"]["search_ms"]:
        print(f"{mode} | " + " | ".join(
            f"{r['serve']['search_ms'][mode]['p50']:.1f} / {r['serve']['search_ms'][mode]['p95']:.1f}"
            for r in results))


def _stage(result: dict, stage: str, following: str) -> float:
    stages = result["build"]["stages_s"]
    return stages.get(following, 0.0) - stages.get(stage, 0.0)


def _texts(result: dict) -> int:
    return result["serve"]["documents"] + result["serve"]["sentences"]
