"""Documents in, translated documents out: detect -> segment -> MT in batches -> reassemble.

All segments of all documents that share a route go to the engine in one batch, each distinct
sentence once; the layout between sentences is copied through untouched.
"""

from dataclasses import dataclass, field

from translator.detect import detect
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.router import route
from translator.errors import TranslatorError
from translator.models.installed import InstalledModel
from translator.segment import Segment, reassemble, segment

AUTO = "auto"
UNDETERMINED = "und"


@dataclass
class TranslatedSegment:
    """One source sentence, where it sits, and its translation (plus n-best alternatives)."""

    paragraph: int
    index: int
    start: int
    end: int
    source: str
    target: str
    alternatives: list[str] = field(default_factory=list)


@dataclass
class TranslatedDocument:
    """A translated text with its detected language and the route the text took."""

    source_language: str
    confidence: float
    target_language: str
    text: str
    route: list[str]
    segments: list[TranslatedSegment]


@dataclass
class _Job:
    text: str
    language: str
    confidence: float
    segments: list[Segment]
    models: list[InstalledModel]


def translate_documents(
    texts: list[str],
    to_code: str,
    from_code: str = AUTO,
    alternatives: int = 0,
    options: EngineOptions | None = None,
) -> list[TranslatedDocument]:
    """Translate every text into ``to_code``; ``from_code`` "auto" detects each text's language."""
    options = options or EngineOptions.from_env()
    jobs = [_plan(text, to_code, from_code) for text in texts]
    hypotheses: dict[tuple[str, str], list[Hypothesis]] = {}
    for models in _distinct_routes(jobs):
        sources = sorted({s.text for job in jobs if job.models == models for s in job.segments})
        for text, hyps in zip(
            sources, _run_route(models, sources, alternatives, options), strict=True
        ):
            hypotheses[_route_key(models), text] = hyps
    return [_assemble(job, to_code, hypotheses) for job in jobs]


def _plan(text: str, to_code: str, from_code: str) -> _Job:
    if not text.strip():
        return _Job("", from_code if from_code != AUTO else UNDETERMINED, 0.0, [], [])
    if from_code == AUTO:
        detection = detect(text)
        language, confidence = detection.language, detection.confidence
    else:
        language, confidence = from_code, 1.0
    if language == UNDETERMINED:
        if any(ch.isalpha() for ch in text):
            raise TranslatorError(
                "cannot tell the source language of this text; give it with --from"
            )
        return _Job(text, language, confidence, [], [])
    models = route(language, to_code)
    segments = segment(text, language)
    return _Job(text, language, confidence, segments, models)


def _distinct_routes(jobs: list[_Job]) -> list[list[InstalledModel]]:
    routes: list[list[InstalledModel]] = []
    for job in jobs:
        if job.models and job.models not in routes:
            routes.append(job.models)
    return routes


def _route_key(models: list[InstalledModel]) -> str:
    return "|".join(m.pair for m in models)


def _run_route(
    models: list[InstalledModel], sources: list[str], alternatives: int, options: EngineOptions
) -> list[list[Hypothesis]]:
    """Chain the legs; intermediate legs keep their best hypothesis, the last gives n-best."""
    texts = sources
    results: list[list[Hypothesis]] = []
    for position, model in enumerate(models):
        last = position == len(models) - 1
        results = pair_engine(model, options).translate(texts, alternatives + 1 if last else 1)
        texts = [hyps[0].text for hyps in results]
    return results


def _assemble(
    job: _Job, to_code: str, hypotheses: dict[tuple[str, str], list[Hypothesis]]
) -> TranslatedDocument:
    key = _route_key(job.models)
    translated: list[TranslatedSegment] = []
    for seg in job.segments:
        hyps = hypotheses[key, seg.text] if job.models else [Hypothesis(seg.text, 0.0)]
        translated.append(
            TranslatedSegment(
                paragraph=seg.paragraph,
                index=seg.index,
                start=seg.start,
                end=seg.end,
                source=seg.text,
                target=hyps[0].text,
                alternatives=[h.text for h in hyps[1:]],
            )
        )
    text = reassemble(job.text, job.segments, [t.target for t in translated])
    return TranslatedDocument(
        source_language=job.language,
        confidence=job.confidence,
        target_language=to_code,
        text=text,
        route=[m.pair for m in job.models],
        segments=translated,
    )
