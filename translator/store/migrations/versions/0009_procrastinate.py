"""The job queue on PostgreSQL: procrastinate's schema (``procrastinate_*``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

On PostgreSQL, ``translator worker`` processes take job items from procrastinate's tables
(:mod:`translator.jobs.queue`); the schema is procrastinate's own SQL
(``SchemaManager.get_schema()``), so it is the schema of the installed procrastinate (3.10): a
later procrastinate with schema changes needs a migration applying its SQL migrations. SQLite
has no queue (the server runs the items itself): nothing to do there. Autogenerate leaves these
objects alone (:func:`translator.store.db.is_unmodelled`).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "procrastinate_events",
    "procrastinate_periodic_defers",
    "procrastinate_jobs",
    "procrastinate_workers",
)
TYPES = (
    "procrastinate_job_to_defer_v1",
    "procrastinate_job_event_type",
    "procrastinate_job_status",
)
# every function named procrastinate_* in this schema (its triggers go with its tables)
DROP_FUNCTIONS = r"""
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.proname LIKE 'procrastinate\_%'
          AND p.pronamespace = current_schema()::regnamespace
    LOOP
        EXECUTE 'DROP FUNCTION ' || f::text;
    END LOOP;
END
$$
"""


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from procrastinate.schema import SchemaManager

    # the driver reads % as a placeholder sign: doubled, as procrastinate's own apply_schema does
    bind.exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {', '.join(TABLES)} CASCADE")
    bind.exec_driver_sql(DROP_FUNCTIONS.replace("%", "%%"))
    bind.exec_driver_sql(f"DROP TYPE IF EXISTS {', '.join(TYPES)}")
