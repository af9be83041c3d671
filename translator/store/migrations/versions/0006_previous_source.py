"""The sentence a source edit replaced: ``segment.previous_source``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-23

A source edit that changes a sentence makes a new segment row for it; this column keeps the
sentence that row replaced, so the review page can show a stale segment's old and new source.
Rows that replaced nothing (kept, only added, or made before this migration) have NULL.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy and move) would rebuild the table on SQLite (see 0003).
    op.add_column("segment", sa.Column("previous_source", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("segment", "previous_source")
