"""Checks on the translation as a whole: missing, untranslated, out of proportion."""

import re

from translator.qa.base import Check, QAUnit
from translator.text_constants import CYRILLIC_CLASS, primary_subtag

_WORD = re.compile(r"[^\W\d_]+")  # a run of letters
_CYRILLIC = re.compile(f"[{CYRILLIC_CLASS}]")

# Languages written only in the Latin alphabet (Serbian, written in both, is left out).
# fmt: off
_LATIN_SCRIPT = frozenset({
    "az", "ca", "cs", "cy", "da", "de", "en", "eo", "es", "et", "eu", "fi", "fr", "ga",
    "gl", "hr", "hu", "id", "is", "it", "lt", "lv", "ms", "mt", "nb", "nl", "nn", "no",
    "pl", "pt", "ro", "sk", "sl", "sq", "sv", "sw", "tl", "tr", "uz", "vi",
})
# fmt: on


class SameCheck(Check):
    """Weblate's ``same``: the translation is the source text, unchanged."""

    id = "same"
    name = "Unchanged translation"
    description = "The translation is identical to a source of two or more words."

    def check(self, unit: QAUnit) -> bool:
        """Flag an unchanged target when the languages differ and the source has 2+ words."""
        if primary_subtag(unit.source_lang) == primary_subtag(unit.target_lang):
            return False
        source = unit.source.strip()
        return unit.target.strip() == source and len(_WORD.findall(source)) >= 2


class EmptyCheck(Check):
    """The model returned nothing for a non-empty source."""

    id = "empty"
    name = "Empty translation"
    description = "The source has text but the translation is empty or only whitespace."

    def check(self, unit: QAUnit) -> bool:
        """Flag a blank target for a non-blank source."""
        return bool(unit.source.strip()) and not unit.target.strip()


class LengthRatioCheck(Check):
    """A translation far shorter or longer than its source lost or invented text."""

    id = "length_ratio"
    name = "Unusual length"
    description = (
        "The translation is shorter than a third or longer than three times the source "
        "(sources of 20 characters or more)."
    )

    def check(self, unit: QAUnit) -> bool:
        """Compare stripped lengths; short sources vary too much to judge."""
        source, target = len(unit.source.strip()), len(unit.target.strip())
        return source >= 20 and (3 * target < source or target > 3 * source)


class ScriptCheck(Check):
    """Cyrillic text left in a Latin-script translation: the model copied instead of translating."""

    id = "script"
    name = "Untranslated Cyrillic"
    description = (
        "The translation is in a Latin-script language but 30 % or more of its letters are "
        "Cyrillic."
    )

    def check(self, unit: QAUnit) -> bool:
        """Flag a Latin-script target whose letters are at least 30 % Cyrillic."""
        if primary_subtag(unit.target_lang) not in _LATIN_SCRIPT:
            return False
        letters = [char for char in unit.target if char.isalpha()]
        cyrillic = sum(1 for char in letters if _CYRILLIC.match(char))
        return bool(letters) and 10 * cyrillic >= 3 * len(letters)
