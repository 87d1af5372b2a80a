"""an index of memberships by member

Every turn reads the caller's teams by member id; the primary key (team_id, member_id) leads
with the team, so that read scanned every membership of every team (#17).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 04:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_memberships_member", "memberships", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_memberships_member", table_name="memberships")
