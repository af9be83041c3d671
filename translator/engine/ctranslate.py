"""One package's CTranslate2 translator, loaded once per process, translating in batches."""

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.engine.options import EngineOptions
from translator.engine.tokenizers import Tokenizer, load_tokenizer
from translator.models.installed import InstalledModel

MAX_DECODING_LENGTH = 1024  # CTranslate2's default (256) would cut long sentences short


@dataclass(frozen=True)
class Hypothesis:
    """One translation of a segment and its model score (log-probability, length-normalised)."""

    text: str
    score: float


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

    def translate(self, texts: list[str], hypotheses: int = 1) -> list[list[Hypothesis]]:
        """Translate all ``texts`` in one batched pass; ``hypotheses`` n-best results each."""
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
        )
        out = []
        for result in results:
            pieces = [hyp[len(self._prefix) :] for hyp in result.hypotheses]
            texts_out = self._tokenizer.decode(pieces)
            out.append(
                [Hypothesis(t.strip(), s) for t, s in zip(texts_out, result.scores, strict=True)]
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
