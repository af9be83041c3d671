"""Run a batch: read files a window at a time, translate them together, write them back.

All files share the engine: the units of every file in a window go to :func:`translate_documents`
together (one call per source language), so the engine gets full batches, and the engine
remembers the last :data:`REMEMBERED_SENTENCES` sentences it translated, so a sentence
repeated across the files of a run is translated once. Reading, translating and writing
overlap: while the main thread translates one window, a reader thread reads the next (bytes,
hash, format, language) and a writer thread writes the previous one (render, write, manifest).
At most three windows are alive at once, so memory does not grow with the number of files. A
file whose input and settings match its manifest entry, and whose output exists, is skipped.
Outputs are written whole (temporary file, then rename), then the window's manifest is saved:
killed at any moment, a rerun finds every output complete or absent and makes again whatever
is not recorded.
"""

import functools
import hashlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translator.batch.atomic import write_atomic
from translator.batch.formats import MD_KEYS, Document, Format, ReadOptions, format_for
from translator.batch.manifest import Entry, Manifest, Settings
from translator.batch.paths import Planned
from translator.batch.report import Row, Status
from translator.detect import detect
from translator.engine.ctranslate import Hypothesis, pair_engine
from translator.engine.options import EngineOptions
from translator.engine.protocol import Engine, EngineProvider
from translator.errors import TranslatorError, UndeterminedLanguage
from translator.models.installed import InstalledModel
from translator.pipeline import (
    AUTO,
    DEFAULT_GLOSSARY,
    UNDETERMINED,
    GlossaryChoice,
    Memory,
    TranslatedDocument,
    resolve_route,
    translate_documents,
)

# A window closes when it holds this many characters to translate or this many files: enough
# for full engine batches (see translator.stream.WINDOW_BYTES), some tens of MB of pipeline
# state. A file is read whole, so a file larger than this is a window of its own.
WINDOW_CHARS = 256 * 1024
WINDOW_FILES = 64
SAMPLE_LETTERS = 200
# Sentences whose translations the engine keeps for the rest of the run (least recently used
# forgotten first): some MB, enough for the boilerplate that repeats across a site's pages.
REMEMBERED_SENTENCES = 20_000


@dataclass(frozen=True)
class BatchOptions:
    """How a batch translates: target, source (or auto), glossary, format, engine settings."""

    target: str
    source: str = AUTO
    glossary: GlossaryChoice = DEFAULT_GLOSSARY
    format: str = AUTO
    force: bool = False
    engine: EngineOptions = field(default_factory=EngineOptions)
    md_keys: tuple[str, ...] = MD_KEYS
    source_hint: str = "give it with --from"  # how the caller's user names the source language
    window_chars: int = WINDOW_CHARS
    window_files: int = WINDOW_FILES
    memory: Memory | None = None  # the translation memory to reuse approved translations from
    names: bool = True  # romanise names the glossary lacks (Ukrainian sources)


class FileSink(Protocol):
    """Takes each translated file once its output is written (``--store`` imports it as an
    article); an error it raises (``TranslatorError``) makes the file's row failed."""

    def __call__(
        self,
        item: Planned,
        language: str,
        document: Document,
        translations: Sequence[TranslatedDocument],
    ) -> None: ...


@dataclass
class BatchResult:
    """The rows of the files handled, in the order planned, and whether the run stopped
    before the end."""

    rows: list[Row]
    stopped: bool = False


@dataclass
class _Loaded:
    """A file read, waiting to be translated."""

    planned: Planned
    format: Format
    digest: str
    document: Document
    language: str
    characters: int
    seconds: float


@dataclass
class _Output:
    """A file translated, waiting to be written; ``seconds``: reading it and its share of
    translating its window."""

    loaded: _Loaded
    translations: list[TranslatedDocument]
    seconds: float


# A window's files in the order planned: each read (or translated), or already a row.
_Window = list[_Loaded | Row]
_Written = list[_Output | Row]


def run_batch(
    planned: Sequence[Planned],
    options: BatchOptions,
    progress: Callable[[Row], None] = lambda row: None,
    engines: EngineProvider = pair_engine,
    stop: Callable[[], bool] = lambda: False,
    sink: FileSink | None = None,
) -> BatchResult:
    """Translate every planned file; ``progress`` gets each row as it is made (from the writer
    thread, in the order of ``planned``).

    ``stop`` is asked after each window; when it says so the run ends once that window is
    written (``stopped``, unless nothing was left). ``sink``: given each file translated,
    after its output is written. An error of the engine ends the run once the windows
    translated before it are written.
    """
    batch = _Batch(options, progress, _remembering(engines), sink)
    windows = batch.windows(planned)
    stopped = False
    with (
        ThreadPoolExecutor(1, "batch-read") as reader,
        ThreadPoolExecutor(1, "batch-write") as writer,
    ):
        ahead: Future[_Window | None] = reader.submit(next, windows, None)
        written: Future[None] = writer.submit(_nothing)
        try:
            while (window := ahead.result()) is not None:
                ahead = reader.submit(next, windows, None)
                translated = batch.translate(window)
                written.result()
                written = writer.submit(batch.write, translated)
                if stop():
                    stopped = ahead.result() is not None
                    break
        finally:
            wait([ahead, written])
        written.result()
    return BatchResult(batch.rows, stopped)


