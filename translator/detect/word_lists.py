"""The frequent words detection weighs, read from the package's data files on first use.

``data/cyrillic/<code>.txt`` and ``data/latin/<code>.txt`` list the frequent words of a language
(function words and the everyday words short phrases are made of), one word per line, lower
case, UTF-8. A listed word is evidence for every language whose file lists it and against the
other candidates. Nothing is read at import; each script's lists are read once per process.
"""

import functools
from importlib.resources import files

SCRIPTS = ("cyrillic", "latin")


@functools.cache
def word_lists(script: str) -> dict[str, tuple[str, ...]]:
    """Each language's listed words for ``script`` (one of ``SCRIPTS``), in file order."""
    if script not in SCRIPTS:
        raise ValueError(f"no word lists for script {script!r}: expected one of {SCRIPTS}")
    folder = files("translator.detect") / "data" / script
    lists = {}
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if entry.name.endswith(".txt"):
            lines = entry.read_text(encoding="utf-8").splitlines()
            lists[entry.name.removesuffix(".txt")] = tuple(filter(None, map(str.strip, lines)))
    return lists


def languages_by_word(
    lists: dict[str, tuple[str, ...]], fold: dict[int, str] | None = None
) -> dict[str, frozenset[str]]:
    """Every listed word (spelt through ``fold``, a ``str.translate`` table) with the languages
    that list it."""
    table: dict[str, set[str]] = {}
    for language, words in lists.items():
        for word in words:
            spelt = word.translate(fold) if fold else word
            table.setdefault(spelt, set()).add(language)
    return {word: frozenset(languages) for word, languages in table.items()}
