"""Run a batch: read files a window at a time, translate them together, write them back.

All files share the engine: the units of every file in a window go to :func:`translate_documents`
together (one call per source language), so each distinct sentence of the window is translated
once and the engine gets full batches. A window holds a bounded number of files and bytes, so
memory does not grow with the number of files. A file whose input and settings match its
manifest entry, and whose output exists, is skipped. Outputs are written whole (temporary file,
then rename) once their window is translated, then the manifest is saved: killed at any moment,
a rerun finds every output complete or absent and makes again whatever is not recorded.
"""

import functools
import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from translator.batch.atomic import write_atomic
from translator.batch.formats import MD_KEYS, Document, Format, ReadOptions, format_for
from translator.batch.manifest import Entry, Manifest, Settings
from translator.batch.paths import Planned
from translator.batch.report import Row, Status
from translator.detect import detect
from translator.engine.ctranslate import pair_engine
from translator.engine.options import EngineOptions
from translator.errors import TranslatorError, UndeterminedLanguage
from translator.pipeline import (
    AUTO,
    DEFAULT_GLOSSARY,
    UNDETERMINED,
    EngineProvider,
    GlossaryChoice,
    TranslatedDocument,
    TranslatedSegment,
    resolve_route,
    translate_documents,
)

# Files are translated together until a window holds this many characters or files: enough for
# full engine batches (see translator.stream.WINDOW_BYTES), some tens of MB of pipeline state.
# A file is read whole, so a file larger than this is a window of its own.
WINDOW_CHARS = 256 * 1024
WINDOW_FILES = 64
SAMPLE_LETTERS = 200


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
    window_chars: int = WINDOW_CHARS
    window_files: int = WINDOW_FILES


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
    """The rows of the files handled, and whether the run stopped before the end."""

    rows: list[Row]
    stopped: bool = False


@dataclass
class _Loaded:
    planned: Planned
    format: Format
    digest: str
    document: Document
    language: str
    seconds: float


