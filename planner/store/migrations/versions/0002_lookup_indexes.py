"""Lookup indexes for the queries every OKR view and the journal make.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 15:35:04.351045
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attribution_note", schema=None) as batch_op:
        batch_op.create_index("ix_attribution_note_on_date", ["on_date"], unique=False)

    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(
            "ix_check_in_key_result_date", ["key_result_id", "on_date"], unique=False
        )

    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.create_index("ix_objective_period_team", ["period_id", "team_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.drop_index("ix_objective_period_team")

    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index("ix_check_in_key_result_date")

    with op.batch_alter_table("attribution_note", schema=None) as batch_op:
        batch_op.drop_index("ix_attribution_note_on_date")
