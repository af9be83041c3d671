"""Translation memory: the ``translation_memory`` table and ``segment_translation.origin``.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

Every approved segment's translation is kept per language pair and normalised source (unique
on its SHA-256, as a B-tree index cannot hold a long sentence on PostgreSQL), and a segment's
machine translation records whether the engine or the memory gave it ("mt" for the rows that
exist already).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "translation_memory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_lang", sa.String(length=16), nullable=False),
        sa.Column("target_lang", sa.String(length=16), nullable=False),
        sa.Column("source_hash", sa.String(length=64), nullable=False),
        sa.Column("normalised", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("segment_id", sa.Integer(), nullable=True),
        sa.Column("approved_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["article.id"],
            name=op.f("fk_translation_memory_article_id_article"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["segment_id"],
            ["segment.id"],
            name=op.f("fk_translation_memory_segment_id_segment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_translation_memory")),
        sa.UniqueConstraint(
            "source_lang",
            "target_lang",
            "source_hash",
            name=op.f("uq_translation_memory_source_lang_target_lang_source_hash"),
        ),
    )
    op.create_index(op.f("ix_translation_memory_segment_id"), "translation_memory", ["segment_id"])
    # A plain ADD COLUMN: a batch (copy and move) would rebuild the table on SQLite.
    op.add_column(
        "segment_translation",
        sa.Column("origin", sa.String(length=8), nullable=False, server_default="mt"),
    )


def downgrade() -> None:
    op.drop_column("segment_translation", "origin")
    op.drop_index(op.f("ix_translation_memory_segment_id"), table_name="translation_memory")
    op.drop_table("translation_memory")
