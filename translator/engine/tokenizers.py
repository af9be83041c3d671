"""Subword tokenizers of Argos packages: SentencePiece, or BPE (via argostranslate)."""

from pathlib import Path
from typing import Any, Protocol

from translator.models.installed import InstalledModel


class Tokenizer(Protocol):
    """Turns sentences into model tokens and back."""

    def encode(self, texts: list[str]) -> list[list[str]]: ...

    def decode(self, tokens: list[list[str]]) -> list[str]: ...


class SentencePieceTokenizer:
    """A package's ``sentencepiece.model``; decoding restores the exact text."""

    def __init__(self, model_file: Path) -> None:
        import sentencepiece

        self._processor = sentencepiece.SentencePieceProcessor(model_file=str(model_file))

    def encode(self, texts: list[str]) -> list[list[str]]:
        return self._processor.encode(texts, out_type=str)

    def decode(self, tokens: list[list[str]]) -> list[str]:
        return [self._processor.decode_pieces(pieces) for pieces in tokens]


class BPETokenizer:
    """A package's ``bpe.model`` with Moses (de)tokenization, as argostranslate does it."""

    def __init__(self, model: InstalledModel) -> None:
        from argostranslate.tokenizer import BPETokenizer as ArgosBPE

        self._bpe: Any = ArgosBPE(model.path / "bpe.model", model.from_code, model.to_code)

    def encode(self, texts: list[str]) -> list[list[str]]:
        return [self._bpe.encode(text) for text in texts]

    def decode(self, tokens: list[list[str]]) -> list[str]:
        return [self._bpe.decode(pieces) for pieces in tokens]


def load_tokenizer(model: InstalledModel) -> Tokenizer:
    """The tokenizer a package ships (SentencePiece preferred, as argostranslate does)."""
    sp_model = model.path / "sentencepiece.model"
    if sp_model.is_file():
        return SentencePieceTokenizer(sp_model)
    return BPETokenizer(model)
