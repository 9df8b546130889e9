"""Working out what importing a sheet would do: per-row actions, row errors and the edits.

:class:`SheetPlanner` reads the plan once, then resolves each row's names against it and
against what earlier rows of the same sheet will create, so a team named on ten rows is
created once. Nothing is written: the result is an :class:`ImportPreview` holding the edits.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.domain import progress as rules
from planner.io.errors import RowError
from planner.io.sheet_lines import KeyResultLine, key_result_values
from planner.io.summary import ImportSummary
from planner.services.edits import Batch, Create, Edit, Update
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.store.models import ENTITIES
from planner.store.rows import BOOKKEEPING
from planner.store.types import utc_now

# The order edits are applied in: parents before the rows that point at them.
_TABLES = ("stage", "person", "team", "objective", "key_result", "check_in")
# What a key result's current value depends on, besides its check-ins.
_CURRENT_FROM = ("kind", "start_value", "target_value", "direction")


@dataclass(frozen=True)
class RowAction:
    """What importing one row would do: ``action`` is "create", "update" or "unchanged"."""

    row: int
    action: str
    key_result: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        text = f"row {self.row}: {self.action} key result '{self.key_result}'"
        return f"{text} ({', '.join(self.details)})" if self.details else text


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, computed without changing the plan.

    Attributes:
        source: The sheet's file name.
        actions: One per key result row, in sheet order (rows with errors have none).
        errors: Every problem found; an import with any is refused whole.
        created: Rows that would be created, by table name.
        updated: Rows that would be updated, by table name.
        edits: The edits :func:`apply_import` applies, as one batch.
    """

    source: str
    actions: tuple[RowAction, ...]
    errors: tuple[RowError, ...]
    created: Mapping[str, int]
    updated: Mapping[str, int]
    edits: tuple[Edit, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def label(self) -> str:
        return f"Import {self.source}"

    def summary(self, edit: Batch | None = None) -> ImportSummary:
        unchanged = sum(1 for action in self.actions if action.action == "unchanged")
        return ImportSummary(
            imported=len(self.actions),
            unit="key_result",
            created=dict(self.created),
            updated=dict(self.updated),
            unchanged=unchanged,
            edit=edit or Batch((), self.label),
        )

    def describe(self) -> str:
        """One line, e.g. "Would import 12 key results (3 teams created; …)"."""
        if self.errors:
            return f"Cannot import {self.source}: {len(self.errors)} problem(s)"
        return self.summary().describe("Would import")


@dataclass
class _Ref:
    """A row the import can point at: one the plan has, or one it will create."""

    id: uuid.UUID
    name: str
    parent: uuid.UUID | None = None  # a team's stage


def _key(name: str) -> str:
    """What two names that are the same for a person have in common: case, runs of spaces
    and how accents are encoded ("É" as one character, or as "E" and a combining accent, as
    macOS apps and PDFs give it) do not count."""
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


class SheetPlanner:
    """Resolves sheet rows against a plan, one :meth:`add` per row, then :meth:`preview`."""

    def __init__(self, plan: Plan, today: date) -> None:
        self.today = today
        self.edits: dict[str, list[Edit]] = defaultdict(list)
        self.created: dict[str, int] = defaultdict(int)
        self.updated: dict[str, int] = defaultdict(int)
        self.actions: list[RowAction] = []
        self.errors: list[RowError] = []
        self.positions: dict[tuple[str, Any], int] = {}
        self.stages = {_key(s.name): _Ref(s.id, s.name) for s in plan.stages.list()}
        self.stage_names = {ref.id: ref.name for ref in self.stages.values()}
        self.teams = {_key(t.name): _Ref(t.id, t.name, t.stage_id) for t in plan.teams.list()}
        self.periods = {_key(p.name): p for p in plan.periods.list()}
        self.current_period: PeriodRecord | None = plan.periods.current(today)
        self.people: dict[str, _Ref] = {}
        for person in plan.people.list():
            self.people.setdefault(_key(person.name), _Ref(person.id, person.name))
        self.objectives: dict[tuple[uuid.UUID, uuid.UUID | None, str], uuid.UUID] = {}
        for objective in plan.objectives.list():
            group = (objective.period_id, objective.team_id)
            self.objectives.setdefault((*group, _key(objective.title)), objective.id)
            self._seen_position(("objective", group), objective.position)
        self.key_results: dict[tuple[uuid.UUID, str], KeyResultRecord] = {}
        for result in plan.key_results.list():
            self.key_results.setdefault((result.objective_id, _key(result.title)), result)
            self._seen_position(("key_result", result.objective_id), result.position)
        self.check_ins: dict[uuid.UUID, list[rules.CheckInPoint]] = defaultdict(list)
        for check_in in plan.check_ins.list():  # by date, then as recorded
            point = rules.CheckInPoint(check_in.on_date, check_in.value, check_in.confidence)
            self.check_ins[check_in.key_result_id].append(point)
        for stage in plan.stages.list():
            self._seen_position(("stage", None), stage.position)
        for team in plan.teams.list():
            self._seen_position(("team", team.stage_id), team.position)
        self.rows_of: dict[tuple[uuid.UUID, str], int] = {}

    # ---- positions and new rows -------------------------------------------------------

    def _seen_position(self, group: tuple[str, Any], position: int) -> None:
        self.positions[group] = max(self.positions.get(group, 0), position + 1)

    def _position(self, group: tuple[str, Any]) -> int:
        position = self.positions.get(group, 0)
        self.positions[group] = position + 1
        return position

    def _create(self, table: str, values: dict[str, Any], label: str) -> uuid.UUID:
        row = {"id": uuid.uuid4(), **values}
        # Defaults are fixed now, as the services do, so redo recreates the very same row.
        for column in ENTITIES[table].__table__.columns:
            default: Any = column.default
            if column.key in row or column.key in BOOKKEEPING or default is None:
                continue
            row[column.key] = default.arg(None) if default.is_callable else default.arg
        self.edits[table].append(Create(table, row, label))
        self.created[table] += 1
        row_id = row["id"]
        assert isinstance(row_id, uuid.UUID)
        return row_id

    # ---- one row ------------------------------------------------------------------------

    def add(self, line: KeyResultLine, errors: list[RowError]) -> None:
        details: list[str] = []
        period = self._period(line, errors)
        team_id = self._team(line, errors, details)
        if errors or period is None:
            self.errors += errors
            return
        objective_id = self._objective(line, period.id, team_id, details)
        key = (objective_id, _key(line.title))
        if key in self.rows_of:
            errors.append(
                RowError(
                    line.row,
                    "Key result",
                    f"'{line.title}' is already on row "
                    f"{self.rows_of[key]} for the same objective and period",
                )
            )
        self.rows_of.setdefault(key, line.row)
        existing = self.key_results.get(key)
        values = key_result_values(line, existing, errors)
        if errors or values is None:
            self.errors += errors
            return
        if line.owner:
            values["owner_id"] = self._owner(line.owner, details)
        if existing is None:
            action = "create"
            position = self._position(("key_result", objective_id))
            result_id = self._create(
                "key_result",
                {"objective_id": objective_id, "title": line.title, "position": position, **values},
                f"Add key result '{line.title}'",
            )
        else:
            result_id = existing.id
            action = self._update(existing, values, details)
        facts = _facts_before(existing) if existing is not None else values
        if self._check_in(line, result_id, facts, details) and action == "unchanged":
            action = "update"
        self.actions.append(RowAction(line.row, action, line.title, tuple(details)))

    def _period(self, line: KeyResultLine, errors: list[RowError]) -> PeriodRecord | None:
        if not line.period:
            if self.current_period is None:
                errors.append(RowError(line.row, "Period", "the plan has no period; add one"))
            return self.current_period
        period = self.periods.get(_key(line.period))
        if period is None:
            names = ", ".join(p.name for p in self.periods.values()) or "none"
            errors.append(
                RowError(line.row, "Period", f"the plan has no period '{line.period}' ({names})")
            )
        return period

    def _team(
        self, line: KeyResultLine, errors: list[RowError], details: list[str]
    ) -> uuid.UUID | None:
        if not line.team:
            if line.stage:
                errors.append(
                    RowError(
                        line.row,
                        "Stage",
                        "a plan-level objective (no Team) "
                        "has no stage; leave Stage empty or name the team",
                    )
                )
            return None
        team = self.teams.get(_key(line.team))
        if team is not None:
            home = self.stage_names.get(team.parent) if team.parent else None
            if line.stage and home is not None and _key(line.stage) != _key(home):
                errors.append(
                    RowError(
                        line.row,
                        "Stage",
                        f"team '{team.name}' is in stage '{home}', not '{line.stage}'",
                    )
                )
            return team.id
        if not line.stage:
            errors.append(
                RowError(line.row, "Stage", f"is required for the new team '{line.team}'")
            )
            return None
        stage = self.stages.get(_key(line.stage))
        if stage is None:
            stage_id = self._create(
                "stage",
                {"name": line.stage, "position": self._position(("stage", None))},
                f"Add stage '{line.stage}'",
            )
            stage = self.stages[_key(line.stage)] = _Ref(stage_id, line.stage)
            self.stage_names[stage_id] = line.stage
            details.append(f"new stage '{line.stage}'")
        team_id = self._create(
            "team",
            {
                "stage_id": stage.id,
                "name": line.team,
                "position": self._position(("team", stage.id)),
            },
            f"Add team '{line.team}'",
        )
        self.teams[_key(line.team)] = _Ref(team_id, line.team, stage.id)
        details.append(f"new team '{line.team}'")
        return team_id

    def _objective(
        self,
        line: KeyResultLine,
        period_id: uuid.UUID,
        team_id: uuid.UUID | None,
        details: list[str],
    ) -> uuid.UUID:
        key = (period_id, team_id, _key(line.objective))
        found = self.objectives.get(key)
        if found is not None:
            return found
        objective_id = self._create(
            "objective",
            {
                "period_id": period_id,
                "team_id": team_id,
                "title": line.objective,
                "position": self._position(("objective", (period_id, team_id))),
            },
            f"Add objective '{line.objective}'",
        )
        self.objectives[key] = objective_id
        details.append(f"new objective '{line.objective}'")
        return objective_id

    def _owner(self, name: str, details: list[str]) -> uuid.UUID:
        person = self.people.get(_key(name))
        if person is None:
            person = self.people[_key(name)] = _Ref(
                self._create("person", {"name": name}, f"Add person '{name}'"), name
            )
            details.append(f"new person '{name}'")
        return person.id

    # ---- the key result and its check-in ------------------------------------------------

    def _update(self, existing: KeyResultRecord, values: dict[str, Any], details: list[str]) -> str:
        changed = {key: value for key, value in values.items() if getattr(existing, key) != value}
        if not changed:
            return "unchanged"
        before = {key: getattr(existing, key) for key in changed}
        self.edits["key_result"].append(
            Update(
                "key_result", existing.id, before, changed, f"Edit key result '{existing.title}'"
            )
        )
        self.updated["key_result"] += 1
        details += [
            f"{key.removesuffix('_id').replace('_', ' ')} "
            f"{self._shown(key, before[key])} → {self._shown(key, value)}"
            for key, value in changed.items()
        ]
        return "update"

    def _shown(self, column: str, value: Any) -> str:
        """A value as the person reads it: an owner by name, not by id."""
        if column == "owner_id" and value is not None:
            names = {ref.id: ref.name for ref in self.people.values()}
            return f"'{names[value]}'" if value in names else "someone no longer in the plan"
        return _show(value)

    def _check_in(
        self,
        line: KeyResultLine,
        result_id: uuid.UUID,
        values: Mapping[str, Any],
        details: list[str],
    ) -> bool:
        """Add a check-in when Current differs from the current value the plan shows now.

        ``values`` are the key result's columns as the plan holds them before the import (as
        the sheet gives them, for a new one): a key result nobody checked in on is exported
        with its start as Current, and a sheet that corrects only the start must not turn the
        old start into a check-in.
        """
        if line.current is None:
            return False
        points = tuple(self.check_ins.get(result_id, ()))
        facts = rules.KeyResultFacts(
            kind=values["kind"],
            start=values["start_value"],
            target=values["target_value"],
            direction=values["direction"],
            checkins=points,
        )
        same_value = rules.current_value(facts) == line.current
        confidence = rules.latest_confidence(points)
        if same_value and line.confidence in (None, confidence):
            return False
        self._create(
            "check_in",
            {
                "key_result_id": result_id,
                "on_date": self.today,
                "value": line.current,
                "confidence": line.confidence,
                "recorded_at": utc_now(),
            },
            "Check in",
        )
        details.append(f"check-in {_show(line.current)}")
        return True

    def preview(self, source: str) -> ImportPreview:
        if self.errors:
            # A refused import does nothing, so it shows no actions, counts or edits.
            return ImportPreview(source, (), tuple(self.errors), {}, {}, ())
        edits = tuple(edit for table in _TABLES for edit in self.edits[table])
        return ImportPreview(
            source=source,
            actions=tuple(self.actions),
            errors=(),
            created=dict(self.created),
            updated=dict(self.updated),
            edits=edits,
        )


def _facts_before(result: KeyResultRecord) -> dict[str, Any]:
    """The columns its current value is computed from, as the plan holds them now."""
    return {key: getattr(result, key) for key in _CURRENT_FROM}


def _show(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if value is None:
        return "none"
    return str(getattr(value, "value", value))
