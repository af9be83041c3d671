"""The names the finder hands on: a typed value per name found in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

NameKind = Literal["person", "place", "organisation"]


@dataclass(frozen=True)
class Name:
    """A name found in a sentence: ``sentence[start:end] == surface``.

    ``lemma``: the name in the nominative (Ukrainian); ``english``: its romanisation.
    """

    start: int
    end: int
    surface: str
    lemma: str
    english: str
    kind: NameKind
