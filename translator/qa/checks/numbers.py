"""The numbers check: a translation must carry the same numbers as its source.

Numbers are compared as a multiset of values, so order and writing style do not matter:

* **Grouping and decimals.** ``1 500 000`` (spaces, no-break or thin spaces), ``1,500,000``
  and ``1.500.000`` are all 1500000; ``2,5`` and ``2.5`` are both 2.5. A single ``,`` or ``.``
  before exactly three digits groups thousands unless it is the language's decimal mark
  (``1,500`` is 1500 in English and 1.5 in Ukrainian, ``1.500`` the other way round).
* **Scale words.** ``1,5 млн``, ``1.5 million`` and ``1 500 000`` are equal, and so are
  ``5 тис.`` and ``5,000``; ``млн`` against ``billion`` is a mismatch.
* **Dates.** A date counts as its day, month and year: ``03.02.2026``, ``3 лютого 2026``,
  ``3 February 2026``, ``February 3, 2026`` and ``2026-02-03`` are all {3, 2, 2026}. Month
  names (English, German, Ukrainian, Russian) count only next to a number.
* **Ambiguity.** ``14.30`` or ``03.02`` may be a decimal or a time or date (14, 30); such a
  number matches either way.

Signs, ordinal endings (``1st``, ``3-го``) and units are ignored; numbers spelt out in words
and Roman numerals are not numbers here.
"""

import math
import re
from collections import Counter
from decimal import Decimal
from itertools import product

from translator.qa.base import Check, QAUnit
from translator.text_constants import primary_subtag

Reading = tuple[Decimal, ...]  # the values one written number stands for, usually one

_SPACES = "[ \u00a0\u2009\u202f]"
_NUMBER = re.compile(
    rf"[0-9]{{1,3}}(?:{_SPACES}[0-9]{{3}}(?![0-9]))+(?:[.,][0-9]+)?"  # 1 500 000,50
    r"|[0-9]+(?:[.,][0-9]+)*"  # 1,500,000.50  2,5  03.02.2026  2026
)
_MARKS = re.compile(r"[.,]")
_POINT_DECIMAL = frozenset({"en", "he", "hi", "ja", "ko", "th", "zh"})

_SCALES = {
    "thousand": (3, r"тис|тисяч\w*|тыс|тысяч\w*|thousands?|tausend|tsd|tys|tysi[ąę]c\w*"),
    "million": (6, r"млн|мільйон\w*|миллион\w*|millions?|millionen|mln|mio|milion\w*"),
    "billion": (9, r"млрд|мільярд\w*|миллиард\w*|billions?|bn|mrd|milliard\w*|mld|miliard\w*"),
    "trillion": (12, r"трлн|трильйон\w*|триллион\w*|trillions?|bln|bilion\w*"),
}
_SCALE = re.compile(
    r"\s*(?:" + "|".join(f"(?P<{name}>{words})" for name, (_, words) in _SCALES.items()) + r")"
    r"(?!\w)",
    re.IGNORECASE,
)

# Latin-script month names must be capitalised ("Only 5 may attend" has no month in it);
# Cyrillic ones may be in any case (Ukrainian and Russian write them in lowercase).
_MONTHS = (
    ("January|Jan|Januar|Jänner", "січ(?:ень|ня|ні)|январ[ьяе]"),
    ("February|Feb|Februar", "лют(?:ий|ого|ому)|феврал[ьяе]"),
    ("March|Mar|März", "берез(?:ень|ня|ні)|март[ае]?"),
    ("April|Apr", "квіт(?:ень|ня|ні)|апрел[ьяе]"),
    ("May|Mai", "трав(?:ень|ня|ні)|ма[йяе]"),
    ("June|Jun|Juni", "черв(?:ень|ня|ні)|июн[ьяе]"),
    ("July|Jul|Juli", "лип(?:ень|ня|ні)|июл[ьяе]"),
    ("August|Aug", "серп(?:ень|ня|ні)|август[ае]?"),
    ("September|Sept|Sep", "верес(?:ень|ня|ні)|сентябр[ьяе]"),
    ("October|Oct|Oktober", "жовт(?:ень|ня|ні)|октябр[ьяе]"),
    ("November|Nov", "листопад[аі]?|ноябр[ьяе]"),
    ("December|Dec|Dezember", "груд(?:ень|ня|ні)|декабр[ьяе]"),
)
# Group m<N> matches month N.
_MONTH = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        f"(?P<m{number}>(?-i:{latin})|{cyrillic})"
        for number, (latin, cyrillic) in enumerate(_MONTHS, 1)
    )
    + r")(?!\w)",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(r"[0-9]\.?\s*\Z")  # "3 лютого", "3. Februar"
