"""The sentence-transformers backend, loading tiny models built on disk, with the hub offline."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from engine.errors import BackendUnavailableError, ModelNotFoundError
from engine.vectorizers.base import Role, Vectorizer
from engine.vectorizers.local import SentenceTransformerVectorizer, pick_device, prompt_name_for

SENTENCES = [
    "보습이 잘 되는 크림 추천", "지성 피부에 좋은 가벼운 선크림", "건성 피부 촉촉한 토너",
    "향이 은은하고 자극 없는 로션", "query : passage 리뷰 후기 제품",
]
TEXTS = ["보습이 잘 되는 크림", "지성 피부 선크림", "자극 없는 토너"]


@pytest.fixture(scope="module")
def st_module():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        yield pytest.importorskip("sentence_transformers")


def build_tiny_model(st_module, folder: Path, *, seed: int, prompts: dict[str, str] | None) -> Path:
    """A StaticEmbedding model over a word vocabulary trained on a few Korean sentences."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    try:
        from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    except ImportError:  # sentence-transformers 3.x / 4.x
        from sentence_transformers.models import StaticEmbedding

    tokenizer = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.train_from_iterator(SENTENCES, trainers.WordLevelTrainer(special_tokens=["[UNK]"]))
    weights = np.random.default_rng(seed).standard_normal((tokenizer.get_vocab_size(), 8))
    module = StaticEmbedding(tokenizer, embedding_weights=weights.astype(np.float32))
    st_module.SentenceTransformer(modules=[module], prompts=prompts).save(str(folder))
    return folder


@pytest.fixture(scope="module")
def prompted_model(st_module, tmp_path_factory) -> Path:
    return build_tiny_model(st_module, tmp_path_factory.mktemp("prompted"), seed=1,
                            prompts={"query": "query: ", "document": "passage: "})


@pytest.fixture(scope="module")
def plain_model(st_module, tmp_path_factory) -> Path:
    return build_tiny_model(st_module, tmp_path_factory.mktemp("plain"), seed=2, prompts={})


@pytest.fixture
async def open_vectorizer():
    opened: list[SentenceTransformerVectorizer] = []

    async def open_(folder: Path) -> SentenceTransformerVectorizer:
        vectorizer = SentenceTransformerVectorizer(str(folder), device="cpu")
        opened.append(vectorizer)
        await vectorizer.start()
        return vectorizer

    yield open_
    for vectorizer in opened:
        await vectorizer.aclose()


def reference(st_module, folder: Path, texts: list[str]) -> np.ndarray:
    """What the model itself says for exactly these strings, unit length."""
    model = st_module.SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    vectors = model.encode(texts, convert_to_numpy=True)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.slow
async def test_loads_from_disk_and_returns_unit_float32_rows(prompted_model, open_vectorizer):
    vectorizer = await open_vectorizer(prompted_model)
    matrix = await vectorizer.encode_batch(TEXTS)
    single = await vectorizer.encode(TEXTS[0])
    assert isinstance(vectorizer, Vectorizer)
    assert vectorizer.dim == 8 and matrix.shape == (3, 8) and single.shape == (8,)
    assert matrix.dtype == np.float32 and single.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-6)
    assert (await vectorizer.encode_batch([])).shape == (0, 8)


@pytest.mark.slow
async def test_the_models_query_and_document_prompts_are_used(st_module, prompted_model,
                                                              open_vectorizer):
    vectorizer = await open_vectorizer(prompted_model)
    queries = await vectorizer.encode_batch(TEXTS, role=Role.QUERY)
    passages = await vectorizer.encode_batch(TEXTS, role=Role.PASSAGE)
    np.testing.assert_allclose(queries, reference(st_module, prompted_model,
                                                  [f"query: {t}" for t in TEXTS]), atol=1e-5)
    np.testing.assert_allclose(passages, reference(st_module, prompted_model,
                                                   [f"passage: {t}" for t in TEXTS]), atol=1e-5)
    assert not np.allclose(queries, passages)


@pytest.mark.slow
async def test_a_model_without_prompts_embeds_the_text_as_is(st_module, plain_model,
                                                             open_vectorizer):
    vectorizer = await open_vectorizer(plain_model)
    queries = await vectorizer.encode_batch(TEXTS, role=Role.QUERY)
    passages = await vectorizer.encode_batch(TEXTS, role=Role.PASSAGE)
    np.testing.assert_allclose(queries, passages)
    np.testing.assert_allclose(queries, reference(st_module, plain_model, TEXTS), atol=1e-5)


@pytest.mark.slow
async def test_encoding_leaves_the_event_loop_free(prompted_model, open_vectorizer):
    vectorizer = await open_vectorizer(prompted_model)
    done = asyncio.Event()
    turns = 0

    async def other_chat() -> None:
        nonlocal turns
        while not done.is_set():
            turns += 1
            await asyncio.sleep(0)

    chat = asyncio.create_task(other_chat())
    await vectorizer.encode_batch(SENTENCES * 2000, batch_size=256)
    done.set()
    await chat
    assert turns > 1  # a blocking encode would let the other task run at most once


@pytest.mark.slow
async def test_identity_names_model_and_dim_and_follows_the_weights(
        prompted_model, plain_model, open_vectorizer):
    first = await open_vectorizer(prompted_model)
    again = await open_vectorizer(prompted_model)
    other = await open_vectorizer(plain_model)
    assert first.model_identity.startswith(f"sentence-transformers:{prompted_model.as_posix()}@8#")
    assert first.model_identity == again.model_identity
    assert first.model_identity.split("#")[1] != other.model_identity.split("#")[1]


async def test_a_missing_folder_raises_model_not_found(tmp_path):
    vectorizer = SentenceTransformerVectorizer(str(tmp_path / "models" / "fine_tuned" / "nope"))
    with pytest.raises(ModelNotFoundError, match="LOCAL_MODEL"):
        await vectorizer.start()
    await vectorizer.aclose()


async def test_a_hub_name_not_in_the_cache_is_not_downloaded(st_module):
    vectorizer = SentenceTransformerVectorizer("cosmo-tests/never-downloaded-model")
    with pytest.raises(ModelNotFoundError, match="never downloads"):
        await vectorizer.start()


async def test_a_folder_without_model_files_raises_model_not_found(tmp_path):
    (tmp_path / "notes.txt").write_text("not a model")
    with pytest.raises(ModelNotFoundError, match="holds no model"):
        await SentenceTransformerVectorizer(str(tmp_path)).start()


def test_cuda_without_a_gpu_is_a_clear_error(st_module):
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    with pytest.raises(BackendUnavailableError, match="LOCAL_DEVICE"):
        pick_device("cuda")
    assert pick_device("auto") == "cpu"


@pytest.mark.parametrize(("prompts", "role", "name"), [
    ({"query": "q: ", "document": "d: "}, Role.QUERY, "query"),
    ({"query": "q: ", "document": "d: "}, Role.PASSAGE, "document"),
    ({"query": "q: ", "passage": "p: "}, Role.PASSAGE, "passage"),
    ({"query": "q: ", "corpus": "c: "}, Role.PASSAGE, "corpus"),
    ({"document": "d: ", "passage": "p: "}, Role.PASSAGE, "document"),
    ({"document": "", "passage": "passage: "}, Role.PASSAGE, "passage"),
    ({"document": ""}, Role.PASSAGE, "document"),
    ({"classification": "x: "}, Role.QUERY, None),
    ({}, Role.PASSAGE, None),
])
def test_prompt_choice_per_role(prompts, role, name):
    assert prompt_name_for(prompts, role) == name
