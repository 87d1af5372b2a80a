"""memberships record a join by code

Switchboard staff who joined with a code are the only members with access outside the Teams
roster; a roster member a lead made switchboard loses access when they leave the roster like
everyone else. Existing switchboard rows outside the roster joined by code (or were added by an
operator).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 15:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("via_code", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    memberships = sa.table(
        "memberships",
        sa.column("role", sa.String),
        sa.column("in_roster", sa.Boolean),
        sa.column("via_code", sa.Boolean),
    )
    op.execute(
        memberships.update()
        .where(memberships.c.role == "switchboard", sa.not_(memberships.c.in_roster))
        .values(via_code=True)
    )


def downgrade() -> None:
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_column("via_code")
