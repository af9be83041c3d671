"""Romanise Ukrainian by the national table of 2010.

The table is the one of Cabinet of Ministers of Ukraine resolution No. 55 of 27 January 2010
("Про впорядкування транслітерації українського алфавіту латиницею"), the form English-language
news uses for Ukrainian names and places.

Rules beyond one letter, one string:

- Є Ї Й Ю Я are ye yi y yu ya at the start of a word and ie i i iu ia elsewhere. Each part of a
  hyphenated name starts a word (Івано-Франківськ Ivano-Frankivsk); the letter after an apostrophe
  does not (Мар'їне Marine), nor does a Cyrillic letter right after a Latin one (a Latin "i" typed
  inside a Ukrainian word).
- "зг" is "zgh" (Згорани Zghorany), to tell it from "ж" (zh).
- The soft sign, the apostrophe (' ’ ʼ ‘ ` between letters) and stress marks (U+0301, U+0300) are
  dropped. Й and Ї typed as a base letter plus a combining mark are read as Й and Ї.
- Case: a capital gives its output with a capital first letter (Щ Shch); a word of two or more
  letters written all in capitals comes out all in capitals (КИЇВ KYIV). An initial "Ю." is "Yu.".

Our choice, not in the standard: letters of Russian spellings are ы y, э e, ё yo at the start of a
word and io elsewhere, ъ dropped. Everything that is not a Cyrillic word (Latin, digits, spaces,
punctuation) is kept as is.
"""

import re
import unicodedata

_TABLE: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "ы": "y",
    "э": "e",
    "ё": "io",
    "ъ": "",
}
"""Each lowercase letter's romanisation inside a word."""

_INITIAL: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
"""The letters romanised otherwise as the first letter of a word."""

_STRESS = "\u0301\u0300"
_MARKS = _STRESS + "\u0306\u0308"
"""Combining marks read as part of a word: stress, and the breve of Й and the diaeresis of Ї."""

_APOSTROPHES = "'\u2019\u02bc\u2018`"

_LETTER = "[" + "".join(_TABLE) + "".join(_TABLE).upper() + "ѐѝЀЍ]"
_WORD = re.compile(f"{_LETTER}[{_MARKS}]*(?:[{_APOSTROPHES}]?{_LETTER}[{_MARKS}]*)*")
"""A run of Cyrillic letters, with stress marks and apostrophes between letters."""

_DROP = str.maketrans("", "", _STRESS + _APOSTROPHES)


def romanize(text: str) -> str:
    """``text`` with every Cyrillic word romanised by the 2010 table, everything else as is."""
    return _WORD.sub(lambda m: _romanize_word(m.group(), _starts_word(text, m.start())), text)


def _starts_word(text: str, start: int) -> bool:
    """Whether the Cyrillic run at ``start`` begins a word (not glued to a preceding letter)."""
    return start == 0 or not text[start - 1].isalpha()


def _romanize_word(word: str, at_start: bool) -> str:
    """One word (a run matched by ``_WORD``) in Latin letters."""
    letters = unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_DROP))
    shout = len(letters) > 1 and letters.isupper()
    parts: list[str] = []
    previous = ""
    for index, char in enumerate(letters):
        lower = char.lower()
        if lower == "г" and previous == "з":
            latin = "gh"
        elif index == 0 and at_start and lower in _INITIAL:
            latin = _INITIAL[lower]
        else:
            latin = _TABLE.get(lower, char)
        if shout:
            latin = latin.upper()
        elif char != lower:
            latin = latin[:1].upper() + latin[1:]
        parts.append(latin)
        previous = lower
    return "".join(parts)
