"""Where the article store lives, and its schema migrations.

The database is ``TRANSLATOR_DATABASE_URL`` if set (PostgreSQL:
``postgresql+psycopg://user:password@host:5432/name``; a plain ``postgresql://`` or
``postgres://`` URL gets the psycopg driver), else the SQLite file
``TRANSLATOR_HOME/translator.db``. SQLite connections run in WAL mode with foreign keys on, and
``lower()`` (hence ``ilike``) folds case beyond ASCII as PostgreSQL does.

The schema is managed by the Alembic migrations in ``migrations/``, configured here in code (no
``alembic.ini``); Alembic is imported only when migrating. Nothing touches the database at
import.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from translator import home
from translator.errors import DatabaseError

if TYPE_CHECKING:
    import sqlite3

    from alembic.config import Config

DATABASE_URL_ENV = "TRANSLATOR_DATABASE_URL"
MIGRATIONS = Path(__file__).parent / "migrations"

_engines: dict[str, sa.Engine] = {}


def database_url() -> str:
    """The configured database URL (see the module docstring)."""
    explicit = os.environ.get(DATABASE_URL_ENV, "").strip()
    if explicit:
        return normalise_url(explicit)
    return f"sqlite:///{home.home() / 'translator.db'}"


def normalise_url(url: str) -> str:
    """``url``, with the psycopg (3) driver if it is a PostgreSQL URL without a driver."""
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def get_engine(url: str | None = None) -> sa.Engine:
    """The engine for ``url`` (default: :func:`database_url`), one per URL per process.

    For a SQLite file, its folder is created here.
    """
    with _opening(url):
        url = normalise_url(url) if url else database_url()
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _create_engine(url)
    return engine


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines."""
    while _engines:
        _engines.popitem()[1].dispose()


def upgrade(url: str | None = None) -> None:
    """Migrate the database to the newest migration."""
    from alembic import command

    engine = get_engine(url)
    with _opening(url), engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(url: str | None = None) -> str | None:
    """The migration the database is at (None: not created yet)."""
    from alembic.runtime.migration import MigrationContext

    engine = get_engine(url)
    with _opening(url), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest migration."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "no migrations"
    return head


def ensure_schema(url: str | None = None) -> None:
    """Create the schema in an empty database, or migrate an older one, to the newest."""
    if current_revision(url) != head_revision():
        upgrade(url)


def display_url(url: str | None = None) -> str:
    """The database URL with any password hidden, for messages."""
    return sa.make_url(url or database_url()).render_as_string(hide_password=True)


@contextmanager
def _opening(url: str | None) -> Iterator[None]:
    """Turn a bad URL, a missing driver or an unreachable database into a ``DatabaseError``."""
    try:
        yield
    except sa.exc.ArgumentError as exc:
        raise DatabaseError(f"not a usable database URL: {exc}") from exc
    except ImportError as exc:
        raise DatabaseError(f"the database driver is not installed: {exc}") from exc
    except sa.exc.OperationalError as exc:
        reason = (str(exc.orig).strip() or str(exc)).splitlines()[0]
        raise DatabaseError(f"cannot open the database {display_url(url)}: {reason}") from exc


def _create_engine(url: str) -> sa.Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        home.ensure(Path(parsed.database).parent)
    engine = sa.create_engine(url)
    sa.event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(connection: "sqlite3.Connection", _record: Any) -> None:
    """Per connection: WAL journal, enforced foreign keys, a wait on locks, Unicode lower()."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
    connection.create_function("lower", 1, _lower, deterministic=True)


def _lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def _alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config
