"""The article database: URLs, SQLite settings, migrations, ``translator db upgrade``."""

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel
from typer.testing import CliRunner

from translator.cli.db import app as db_app
from translator.errors import DatabaseError
from translator.jobs import models as job_models  # noqa: F401  (the job tables, in the metadata)
from translator.store import db


def test_the_migrated_schema_matches_the_models(database: str) -> None:
    assert db.current_revision() is None
    db.ensure_schema()
    assert db.current_revision() == db.head_revision()
    db.ensure_schema()  # already at head: nothing to do
    with db.get_engine().connect() as connection:
        opts = {
            "compare_type": True,
            "include_name": lambda name, _type, _parents: not db.is_unmodelled(name),
        }
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, SQLModel.metadata) == []
    assert set(sa.inspect(db.get_engine()).get_table_names()) >= {
        "article",
        "version",
        "segment",
        "segment_translation",
        "api_key",
        "alembic_version",
    }


def test_cli_upgrade(database: str) -> None:
    runner = CliRunner()
    first = runner.invoke(db_app, ["upgrade"])
    assert first.exit_code == 0, first.output
    assert first.stdout.endswith(f"upgraded to revision {db.head_revision()}\n")
    again = runner.invoke(db_app, ["upgrade"])
    assert again.stdout.endswith(f"already at revision {db.head_revision()}\n")


def test_sqlite_is_a_wal_file_in_translator_home(home: Path) -> None:
    assert db.database_url() == f"sqlite:///{home / 'translator.db'}"
    assert not home.exists()  # nothing is created until the engine is
    try:
        db.ensure_schema()
        with db.get_engine().connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("SELECT lower('КИЇВ')").scalar() == "київ"
        assert (home / "translator.db").is_file()
    finally:
        db.dispose_engines()


def test_url_conventions(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv(db.DATABASE_URL_ENV, "postgresql://news:secret@db.example:5432/news")
    assert db.database_url() == "postgresql+psycopg://news:secret@db.example:5432/news"
    assert db.display_url() == "postgresql+psycopg://news:***@db.example:5432/news"
    assert db.normalise_url("postgres://db/news") == "postgresql+psycopg://db/news"
    assert db.normalise_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"


def test_an_unreachable_database_is_one_line(home: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    try:
        with pytest.raises(
            DatabaseError, match=r"^cannot open the database .*127\.0\.0\.1:1"
        ) as exc:
            db.ensure_schema(url)
        assert "\n" not in str(exc.value)
        with pytest.raises(DatabaseError, match="not a usable database URL"):
            db.get_engine("not a url")
    finally:
        db.dispose_engines()
