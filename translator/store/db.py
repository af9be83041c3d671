"""Where the article store lives, and its schema migrations.

The database is ``TRANSLATOR_DATABASE_URL`` if set (PostgreSQL:
``postgresql+psycopg://user:password@host:5432/name``; a plain ``postgresql://`` or
``postgres://`` URL gets the psycopg driver), else the SQLite file
``TRANSLATOR_HOME/translator.db``. SQLite connections run in WAL mode with foreign keys on, and
``lower()`` (hence ``ilike``) folds case beyond ASCII as PostgreSQL does.

Transactions: :func:`writing` opens a write transaction, which on SQLite is ``BEGIN IMMEDIATE``
(the write lock is taken at the start, so two writers never interleave a read and a write and
a writer waits up to the busy timeout instead of failing half-way); :func:`reading` ends with
the connection back in the pool. Pool size, overflow and timeout and SQLite's busy timeout come
from :class:`~translator.settings.Settings`.

The schema is managed by the Alembic migrations in ``migrations/``, configured here in code (no
``alembic.ini``); Alembic is imported only when migrating. Nothing touches the database at
import.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import Session

from translator import home
from translator.errors import DatabaseError
from translator.settings import env_name, load_settings

if TYPE_CHECKING:
    import sqlite3

    from alembic.config import Config

DATABASE_URL_ENV = env_name("database_url")
MIGRATIONS = Path(__file__).parent / "migrations"
SEARCH_PREFIX = "search_"  # full-text tables and indexes the migrations keep outside the models
QUEUE_PREFIX = "procrastinate_"  # the job queue's tables on PostgreSQL (procrastinate's schema)
_WRITE = "translator_write"  # execution option: this transaction writes (SQLite: IMMEDIATE)

_engines: dict[str, sa.Engine] = {}


def database_url() -> str:
    """The configured database URL (see the module docstring)."""
    explicit = (load_settings().database_url or "").strip()
    if explicit:
        return normalise_url(explicit)
    return f"sqlite:///{home.database_file()}"


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
def writing(session: Session) -> Iterator[Session]:
    """A write transaction on ``session``, committed at the end or rolled back on any error.

    Whatever transaction the session had is ended first, so everything read inside is read
    after the write lock (SQLite) or the row locks the block takes (PostgreSQL).
    """
    session.rollback()
    session.connection(execution_options={_WRITE: True})
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


@contextmanager
def reading(session: Session) -> Iterator[Session]:
    """A read transaction on ``session``, ended (connection back in the pool) at the end."""
    try:
        yield session
    finally:
        session.rollback()


def is_search_object(name: str | None) -> bool:
    """Whether a table or index is one of the migrations' full-text objects (no model has it)."""
    return bool(name and name.startswith(SEARCH_PREFIX))


def is_unmodelled(name: str | None) -> bool:
    """Whether a table or index is one the migrations create outside the models, which
    autogenerate must leave alone: the full-text objects and procrastinate's queue."""
    return is_search_object(name) or bool(name and name.startswith(QUEUE_PREFIX))


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
    settings = load_settings()
    parsed = sa.make_url(url)
    in_memory = parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")
    pool = (
        {}
        if in_memory
        else {
            "pool_size": settings.db_pool_size,
            "max_overflow": settings.db_pool_overflow,
            "pool_timeout": settings.db_pool_timeout,
        }
    )
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, **pool)
    if not in_memory:
        home.ensure(Path(str(parsed.database)).parent)
    engine = sa.create_engine(url, **pool)
    busy_ms = round(settings.db_busy_timeout * 1000)

    def configure(connection: "sqlite3.Connection", _record: Any) -> None:
        _configure_sqlite(connection, busy_ms)

    sa.event.listen(engine, "connect", configure)
    sa.event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(connection: "sqlite3.Connection", busy_ms: int) -> None:
    """Per connection: WAL journal, enforced foreign keys, a wait on locks, Unicode lower(),
    and transactions begun by :func:`_begin_sqlite` rather than by the driver."""
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()
    connection.create_function("lower", 1, _lower, deterministic=True)


def _begin_sqlite(connection: sa.Connection) -> None:
    """``BEGIN IMMEDIATE`` for a write transaction (see :func:`writing`), else ``BEGIN``."""
    immediate = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _lower(value: str | None) -> str | None:
    return value.lower() if isinstance(value, str) else value


def _alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@contextmanager
def scratch_postgres(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on the server at ``server_url`` (named ``prefix`` and a
    random suffix); yields its URL and drops it afterwards, whoever still uses it. For tests,
    benchmarks and probes."""
    admin_url = sa.make_url(normalise_url(server_url))
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
