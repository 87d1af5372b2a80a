"""cases record the round-table meeting's time

A round table is booked for a day, a time and a place; the case card and the reminders show all
three. Existing cases have no time (the card then shows the day and the place only).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("meeting_time", sa.Time(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("meeting_time")
