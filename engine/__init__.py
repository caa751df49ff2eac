"""Cosmo's search engine: catalog, embeddings, ranking and the CLI."""
