"""Articles imported from files: ``article.source_key``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-09

``translator batch --store`` names each article it imports by the input's relative path, so a
rerun updates that article instead of adding another. Articles written through the API have
none (NULL, which a unique index allows any number of, on SQLite and PostgreSQL alike).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index: a batch (copy and move) would rebuild the table on
    # SQLite, dropping the triggers that keep its full-text index (see 0002).
    op.add_column("article", sa.Column("source_key", sa.String(length=1000), nullable=True))
    op.create_index(op.f("ix_article_source_key"), "article", ["source_key"], unique=True)


def downgrade() -> None:
    op.drop_index(op.f("ix_article_source_key"), table_name="article")
    op.drop_column("article", "source_key")
