"""Plain, immutable records the services hand out: safe to keep after the session closes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

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


@dataclass(frozen=True)
class PlanInfoRecord:
    id: uuid.UUID
    name: str
    description: str
    created_at: datetime


@dataclass(frozen=True)
class StageRecord:
    id: uuid.UUID
    name: str
    description: str
    position: int


@dataclass(frozen=True)
class DisciplineRecord:
    id: uuid.UUID
    name: str
    required: bool
    position: int


@dataclass(frozen=True)
class PersonRecord:
    id: uuid.UUID
    name: str
    email: str
    discipline_id: uuid.UUID | None


@dataclass(frozen=True)
class TeamRecord:
    id: uuid.UUID
    stage_id: uuid.UUID
    name: str
    mission: str
    persona: str
    topology: TopologyType | None
    color: str | None
    position: int


@dataclass(frozen=True)
class MembershipRecord:
    id: uuid.UUID
    team_id: uuid.UUID
    person_id: uuid.UUID
    discipline_id: uuid.UUID | None
    allocation: float


@dataclass(frozen=True)
class InteractionRecord:
    id: uuid.UUID
    from_team_id: uuid.UUID
    to_team_id: uuid.UUID
    mode: InteractionMode
    note: str


@dataclass(frozen=True)
class PeriodRecord:
    id: uuid.UUID
    name: str
    start_date: date
    end_date: date


@dataclass(frozen=True)
class ObjectiveRecord:
    id: uuid.UUID
    team_id: uuid.UUID | None
    period_id: uuid.UUID
    parent_id: uuid.UUID | None
    title: str
    description: str
    commitment: Commitment
    owner_id: uuid.UUID | None
    position: int


@dataclass(frozen=True)
class KeyResultRecord:
    id: uuid.UUID
    objective_id: uuid.UUID
    title: str
    kind: KeyResultKind
    unit: str
    start_value: float | None
    target_value: float | None
    direction: ThresholdDirection | None
    weight: float
    owner_id: uuid.UUID | None
    position: int


@dataclass(frozen=True)
class CheckInRecord:
    id: uuid.UUID
    key_result_id: uuid.UUID
    on_date: date
    value: float
    confidence: int | None
    note: str


@dataclass(frozen=True)
class CustomerRecord:
    id: uuid.UUID
    name: str
    segment: str
    decision_maker: str
    user_contact: str
    notes: str


@dataclass(frozen=True)
class AttributionNoteRecord:
    id: uuid.UUID
    on_date: date
    customer_id: uuid.UUID
    outcome_category: OutcomeCategory
    outcome: str
    story: str
    evidence: str
    key_result_id: uuid.UUID | None
    confidence: Confidence
    unattributed_share: float


@dataclass(frozen=True)
class ContributionRecord:
    id: uuid.UUID
    note_id: uuid.UUID
    team_id: uuid.UUID | None
    touch: TouchKind
    share: float
    note: str
    position: int
