"""Documents in, translated documents out.

detect -> segment -> glossary match -> translation memory -> protect terms -> MT in batches
-> check terms -> QA -> reassemble.
All segments of all documents that share a route go to the engine in one batch, each distinct
sentence once; the layout between sentences is copied through untouched. A segment whose
glossary terms did not survive MT is translated again unprotected and flagged. Each step runs
once per segment, and the result carries all of it (spans, MT output, alternatives, the term
report, QA flags, route and provenance), so a caller that stores it recomputes nothing.

A translation memory (a :data:`Memory`, given by the caller: the pipeline knows no database)
is asked once per language pair for all sentences of the call before MT; a sentence it knows
takes its approved translation (``origin`` "tm") and is not sent to the engine. Its terms are
checked and QA runs on it as on MT output; it has no alternatives and no word alignment.
"""

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from translator.detect import detect
from translator.engine.alignment import Links, compose, remap_source
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import EngineProvider
from translator.engine.router import route
from translator.errors import GlossaryError, UndeterminedLanguage
from translator.glossary import library
from translator.glossary.enforce import (
    TermHit,
    TermReport,
    check,
    correspondence,
    hits_in,
    protect,
)
from translator.glossary.library import DEFAULT_GLOSSARY, GlossaryChoice
from translator.glossary.match import index_for
from translator.glossary.model import Glossary
from translator.models.installed import InstalledModel
from translator.names.find import find_names, names_apply
from translator.names.model import Name
from translator.qa import QAUnit, run_checks
from translator.segment import Segment, reassemble, segment

AUTO = "auto"
UNDETERMINED = "und"
ENGINE = "ctranslate2"
Origin = Literal["mt", "tm"]  # a segment's translation came from the engine or the memory


Memory = Callable[[str, str, list[str]], Mapping[str, str]]
"""A translation memory: given a source and a target language and sentences, the approved
translation of each sentence it knows (keyed by the sentence as given)."""


@dataclass(frozen=True)
class Route:
    """How text goes from one language to another: the packages to chain, the glossary kept,
    and whether names the glossary lacks are found and romanised (:mod:`translator.names`)."""

    models: list[InstalledModel]
    glossary: Glossary | None
    names: bool = False


RouteResolver = Callable[[str, str], Route]


def resolve_route(
    source: str, target: str, glossary: GlossaryChoice = DEFAULT_GLOSSARY, names: bool = True
) -> Route:
    """The route for ``source``→``target``, with the glossary chosen by ``glossary`` (none if
    the text needs no model); ``names``: find names where they apply (:func:`names_apply`)."""
    models = route(source, target)
    if not models:
        return Route(models, None)
    glossary_kept = _glossary_for(glossary, source, target)
    return Route(models, glossary_kept, names and names_apply(source, target))


@dataclass
class TranslatedSegment:
    """One source sentence, where it sits, its translation, alternatives and term report.

    ``target_start``/``target_end``: where the translation sits in the translated document.
    ``alignment``: when asked for, links between the words of ``source`` and of ``target``
    (see :mod:`translator.engine.alignment`); None when the engine gave none.
    ``origin``: "mt" (the engine's output) or "tm" (an approved translation from the memory).
    """

    paragraph: int
    index: int
    start: int
    end: int
    source: str
    target: str
    alternatives: list[str] = field(default_factory=list)
    terms: TermReport = field(default_factory=TermReport)
    qa: list[str] = field(default_factory=list)
    target_start: int = 0
    target_end: int = 0
    alignment: Links | None = None
    origin: Origin = "mt"


@dataclass(frozen=True)
class Provenance:
    """What made a translation: the engine, the packages chained (folders and versions, joined
    with " + " for a pivot) and the glossary with its content hash."""

    engine: str = ENGINE
    model_package: str = ""
    model_version: str = ""
    glossary_name: str | None = None
    glossary_hash: str | None = None


@dataclass
class TranslatedDocument:
    """A translated text with its detected language, route and glossary."""

    source_language: str
    confidence: float
    target_language: str
    text: str
    route: list[str]
    glossary: str | None
    segments: list[TranslatedSegment]
    alternatives: list[str] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)


@dataclass
class _Unit:
    segment: Segment
    hits: list[TermHit]
    mt_input: str
    fallback: bool = False
    terms: TermReport | None = None  # checked once MT output is final
    remembered: str | None = None  # the memory's approved translation: not sent to the engine


@dataclass
class _Job:
    text: str
    language: str
    confidence: float
    models: list[InstalledModel]
    glossary: Glossary | None = None
    units: list[_Unit] = field(default_factory=list)

    @property
    def key(self) -> str:
        return "|".join(m.pair for m in self.models)


Cache = dict[tuple[str, str], list[Hypothesis]]


