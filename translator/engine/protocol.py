"""What the pipeline asks of an engine, and how it gets one for a package."""

from collections.abc import Callable
from typing import Protocol

from translator.engine.ctranslate import Hypothesis
from translator.engine.options import EngineOptions
from translator.models.installed import InstalledModel


class Engine(Protocol):
    """Anything that translates a batch of sentences into n-best hypotheses."""

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]: ...


EngineProvider = Callable[[InstalledModel, EngineOptions], Engine]
