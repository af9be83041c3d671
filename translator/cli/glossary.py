"""``translator glossary``: list, show, check, import, export, suggest."""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from translator.cli.common import GlossaryOption as DefaultGlossaryOption
from translator.cli.common import NoGlossaryOption, fail, guarded, print_json
from translator.glossary import library
from translator.glossary.formats import dump_glossary
from translator.glossary.match import index_for
from translator.textio import STDIN, read_source

app = typer.Typer(help="Domain glossaries: terms that must come out the same in every case.")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
GlossaryOption = Annotated[str, typer.Option("--glossary", "-g", help="Glossary name or file.")]


@app.command("list")
@guarded
def list_command(as_json: JsonOption = False) -> None:
    """Shipped and imported glossaries."""
    infos = library.list_glossaries()
    if as_json:
        print_json([info.as_dict() for info in infos])
        return
    for info in infos:
        typer.echo(
            f"{info.name}\t{info.source_lang}→{info.target_lang}\t{info.entries} entries"
            f"\t{info.origin}"
        )


@app.command("show")
@guarded
def show_command(name: str, as_json: JsonOption = False) -> None:
    """The entries of a glossary."""
    glossary = library.resolve(name)
    if as_json:
        print_json(
            [{"source": e.source, "target": e.target, "note": e.note} for e in glossary.entries]
        )
        return
    sys.stdout.write(dump_glossary(glossary, "tsv"))


@app.command("check")
@guarded
def check_command(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for stdin.")] = STDIN,
    glossary: GlossaryOption = "",
    from_: Annotated[str, typer.Option("--from", help="Source language of the text.")] = "uk",
    to: Annotated[str, typer.Option("--to", help="Target language of the glossary.")] = "en",
    as_json: JsonOption = False,
) -> None:
    """Find glossary terms in a text, in any inflected form (one match per line).

    A glossary file whose name and contents state no language pair is taken as --from → --to.
    """
    chosen = (
        library.resolve(glossary, fallback_pair=(from_, to))
        if glossary
        else library.default_for(from_, to)
    )
    if chosen is None:
        raise typer.BadParameter("give a glossary with --glossary NAME|FILE")
    text = read_source(source)
    lines = []
    for match in index_for(chosen).find(text):
        if as_json:
            row = {
                "start": match.start,
                "end": match.end,
                "surface": match.surface,
                "source": match.entry.source,
                "target": match.entry.target,
            }
            lines.append(json.dumps(row, ensure_ascii=False))
        else:
            lines.append(
                f"{match.start}-{match.end}\t{match.surface}\t{match.entry.source}"
                f" → {match.entry.target}"
            )
    if lines:
        sys.stdout.write("\n".join(lines) + "\n")


@app.command("import")
@guarded
def import_command(
    path: Path,
    name: Annotated[str | None, typer.Option("--name", help="Name to store it under.")] = None,
) -> None:
    """Import a TSV (DeepL), CSV (DeepL) or TBX glossary into TRANSLATOR_HOME."""
    info = library.import_file(path, name=name)
    typer.echo(
        f"imported {info.name} ({info.source_lang}→{info.target_lang}, {info.entries} entries)"
    )


@app.command("export")
@guarded
def export_command(
    name: str,
    fmt: Annotated[str, typer.Option("--format", help="tsv or tbx.")] = "tsv",
) -> None:
    """Write a glossary to stdout as TSV or TBX."""
    sys.stdout.write(dump_glossary(library.resolve(name), fmt))


@app.command("suggest")
@guarded
def suggest_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE", help="Ukrainian documents: txt, md, html, docx, srt, vtt, po, xliff."
        ),
    ],
    min_count: Annotated[
        int, typer.Option("--min-count", min=1, help="List what occurs at least N times.")
    ] = 1,
    format_: Annotated[
        str,
        typer.Option(
            "--format", help="auto (by suffix), txt, md, html, docx, srt, vtt, po or xliff."
        ),
    ] = "auto",
    as_json: JsonOption = False,
    glossary: DefaultGlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
) -> None:
    """Suggest glossary entries: the names and capitalised terms no glossary covers.

    TSV for `glossary import`: lemma, romanisation, kind · count · forms. Terms are commented out.
    """
    from dataclasses import asdict

    from translator.batch import formats
    from translator.names.suggest import (
        SOURCE_LANG,
        TARGET_LANG,
        glossary_for,
        read_document,
        suggest,
        to_tsv,
    )

    if glossary and no_glossary:
        raise fail("give --glossary or --no-glossary, not both", 2)
    if format_ not in formats.names():
        raise fail(f"unknown --format {format_}; one of {', '.join(formats.names())}", 2)
    spec = None if no_glossary else glossary or library.DEFAULT_GLOSSARY
    pair = (SOURCE_LANG, TARGET_LANG)
    choice = library.choose(spec, *pair, files=True, fallback_pair=pair)
    documents = [read_document(path, format_) for path in files]
    rows = suggest(documents, glossary_for(choice), min_count)
    if as_json:
        print_json([asdict(row) for row in rows])
        return
    sys.stdout.write(to_tsv(rows))
