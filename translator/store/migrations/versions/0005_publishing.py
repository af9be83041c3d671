"""What readers get of a published version: ``publication``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-16

Publishing a version copies its title and body into ``publication``, with the article's revision
they translate; readers get that copy until the version is published again, so a source edit or
a review edit after publishing does not reach them unreviewed. A new table, not columns of
``version``: on SQLite, altering ``version`` in a batch would drop its full-text triggers (see
0002). Versions published before this migration are copied as they are now; one that is stale
already gets the revision before the article's, so readers are told it lags the source.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "publication",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("first_published_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["version.id"],
            name=op.f("fk_publication_version_id_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", name=op.f("pk_publication")),
    )
    op.create_index(op.f("ix_publication_published_at"), "publication", ["published_at"])
    op.execute(
        "INSERT INTO publication"
        " (version_id, title, body, revision, first_published_at, published_at)"
        " SELECT version.id, version.title, version.body,"
        " CASE WHEN version.status = 'stale' THEN article.revision - 1 ELSE article.revision END,"
        " version.published_at, version.published_at"
        " FROM version JOIN article ON article.id = version.article_id"
        " WHERE version.published_at IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_publication_published_at"), table_name="publication")
    op.drop_table("publication")