def translate_documents(
    texts: list[str],
    to_code: str,
    from_code: str = AUTO,
    alternatives: int = 0,
    options: EngineOptions | None = None,
    glossary: GlossaryChoice = DEFAULT_GLOSSARY,
    engines: EngineProvider = pair_engine,
    routes: RouteResolver | None = None,
    spans: Sequence[list[Segment] | None] | None = None,
    align: bool = False,
    memory: Memory | None = None,
    names: bool = True,
) -> list[TranslatedDocument]:
    """Translate every text into ``to_code``; ``from_code`` "auto" detects each text's language.

    ``glossary``: a Glossary, None for none, or "default" for the pair's shipped glossary.
    ``routes``: gives the :class:`Route` of a (source, target) pair; by default
    :func:`resolve_route` with ``glossary``, once per pair in this call (a caller translating
    one long text in parts passes a memo of it). ``spans``: per text, the sentences of it to
    translate, when the caller has segmented it already (None: segment it here); the text's
    other parts are copied through. ``align``: give each segment its word alignment.
    ``memory``: the translation memory to reuse approved translations from (None: none).
    ``names``: find names the glossary lacks and keep them romanised, like glossary terms
    (Ukrainian sources; used by the default ``routes``).
    """
    options = options or EngineOptions.from_env()
    resolver = routes or functools.cache(
        functools.partial(resolve_route, glossary=glossary, names=names)
    )
    given = list(spans) if spans is not None else [None] * len(texts)
    jobs = [
        _plan(text, to_code, from_code, resolver, sentences)
        for text, sentences in zip(texts, given, strict=True)
    ]
    if memory is not None:
        _recall(jobs, to_code, memory)
    cache: Cache = {}
    _translate_pending(jobs, cache, alternatives, options, engines, align)
    for job in jobs:
        for unit in job.units:
            if unit.hits and unit.remembered is None:
                unit.terms = check(cache[job.key, unit.mt_input][0].text, unit.hits)
                if unit.terms.missing:
                    unit.mt_input, unit.fallback, unit.terms = unit.segment.text, True, None
    _translate_pending(jobs, cache, alternatives, options, engines, align)
    return [_assemble(job, to_code, cache) for job in jobs]


def _plan(
    text: str,
    to_code: str,
    from_code: str,
    routes: RouteResolver,
    sentences: list[Segment] | None = None,
) -> _Job:
    if not text.strip():
        return _Job("", from_code if from_code != AUTO else UNDETERMINED, 0.0, [])
    if from_code == AUTO:
        detection = detect(text)
        language, confidence = detection.language, detection.confidence
    else:
        language, confidence = from_code, 1.0
    if language == UNDETERMINED:
        if any(ch.isalpha() for ch in text):
            raise UndeterminedLanguage("cannot tell the source language of this text")
        return _Job(text, language, confidence, [])
    chosen = routes(language, to_code)
    index = index_for(chosen.glossary) if chosen.glossary else None
    segments = sentences if sentences is not None else segment(text, language)
    hits = [hits_in(index.find(seg.text), 0) if index else [] for seg in segments]
    if chosen.names:
        found = find_names([seg.text for seg in segments], [_spans(h) for h in hits])
        hits = [
            sorted(terms + [_name_hit(name) for name in names], key=lambda hit: hit.start)
            for terms, names in zip(hits, found, strict=True)
        ]
    units = [
        _Unit(seg, seg_hits, protect(seg.text, seg_hits))
        for seg, seg_hits in zip(segments, hits, strict=True)
    ]
    return _Job(text, language, confidence, chosen.models, chosen.glossary, units)


def _spans(hits: list[TermHit]) -> list[tuple[int, int]]:
    return [(hit.start, hit.end) for hit in hits]


def _name_hit(name: Name) -> TermHit:
    """A found name as a hit kept like a glossary term: its lemma → its romanisation."""
    return TermHit(name.lemma, name.english, name.start, name.end, name.surface, "name")


def _glossary_for(choice: GlossaryChoice, source: str, target: str) -> Glossary | None:
    if choice is None:
        return None
    if choice == DEFAULT_GLOSSARY:
        return library.default_for(source, target)
    assert isinstance(choice, Glossary)
    if (choice.source_lang, choice.target_lang) != (source, target):
        raise GlossaryError(
            f"glossary {choice.name} is for {choice.source_lang}→{choice.target_lang}, "
            f"not {source}→{target}"
        )
    return choice


def _recall(jobs: list[_Job], to_code: str, memory: Memory) -> None:
    """Give each unit the memory's approved translation of its sentence, if it has one: one
    question per source language, with every distinct sentence of the jobs in it."""
    languages = dict.fromkeys(job.language for job in jobs if job.models)
    for language in languages:
        units = [
            unit for job in jobs if job.models and job.language == language for unit in job.units
        ]
        sentences = sorted({unit.segment.text for unit in units})
        found = memory(language, to_code, sentences) if sentences else {}
        for unit in units:
            unit.remembered = found.get(unit.segment.text)


