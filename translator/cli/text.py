"""``translator detect``, ``segment`` and ``translate``: text in, text or JSON out."""

import json
import sys
from collections.abc import Iterable
from dataclasses import asdict
from typing import Annotated

import typer

from translator.cli.common import (
    GlossaryOption,
    NoGlossaryOption,
    NoNamesOption,
    NoTmOption,
    guarded,
    memory_for,
    print_json,
)
from translator.detect import detect
from translator.engine.options import EngineOptions
from translator.errors import UndeterminedLanguage
from translator.glossary import library
from translator.pipeline import AUTO, DEFAULT_GLOSSARY, TranslatedDocument
from translator.segment import segment
from translator.stream import WINDOW_BYTES, join, translate_stream
from translator.textio import STDIN, read_source, read_windows

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
FileArg = Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")]


@guarded
def detect_command(
    text: Annotated[
        str, typer.Argument(help="The text itself (a file with --each-line); - reads stdin.")
    ] = STDIN,
    each_line: Annotated[
        bool, typer.Option("--each-line", help="Detect every line of FILE (or stdin) apart.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Detect the language of a text: ISO 639-1 code (``und`` when it cannot tell)."""
    if each_line:
        lines = read_source(text).splitlines()
    else:
        lines = [read_source(STDIN) if text == STDIN else text]
    out = []
    for line in lines:
        result = detect(line)
        if as_json:
            out.append(json.dumps({"language": result.language, "confidence": result.confidence}))
        else:
            out.append(f"{result.language}\t{result.confidence:.2f}")
    if out:
        sys.stdout.write("\n".join(out) + "\n")


@guarded
def segment_command(
    source: FileArg = STDIN,
    lang: Annotated[str, typer.Option("--lang", help="Language of the text.")] = "uk",
    as_json: JsonOption = False,
) -> None:
    """Split a text into sentences: one per line, a blank line between paragraphs."""
    segments = segment(read_source(source), lang)
    if as_json:
        print_json([asdict(s) for s in segments])
        return
    lines: list[str] = []
    paragraph = 0
    for seg in segments:
        if lines and seg.paragraph != paragraph:
            lines.append("")
        lines.append(seg.text)
        paragraph = seg.paragraph
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")


@guarded
def translate_command(
    source: FileArg = STDIN,
    to: Annotated[str, typer.Option("--to", help="Target language code.")] = "en",
    from_: Annotated[
        str,
        typer.Option(
            "--from",
            help=f"Source language, or auto: detected from the first {WINDOW_BYTES // 1024} KiB"
            " of text with letters.",
        ),
    ] = AUTO,
    alternatives: Annotated[
        int, typer.Option("--alternatives", min=0, max=10, help="N-best alternatives per sentence.")
    ] = 0,
    beam_size: Annotated[int | None, typer.Option("--beam", min=1, help="Beam size.")] = None,
    threads: Annotated[int | None, typer.Option("--threads", min=0, help="CPU threads.")] = None,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_names: NoNamesOption = False,
    no_tm: NoTmOption = False,
    as_json: JsonOption = False,
) -> None:
    """Translate a text file offline, keeping its paragraph layout and glossary terms.

    Works through it 64 KiB of whole lines at a time: memory stays flat, output starts early.
    Sentences the store's translation memory knows take their approved translations.
    """
    options = EngineOptions.from_env(beam_size=beam_size, intra_threads=threads)
    spec = None if no_glossary else glossary or DEFAULT_GLOSSARY
    fallback = (from_ if from_ != AUTO else "uk", to)
    choice = library.choose(spec, files=True, fallback_pair=fallback)
    windows = read_windows(source, WINDOW_BYTES)
    pieces = translate_stream(
        windows,
        to,
        from_,
        alternatives,
        options,
        choice,
        memory=memory_for(no_tm),
        names=not no_names,
    )
    try:
        if as_json:
            document = join(pieces)
            payload = asdict(document)
            payload["confidence"] = round(document.confidence, 2)
            print_json(payload)
        else:
            _write_text(pieces)
    except UndeterminedLanguage as exc:
        raise UndeterminedLanguage(f"{exc.message}; give it with --from") from None


def _write_text(pieces: Iterable[TranslatedDocument]) -> None:
    """Write each piece as it comes; end the text with a line break (an empty one: nothing)."""
    last = ""
    for piece in pieces:
        if piece.text:
            sys.stdout.write(piece.text)
            sys.stdout.flush()
            last = piece.text
    if last and not last.endswith("\n"):
        sys.stdout.write("\n")
        sys.stdout.flush()
