"""``translator tm``: the translation memory's import and export as TMX 1.4b files."""

from pathlib import Path
from typing import Annotated

import typer

from translator.cli.common import guarded
from translator.errors import InputError

app = typer.Typer(help="Translation memory: approved translations, reused before MT.")
LangOption = Annotated[str | None, typer.Option(help="Only this language (code).")]


@app.command("import")
@guarded
def import_command(
    path: Annotated[Path, typer.Argument(metavar="FILE.tmx", help="A TMX 1.4b file.")],
) -> None:
    """Add a TMX file's translation units to the memory (a sentence it has already takes the
    file's translation)."""
    from sqlmodel import Session

    from translator.store.db import ensure_schema, get_engine, writing
    from translator.tm.memory import record
    from translator.tm.tmx import read_tmx

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    units = read_tmx(data, path.name)
    ensure_schema()
    with Session(get_engine()) as session, writing(session):
        for unit in units:
            record(session, unit)
    pairs = sorted({f"{unit.source_lang}→{unit.target_lang}" for unit in units})
    typer.echo(f"imported {len(units)} translation units ({', '.join(pairs) or 'none'})")


@app.command("export")
@guarded
def export_command(
    path: Annotated[Path, typer.Argument(metavar="FILE.tmx", help="The TMX file to write.")],
    source: LangOption = None,
    target: LangOption = None,
) -> None:
    """Write the memory (or one language pair's part of it) to a TMX 1.4b file."""
    from sqlmodel import Session

    from translator.store.db import ensure_schema, get_engine
    from translator.tm.memory import units
    from translator.tm.tmx import write_tmx

    ensure_schema()
    with Session(get_engine()) as session:
        found = units(session, source, target)
    try:
        path.write_bytes(write_tmx(found, source))
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
    typer.echo(f"exported {len(found)} translation units to {path}")
