"""Engine wrappers for tests: the real engine with its word alignment or its output changed."""

from collections.abc import Callable

from translator.engine.alignment import Links
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.models.installed import InstalledModel
from translator.pipeline import Engine


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