def _nothing() -> None:
    return None


class _Batch:
    def __init__(
        self,
        options: BatchOptions,
        progress: Callable[[Row], None],
        engines: EngineProvider,
        sink: FileSink | None = None,
    ) -> None:
        self.options = options
        self.sink = sink
        self.progress = progress
        self.engines = engines
        self.routes = functools.cache(
            functools.partial(resolve_route, glossary=options.glossary, names=options.names)
        )
        self.read_options = ReadOptions(options.target, options.force, options.md_keys)
        self.manifests: dict[Path, Manifest] = {}
        self.manifests_lock = threading.Lock()
        self.rows: list[Row] = []

    def windows(self, planned: Sequence[Planned]) -> Iterator[_Window]:
        """The planned files read, a window at a time (in the reader thread)."""
        window: _Window = []
        characters = 0
        for item in planned:
            loaded = self.load(item)
            window.append(loaded)
            if isinstance(loaded, _Loaded):
                characters += loaded.characters
            if characters >= self.options.window_chars or len(window) >= self.options.window_files:
                yield window
                window, characters = [], 0
        if window:
            yield window

    def load(self, item: Planned) -> _Loaded | Row:
        """The file read and ready to translate, or its row (up to date, failed)."""
        started = time.perf_counter()
        if item.error:
            return _failed(item, item.error, _since(started))
        try:
            fmt = format_for(item.input, self.options.format)
            data = item.input.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if self._up_to_date(item, fmt, digest):
                language = self._manifest(item).entries[item.key].settings.source_language
                return Row(*_names(item), Status.SKIPPED, language, seconds=_since(started))
            document = fmt.read(data, str(item.input), self.read_options)
            language = self._language(document)
        except TranslatorError as exc:
            return _failed(item, exc.message, _since(started))
        except OSError as exc:
            return _failed(item, f"cannot read ({exc.strerror})", _since(started))
        characters = sum(len(unit) for unit in document.units)
        return _Loaded(
            item, fmt, digest, document, language, characters, time.perf_counter() - started
        )

    def translate(self, window: _Window) -> _Written:
        """The window's files translated together, one call per source language."""
        loaded = [item for item in window if isinstance(item, _Loaded)]
        outcomes: dict[int, _Output | Row] = {}
        for language in dict.fromkeys(item.language for item in loaded):
            group = [item for item in loaded if item.language == language]
            outcomes.update(
                zip(map(id, group), self._translate_group(group, language), strict=True)
            )
        return [outcomes[id(item)] if isinstance(item, _Loaded) else item for item in window]

    def _translate_group(self, group: list[_Loaded], language: str) -> list[_Output | Row]:
        texts = [unit for loaded in group for unit in loaded.document.units if unit.strip()]
        began = time.perf_counter()
        try:
            documents = translate_documents(
                texts,
                self.options.target,
                language,
                options=self.options.engine,
                engines=self.engines,
                routes=self.routes,
                align=any(loaded.document.aligned for loaded in group),
                memory=self.options.memory,
            )
        except TranslatorError as exc:
            return [_failed(loaded.planned, exc.message, loaded.seconds) for loaded in group]
        share = (time.perf_counter() - began) / max(1, sum(len(t) for t in texts))
        results = iter(documents)
        return [
            _Output(
                loaded,
                [
                    next(results) if unit.strip() else _copied(unit, language, self.options.target)
                    for unit in loaded.document.units
                ],
                loaded.seconds + share * loaded.characters,
            )
            for loaded in group
        ]

    def write(self, window: _Written) -> None:
        """Write the window's outputs, record them in their manifests, and give each row to
        ``progress`` (in the writer thread)."""
        roots: dict[Path, None] = {}
        for outcome in window:
            row = outcome if isinstance(outcome, Row) else self._write(outcome)
            if isinstance(outcome, _Output) and row.status == Status.DONE:
                roots[outcome.loaded.planned.root] = None
            self.rows.append(row)
            self.progress(row)
        if roots:
            os.sync()  # the outputs reach the disk before the manifest names them
        for root in roots:
            self.manifests[root].save()

    def _write(self, output: _Output) -> Row:
        """Write one output (and give it to the sink); its row."""
        started = time.perf_counter()
        loaded, translations = output.loaded, output.translations
        item, language = loaded.planned, loaded.language
        rendered = loaded.document.render(translations)
        try:
            write_atomic(item.output, rendered.data, durable=False)
            if self.sink is not None:
                self.sink(item, language, loaded.document, translations)
        except OSError as exc:
            error = f"cannot write {item.output} ({exc.strerror})"
            return _failed(item, error, output.seconds + _since(started))
        except TranslatorError as exc:
            return _failed(item, exc.message, output.seconds + _since(started))
        settings = self._settings(language, loaded.format.name)
        self._manifest(item).record(item.key, Entry(str(item.input), loaded.digest, settings))
        segments = [segment for document in translations for segment in document.segments]
        return Row(
            *_names(item),
            Status.DONE,
            language,
            sentences=len(segments),
            characters=loaded.characters,
            glossary_hits=sum(hit.kind == "term" for s in segments for hit in s.terms.found),
            names=sum(hit.kind == "name" for s in segments for hit in s.terms.found),
            terms_missing=sum(len(s.terms.missing) for s in segments),
            qa_flags=sum(len(s.qa) for s in segments),
            fallbacks=rendered.fallbacks,
            seconds=round(output.seconds + time.perf_counter() - started, 3),
        )

    def _language(self, document: Document) -> str:
        """The source language: given, or detected from the start of the text: units up to
        :data:`SAMPLE_LETTERS` letters (one 64 KiB window of a text file; enough short units
        of a catalogue or subtitles that "OK" alone does not decide)."""
        if self.options.source != AUTO:
            return self.options.source
        sample, letters = "", 0
        for unit in document.units:
            sample += unit + "\n"
            letters += sum(char.isalpha() for char in unit)
            if letters >= SAMPLE_LETTERS:
                break
        if not sample.strip():
            return UNDETERMINED
        language = detect(sample).language
        if language == UNDETERMINED and any(char.isalpha() for char in sample):
            raise UndeterminedLanguage(
                f"cannot tell the source language of this text; {self.options.source_hint}"
            )
        return language

    def _settings(self, language: str, format_name: str) -> Settings:
        """Everything besides the input that makes the output of a file in ``language``."""
        models, glossary, names = [], None, False
        if language != UNDETERMINED:
            chosen = self.routes(language, self.options.target)
            models, glossary, names = chosen.models, chosen.glossary, chosen.names
        return Settings(
            target=self.options.target,
            source_option=self.options.source,
            source_language=language,
            format=format_name,
            beam_size=self.options.engine.beam_size,
            model_package=" + ".join(model.path.name for model in models),
            model_version=" + ".join(model.package_version for model in models),
            glossary_name=glossary.name if glossary else None,
            glossary_hash=glossary.content_hash if glossary else None,
            format_options=f"md_keys={','.join(self.options.md_keys)}"
            if format_name == "md"
            else "",
            stored=self.sink is not None,
            names=names,
        )

    def _up_to_date(self, item: Planned, fmt: Format, digest: str) -> bool:
        entry = self._manifest(item).entries.get(item.key)
        if self.options.force or entry is None or entry.input_sha256 != digest:
            return False
        if not item.output.is_file():
            return False
        try:
            current = self._settings(entry.settings.source_language, fmt.name)
        except TranslatorError:
            return False
        return entry.settings == current

    def _manifest(self, item: Planned) -> Manifest:
        """The manifest of ``item``'s output folder, loaded once (by the reader or the writer)."""
        with self.manifests_lock:
            if item.root not in self.manifests:
                self.manifests[item.root] = Manifest(item.root)
            return self.manifests[item.root]


