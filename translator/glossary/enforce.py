"""Keep glossary terms through MT: protect them before, check and report them after.

Protection is *inline injection*: each matched source span is replaced by the glossary's
target term before the sentence goes to the model ("ухвалила Верховна Рада" -> "ухвалила
Verkhovna Rada"). We chose this over opaque placeholder tokens because Argos models copy
Latin-script names and acronyms reliably but were never trained on placeholder tokens, which
they drop, split or translate; an injected term is also a real noun phrase, so the model keeps
articles and word order fluent around it; and when the model alters it there is no debris to
clean up. Every translation is still checked: a term that did not come back exactly makes the
caller re-translate the segment unprotected and flag it.
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from translator.engine.alignment import Correspondence
from translator.glossary.inflect import target_for
from translator.glossary.match import Match

HitKind = Literal["term", "name"]
"""A glossary ``term``, or a ``name`` the glossary lacks (:mod:`translator.names`): then
``source`` is the name's nominative (its lemma) and ``target`` its romanisation."""


@dataclass(frozen=True)
class TermHit:
    """A glossary term or a found name in a source sentence (offsets within the sentence)."""

    source: str
    target: str
    start: int
    end: int
    surface: str
    kind: HitKind = "term"


@dataclass(frozen=True)
class TermSpan:
    """Where a glossary target term (or a name's romanisation) stands in the translation."""

    target: str
    start: int
    end: int
    kind: HitKind = "term"


@dataclass
class TermReport:
    """Per segment: terms found in the source, realised in the target, and missing."""

    found: list[TermHit] = field(default_factory=list)
    realised: list[TermSpan] = field(default_factory=list)
    missing: list[TermHit] = field(default_factory=list)
    fallback: bool = False


def hits_in(matches: list[Match], offset: int) -> list[TermHit]:
    """Glossary matches in document offsets → hits relative to a sentence starting at offset.

    The target is put in the plural where the source form is plural (``inflect``).
    """
    return [
        TermHit(
            m.entry.source,
            target_for(m.entry, m.surface),
            m.start - offset,
            m.end - offset,
            m.surface,
        )
        for m in matches
    ]


def protect(sentence: str, hits: list[TermHit]) -> str:
    """The sentence with each matched span replaced by its target term."""
    pieces, cursor = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        pieces += [sentence[cursor : hit.start], hit.target]
        cursor = hit.end
    pieces.append(sentence[cursor:])
    return "".join(pieces)


def correspondence(sentence: str, hits: list[TermHit]) -> list[Correspondence]:
    """How :func:`protect`'s output stands for the sentence: copied parts and injected terms."""
    pieces: list[Correspondence] = []
    cursor = position = 0
    for hit in sorted(hits, key=lambda h: h.start):
        copied = hit.start - cursor
        pieces.append(Correspondence(cursor, hit.start, position, position + copied, True))
        position += copied
        pieces.append(
            Correspondence(hit.start, hit.end, position, position + len(hit.target), False)
        )
        position += len(hit.target)
        cursor = hit.end
    rest = len(sentence) - cursor
    pieces.append(Correspondence(cursor, len(sentence), position, position + rest, True))
    return pieces


def check(translation: str, hits: list[TermHit]) -> TermReport:
    """Find every hit's target term in the translation; those not found are missing."""
    report = TermReport(found=list(hits))
    taken: set[int] = set()
    for hit in hits:
        span = _first_free(translation, hit.target, taken)
        if span is None:
            report.missing.append(hit)
        else:
            taken.update(range(*span))
            report.realised.append(TermSpan(hit.target, *span, hit.kind))
    report.realised.sort(key=lambda s: s.start)
    return report


def _first_free(text: str, term: str, taken: set[int]) -> tuple[int, int] | None:
    """First whole-word occurrence of ``term`` (first letter's case free) not already used."""
    head = re.escape(term[:1])
    if term[:1].isalpha():
        head = f"[{re.escape(term[:1].lower())}{re.escape(term[:1].upper())}]"
    pattern = re.compile(rf"(?<!\w){head}{re.escape(term[1:])}(?!\w)")
    for found in pattern.finditer(text):
        if not taken.intersection(range(found.start(), found.end())):
            return found.start(), found.end()
    return None
