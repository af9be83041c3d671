"""How Ukrainian a name looks, from its ending: only such names are romanised, the rest
(foreign people and places, countries) are left to the model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translator.names.words import Option

SURNAME_ENDINGS = (
    "енко", "ко", "ук", "юк", "ак", "як", "ик", "ич", "ець", "ський", "цький", "зький",
    "ська", "цька", "зька", "ий", "ій", "на", "ов", "ова", "ев", "ева", "єв", "єва", "ін",
    "іна", "ин", "ина", "ів", "їв", "ун", "ар", "яр", "ба", "га", "да", "ла", "ра", "ша",
    "ча", "ло", "ьо",
)  # fmt: skip
ADJECTIVAL_SURNAMES = ("ський", "цький", "зький", "ська", "цька", "зька")
_TELLING_SURNAMES = (*ADJECTIVAL_SURNAMES, "енко", "ук", "юк", "ич")
_TELLING_PLACES = (
    "івка",
    "ївка",
    "ськ",
    "цьк",
    "зьк",
    "поль",
    "піль",
    "город",
    "ове",
    "еве",
    "ичі",
)
_PLACE_ENDINGS = (
    "ів", "їв", "івка", "ївка", "вка", "нка", "тка", "лка", "рка", "дка", "шка", "чка",
    "ськ", "цьк", "зьк", "не", "ове", "еве", "єве", "ине", "їне", "ське", "цьке", "ий",
    "ань", "інь",
    "поль", "піль", "город", "горід", "град", "ин", "иця", "ець", "ля", "ня", "ча", "уч",
)  # fmt: skip
_PLURAL_PLACE_ENDINGS = (
    "ичі", "ці", "ки", "ни", "ри", "ли", "ти", "ди", "ги", "хи", "би", "ви", "чі", "си", "ми",
)  # fmt: skip


def looks_ukrainian_person(options: Sequence[Option]) -> bool:
    """A patronymic, or a surname with a Ukrainian ending."""
    roles = {option.role: option for option in options}
    if "patronymic" in roles:
        return True
    surname = roles.get("surname")
    return surname is not None and surname.lemma.endswith(SURNAME_ENDINGS)


def shape(option: Option) -> int:
    """How Ukrainian a reading looks: 2 for a telling ending (-енко, -ський, -ївка, -ськ …),
    1 for a first name or patronymic the dictionary knows or a plainer Ukrainian ending, 0 for
    none (a foreign name, a country: left to the model)."""
    lemma = option.lemma
    if option.role in ("first", "patronymic"):
        return int(option.prior == 2)
    if option.role == "initial":
        return 1
    if option.role == "surname":
        return 2 if lemma.endswith(_TELLING_SURNAMES) else int(lemma.endswith(SURNAME_ENDINGS))
    if option.number == "plur":
        return int(lemma.endswith(_PLURAL_PLACE_ENDINGS))
    if lemma.endswith("ика"):
        return 0
    return 2 if lemma.endswith(_TELLING_PLACES) else int(lemma.endswith(_PLACE_ENDINGS))
