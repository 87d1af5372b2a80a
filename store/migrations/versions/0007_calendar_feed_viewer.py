"""calendar feeds belong to a viewer

Every feed now names the person it was given to, also a team-wide one, so a feed stops the
moment that person leaves the team. The old shared team feeds named nobody: they are revoked
(their holders get a new link with `teamkalender`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 15:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("team_wide", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    feeds = sa.table(
        "calendar_feeds", sa.column("member_id", sa.Integer), sa.column("revoked", sa.Boolean)
    )
    op.execute(feeds.update().where(feeds.c.member_id.is_(None)).values(revoked=True))


def downgrade() -> None:
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.drop_column("team_wide")
