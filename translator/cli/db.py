"""``translator db``: the article database's schema."""

import typer

from translator.cli.common import guarded

app = typer.Typer()


@app.callback()
def callback() -> None:
    """The article database: TRANSLATOR_DATABASE_URL, else TRANSLATOR_HOME/translator.db."""


@app.command("upgrade")
@guarded
def upgrade_command() -> None:
    """Create the schema, or migrate it to the newest version."""
    from translator.store import db

    before = db.current_revision()
    db.upgrade()
    after = db.current_revision()
    state = "already at" if before == after else "upgraded to"
    typer.echo(f"{db.display_url()}: {state} revision {after}")
