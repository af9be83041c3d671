"""pymorphy3 analyzers, one per language per process, shared by detection and glossaries.

A Ukrainian dictionary costs about 25 MB and 50 ms to load; pymorphy3 is imported only here,
on first use.
"""

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

_analyzers: dict[str, "MorphAnalyzer"] = {}
_lock = threading.Lock()


def analyzer(language: str) -> "MorphAnalyzer":
    """The process's ``MorphAnalyzer`` for ``language`` ("uk" or "ru"), loaded on first use."""
    found = _analyzers.get(language)
    if found is not None:
        return found
    with _lock:
        if language not in _analyzers:
            import pymorphy3

            _analyzers[language] = pymorphy3.MorphAnalyzer(lang=language)
        return _analyzers[language]
