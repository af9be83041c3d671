"""The form of a sentence the translation memory matches on.

Two sentences that differ only in spacing, in the quotation marks or in the apostrophe typed
are the same sentence to the memory: runs of whitespace become one space (none at the ends),
every double quotation mark becomes ``"`` and every apostrophe ``'``. Case, letters and other
punctuation are kept.
"""

from translator.text_constants import APOSTROPHE, APOSTROPHE_VARIANTS

QUOTE = '"'
QUOTE_VARIANTS = "«»„“”‟″〝〞＂"
_FOLD = str.maketrans(
    {char: QUOTE for char in QUOTE_VARIANTS} | {char: APOSTROPHE for char in APOSTROPHE_VARIANTS}
)


def normalise(sentence: str) -> str:
    """``sentence`` as the memory keys it."""
    return " ".join(sentence.translate(_FOLD).split())
