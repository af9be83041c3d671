"""URL slugs from titles: Ukrainian romanised by the national table, then ASCII and hyphens.

The table is the official Ukrainian romanisation (Cabinet of Ministers resolution No. 55 of
27 January 2010): є ї й ю я are written ye yi y yu ya at the start of a word and ie i i iu ia
elsewhere, зг is zgh, and the soft sign and apostrophes are dropped. The few Russian letters
Ukrainian lacks (ё ъ ы э) get their usual forms; other scripts keep only what folds to ASCII.
"""

import re
import unicodedata

from translator.text_constants import APOSTROPHES

MAX_LENGTH = 72  # of a generated slug; the column takes 80
FALLBACK = "article"

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    "ё": "io", "ъ": "", "ы": "y", "э": "e",
}  # fmt: skip
_WORD_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYRILLIC_WORD = re.compile(rf"[а-яёіїєґ{APOSTROPHES}]+")


def romanise(text: str) -> str:
    """Lower-cased ``text`` with every Cyrillic word written in Latin letters."""
    return _CYRILLIC_WORD.sub(_romanise_word, text.lower())


def slugify(title: str) -> str:
    """A slug for ``title``: lower-case ASCII letters and digits joined by single hyphens.

    It has a letter (an all-digit slug would read as an article id) and at most ``MAX_LENGTH``
    characters, cut at a hyphen, which leaves room for a ``-N`` suffix.
    """
    ascii_text = unicodedata.normalize("NFKD", romanise(title)).encode("ascii", "ignore").decode()
    slug = _cut("-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())))
    return slug if re.search("[a-z]", slug) else _cut(f"{FALLBACK}-{slug}".strip("-"))


def _cut(slug: str) -> str:
    """``slug`` shortened to ``MAX_LENGTH`` characters, at a hyphen if it has one."""
    if len(slug) <= MAX_LENGTH:
        return slug
    head = slug[: MAX_LENGTH + 1]
    return head.rsplit("-", 1)[0] if "-" in head else slug[:MAX_LENGTH]


def _romanise_word(match: re.Match[str]) -> str:
    word = match.group().strip(APOSTROPHES)
    letters = []
    for i, char in enumerate(word):
        if i == 0 and char in _WORD_INITIAL:
            letters.append(_WORD_INITIAL[char])
        elif char == "г" and i > 0 and word[i - 1] == "з":
            letters.append("gh")
        else:
            letters.append(_LETTERS.get(char, ""))  # apostrophes inside a word are dropped
    return "".join(letters)
