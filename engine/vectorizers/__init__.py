"""Embedding backends behind one async interface (see `base.Vectorizer`)."""

from engine.vectorizers.base import Role, Vectorizer, normalize_rows

__all__ = ["Role", "Vectorizer", "normalize_rows"]
