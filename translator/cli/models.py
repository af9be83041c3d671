"""``translator models``: list, available, install (index or file), ensure, remove.

The download and install code (urllib, rich's progress bars) is imported inside the commands
that use it, so that ``translator translate`` does not pay for it at start-up.
"""

from pathlib import Path
from typing import Annotated

import typer

from translator.cli.common import fail, guarded, print_json
from translator.errors import IndexUnreachable
from translator.models.installed import InstalledModel, find_model, installed_models
from translator.settings import env_name, load_settings

app = typer.Typer(help="Install, list and remove translation models (Argos packages).")
MODEL_ENV = env_name("model")
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command("list")
@guarded
def list_models(as_json: JsonOption = False) -> None:
    """Installed models."""
    models = installed_models()
    if as_json:
        print_json([m.as_dict() for m in models])
        return
    if not models:
        typer.echo("no models installed (translator models install uk en)")
    for m in models:
        typer.echo(f"{m.from_code}\t{m.to_code}\t{m.package_version}\t{m.from_name} → {m.to_name}")


@app.command("available")
@guarded
def available(as_json: JsonOption = False) -> None:
    """Models in the Argos package index (needs the network)."""
    from rich.console import Console
    from rich.table import Table

    from translator.models import index

    packages = [p for p in index.available_packages() if p.type == "translate"]
    rows = [
        {
            "from": p.from_code,
            "to": p.to_code,
            "version": p.package_version,
            "from_name": p.from_name,
            "to_name": p.to_name,
        }
        for p in sorted(packages, key=lambda p: (p.from_code, p.to_code))
    ]
    if as_json:
        print_json(rows)
        return
    table = Table("from", "to", "version", "languages")
    for row in rows:
        table.add_row(
            row["from"], row["to"], row["version"], f"{row['from_name']} → {row['to_name']}"
        )
    Console().print(table)


@app.command("install")
@guarded
def install_model(
    source: Annotated[str, typer.Argument(help="FILE.argosmodel, or a source language code.")],
    target: Annotated[str | None, typer.Argument(help="Target language code.")] = None,
) -> None:
    """Install from a local .argosmodel file (offline) or from the Argos index: install uk en."""
    from translator.models import install

    if target is None:
        if not Path(source).exists():
            raise fail(f"{source}: no such file (to download, give two language codes: uk en)", 2)
        _report(install.install_file(Path(source)))
        return
    _report(_download(source, target))


@app.command("ensure")
@guarded
def ensure(source: str, target: str) -> None:
    """Make sure a pair is installed: keep it, else install $TRANSLATOR_MODEL, else download."""
    from translator.models import install

    if find_model(source, target):
        return
    local = load_settings().model
    if local:
        _report(install.install_file(local))
        return
    try:
        _report(_download(source, target))
    except IndexUnreachable as exc:
        raise fail(
            f"no {source}→{target} model installed, ${MODEL_ENV} is not set, and {exc}"
        ) from None


@app.command("remove")
@guarded
def remove(source: str, target: str) -> None:
    """Remove the installed model for a pair."""
    from translator.models import install

    model = install.remove(source, target)
    typer.echo(f"removed {model.pair}")


def _download(source: str, target: str) -> InstalledModel:
    """Install from the index, with a progress bar when stderr is a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from translator.models import index

    console = Console(stderr=True)
    if not console.is_terminal:
        return index.install_from_index(source, target)
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(f"{source}→{target}", total=None)

        def advance(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        return index.install_from_index(source, target, advance)


def _report(model: InstalledModel) -> None:
    typer.echo(
        f"installed {model.pair} ({model.from_name} → {model.to_name}) {model.package_version}"
    )
