"""Put a glossary target in the plural when the source matched a plural form.

"народний депутат → MP" matched in "287 народних депутатів" should be injected as "MPs", not
"MP". Only the safe cases change: the term's head noun (its first noun) is singular in the
glossary and plural in every reading of the matched word, and the target is one lowercase word,
an acronym, or a lowercase phrase without "of" whose last word is its head. Names and titles
("Verkhovna Rada", "Minister of Defence") are never touched.
"""

import re

from translator.glossary.model import Entry
from translator.glossary.morphology import analyses

_ACRONYM = re.compile(r"[A-Z]{2,5}")
_LOWER_PHRASE = re.compile(r"[a-z]+(?:[ -][a-z]+)*")
_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "child": "children"}


def target_for(entry: Entry, surface: str) -> str:
    """``entry.target``, in the plural if ``surface`` is a plural form of a singular term."""
    if _pluralisable(entry.target) and _plural_match(entry.source, surface):
        return _plural(entry.target)
    return entry.target


def _pluralisable(target: str) -> bool:
    if _ACRONYM.fullmatch(target):
        return True
    return bool(_LOWER_PHRASE.fullmatch(target)) and " of " not in f" {target} "


def _plural_match(source: str, surface: str) -> bool:
    source_words, surface_words = source.split(), surface.split()
    if len(source_words) != len(surface_words):
        return False
    for term_word, text_word in zip(source_words, surface_words, strict=True):
        nouns = [a for a in analyses(term_word) if a.pos == "NOUN" and a.case == "nomn"]
        if not nouns:
            continue
        if any(a.number == "plur" for a in nouns):
            return False
        found = [a for a in analyses(text_word) if a.pos == "NOUN"]
        return bool(found) and all(a.number == "plur" for a in found)
    return False


def _plural(target: str) -> str:
    if _ACRONYM.fullmatch(target):
        return target + "s"
    head_start = max(target.rfind(" "), target.rfind("-")) + 1
    head = target[head_start:]
    if head in _IRREGULAR:
        plural = _IRREGULAR[head]
    elif head.endswith(("s", "x", "z", "ch", "sh")):
        plural = head + "es"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        plural = head[:-1] + "ies"
    else:
        plural = head + "s"
    return target[:head_start] + plural
