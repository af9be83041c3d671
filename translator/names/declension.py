"""Nominatives of a name the dictionary does not know, from Ukrainian declension patterns.

An inflected form is undone by its ending: ``Фастова``/``Фастові``/``Фастовом`` → ``Фастів``
(о/і alternation), ``Лубінця`` → ``Лубінець`` (fleeting е), ``Шостці`` → ``Шостка`` (к/ц),
``Згуровського`` → ``Згуровський``, ``Жуковської`` → ``Жуковська``, ``Прилуках`` →
``Прилуки``. Each pattern gives the candidate nominative and the case it reads the form as;
the word as it stands is always a candidate too (a nominative, or a name that does not
decline: ``Ткачук`` for a woman, ``Шевченко``). Which candidate is right is decided by the
caller, from the rest of the document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "place", "any"]


@dataclass(frozen=True, slots=True)
class Guess:
    """A candidate nominative (lower case) of a form, the case it reads the form as, its number
    (``plur`` for plural-only places) and the kind of name the pattern is for."""

    nominative: str
    case: str
    number: str = "sing"
    kind: Kind = "any"


# (form ending, nominative ending, case, number, kind): the form's ending replaced by the
# nominative's. Longer endings are tried first; every matching pattern gives a guess.
_PATTERNS: tuple[tuple[str, str, str, str, Kind], ...] = (
    # adjectival surnames and places, masculine and neuter (Згуровський, Курахове)
    ("ського", "ський", "gent", "sing", "any"),
    ("ському", "ський", "datv", "sing", "any"),
    ("ським", "ський", "ablt", "sing", "any"),
    ("цького", "цький", "gent", "sing", "any"),
    ("цькому", "цький", "datv", "sing", "any"),
    ("цьким", "цький", "ablt", "sing", "any"),
    ("ого", "ий", "gent", "sing", "any"),
    ("ому", "ий", "datv", "sing", "any"),
    ("ого", "е", "gent", "sing", "place"),
    ("ому", "е", "loct", "sing", "place"),
    ("ім", "е", "loct", "sing", "place"),
    # adjectival feminine (Жуковська)
    ("ської", "ська", "gent", "sing", "any"),
    ("ській", "ська", "datv", "sing", "any"),
    ("ську", "ська", "accs", "sing", "any"),
    ("ською", "ська", "ablt", "sing", "any"),
    ("цької", "цька", "gent", "sing", "any"),
    ("цькій", "цька", "datv", "sing", "any"),
    ("цьку", "цька", "accs", "sing", "any"),
    ("цькою", "цька", "ablt", "sing", "any"),
    ("ої", "а", "gent", "sing", "any"),
    # possessive surnames (Кузьмін, Кузьміна; Вітрогонов, Вітрогонова)
    ("овій", "ова", "datv", "sing", "person"),
    ("евій", "ева", "datv", "sing", "person"),
    ("іній", "іна", "datv", "sing", "person"),
    ("иній", "ина", "datv", "sing", "person"),
    ("овим", "ов", "ablt", "sing", "person"),
    ("евим", "ев", "ablt", "sing", "person"),
    ("іним", "ін", "ablt", "sing", "person"),
    ("иним", "ин", "ablt", "sing", "person"),
    # towns in -ів/-їв (Фастів → Фастова) and surnames in -ов/-ев (Умєров → Умєрова)
    ("ова", "ів", "gent", "sing", "place"),
    ("ову", "ів", "datv", "sing", "place"),
    ("ові", "ів", "loct", "sing", "place"),
    ("овом", "ів", "ablt", "sing", "place"),
    ("єва", "їв", "gent", "sing", "place"),
    ("єві", "їв", "loct", "sing", "place"),
    ("євом", "їв", "ablt", "sing", "place"),
    # the fleeting е of -ець (Лубінець → Лубінця)
    ("ця", "ець", "gent", "sing", "any"),
    ("цю", "ець", "datv", "sing", "any"),
    ("цеві", "ець", "datv", "sing", "any"),
    ("цем", "ець", "ablt", "sing", "any"),
    # к/г/х alternating with ц/з/с before і (Шостка → Шостці, Сибіга → Сибізі)
    ("ці", "ка", "loct", "sing", "place"),
    ("зі", "га", "loct", "sing", "person"),
    ("сі", "ха", "loct", "sing", "person"),
    # nouns in -а, -я, -о and consonant stems
    ("ою", "а", "ablt", "sing", "any"),
    ("ею", "я", "ablt", "sing", "any"),
    ("єю", "я", "ablt", "sing", "any"),
    ("ові", "", "datv", "sing", "any"),
    ("ові", "о", "datv", "sing", "person"),
    ("еві", "ь", "datv", "sing", "any"),
    ("єві", "й", "datv", "sing", "any"),
    ("ом", "", "ablt", "sing", "any"),
    ("ом", "о", "ablt", "sing", "person"),
    ("ем", "ь", "ablt", "sing", "any"),
    ("єм", "й", "ablt", "sing", "any"),
    ("а", "", "gent", "sing", "any"),
    ("а", "о", "gent", "sing", "person"),
    ("у", "", "datv", "sing", "any"),
    ("у", "а", "accs", "sing", "any"),
    ("у", "о", "datv", "sing", "person"),
    ("і", "", "loct", "sing", "any"),
    ("і", "а", "datv", "sing", "any"),
    ("і", "я", "datv", "sing", "any"),
    ("и", "а", "gent", "sing", "any"),
    ("ї", "я", "gent", "sing", "any"),
    ("я", "ь", "gent", "sing", "any"),
    ("я", "й", "gent", "sing", "any"),
    ("ю", "я", "accs", "sing", "any"),
    ("ю", "ь", "datv", "sing", "any"),
    ("ю", "й", "datv", "sing", "any"),
    # plural-only places (Прилуки → Прилуках, Згорани → Згоранах, Чернівці → Чернівцях)
    ("ах", "и", "loct", "plur", "place"),
    ("ях", "і", "loct", "plur", "place"),
    ("ам", "и", "datv", "plur", "place"),
    ("ями", "і", "ablt", "plur", "place"),
    ("ами", "и", "ablt", "plur", "place"),
)
_OBLIQUE = ("ій", "ою", "ею", "єю", "ого", "ому", "ові", "еві", "ом", "ем", "ах", "ях", "ами")
_VOWELS = frozenset("аеєиіїоуюяь")
_MIN_STEM = 2


def guesses(word: str) -> tuple[Guess, ...]:
    """The candidate nominatives of ``word`` (lower case): itself first, then by pattern."""
    found = [Guess(word, "nomn", "plur" if word.endswith(("и", "і")) else "sing")]
    if word.endswith(_OBLIQUE):
        found = []  # no nominative ends so (Вітрогоновій, Кузьміною)
    for ending, nominative, case, number, kind in _PATTERNS:
        if not word.endswith(ending):
            continue
        stem = word[: len(word) - len(ending)]
        if len(stem) < _MIN_STEM or not _fits(stem, nominative):
            continue
        found.append(Guess(stem + nominative, case, number, kind))
    return tuple(dict.fromkeys(found))


def _fits(stem: str, nominative: str) -> bool:
    """Whether a stem can take the nominative ending: a consonant before a bare stem, ``ь`` or
    a vowel (``Мельник``, ``Олена``), a vowel before ``й``/``їв`` (``Андрій``, ``Київ``)."""
    if nominative in ("й", "їв"):
        return stem[-1] in _VOWELS
    if nominative in ("", "ь") or nominative[0] in _VOWELS:
        return stem[-1] not in _VOWELS or stem[-1] == "'"
    return True
