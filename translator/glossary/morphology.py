"""Ukrainian word analyses for glossary matching.

This is the only module that talks to pymorphy3. It is imported lazily, on the first call to
:func:`analyses`, and one ``MorphAnalyzer`` serves the whole process; every word's analyses are
cached, because news text repeats its words.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass
from typing import Any

from translator.morph import analyzer
from translator.text_constants import APOSTROPHE, APOSTROPHE_VARIANTS

_UNIFY = str.maketrans(
    {
        **dict.fromkeys(APOSTROPHE_VARIANTS, APOSTROPHE),
        "\u2010": "-",  # ‐ hyphen
        "\u2011": "-",  # ‑ non-breaking hyphen
        "\u0301": None,  # combining acute accent (stress mark)
        "\u0300": None,  # combining grave accent
    }
)

_PERSON = frozenset({"Name", "Surn", "Patr"})
_CASE_OF_LEMMA_FORM = "nomn"


def unify(word: str) -> str:
    """Spell ``word`` canonically without changing its letter case.

    Apostrophes (’ ʼ ‘ `) become ``'``, hyphen variants become ``-`` and stress marks go; each
    replaced character maps to at most one character, so callers keep their own spans.
    """
    return word.translate(_UNIFY)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One reading of a word form.

    ``pos`` is pymorphy3's part of speech (``NOUN``, ``ADJF``, ...); ``gender`` is ``masc``,
    ``femn``, ``neut`` or ``None``; ``number`` is ``sing``, ``plur`` or ``None`` (a reading with a
    case and no number is singular); ``case`` is ``nomn``, ``gent``, ``datv``, ``accs``,
    ``ablt``, ``loct``, ``voct`` or ``None``. ``person`` is true for first names, surnames and
    patronymics.
    """

    lemma: str
    pos: str | None
    gender: str | None
    number: str | None
    case: str | None
    animate: bool
    person: bool


@functools.lru_cache(maxsize=100_000)
def analyses(word: str) -> tuple[Analysis, ...]:
    """Every reading pymorphy3 gives ``word`` (any letter case and apostrophe), best first.

    Words missing from the dictionary get the predictor's guesses. The dictionary leaves the case
    off some dictionary forms (``секретар``, ``марка``); a form equal to its lemma is read as the
    nominative there.
    """
    form = unify(word).lower()
    return tuple(_analysis(form, parse) for parse in analyzer("uk").parse(form))


def _analysis(form: str, parse: Any) -> Analysis:
    """Convert one pymorphy3 ``Parse`` of ``form``."""
    tag = parse.tag
    pos = _plain(tag.POS)
    case = _plain(tag.case)
    if case is None and pos in ("NOUN", "ADJF") and parse.normal_form == form:
        case = _CASE_OF_LEMMA_FORM
    return Analysis(
        lemma=sys.intern(parse.normal_form),
        pos=pos,
        gender=_plain(tag.gender),
        number=_plain(tag.number) or ("sing" if case else None),
        case=case,
        animate=tag.animacy == "anim",
        person=not _PERSON.isdisjoint(tag.grammemes),
    )


def _plain(grammeme: str | None) -> str | None:
    """A pymorphy3 grammeme as a shared plain ``str`` (grammemes compare slowly)."""
    return None if grammeme is None else sys.intern(str(grammeme))
