"""Machine translation and QA as the store uses them.

A store glossary choice is a name, ``"default"`` (the pair's default glossary, if it has one)
or None (no glossary); it is resolved per target language here. The pipeline's documents carry
everything a version keeps (segments, term reports, QA flags, provenance); only a review edit,
a new text, needs its terms checked and QA run again.
"""

from collections.abc import Sequence

from translator.glossary import library
from translator.glossary.enforce import TermReport, check
from translator.pipeline import TranslatedDocument, translate_documents
from translator.qa import QAUnit, run_checks
from translator.segment import Segment
from translator.tm.memory import StoreMemory


def translate(
    texts: list[str],
    source_lang: str,
    target_lang: str,
    glossary: str | None,
    spans: Sequence[list[Segment] | None] | None = None,
    names: bool = True,
) -> list[TranslatedDocument]:
    """Translate ``texts`` (one batch); ``spans``: the sentences of each, if segmented already;
    ``names``: romanise names the glossary lacks.

    Sentences the store's translation memory knows take their approved translations."""
    chosen = library.choose(glossary, source_lang, target_lang)
    return translate_documents(
        texts,
        target_lang,
        from_code=source_lang,
        glossary=chosen,
        spans=spans,
        memory=StoreMemory(),
        names=names,
    )


def recheck(stored: TermReport, text: str) -> TermReport:
    """A stored term report redone for a new (edited) translation ``text``."""
    report = check(text, stored.found)
    report.fallback = stored.fallback
    return report


def qa_flags(
    source: str, target: str, source_lang: str, target_lang: str, terms: TermReport
) -> list[str]:
    """The ids of the QA checks an edited translation fails."""
    missing = tuple(hit.target for hit in terms.missing)
    return run_checks(QAUnit(source, target, source_lang, target_lang, missing_terms=missing))
