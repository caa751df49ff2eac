"""Vector index (hnswlib) and versioned, checksummed on-disk snapshots."""
