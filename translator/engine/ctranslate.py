"""One package's CTranslate2 translator, loaded once per process, translating in batches."""

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.engine.alignment import Links, links_from_attention
from translator.engine.options import EngineOptions
from translator.engine.tokenizers import SentencePieceTokenizer, Tokenizer, load_tokenizer
from translator.models.installed import InstalledModel

MAX_DECODING_LENGTH = 1024  # CTranslate2's default (256) would cut long sentences short


@dataclass(frozen=True)
class Hypothesis:
    """One translation of a segment, its model score (log-probability, length-normalised) and,
    when asked for, its word alignment with the segment (None: not available)."""

    text: str
    score: float
    alignment: Links | None = None


class PairEngine:
    """Translates ``model.from_code`` → ``model.to_code`` with CTranslate2 ``translate_batch``."""

    def __init__(self, model: InstalledModel, options: EngineOptions) -> None:
        import ctranslate2

        self.model = model
        self.options = options
        self._tokenizer: Tokenizer = load_tokenizer(model)
        self._translator: Any = ctranslate2.Translator(
            str(model.model_dir),
            device=options.device,
            compute_type=options.compute_type,
            intra_threads=options.intra_threads,
            inter_threads=options.inter_threads,
        )
        self._prefix = [model.target_prefix] if model.target_prefix else []

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        """Translate all ``texts`` in one batched pass; ``hypotheses`` n-best results each.

        ``align``: also give each hypothesis its word alignment, from the attention of the
        model's alignment head. Only SentencePiece packages have one (a BPE package's Moses
        tokens do not map to the words of the text one to one).
        """
        if not texts:
            return []
        tokens = self._tokenizer.encode(texts)
        longest = max(len(t) for t in tokens)
        results = self._translator.translate_batch(
            tokens,
            target_prefix=[self._prefix] * len(tokens) if self._prefix else None,
            max_batch_size=self.options.max_batch_size,
            beam_size=max(self.options.beam_size, hypotheses),
            num_hypotheses=hypotheses,
            length_penalty=0.2,
            max_decoding_length=min(MAX_DECODING_LENGTH, 2 * longest + 16),
            replace_unknowns=True,
            return_scores=True,
            return_attention=align,
        )
        aligned = align and isinstance(self._tokenizer, SentencePieceTokenizer)
        skip = len(self._prefix)
        out = []
        for source, result in zip(tokens, results, strict=True):
            pieces = [hyp[skip:] for hyp in result.hypotheses]
            texts_out = self._tokenizer.decode(pieces)
            attentions = result.attention if aligned else [None] * len(pieces)
            out.append(
                [
                    Hypothesis(
                        text.strip(),
                        score,
                        links_from_attention(source, target, attention[skip:])
                        if attention is not None
                        else None,
                    )
                    for text, score, target, attention in zip(
                        texts_out, result.scores, pieces, attentions, strict=True
                    )
                ]
            )
        return out


_LOADED: dict[tuple[Path, EngineOptions], PairEngine] = {}
_LOADING = threading.Lock()


def pair_engine(model: InstalledModel, options: EngineOptions) -> PairEngine:
    """The process-wide engine for this package and these options (loaded on first use,
    once even when server threads ask for it at the same time)."""
    key = (model.path, options)
    engine = _LOADED.get(key)
    if engine is None:
        with _LOADING:
            engine = _LOADED.get(key) or _LOADED.setdefault(key, PairEngine(model, options))
    return engine
