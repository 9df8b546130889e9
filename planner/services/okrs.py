"""Periods, objectives, key results and check-ins."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.domain import validation as v
from planner.domain.periods import following_period, quarter_of
from planner.domain.text import plural
from planner.domain.values import Commitment, KeyResultKind, ThresholdDirection
from planner.services.base import EntityService
from planner.services.edits import Create
from planner.services.records import (
    CheckInRecord,
    KeyResultRecord,
    ObjectiveRecord,
    PeriodRecord,
)
from planner.store.models import CheckIn, KeyResult, Objective, Period, Person, Team


class PeriodService(EntityService[PeriodRecord]):
    model = Period
    record = PeriodRecord
    noun = "period"
    ordered = False

    def _order(self) -> list[Any]:
        return [Period.start_date, Period.name]

    def create(self, name: str, start_date: date, end_date: date) -> Create:
        return self._build_create({"name": name, "start_date": start_date, "end_date": end_date})

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Period name")
        for key, field in (("start_date", "Start"), ("end_date", "End")):
            if not isinstance(values.get(key), date):
                raise v.ValidationError(field, "is required")
        v.validate_period(values["start_date"], values["end_date"])
        self._ensure_unique(session, "name", values["name"], row_id, "Period name")

    def _check_delete(self, session: Session, values: Mapping[str, Any]) -> None:
        count = session.scalar(
            select(func.count()).select_from(Objective).where(Objective.period_id == values["id"])
        )
        if count:
            raise v.ValidationError(
                "Period",
                f"'{values['name']}' still holds {plural(count, 'objective')}; "
                "move or delete them first",
            )

    def current(self, today: date | None = None) -> PeriodRecord | None:
        """The period OKR views open on: the one running today, else the latest one that has
        started, else the first one to come."""
        today = today or date.today()
        running = self.containing(today)
        if running is not None:
            return running
        periods = self.list()
        started = [p for p in periods if p.start_date <= today]
        if started:
            return started[-1]
        return periods[0] if periods else None

    def create_next(self) -> Create:
        """The period after the latest one: the next quarter when periods are quarters."""
        periods = self.list()
        if not periods:
            quarter = quarter_of(date.today())
            return self.create(quarter.name, quarter.start, quarter.end)
        latest = max(periods, key=lambda p: (p.end_date, p.start_date))
        start, end = following_period(latest.start_date, latest.end_date)
        quarter = quarter_of(start)
        if (quarter.start, quarter.end) == (start, end):
            name = quarter.name
        else:
            name = f"{start.isoformat()} – {end.isoformat()}"
        return self.create(name, start, end)

    def containing(self, day: date) -> PeriodRecord | None:
        """The period running on ``day`` (the shortest when several overlap)."""
        with self._plan.session() as session:
            query = (
                select(Period)
                .where(Period.start_date <= day, Period.end_date >= day)
                .order_by(Period.end_date - Period.start_date, Period.start_date)
            )
            period = session.scalars(query).first()
            return None if period is None else self._record(period)


class ObjectiveService(EntityService[ObjectiveRecord]):
    model = Objective
    record = ObjectiveRecord
    noun = "objective"
    sibling_keys = ("team_id", "period_id")

    def create(
        self,
        period_id: uuid.UUID,
        title: str,
        team_id: uuid.UUID | None = None,
        parent_id: uuid.UUID | None = None,
        commitment: Commitment | str = Commitment.COMMITTED,
        owner_id: uuid.UUID | None = None,
        description: str = "",
    ) -> Create:
        return self._build_create(
            {
                "period_id": period_id,
                "title": title,
                "team_id": team_id,
                "parent_id": parent_id,
                "commitment": commitment,
                "owner_id": owner_id,
                "description": description,
            }
        )

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["title"] = v.require_text(values.get("title"), "Objective")
        values["description"] = v.optional_text(values.get("description"), "Description")
        values["commitment"] = v.parse_choice(
            Commitment, values.get("commitment") or Commitment.COMMITTED, "Commitment"
        )
        if values.get("period_id") is None:
            raise v.ValidationError("Period", "is required")
        self._ensure_exists(session, Period, values["period_id"], "Period")
        self._ensure_exists(session, Team, values.get("team_id"), "Team")
        self._ensure_exists(session, Person, values.get("owner_id"), "Owner")
        parent_id = values.get("parent_id")
        if parent_id is not None:
            parent = session.get(Objective, parent_id)
            if parent is None:
                raise v.ValidationError("Aligned to", "refers to an objective not in the plan")
            if parent_id == row_id:
                raise v.ValidationError("Aligned to", "an objective cannot align to itself")
            if parent.team_id is not None:
                raise v.ValidationError("Aligned to", "choose a plan-level (company) objective")


class KeyResultService(EntityService[KeyResultRecord]):
    model = KeyResult
    record = KeyResultRecord
    noun = "key result"
    sibling_keys = ("objective_id",)

    def in_period(self, period_id: uuid.UUID) -> builtins.list[KeyResultRecord]:
        """The key results of the period's objectives, in display order: a view of one
        quarter reads its own, not those of every quarter the plan has kept. Remembered
        until key results or objectives change."""
        in_period = KeyResult.objective_id.in_(
            select(Objective.id).where(Objective.period_id == period_id)
        )
        rows = self._plan.remember(
            (self.table, "in period", period_id),
            lambda: self._read_list({}, in_period),
            tables=[self.table, Objective.__tablename__],
        )
        return builtins.list(rows)

    def create(
        self,
        objective_id: uuid.UUID,
        title: str,
        kind: KeyResultKind | str,
        start_value: float | str | None = None,
        target_value: float | str | None = None,
        unit: str = "",
        direction: ThresholdDirection | str | None = None,
        weight: float | str = 1.0,
        owner_id: uuid.UUID | None = None,
    ) -> Create:
        return self._build_create(
            {
                "objective_id": objective_id,
                "title": title,
                "kind": kind,
                "start_value": start_value,
                "target_value": target_value,
                "unit": unit,
                "direction": direction,
                "weight": weight,
                "owner_id": owner_id,
            }
        )

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["title"] = v.require_text(values.get("title"), "Key result")
        values["unit"] = v.optional_text(values.get("unit"), "Unit", max_length=40)
        kind = v.parse_choice(KeyResultKind, values.get("kind"), "Type")
        values["kind"] = kind
        for key, field in (("start_value", "Start"), ("target_value", "Target")):
            raw = values.get(key)
            values[key] = None if raw is None or raw == "" else v.parse_number(raw, field)
        direction = values.get("direction")
        if kind is KeyResultKind.THRESHOLD:
            values["direction"] = (
                None
                if direction in (None, "")
                else v.parse_choice(ThresholdDirection, direction, "Direction")
            )
        else:
            values["direction"] = None
        if kind is KeyResultKind.MILESTONE:
            values["start_value"] = values["target_value"] = None
        v.validate_key_result_values(
            kind, values["start_value"], values["target_value"], values["direction"]
        )
        values["weight"] = v.validate_weight(v.parse_number(values.get("weight", 1.0), "Weight"))
        if values.get("objective_id") is None:
            raise v.ValidationError("Objective", "is required")
        self._ensure_exists(session, Objective, values["objective_id"], "Objective")
        self._ensure_exists(session, Person, values.get("owner_id"), "Owner")


class CheckInService(EntityService[CheckInRecord]):
    model = CheckIn
    record = CheckInRecord
    noun = "check-in"
    ordered = False

    def _order(self) -> list[Any]:
        return [CheckIn.on_date, CheckIn.recorded_at, CheckIn.id]

    def create(
        self,
        key_result_id: uuid.UUID,
        on_date: date,
        value: float | str,
        confidence: int | None = None,
        note: str = "",
    ) -> Create:
        return self._build_create(
            {
                "key_result_id": key_result_id,
                "on_date": on_date,
                "value": value,
                "confidence": confidence,
                "note": note,
            }
        )

    def describe(self, values: Mapping[str, Any]) -> str:
        return "check-in"

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        if not isinstance(values.get("on_date"), date):
            raise v.ValidationError("Date", "is required")
        values["value"] = v.parse_number(values.get("value", ""), "Value")
        values["confidence"] = v.validate_confidence(values.get("confidence"))
        values["note"] = v.optional_text(values.get("note"), "Note")
        if values.get("key_result_id") is None:
            raise v.ValidationError("Key result", "is required")
        self._ensure_exists(session, KeyResult, values["key_result_id"], "Key result")
