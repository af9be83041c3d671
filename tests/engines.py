"""Engine wrappers for tests: the real engine with its word alignment or its output changed."""

import threading
from collections.abc import Callable

from translator.engine.alignment import Links
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine
from translator.models.installed import InstalledModel


class Realigned:
    """The real engine, each hypothesis's alignment replaced by ``links`` (None: none given,
    (): an alignment that links nothing)."""

    def __init__(self, engine: Engine, links: Links | None) -> None:
        self.engine = engine
        self.links = links

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        results = self.engine.translate(texts, hypotheses, align)
        return [[Hypothesis(h.text, h.score, self.links) for h in hyps] for hyps in results]


def realigned(links: Links | None) -> Callable[[InstalledModel, EngineOptions], Engine]:
    """An engine provider for ``translate_documents``/``run_batch`` giving :class:`Realigned`."""
    return lambda model, options: Realigned(pair_engine(model, options), links)


class Rewriting:
    """A real engine whose output is then damaged, as a real model might damage it."""

    def __init__(self, real: Engine, damage: Callable[[str], str]) -> None:
        self.real, self.damage = real, damage

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        results = self.real.translate(texts, hypotheses)
        return [[Hypothesis(self.damage(h.text), h.score) for h in hyps] for hyps in results]


def damaged(damage: Callable[[str], str]) -> Callable[[InstalledModel, EngineOptions], Engine]:
    """An engine provider giving :class:`Rewriting` with ``damage``."""
    return lambda model, options: Rewriting(pair_engine(model, options), damage)


class Gated:
    """An engine that records each batch it is given and holds every call until ``gate`` is
    open: a busy engine whose queue the test can fill. ``fail_on``: a text whose batch fails."""

    def __init__(self, real: Engine | None = None, fail_on: str | None = None) -> None:
        self.real, self.fail_on = real, fail_on
        self.gate = threading.Event()
        self.batches: list[list[str]] = []
        self.started = threading.Semaphore(0)  # released once per call, as it begins

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        self.batches.append(list(texts))
        self.started.release()
        self.gate.wait(30)
        if self.fail_on in texts:
            raise RuntimeError(f"the engine failed on {self.fail_on!r}")
        if self.real is not None:
            return self.real.translate(texts, hypotheses, align)
        return [[Hypothesis(text.upper(), 0.0)] * hypotheses for text in texts]
