"""How a capitalised Ukrainian word can be read as (part of) a name: pymorphy3's readings.

The dictionary tags first names (``Name``), surnames (``Surn``) and patronymics (``Patr``);
it has no tag for places, so a place is a capitalised noun. Each reading carries the word's
nominative in the same gender (``Жуковську`` → ``жуковська``, not pymorphy3's masculine lemma
of an adjective) and, for a plural noun, in the plural (``Прилуках`` → ``прилуки``).
pymorphy3 is reached through :func:`translator.morph.analyzer`, on first use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from translator.glossary.morphology import unify
from translator.morph import analyzer

Part = Literal["first", "patronymic", "surname", "noun", "adjective", "other"]
_PARTS: tuple[tuple[str, Part], ...] = (
    ("Name", "first"),
    ("Patr", "patronymic"),
    ("Surn", "surname"),
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading of a word form: its ``nominative`` (lower case), what it is, its grammar.

    ``known``: the dictionary has the word (not a guess of pymorphy3's predictor).
    ``plural_only``: a noun with no singular (``Прилуки``).
    """

    nominative: str
    part: Part
    gender: str | None
    number: str | None
    case: str | None
    animate: bool
    known: bool
    plural_only: bool = False  # a noun with no singular (Прилуки, Нідерланди)


@functools.lru_cache(maxsize=50_000)
def readings(word: str) -> tuple[Reading, ...]:
    """Every reading pymorphy3 gives ``word`` (any letter case), best first, each once."""
    form = unify(word).lower()
    found = (_reading(parse) for parse in analyzer("uk").parse(form))
    return tuple(dict.fromkeys(found))


def _reading(parse: Any) -> Reading:
    """Convert one pymorphy3 ``Parse``."""
    tag = parse.tag
    grammemes = tag.grammemes
    part = next((part for grammeme, part in _PARTS if grammeme in grammemes), None)
    pos = str(tag.POS) if tag.POS else ""
    if part is None:
        part = "noun" if pos == "NOUN" else "adjective" if pos in ("ADJF", "PRTF") else "other"
    number = str(tag.number) if tag.number else None
    return Reading(
        nominative=_nominative(parse, part, number),
        part=part,
        gender=str(tag.gender) if tag.gender else None,
        number=number or ("sing" if tag.case else None),
        case=str(tag.case) if tag.case else None,
        animate=tag.animacy == "anim",
        known=_from_dictionary(parse),
        plural_only="Pltm" in grammemes,
    )


def _from_dictionary(parse: Any) -> bool:
    """Whether the word form itself is in the dictionary (not guessed, not split into a
    known prefix or part and a known word, as ``Кузьміній`` would be)."""
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def _nominative(parse: Any, part: Part, number: str | None) -> str:
    """The nominative of the reading in its own gender (and number, for plural nouns)."""
    if part == "other":
        return str(parse.normal_form)
    wanted = {"nomn", "plur"} if number == "plur" else {"nomn"}
    inflected = parse.inflect(wanted)
    if part == "adjective" or number == "plur":
        return str(inflected.word) if inflected else str(parse.normal_form)
    return str(parse.normal_form)
