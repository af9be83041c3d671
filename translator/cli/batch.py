"""``translator batch``: translate files and folders, resumable, with progress and a report."""

import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from translator.cli.common import (
    GlossaryOption,
    NoGlossaryOption,
    NoNamesOption,
    NoTmOption,
    fail,
    guarded,
    memory_for,
)
from translator.engine.options import EngineOptions
from translator.glossary import library
from translator.pipeline import AUTO, DEFAULT_GLOSSARY

if TYPE_CHECKING:
    from translator.batch.paths import Planned
    from translator.jobs.client import JobsClient
    from translator.jobs.codec import FilesPlan


@guarded
def batch_command(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files, folders (recursive) or globs.")
    ],
    to: Annotated[str, typer.Option("--to", help="Target language code.")] = "en",
    out: Annotated[
        Path | None, typer.Option("--out", help="Mirror the inputs here (default: beside them).")
    ] = None,
    from_: Annotated[
        str, typer.Option("--from", help="Source language, or auto: detected per file.")
    ] = AUTO,
    glossary: GlossaryOption = None,
    no_glossary: NoGlossaryOption = False,
    no_names: NoNamesOption = False,
    no_tm: NoTmOption = False,
    format_: Annotated[
        str,
        typer.Option(
            "--format", help="auto (by suffix), txt, md, html, docx, srt, vtt, po or xliff."
        ),
    ] = AUTO,
    md_keys: Annotated[
        str,
        typer.Option("--md-keys", help="Markdown front matter keys to translate, comma-separated."),
    ] = "title,description",
    report: Annotated[
        Path | None, typer.Option("--report", help="Write one row per file: .csv or .jsonl.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Redo files that are up to date.")] = False,
    store: Annotated[
        bool,
        typer.Option("--store", help="Also import each file as an article (key: its path)."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON row per file on stdout.")
    ] = False,
    submit: Annotated[
        str | None,
        typer.Option(
            "--submit",
            metavar="URL",
            help="Translate on the server at URL (its job queue), not here.",
        ),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option("--key", envvar="TRANSLATOR_API_KEY", help="The server's API key (--submit)."),
    ] = None,
) -> None:
    """Translate files and folders into mirrored files; a rerun redoes only what changed.

    Exit 0 when every file is translated or up to date, 1 when any failed, 130 when stopped.
    """
    from translator.batch import formats
    from translator.batch.paths import plan
    from translator.batch.progress import Display
    from translator.batch.report import Status, check_report_path, render_report
    from translator.batch.run import BatchOptions, run_batch
    from translator.jobs.client import JobsClient, check_url
    from translator.jobs.codec import FilesPlan
    from translator.models.installed import installed_models

    if glossary and no_glossary:
        raise fail("give --glossary or --no-glossary, not both", 2)
    if format_ not in formats.names():
        raise fail(f"unknown --format {format_}; one of {', '.join(formats.names())}", 2)
    if report:
        check_report_path(report)
    spec = None if no_glossary else glossary or DEFAULT_GLOSSARY
    sources = {from_} if from_ != AUTO else {m.from_code for m in installed_models()}
    planned = plan(paths, to, frozenset(sources - {to}), out)
    keys = tuple(key.strip() for key in md_keys.split(",") if key.strip())
    if submit is not None:
        if force or store or no_tm or keys != formats.MD_KEYS:
            raise fail("--force, --store, --no-tm and --md-keys are not for --submit", 2)
        files = FilesPlan(source=from_, glossary=spec, names=not no_names, format=format_)
        _submit(JobsClient(check_url(submit), api_key), planned, to, files, report, quiet, as_json)
        return
    choice = library.choose(spec, files=True, fallback_pair=(from_ if from_ != AUTO else "uk", to))
    options = BatchOptions(
        to,
        from_,
        choice,
        format_,
        force,
        EngineOptions.from_env(),
        md_keys=keys,
        memory=memory_for(no_tm),
        names=not no_names,
    )
    sink = None
    if store:
        from translator.batch.store import StoreSink

        sink = StoreSink.open(choice, not no_names)
    stop: list[bool] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: stop.append(True))
    try:
        with Display(planned, quiet) as display:
            result = run_batch(planned, options, display, stop=lambda: bool(stop), sink=sink)
    finally:
        signal.signal(signal.SIGINT, previous)
    if report:
        report.write_text(render_report(result.rows, report), encoding="utf-8")
    if as_json:
        sys.stdout.write("".join(row.as_json() + "\n" for row in result.rows))
    display.finish(result.stopped)
    if result.stopped:
        raise typer.Exit(130)
    if any(row.status == Status.FAILED for row in result.rows):
        raise typer.Exit(1)


def _submit(
    client: "JobsClient",
    planned: "list[Planned]",
    to: str,
    files: "FilesPlan",
    report: Path | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """``--submit``: the planned files translated by the server's job queue, the outputs
    written and the rows shown as a local run writes and shows them."""
    from translator.batch.job_display import JobDisplay
    from translator.batch.remote import run_remote
    from translator.batch.report import Status, render_report

    with JobDisplay(planned, quiet) as display:
        result = run_remote(planned, client, to, files, display)
    if report:
        report.write_text(render_report(result.rows, report), encoding="utf-8")
    if as_json:
        sys.stdout.write("".join(row.as_json() + "\n" for row in result.rows))
    display.finish(result.rows)
    if any(row.status == Status.FAILED for row in result.rows):
        raise typer.Exit(1)
