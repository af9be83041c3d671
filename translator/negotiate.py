"""Pick the language to serve from an ``Accept-Language`` header (RFC 9110, section 12.5.4).

Each range in the header has a weight ``q`` (default 1; ``q=0`` means "not this one"). A
language is matched by the most specific range that fits it: the same tag, then a prefix of it
(``en`` fits ``en-GB``), then a longer range it is a prefix of (``en-GB`` fits ``en``, as in
RFC 4647 lookup), then ``*``. The language with the highest weight wins; ties go to the range
listed first, then to the source, then to the order of ``available``. When nothing acceptable
is available, the source is served.
"""

import re
from dataclasses import dataclass

_RANGE = re.compile(r"^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$")
_WEIGHT = re.compile(r"^q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


@dataclass(frozen=True)
class _Range:
    tag: str
    q: float
    order: int


def negotiate(available: list[str], accept_language: str | None, source_lang: str) -> str:
    """The best of ``available`` and ``source_lang`` for ``accept_language``, else the source."""
    ranges = _parse(accept_language or "")
    candidates = [source_lang, *(lang for lang in available if lang != source_lang)]
    best: tuple[float, int, int] | None = None
    chosen = source_lang
    for rank, lang in enumerate(candidates):
        fit = _best_fit(_normal(lang), ranges)
        if fit is None or fit.q <= 0:
            continue
        key = (-fit.q, fit.order, rank)
        if best is None or key < best:
            best, chosen = key, lang
    return chosen


def _parse(header: str) -> list[_Range]:
    """The well-formed ranges of a header, lower-cased; malformed ones are ignored."""
    ranges = []
    for order, item in enumerate(header.split(",")):
        tag, *params = (_normal(part) for part in item.split(";"))
        if not _RANGE.match(tag):
            continue
        weights = [p.replace(" ", "") for p in params if p.replace(" ", "").startswith("q=")]
        if weights and not _WEIGHT.match(weights[0]):
            continue
        ranges.append(_Range(tag, float(weights[0][2:]) if weights else 1.0, order))
    return ranges


def _normal(text: str) -> str:
    """Trimmed, lower-cased, ``_`` read as ``-`` (``pt_BR`` is ``pt-br``)."""
    return text.strip().lower().replace("_", "-")


def _best_fit(lang: str, ranges: list[_Range]) -> _Range | None:
    """The most specific range that fits ``lang`` (the first listed among equals)."""
    best: tuple[int, int] | None = None
    chosen = None
    for item in ranges:
        specificity = _specificity(lang, item.tag)
        if specificity is None:
            continue
        key = (-specificity[0], -specificity[1])
        if best is None or key < best:
            best, chosen = key, item
    return chosen


def _specificity(lang: str, tag: str) -> tuple[int, int] | None:
    """How closely range ``tag`` fits ``lang``: (kind, length), higher is closer; None: no fit."""
    if tag == lang:
        return 3, len(tag)
    if lang.startswith(tag + "-"):
        return 2, len(tag)
    if tag.startswith(lang + "-"):
        return 1, -len(tag)
    if tag == "*":
        return 0, 0
    return None
