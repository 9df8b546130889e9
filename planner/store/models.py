"""The plan's tables as typed SQLAlchemy models.

Portable by construction, so the same store can later run on PostgreSQL: generic ``Uuid`` keys
(plans drafted on several laptops merge by id), enums stored as strings, a naming convention so
batch migrations can find every constraint, UTC timestamps through one type, and a version
counter on rows two people may edit at once. Deletes cascade in the database (``ondelete``), so
what a delete removes is decided in one place, the schema.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from planner.domain.values import (
    Commitment,
    Confidence,
    InteractionMode,
    KeyResultKind,
    OutcomeCategory,
    ThresholdDirection,
    TopologyType,
    TouchKind,
)
from planner.store.types import Id, UTCDateTime, utc_now

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

NAME = 200  # longest name a person may give anything; matches domain.validation.MAX_NAME_LENGTH


def _enum(enum_class: type[enum.Enum]) -> Enum:
    return Enum(
        enum_class,
        native_enum=False,
        length=32,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Entity(Base):
    """Columns every row has: a UUID key, an edit counter and when it last changed."""

    __abstract__ = True

    # A plain Uuid for rows read once; tables read again and again use referenced_key().
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, nullable=False, default=utc_now, onupdate=utc_now
    )

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy passes the class
        return {"version_id_col": cls.version}


def referenced_key() -> Mapped[uuid.UUID]:
    """The key of a table whose rows are read again and again as they are referred to (a
    large plan's key results, objectives and teams are read by the roll-up, the OKR trees,
    the health report and the dashboard): read through the cache of ids, like the references
    themselves, so each read hands back the same UUID. The many rows read once (check-ins,
    notes and their shares) keep plain keys, which would only crowd the cache."""
    return mapped_column(Id, primary_key=True, default=uuid.uuid4)


class PlanInfo(Entity):
    __tablename__ = "plan_info"

    name: Mapped[str] = mapped_column(String(NAME))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Stage(Entity):
    __tablename__ = "stage"

    id: Mapped[uuid.UUID] = referenced_key()

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Discipline(Entity):
    __tablename__ = "discipline"

    id: Mapped[uuid.UUID] = referenced_key()

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Person(Entity):
    __tablename__ = "person"

    id: Mapped[uuid.UUID] = referenced_key()

    name: Mapped[str] = mapped_column(String(NAME))
    email: Mapped[str] = mapped_column(String(NAME), default="")
    discipline_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("discipline.id", ondelete="SET NULL"), index=True
    )


class Team(Entity):
    __tablename__ = "team"

    id: Mapped[uuid.UUID] = referenced_key()

    stage_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("stage.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    mission: Mapped[str] = mapped_column(Text, default="")
    persona: Mapped[str] = mapped_column(Text, default="")
    topology: Mapped[TopologyType | None] = mapped_column(_enum(TopologyType))
    color: Mapped[str | None] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Membership(Entity):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("team_id", "person_id"),)

    team_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("person.id", ondelete="CASCADE"), index=True
    )
    discipline_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("discipline.id", ondelete="SET NULL"), index=True
    )
    allocation: Mapped[float] = mapped_column(Float, default=100.0)


class Interaction(Entity):
    __tablename__ = "interaction"

    from_team_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    to_team_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[InteractionMode] = mapped_column(_enum(InteractionMode))
    note: Mapped[str] = mapped_column(Text, default="")


class Period(Entity):
    __tablename__ = "period"

    id: Mapped[uuid.UUID] = referenced_key()

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)


class Objective(Entity):
    __tablename__ = "objective"

    id: Mapped[uuid.UUID] = referenced_key()
    # Every OKR view asks for "this period's objectives of this team".
    __table_args__ = (Index("ix_objective_period_team", "period_id", "team_id"),)

    # No team: a plan-level (company) objective that team objectives align to.
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("team.id", ondelete="CASCADE"), index=True
    )
    period_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("period.id", ondelete="RESTRICT"), index=True
    )
    parent_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("objective.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(NAME))
    description: Mapped[str] = mapped_column(Text, default="")
    commitment: Mapped[Commitment] = mapped_column(_enum(Commitment), default=Commitment.COMMITTED)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class KeyResult(Entity):
    __tablename__ = "key_result"

    id: Mapped[uuid.UUID] = referenced_key()

    objective_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("objective.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(NAME))
    kind: Mapped[KeyResultKind] = mapped_column(_enum(KeyResultKind))
    unit: Mapped[str] = mapped_column(String(40), default="")
    start_value: Mapped[float | None] = mapped_column(Float)
    target_value: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[ThresholdDirection | None] = mapped_column(_enum(ThresholdDirection))
    weight: Mapped[float] = mapped_column(Float, default=1.0)
    owner_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class CheckIn(Entity):
    __tablename__ = "check_in"
    # Progress needs each key result's latest check-in: by date, then by when it was
    # recorded, then by id. This index holds all three, so finding it reads the index alone
    # (no sort, no row); it also serves every lookup by key result.
    __table_args__ = (Index("ix_check_in_latest", "key_result_id", "on_date", "recorded_at", "id"),)

    key_result_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("key_result.id", ondelete="CASCADE")
    )
    on_date: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    confidence: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Customer(Entity):
    __tablename__ = "customer"

    id: Mapped[uuid.UUID] = referenced_key()

    name: Mapped[str] = mapped_column(String(NAME), unique=True)
    segment: Mapped[str] = mapped_column(String(NAME), default="")
    # In B2B the buyer and the user are often different people.
    decision_maker: Mapped[str] = mapped_column(String(NAME), default="")
    user_contact: Mapped[str] = mapped_column(String(NAME), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class AttributionNote(Entity):
    __tablename__ = "attribution_note"
    # The journal and its summaries are read by date range.
    __table_args__ = (Index("ix_attribution_note_on_date", "on_date"),)

    on_date: Mapped[date] = mapped_column(Date)
    customer_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("customer.id", ondelete="RESTRICT"), index=True
    )
    outcome_category: Mapped[OutcomeCategory] = mapped_column(_enum(OutcomeCategory))
    outcome: Mapped[str] = mapped_column(String(NAME))
    story: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    key_result_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("key_result.id", ondelete="SET NULL"), index=True
    )
    confidence: Mapped[Confidence] = mapped_column(_enum(Confidence), default=Confidence.MEDIUM)
    # Credit the author chose to leave with nobody, said out loud rather than lost silently.
    unattributed_share: Mapped[float] = mapped_column(Float, default=0.0)


class Contribution(Entity):
    __tablename__ = "contribution"

    note_id: Mapped[uuid.UUID] = mapped_column(
        Id, ForeignKey("attribution_note.id", ondelete="CASCADE"), index=True
    )
    # Kept when the team is deleted (team_id becomes NULL), so the credit stays visible and the
    # health check can name the note.
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        Id, ForeignKey("team.id", ondelete="SET NULL"), index=True
    )
    touch: Mapped[TouchKind] = mapped_column(_enum(TouchKind))
    share: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


# Every table by the name services use for it; the order is one parents-first insert order.
ENTITIES: dict[str, type[Entity]] = {
    model.__tablename__: model
    for model in (
        PlanInfo,
        Stage,
        Discipline,
        Person,
        Team,
        Membership,
        Interaction,
        Period,
        Objective,
        KeyResult,
        CheckIn,
        Customer,
        AttributionNote,
        Contribution,
    )
}
