"""Baseline schema: every table of a plan.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 15:34:55.961882
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "customer",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("segment", sa.String(length=200), nullable=False),
        sa.Column("decision_maker", sa.String(length=200), nullable=False),
        sa.Column("user_contact", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer")),
        sa.UniqueConstraint("name", name=op.f("uq_customer_name")),
    )
    op.create_table(
        "discipline",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_discipline")),
        sa.UniqueConstraint("name", name=op.f("uq_discipline_name")),
    )
    op.create_table(
        "period",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period")),
        sa.UniqueConstraint("name", name=op.f("uq_period_name")),
    )
    op.create_table(
        "plan_info",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_info")),
    )
    op.create_table(
        "stage",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stage")),
        sa.UniqueConstraint("name", name=op.f("uq_stage_name")),
    )
    op.create_table(
        "person",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("discipline_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_person_discipline_id_discipline"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person")),
    )
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_person_discipline_id"), ["discipline_id"], unique=False
        )

    op.create_table(
        "team",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("mission", sa.Text(), nullable=False),
        sa.Column("persona", sa.Text(), nullable=False),
        sa.Column(
            "topology",
            sa.Enum(
                "stream_aligned",
                "enabling",
                "platform",
                "complicated_subsystem",
                name="topologytype",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("color", sa.String(length=7), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stage.id"],
            name=op.f("fk_team_stage_id_stage"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team")),
        sa.UniqueConstraint("name", name=op.f("uq_team_name")),
    )
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_team_stage_id"), ["stage_id"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("from_team_id", sa.Uuid(), nullable=False),
        sa.Column("to_team_id", sa.Uuid(), nullable=False),
        sa.Column(
            "mode",
            sa.Enum(
                "collaboration",
                "x_as_a_service",
                "facilitating",
                name="interactionmode",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["from_team_id"],
            ["team.id"],
            name=op.f("fk_interaction_from_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["to_team_id"],
            ["team.id"],
            name=op.f("fk_interaction_to_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_from_team_id"), ["from_team_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_to_team_id"), ["to_team_id"], unique=False)

    op.create_table(
        "membership",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("discipline_id", sa.Uuid(), nullable=True),
        sa.Column("allocation", sa.Float(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["discipline_id"],
            ["discipline.id"],
            name=op.f("fk_membership_discipline_id_discipline"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_membership_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_membership_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership")),
        sa.UniqueConstraint("team_id", "person_id", name=op.f("uq_membership_team_id")),
    )
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_discipline_id"), ["discipline_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_membership_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_membership_team_id"), ["team_id"], unique=False)

    op.create_table(
        "objective",
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("period_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column(
            "commitment",
            sa.Enum(
                "committed",
                "aspirational",
                name="commitment",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
            name=op.f("fk_objective_owner_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["objective.id"],
            name=op.f("fk_objective_parent_id_objective"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["period_id"],
            ["period.id"],
            name=op.f("fk_objective_period_id_period"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_objective_team_id_team"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objective")),
    )
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objective_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_period_id"), ["period_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objective_team_id"), ["team_id"], unique=False)

    op.create_table(
        "key_result",
        sa.Column("objective_id", sa.Uuid(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "increase",
                "decrease",
                "threshold",
                "milestone",
                name="keyresultkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("start_value", sa.Float(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column(
            "direction",
            sa.Enum(
                "at_most",
                "at_least",
                name="thresholddirection",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["objective_id"],
            ["objective.id"],
            name=op.f("fk_key_result_objective_id_objective"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["person.id"],
            name=op.f("fk_key_result_owner_id_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_key_result")),
    )
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_key_result_objective_id"), ["objective_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_key_result_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "attribution_note",
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("customer_id", sa.Uuid(), nullable=False),
        sa.Column(
            "outcome_category",
            sa.Enum(
                "onboarding_completed",
                "renewal",
                "upgrade",
                "referral",
                "churn_prevented",
                "other",
                name="outcomecategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("outcome", sa.String(length=200), nullable=False),
        sa.Column("story", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("key_result_id", sa.Uuid(), nullable=True),
        sa.Column(
            "confidence",
            sa.Enum("low", "medium", "high", name="confidence", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("unattributed_share", sa.Float(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_attribution_note_customer_id_customer"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_attribution_note_key_result_id_key_result"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attribution_note")),
    )
    with op.batch_alter_table("attribution_note", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attribution_note_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_attribution_note_key_result_id"),
            ["key_result_id"],
            unique=False,
        )

    op.create_table(
        "check_in",
        sa.Column("key_result_id", sa.Uuid(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("confidence", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_result_id"],
            ["key_result.id"],
            name=op.f("fk_check_in_key_result_id_key_result"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_in")),
    )
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_check_in_key_result_id"), ["key_result_id"], unique=False
        )

    op.create_table(
        "contribution",
        sa.Column("note_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column(
            "touch",
            sa.Enum(
                "product_ux",
                "customer_support",
                "sales",
                "education_content",
                "marketing",
                "other",
                name="touchkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("share", sa.Float(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["attribution_note.id"],
            name=op.f("fk_contribution_note_id_attribution_note"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["team.id"],
            name=op.f("fk_contribution_team_id_team"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contribution_note_id"), ["note_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contribution_team_id"), ["team_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contribution_team_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_note_id"))

    op.drop_table("contribution")
    with op.batch_alter_table("check_in", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_check_in_key_result_id"))

    op.drop_table("check_in")
    with op.batch_alter_table("attribution_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attribution_note_key_result_id"))
        batch_op.drop_index(batch_op.f("ix_attribution_note_customer_id"))

    op.drop_table("attribution_note")
    with op.batch_alter_table("key_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_key_result_owner_id"))
        batch_op.drop_index(batch_op.f("ix_key_result_objective_id"))

    op.drop_table("key_result")
    with op.batch_alter_table("objective", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objective_team_id"))
        batch_op.drop_index(batch_op.f("ix_objective_period_id"))
        batch_op.drop_index(batch_op.f("ix_objective_parent_id"))
        batch_op.drop_index(batch_op.f("ix_objective_owner_id"))

    op.drop_table("objective")
    with op.batch_alter_table("membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_team_id"))
        batch_op.drop_index(batch_op.f("ix_membership_person_id"))
        batch_op.drop_index(batch_op.f("ix_membership_discipline_id"))

    op.drop_table("membership")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_to_team_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_from_team_id"))

    op.drop_table("interaction")
    with op.batch_alter_table("team", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_stage_id"))

    op.drop_table("team")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_discipline_id"))

    op.drop_table("person")
    op.drop_table("stage")
    op.drop_table("plan_info")
    op.drop_table("period")
    op.drop_table("discipline")
    op.drop_table("customer")