class _Remembered:
    """An engine that keeps the hypotheses of the last ``limit`` sentences it translated and
    translates only the others: each distinct sentence once per run, whichever window it is in.
    A sentence translated without alignment is translated again when alignment is asked for."""

    def __init__(self, engine: Engine, limit: int) -> None:
        self.engine = engine
        self.limit = limit
        self.known: OrderedDict[tuple[str, int], tuple[bool, list[Hypothesis]]] = OrderedDict()

    def translate(
        self, texts: list[str], hypotheses: int = 1, align: bool = False
    ) -> list[list[Hypothesis]]:
        missing = [
            text for text in dict.fromkeys(texts) if not self._knows(text, hypotheses, align)
        ]
        if missing:
            found = self.engine.translate(missing, hypotheses, align)
            for text, result in zip(missing, found, strict=True):
                self.known[text, hypotheses] = (align, result)
        answers = [self.known[text, hypotheses][1] for text in texts]
        while len(self.known) > self.limit:
            self.known.popitem(last=False)
        return answers

    def _knows(self, text: str, hypotheses: int, align: bool) -> bool:
        entry = self.known.get((text, hypotheses))
        if entry is None or (align and not entry[0]):
            return False
        self.known.move_to_end((text, hypotheses))
        return True


def _remembering(engines: EngineProvider) -> EngineProvider:
    """``engines``, each engine it gives wrapped once for the run in a :class:`_Remembered`."""

    @functools.cache
    def remembered(model: InstalledModel, options: EngineOptions) -> Engine:
        return _Remembered(engines(model, options), REMEMBERED_SENTENCES)

    return remembered


def _copied(unit: str, language: str, target: str) -> TranslatedDocument:
    """A blank unit, "translated" as itself."""
    return TranslatedDocument(language, 0.0, target, unit, [], None, [])


def _names(item: Planned) -> tuple[str, str]:
    return str(item.input), str(item.output)


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def _failed(item: Planned, error: str, seconds: float) -> Row:
    return Row(*_names(item), Status.FAILED, error=error, seconds=round(seconds, 3))
