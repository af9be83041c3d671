"""The check interface and the unit every check looks at.

Modelled on Weblate's quality checks: each check is one small class with an ``id`` (stable,
machine-readable), a ``name`` and a ``description`` (for people), and one method that says
whether a translated segment has the problem. Checks keep no state, so one instance of each
serves every unit.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class QAUnit:
    """One translated segment.

    ``missing_terms`` are the glossary target terms that the source called for but the
    translation lacks (:attr:`translator.glossary.enforce.TermReport.missing`).
    """

    source: str
    target: str
    source_lang: str
    target_lang: str
    missing_terms: tuple[str, ...] = ()


class Check(ABC):
    """One quality check; subclasses set the three class attributes and :meth:`check`."""

    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]

    @abstractmethod
    def check(self, unit: QAUnit) -> bool:
        """True when the unit HAS the problem this check looks for."""
