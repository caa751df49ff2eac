"""Benchmarks; run each from the repository root as a module: `python -m bench.bench_ranking`.

Figures and how to read them: docs/benchmarks.md.
"""
