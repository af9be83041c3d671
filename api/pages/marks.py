"""Text cut into pieces for the review page: glossary terms and found names marked, and word
diffs. A name (a ``kind="name"`` hit: a person or place the glossary lacks, romanised) is
its own kind, so the page tells it from a glossary term in words as well as in colour.

The templates print every piece's text through Jinja's autoescape, so pieces are plain text
and a mark is only a kind; nothing here builds HTML.
"""

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from translator.glossary.enforce import TermReport

WORDS = re.compile(r"\s+|\w+|[^\w\s]")


class Kind(StrEnum):
    plain = "plain"
    term = "term"  # a glossary term that came through
    missing = "missing"  # a glossary term the translation lacks (marked in the source)
    name = "name"  # a found name (not in the glossary) and its romanisation that came through
    name_missing = "name_missing"  # a found name the translation lacks (marked in the source)
    deleted = "deleted"  # in the machine output, not in the current text
    inserted = "inserted"  # in the current text, not in the machine output


_KINDS = {
    ("term", False): Kind.term,
    ("term", True): Kind.missing,
    ("name", False): Kind.name,
    ("name", True): Kind.name_missing,
}
"""A hit's kind and whether the translation lacks it → its mark."""


@dataclass(frozen=True)
class Piece:
    """A run of text and how it is marked; ``note`` is the entry of a term or a name,
    ``source → target``."""

    text: str
    kind: Kind = Kind.plain
    note: str = ""


def source_pieces(source: str, terms: TermReport) -> list[Piece]:
    """The source sentence with each glossary match and name marked, found or missing."""
    missing = {(hit.start, hit.end) for hit in terms.missing}
    spans = [
        (
            hit.start,
            hit.end,
            _KINDS[hit.kind, (hit.start, hit.end) in missing],
            f"{hit.source} → {hit.target}",
        )
        for hit in terms.found
    ]
    return _cut(source, spans)


def target_pieces(target: str, terms: TermReport) -> list[Piece]:
    """The translation with each realised glossary term and name marked."""
    entries = {(hit.target, hit.kind): f"{hit.source} → {hit.target}" for hit in terms.found}
    spans = [
        (
            span.start,
            span.end,
            _KINDS[span.kind, False],
            entries.get((span.target, span.kind), span.target),
        )
        for span in terms.realised
    ]
    return _cut(target, spans)


def missing_pieces(terms: TermReport) -> list[Piece]:
    """What the translation lacks, one ``source → target`` piece per missing term or name."""
    return [Piece(f"{hit.source} → {hit.target}", _KINDS[hit.kind, True]) for hit in terms.missing]


def diff_pieces(machine: str, current: str) -> list[Piece]:
    """Word diff of the machine output against the current text (empty when they are equal)."""
    if machine == current:
        return []
    old, new = WORDS.findall(machine), WORDS.findall(current)
    pieces = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(Piece("".join(old[i1:i2]), Kind.deleted))
        if j2 > j1:
            pieces.append(Piece("".join(new[j1:j2]), Kind.inserted))
    return pieces


def _cut(text: str, spans: list[tuple[int, int, Kind, str]]) -> list[Piece]:
    """``text`` as plain pieces between the marked ``spans`` (overlapping or bad ones skipped)."""
    pieces, cursor = [], 0
    for start, end, kind, note in sorted(spans, key=lambda s: s[0]):
        if start < cursor or end > len(text) or start >= end:
            continue
        if start > cursor:
            pieces.append(Piece(text[cursor:start]))
        pieces.append(Piece(text[start:end], kind, note))
        cursor = end
    if cursor < len(text) or not pieces:
        pieces.append(Piece(text[cursor:]))
    return pieces