def _translate_pending(
    jobs: list[_Job],
    cache: Cache,
    alternatives: int,
    options: EngineOptions,
    engines: EngineProvider,
    align: bool,
) -> None:
    """Translate every unit input not yet in ``cache``: one batch per route, each text once."""
    routes = {job.key: job.models for job in jobs if job.models}
    for key, models in routes.items():
        pending = sorted(
            {
                unit.mt_input
                for job in jobs
                if job.key == key
                for unit in job.units
                if unit.remembered is None and (key, unit.mt_input) not in cache
            }
        )
        if not pending:  # every sentence translated already, or recalled from the memory
            continue
        results = _run_route(models, pending, alternatives, options, engines, align)
        cache.update(((key, text), hyps) for text, hyps in zip(pending, results, strict=True))


def _run_route(
    models: list[InstalledModel],
    sources: list[str],
    alternatives: int,
    options: EngineOptions,
    engines: EngineProvider,
    align: bool,
) -> list[list[Hypothesis]]:
    """Chain the legs; intermediate legs keep their best hypothesis, the last gives n-best.

    With ``align``, the legs' alignments are composed into one from source to target."""
    texts = sources
    results: list[list[Hypothesis]] = []
    earlier: list[Links | None] = []
    for position, model in enumerate(models):
        last = position == len(models) - 1
        n = alternatives + 1 if last else 1
        engine = engines(model, options)
        results = engine.translate(texts, n, align=True) if align else engine.translate(texts, n)
        if earlier:
            results = [
                [_composed(hyp, before) for hyp in hyps]
                for hyps, before in zip(results, earlier, strict=True)
            ]
        earlier = [hyps[0].alignment for hyps in results]
        texts = [hyps[0].text for hyps in results]
    return results


def _composed(hypothesis: Hypothesis, before: Links | None) -> Hypothesis:
    if before is None or hypothesis.alignment is None:
        return Hypothesis(hypothesis.text, hypothesis.score)
    return Hypothesis(hypothesis.text, hypothesis.score, compose(before, hypothesis.alignment))


def _assemble(job: _Job, to_code: str, cache: Cache) -> TranslatedDocument:
    translated = []
    cursor = position = 0
    for unit in job.units:
        seg = unit.segment
        hyps = _hypotheses(job, unit, cache)
        terms = unit.terms or (check(hyps[0].text, unit.hits) if unit.hits else TermReport())
        terms.fallback = unit.fallback
        missing = tuple(hit.target for hit in terms.missing)
        qa = run_checks(QAUnit(seg.text, hyps[0].text, job.language, to_code, missing))
        position += seg.start - cursor
        cursor = seg.end
        translated.append(
            TranslatedSegment(
                paragraph=seg.paragraph,
                index=seg.index,
                start=seg.start,
                end=seg.end,
                source=seg.text,
                target=hyps[0].text,
                alternatives=[h.text for h in hyps[1:]],
                terms=terms,
                qa=qa,
                target_start=position,
                target_end=position + len(hyps[0].text),
                alignment=_source_alignment(unit, hyps[0]),
                origin="tm" if unit.remembered is not None else "mt",
            )
        )
        position += len(hyps[0].text)
    segments = [unit.segment for unit in job.units]
    count = max((len(t.alternatives) for t in translated), default=0)
    alternatives = [
        reassemble(job.text, segments, [_nth(t, k) for t in translated]) for k in range(count)
    ]
    return TranslatedDocument(
        source_language=job.language,
        confidence=job.confidence,
        target_language=to_code,
        text=reassemble(job.text, segments, [t.target for t in translated]),
        route=[m.pair for m in job.models],
        glossary=job.glossary.name if job.glossary else None,
        segments=translated,
        alternatives=alternatives,
        provenance=Provenance(
            model_package=" + ".join(model.path.name for model in job.models),
            model_version=" + ".join(model.package_version for model in job.models),
            glossary_name=job.glossary.name if job.glossary else None,
            glossary_hash=job.glossary.content_hash if job.glossary else None,
        ),
    )


def _hypotheses(job: _Job, unit: _Unit, cache: Cache) -> list[Hypothesis]:
    """A unit's translations, best first: the memory's, the engine's, or the sentence itself
    when the text needs no model."""
    if unit.remembered is not None:
        return [Hypothesis(unit.remembered, 0.0)]
    if job.models:
        return cache[job.key, unit.mt_input]
    return [Hypothesis(unit.segment.text, 0.0)]


def _source_alignment(unit: _Unit, best: Hypothesis) -> Links | None:
    """The best hypothesis's alignment on the words of the source sentence (the model saw the
    sentence with its glossary terms injected, unless the segment fell back)."""
    if best.alignment is None or unit.mt_input == unit.segment.text:
        return best.alignment
    sentence = unit.segment.text
    pieces = correspondence(sentence, unit.hits)
    return remap_source(best.alignment, unit.mt_input, sentence, pieces)


def _nth(segment: TranslatedSegment, k: int) -> str:
    """The k-th alternative of a segment, or its best translation when it has fewer."""
    return segment.alternatives[k] if k < len(segment.alternatives) else segment.target
