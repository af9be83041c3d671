"""``translator keys``: API keys. Once one was created, writes and /translate require an active
key, even after every key is revoked, unless ``TRANSLATOR_OPEN_ACCESS=true``."""

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from translator.cli.common import guarded, print_json

if TYPE_CHECKING:
    from sqlmodel import Session

app = typer.Typer(help="API keys for the HTTP server.")


def _session() -> "Session":
    from sqlmodel import Session

    from translator.store.db import ensure_schema, get_engine

    ensure_schema()
    return Session(get_engine())


@app.command("create")
@guarded
def create(label: Annotated[str, typer.Argument(help="Who or what the key is for.")]) -> None:
    """Create a key and print its secret (shown once; only its hash is stored)."""
    from translator.store import keys

    with _session() as session:
        key, secret = keys.create_key(session, label)
    typer.echo(f"{secret}\t(id {key.id}, {key.label})")


@app.command("list")
@guarded
def list_command(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every key: id, prefix, label, created, revoked."""
    from translator.store import keys

    with _session() as session:
        found = keys.list_keys(session)
    if as_json:
        print_json([k.model_dump(mode="json") for k in found])
        return
    for k in found:
        state = f"revoked {k.revoked_at:%Y-%m-%d}" if k.revoked_at else "active"
        typer.echo(f"{k.id}\t{k.prefix}…\t{k.label}\t{state}")


@app.command("revoke")
@guarded
def revoke(key: Annotated[str, typer.Argument(help="Key id or prefix.")]) -> None:
    """Revoke a key. With no active key left, writes stay closed (see TRANSLATOR_OPEN_ACCESS)."""
    from translator.store import keys

    with _session() as session:
        revoked = keys.revoke_key(session, key)
        none_left = not keys.any_active_keys(session)
    typer.echo(f"revoked {revoked.id} ({revoked.label})")
    if none_left:
        sys.stderr.write(
            "warning: no API key is active: writes stay closed until a key is created"
            " (translator keys create) or TRANSLATOR_OPEN_ACCESS=true is set\n"
        )
