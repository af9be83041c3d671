"""Machine translation and QA as the store uses them: provenance, term reports as JSON, flags.

A store glossary choice is a name, ``"default"`` (the pair's default glossary, if it has one)
or None (no glossary); it is resolved per target language here so the version can record the
glossary's name and content hash.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any

from translator.engine.router import route
from translator.glossary import library
from translator.glossary.enforce import TermHit, TermReport, check
from translator.glossary.model import Glossary
from translator.pipeline import DEFAULT_GLOSSARY, TranslatedDocument, translate_documents
from translator.qa import QAUnit, run_checks
from translator.store.models import utcnow

ENGINE = "ctranslate2"


@dataclass(frozen=True)
class MachineTranslation:
    """Texts translated into one language, and the provenance fields of their version."""

    documents: list[TranslatedDocument]
    provenance: dict[str, Any]


def translate(
    texts: list[str], source_lang: str, target_lang: str, glossary: str | None
) -> MachineTranslation:
    """Translate ``texts`` (one batch) from ``source_lang`` to ``target_lang``."""
    models = route(source_lang, target_lang)
    chosen = _glossary(glossary, source_lang, target_lang)
    documents = translate_documents(texts, target_lang, from_code=source_lang, glossary=chosen)
    provenance = {
        "engine": ENGINE,
        "model_package": " + ".join(model.path.name for model in models),
        "model_version": " + ".join(model.package_version for model in models),
        "glossary_name": chosen.name if chosen else None,
        "glossary_hash": chosen.content_hash if chosen else None,
        "translated_at": utcnow(),
    }
    return MachineTranslation(documents, provenance)


def whole(document: TranslatedDocument) -> tuple[str, TermReport]:
    """A document's translation and one term report for all of its sentences."""
    report = TermReport(fallback=any(seg.terms.fallback for seg in document.segments))
    for seg in document.segments:
        report.found += seg.terms.found
        report.realised += seg.terms.realised
        report.missing += seg.terms.missing
    return document.text, report


def report_json(report: TermReport) -> dict[str, Any]:
    """A term report as stored: plain JSON."""
    return dataclasses.asdict(report)


def recheck(stored: dict[str, Any], text: str) -> dict[str, Any]:
    """A stored term report redone for a new (edited) translation ``text``."""
    report = check(text, [TermHit(**hit) for hit in stored.get("found", [])])
    report.fallback = bool(stored.get("fallback", False))
    return report_json(report)


def qa_flags(
    source: str, target: str, source_lang: str, target_lang: str, terms: dict[str, Any]
) -> list[str]:
    """The ids of the QA checks a segment's translation fails."""
    missing = tuple(hit["target"] for hit in terms.get("missing", []))
    return run_checks(QAUnit(source, target, source_lang, target_lang, missing_terms=missing))


def _glossary(choice: str | None, source_lang: str, target_lang: str) -> Glossary | None:
    if choice is None:
        return None
    if choice == DEFAULT_GLOSSARY:
        return library.default_for(source_lang, target_lang)
    return library.resolve(choice, source_lang=source_lang, target_lang=target_lang)
