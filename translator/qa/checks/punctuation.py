"""Checks on punctuation and spacing: how a sentence ends, paired marks, doubled spaces."""

import re
from collections.abc import Iterator

from translator.qa.base import Check, QAUnit

# Closing (and, for German »…« and „…“, opening) quotes and closing brackets: a sentence's
# end punctuation is looked for before them, so «Так.» / "Yes." / (Так.) all end with ".".
_TRAILING = " \t\r\n\u00a0\u202f\"'«»‹›“”„‟‘’)]}"
_END = re.compile(r"[.!?…:。！？：]+\Z")
_FULL_WIDTH = str.maketrans("。！？：", ".!?:")

# Brackets and guillemets pair by count; the double quotes “ ” „ ‟ " do not have a fixed
# direction across languages (“ opens in English and closes in German), so they pair by
# parity. Single quotes double as apostrophes (Ukraine’s, м’ята) and are not checked.
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("‹", "›"))
_DOUBLE_QUOTES = re.compile('["“”„‟]')

_DOUBLE_SPACE = re.compile(r"[^\S\r\n\t]{2}")  # two spaces of any width, not line breaks


def _end_class(text: str) -> str:
    """The kind of punctuation ending ``text``, closing quotes and brackets skipped.

    One of ``"?"``, ``"!"``, ``"…"`` (also ``...``), ``":"``, ``"."``, or ``""`` for none; a
    mixed run such as ``?!`` or ``!..`` is the first of these kinds it contains.
    """
    match = _END.search(text.rstrip(_TRAILING))
    if match is None:
        return ""
    run = match.group().translate(_FULL_WIDTH).replace("...", "…")
    return next(kind for kind in "?!…:." if kind in run)


class EndPunctuationCheck(Check):
    """The sentence must end the way the source does.

    Weblate's ``end_stop``, ``end_question``, ``end_exclamation``, ``end_colon`` and
    ``end_ellipsis`` in one check.
    """

    id = "end_punctuation"
    name = "Mismatched end punctuation"
    description = (
        "The source ends with . ! ? … or : and the translation does not end with the same "
        "kind of mark (closing quotes and brackets are skipped)."
    )

    def check(self, unit: QAUnit) -> bool:
        """Flag a target whose end class differs from the source's, when the source has one."""
        source = _end_class(unit.source)
        return bool(source) and _end_class(unit.target) != source


def _unbalanced(text: str) -> Iterator[str]:
    """The paired marks that do not pair up in ``text``, by their opening mark."""
    for opening, closing in _PAIRS:
        if text.count(opening) != text.count(closing):
            yield opening
    if len(_DOUBLE_QUOTES.findall(text)) % 2:
        yield '"'


class QuotesCheck(Check):
    """An opening quote or bracket the model dropped, or one it added."""

    id = "quotes"
    name = "Unbalanced quotes or brackets"
    description = "Quotes or brackets that pair up in the source do not pair up in the translation."

    def check(self, unit: QAUnit) -> bool:
        """Flag a kind of mark unbalanced in the target but balanced in the source."""
        return bool(set(_unbalanced(unit.target)) - set(_unbalanced(unit.source)))


class DoubleSpaceCheck(Check):
    """Weblate's ``double_space``: leftovers of removed words or joined pieces."""

    id = "double_space"
    name = "Double space"
    description = "The translation contains two spaces in a row and the source does not."

    def check(self, unit: QAUnit) -> bool:
        """Flag doubled spaces inside the target when the source has none."""
        return bool(
            _DOUBLE_SPACE.search(unit.target.strip())
            and not _DOUBLE_SPACE.search(unit.source.strip())
        )