def run_batch(
    planned: Sequence[Planned],
    options: BatchOptions,
    progress: Callable[[Row], None] = lambda row: None,
    engines: EngineProvider = pair_engine,
    stop: Callable[[], bool] = lambda: False,
    sink: FileSink | None = None,
) -> BatchResult:
    """Translate every planned file; ``progress`` gets each row as it is made, the result
    has them in the order of ``planned``.

    ``stop`` is asked after each window; when it says so the run ends there (``stopped``).
    ``sink``: given each file translated, after its output is written.
    """
    batch = _Batch(options, progress, engines, sink)
    window: list[_Loaded] = []
    size = 0
    for item in planned:
        loaded = batch.load(item)
        if loaded is None:
            continue
        window.append(loaded)
        size += sum(len(unit) for unit in loaded.document.units)
        if size >= options.window_chars or len(window) >= options.window_files:
            batch.translate(window)
            window, size = [], 0
            if stop():
                return BatchResult(_ordered(batch.rows, planned), len(batch.rows) < len(planned))
    batch.translate(window)
    return BatchResult(_ordered(batch.rows, planned))


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
        self.routes = functools.cache(functools.partial(resolve_route, glossary=options.glossary))
        self.read_options = ReadOptions(options.target, options.force, options.md_keys)
        self.manifests: dict[Path, Manifest] = {}
        self.rows: list[Row] = []

    def load(self, item: Planned) -> _Loaded | None:
        """The file read and ready to translate; None when it is done with (skipped, failed)."""
        started = time.perf_counter()
        if item.error:
            return self._emit(_failed(item, item.error, started))
        try:
            fmt = format_for(item.input, self.options.format)
            data = item.input.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if self._up_to_date(item, fmt, digest):
                language = self._manifest(item).entries[item.key].settings.source_language
                return self._emit(
                    Row(*_names(item), Status.SKIPPED, language, seconds=_since(started))
                )
            document = fmt.read(data, str(item.input), self.read_options)
            language = self._language(document)
        except TranslatorError as exc:
            return self._emit(_failed(item, exc.message, started))
        except OSError as exc:
            return self._emit(_failed(item, f"cannot read ({exc.strerror})", started))
        return _Loaded(item, fmt, digest, document, language, time.perf_counter() - started)

    def translate(self, window: list[_Loaded]) -> None:
        """Translate the window's files together, write each, record them in the manifest."""
        if not window:
            return
        for language in dict.fromkeys(loaded.language for loaded in window):
            group = [loaded for loaded in window if loaded.language == language]
            self._translate_group(group, language)
        for root in dict.fromkeys(loaded.planned.root for loaded in window):
            self.manifests[root].save()

    def _translate_group(self, group: list[_Loaded], language: str) -> None:
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
            )
        except TranslatorError as exc:
            for loaded in group:
                self._emit(_failed(loaded.planned, exc.message, time.perf_counter()))
            return
        share = (time.perf_counter() - began) / max(1, sum(len(t) for t in texts))
        results = iter(documents)
        for loaded in group:
            writing = time.perf_counter()
            translations: list[TranslatedDocument] = []
            segments: list[TranslatedSegment] = []
            for unit in loaded.document.units:
                if unit.strip():
                    document = next(results)
                    translations.append(document)
                    segments += document.segments
                else:
                    translations.append(_copied(unit, language, self.options.target))
            characters = sum(len(unit) for unit in loaded.document.units)
            rendered = loaded.document.render(translations)
            try:
                write_atomic(loaded.planned.output, rendered.data)
                if self.sink is not None:
                    self.sink(loaded.planned, language, loaded.document, translations)
            except OSError as exc:
                error = f"cannot write {loaded.planned.output} ({exc.strerror})"
                self._emit(_failed(loaded.planned, error, writing))
                continue
            except TranslatorError as exc:
                self._emit(_failed(loaded.planned, exc.message, writing))
                continue
            settings = self._settings(language, loaded.format.name)
            self._manifest(loaded.planned).entries[loaded.planned.key] = Entry(
                str(loaded.planned.input), loaded.digest, settings
            )
            seconds = loaded.seconds + share * characters + time.perf_counter() - writing
            self._emit(
                Row(
                    *_names(loaded.planned),
                    Status.DONE,
                    language,
                    sentences=len(segments),
                    characters=characters,
                    glossary_hits=sum(len(s.terms.found) for s in segments),
                    terms_missing=sum(len(s.terms.missing) for s in segments),
                    qa_flags=sum(len(s.qa) for s in segments),
                    fallbacks=rendered.fallbacks,
                    seconds=round(seconds, 3),
                )
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
                "cannot tell the source language of this text; give it with --from"
            )
        return language

    def _settings(self, language: str, format_name: str) -> Settings:
        """Everything besides the input that makes the output of a file in ``language``."""
        models, glossary = [], None
        if language != UNDETERMINED:
            chosen = self.routes(language, self.options.target)
            models, glossary = chosen.models, chosen.glossary
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
        if item.root not in self.manifests:
            self.manifests[item.root] = Manifest(item.root)
        return self.manifests[item.root]

    def _emit(self, row: Row) -> None:
        self.rows.append(row)
        self.progress(row)


def _copied(unit: str, language: str, target: str) -> TranslatedDocument:
    """A blank unit, "translated" as itself."""
    return TranslatedDocument(language, 0.0, target, unit, [], None, [])


def _ordered(rows: list[Row], planned: Sequence[Planned]) -> list[Row]:
    position = {str(item.input): n for n, item in enumerate(planned)}
    return sorted(rows, key=lambda row: position[row.input])


def _names(item: Planned) -> tuple[str, str]:
    return str(item.input), str(item.output)


def _since(started: float) -> float:
    return round(time.perf_counter() - started, 3)


def _failed(item: Planned, error: str, started: float) -> Row:
    return Row(*_names(item), Status.FAILED, error=error, seconds=_since(started))