_NUMBER_AFTER = re.compile(r"\.?\s*[0-9]")  # "February 3", "Feb. 3", "лютого 2026"

# Beyond this many ways to read a sentence's ambiguous numbers, each takes its first reading.
_MAX_COMBINATIONS = 256


def _readings(written: str, decimal_mark: str) -> list[Reading]:
    """The ways to read one match of :data:`_NUMBER`, the most likely first."""
    digits = re.sub(_SPACES, "", written)  # spaces only ever group thousands (see _NUMBER)
    groups = _MARKS.split(digits)
    marks = "".join(_MARKS.findall(digits))
    separate = tuple(Decimal(group) for group in groups)  # 03.02.2026, 1.2.3
    if not marks:
        return [separate]
    head, *rest = groups
    if len(marks) == 1:
        if len(head) <= 3 and len(rest[0]) == 3 and marks != decimal_mark:
            return [(Decimal(head + rest[0]),)]
        fraction = (Decimal(f"{head}.{rest[0]}"),)
        if marks == "." and len(head) <= 2 and len(rest[0]) == 2:
            return [fraction, separate]  # 14.30, 03.02
        return [fraction]
    thousands_grouped = len(head) <= 3 and all(len(group) == 3 for group in rest[:-1])
    if len(set(marks)) == 1:
        grouped = thousands_grouped and len(rest[-1]) == 3
        return [(Decimal("".join(groups)),)] if grouped else [separate]
    if len(set(marks[:-1])) == 1 and thousands_grouped:  # the other mark ends it: 1,500.5
        return [(Decimal(f"{''.join(groups[:-1])}.{groups[-1]}"),)]
    return [separate]


def _numbers(text: str, lang: str) -> list[list[Reading]]:
    """Every number in ``text`` (a language ``lang`` text) with its possible readings."""
    decimal_mark = "." if primary_subtag(lang) in _POINT_DECIMAL else ","
    found = []
    for match in _NUMBER.finditer(text):
        readings = _readings(match.group(), decimal_mark)
        scale = _SCALE.match(text, match.end())
        if scale:
            factor = Decimal(10) ** _SCALES[scale.lastgroup][0]
            readings = [(*reading[:-1], reading[-1] * factor) for reading in readings]
        found.append(readings)
    for match in _MONTH.finditer(text):
        if _NUMBER_BEFORE.search(text, 0, match.start()) or _NUMBER_AFTER.match(text, match.end()):
            found.append([(Decimal(match.lastgroup[1:]),)])
    return found


def _multisets(found: list[list[Reading]]) -> set[frozenset[tuple[Decimal, int]]]:
    """Every multiset of values the numbers can stand for, one reading per number."""
    if math.prod(len(readings) for readings in found) > _MAX_COMBINATIONS:
        found = [readings[:1] for readings in found]
    return {
        frozenset(Counter(value for reading in choice for value in reading).items())
        for choice in product(*found)
    }


class NumbersCheck(Check):
    """Numbers lost, added or changed in translation."""

    id = "numbers"
    name = "Mismatched numbers"
    description = (
        "The translation does not contain the same numbers as the source (thousands "
        "separators, decimal comma or point, scale words and date formats may differ)."
    )

    def check(self, unit: QAUnit) -> bool:
        """Flag a unit when no reading of the target's numbers equals one of the source's."""
        source = _multisets(_numbers(unit.source, unit.source_lang))
        return not source & _multisets(_numbers(unit.target, unit.target_lang))
