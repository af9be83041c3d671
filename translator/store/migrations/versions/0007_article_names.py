"""Whether an article keeps names the glossary lacks romanised: ``article.names``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Source edits and new target languages re-translate with the article's own choice. Articles
stored before this migration get true, the default of every way in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: a batch (copy and move) would rebuild the table on SQLite (see 0003).
    op.add_column(
        "article", sa.Column("names", sa.Boolean(), nullable=False, server_default=sa.true())
    )


def downgrade() -> None:
    op.drop_column("article", "names")
