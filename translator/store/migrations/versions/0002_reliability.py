"""Row versions that never repeat within a version, idempotency keys, full-text search.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

* ``version.row_version``: a per-version counter. Existing segment translations are renumbered
  1..n within their version (in segment order) and the counter set to n, so that no two rows of
  a version share a row version (an editor holding an old one gets a conflict, not a wrong row).
* ``idempotency_key``: responses of creating POSTs, by scope and key.
* Search: SQLite gets FTS5 trigram indexes over the titles and bodies of articles and versions
  (external content, kept current by triggers); PostgreSQL gets pg_trgm GIN indexes, which
  serve ``ILIKE '%…%'``. Their names start with ``search_``: they are not in the models.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
SEARCHED = ("article", "version")  # tables whose title and body are searched


def upgrade() -> None:
    with op.batch_alter_table("version") as batch:
        batch.add_column(sa.Column("row_version", sa.Integer(), nullable=False, server_default="0"))
    _renumber_row_versions()
    op.create_table(
        "idempotency_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_key")),
        sa.UniqueConstraint("scope", "key", name=op.f("uq_idempotency_key_scope_key")),
    )
    op.create_index(op.f("ix_idempotency_key_created_at"), "idempotency_key", ["created_at"])
    if op.get_bind().dialect.name == "sqlite":
        for table in SEARCHED:
            _create_fts(table)
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table in SEARCHED:
            for column in ("title", "body"):
                op.execute(
                    f"CREATE INDEX search_{table}_{column} ON {table} "
                    f"USING gin ({column} gin_trgm_ops)"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in SEARCHED:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER search_{table}_{event}")
            op.execute(f"DROP TABLE search_{table}")
    else:
        for table in SEARCHED:
            for column in ("title", "body"):
                op.execute(f"DROP INDEX search_{table}_{column}")
    op.drop_index(op.f("ix_idempotency_key_created_at"), table_name="idempotency_key")
    op.drop_table("idempotency_key")
    with op.batch_alter_table("version") as batch:
        batch.drop_column("row_version")


def _renumber_row_versions() -> None:
    op.execute(
        """
        UPDATE segment_translation SET row_version = (
            SELECT COUNT(*) FROM segment_translation AS other
            JOIN segment AS other_segment ON other_segment.id = other.segment_id
            JOIN segment AS this_segment ON this_segment.id = segment_translation.segment_id
            WHERE other.version_id = segment_translation.version_id
              AND other_segment.position <= this_segment.position
        )
        """
    )
    op.execute(
        """
        UPDATE version SET row_version = (
            SELECT COUNT(*) FROM segment_translation WHERE version_id = version.id
        )
        """
    )


def _create_fts(table: str) -> None:
    """An FTS5 trigram index over ``table``'s title and body, and the triggers keeping it."""
    fts = f"search_{table}"
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5(title, body, content='{table}', "
        "content_rowid='id', tokenize='trigram')"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    remove = (
        f"INSERT INTO {fts}({fts}, rowid, title, body) VALUES ('delete', old.id, old.title, "
        "old.body);"
    )
    add = f"INSERT INTO {fts}(rowid, title, body) VALUES (new.id, new.title, new.body);"
    op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF title, body ON {table} "
        f"BEGIN {remove} {add} END"
    )
