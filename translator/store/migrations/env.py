"""Alembic environment: runs the migrations on the connection :mod:`translator.store.db` passes.

SQLite gets batch mode (``render_as_batch``): it alters a table by copying it. The full-text
search objects (``search_*``) and procrastinate's queue (``procrastinate_*``, PostgreSQL) are the
migrations' own, outside the models: autogenerate skips them.
"""

from alembic import context
from sqlmodel import SQLModel

from translator.jobs import models as job_models  # noqa: F401  (registers the job tables)
from translator.store import models  # noqa: F401  (registers the tables in the metadata)
from translator.store.db import is_unmodelled

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=lambda name, _type, _parents: not is_unmodelled(name),
)
with context.begin_transaction():
    context.run_migrations()
