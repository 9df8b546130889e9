"""Merging a plan drafted on another laptop into this one.

Rows are matched by id (every key is a UUID, so copies of one plan share ids). What is new on
the other side is added; check-ins and attribution notes, having their own ids, are united.
Nothing is deleted: a row missing on one side may just be new on the other. A row both sides
changed is a conflict, listed with both values for the person to choose.

Which side changed a row is told from its ``updated_at``: rows identical on both sides were last
touched before the copies parted, so the newest of them bounds when that was. A side whose row is
no newer than that bound did not touch it, and the other side's value is taken without asking.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Table, UniqueConstraint

from planner.services.edits import Batch, Create, Edit, Update
from planner.services.plan import Plan
from planner.store.models import Base
from planner.store.planfile import PlanFileError
from planner.store.rows import BOOKKEEPING, plan_contents

Row = dict[str, Any]


class Side(StrEnum):
    MINE = "mine"
    THEIRS = "theirs"


class MergeError(Exception):
    """The other plan cannot be merged; nothing was changed."""


@dataclass(frozen=True)
class Conflict:
    table: str
    row_id: uuid.UUID
    label: str  # e.g. "key result 'Reduce time to demo'"
    fields: tuple[tuple[str, Any, Any], ...]  # column, mine, theirs

    def describe(self) -> str:
        changes = "; ".join(
            f"{name}: mine {mine!r}, theirs {theirs!r}" for name, mine, theirs in self.fields
        )
        return f"{self.label} was changed on both sides ({changes})"


@dataclass
class MergeAnalysis:
    """What merging would do, before anything is changed."""

    other: Path
    added: list[tuple[str, Row]] = field(default_factory=list)
    taken: list[tuple[str, uuid.UUID, Row, Row]] = field(default_factory=list)  # theirs only
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # renamed or skipped rows, said plainly

    def counts(self) -> dict[str, int]:
        tally: dict[str, int] = {}
        for table, _ in self.added:
            tally[table] = tally.get(table, 0) + 1
        return tally

    def describe(self) -> str:
        added = ", ".join(
            f"{count} {table.replace('_', ' ')}{'' if count == 1 else 's'}"
            for table, count in sorted(self.counts().items())
        )
        parts = [f"added: {added or 'nothing'}", f"taken from theirs: {len(self.taken)}"]
        parts.append(f"conflicts: {len(self.conflicts)}")
        return f"Merging {self.other.name}: " + "; ".join(parts)


Chooser = Callable[[Conflict], Side | None]


def analyse_merge(plan: Plan, other: Path) -> MergeAnalysis:
    other = Path(other)
    if other.resolve() == plan.path.resolve():
        raise MergeError(f"{other}: that is the plan itself")
    try:
        theirs_plan = Plan.open(other, read_only=True)
    except PlanFileError as error:
        raise MergeError(str(error)) from None
    try:
        with theirs_plan.session() as session:
            theirs = plan_contents(session, include_bookkeeping=True)
    finally:
        theirs_plan.close()
    with plan.session() as session:
        mine = plan_contents(session, include_bookkeeping=True)
    return _compare(mine, theirs, MergeAnalysis(other))


def _compare(
    mine: dict[str, list[Row]], theirs: dict[str, list[Row]], analysis: MergeAnalysis
) -> MergeAnalysis:
    mine_by_id = {table: {row["id"]: row for row in rows} for table, rows in mine.items()}
    parted = _parted_at(mine_by_id, theirs)
    present = {table: set(rows) for table, rows in mine_by_id.items()}
    # Their side of each conflict as it would be if kept: its names are taken too.
    kept_theirs: dict[str, list[Row]] = {table: [] for table in mine_by_id}
    for table in Base.metadata.sorted_tables:
        for row in theirs.get(table.name, []):
            held = mine_by_id[table.name].get(row["id"])
            if held is None:
                _add(table, row, mine_by_id, present, kept_theirs, analysis)
                continue
            changed = [
                (key, held[key], row[key])
                for key in row
                if key not in BOOKKEEPING and held[key] != row[key]
            ]
            if not changed:
                continue
            if row["updated_at"] <= parted < held["updated_at"]:
                continue  # only this plan changed it since the copies parted
            label = _describe(table.name, held, mine_by_id)
            changes = {key: row[key] for key, _, _ in changed}
            after = _unclashed(table, held, changes, mine_by_id, kept_theirs)
            only_theirs = held["updated_at"] <= parted < row["updated_at"]
            if after is None:
                what = ", ".join(key.removesuffix("_id").replace("_", " ") for key in changes)
                kept = "it is left out" if only_theirs else "this plan's version is kept"
                analysis.notes.append(
                    f"their change to {label} ({what}) would duplicate one here, so {kept}"
                )
            elif only_theirs:
                if after.get("name", row.get("name")) != row.get("name"):
                    analysis.notes.append(
                        f"their rename of {label} to '{row['name']}' is taken as "
                        f"'{after['name']}': this plan already has one called '{row['name']}'"
                    )
                before = {key: held[key] for key in after}
                analysis.taken.append((table.name, row["id"], before, after))
                mine_by_id[table.name][row["id"]] = {**held, **after}
            else:
                if after.get("name", row.get("name")) != row.get("name"):
                    analysis.notes.append(
                        f"their version of {label}, if kept, is named '{after['name']}': "
                        f"this plan already has one called '{row['name']}'"
                    )
                kept_theirs[table.name].append({**held, **after})
                fields = tuple((key, held[key], after[key]) for key in changes)
                analysis.conflicts.append(Conflict(table.name, row["id"], label, fields))
    return analysis


def _unclashed(
    table: Table,
    held: Row,
    changes: dict[str, Any],
    mine: dict[str, dict[Any, Row]],
    kept_theirs: dict[str, list[Row]],
) -> dict[str, Any] | None:
    """``changes`` to the row ``held`` as they can be made here: a name another row of the
    table already has (theirs was renamed, or this plan named a new row so) gets a free
    one; None when the change would duplicate a row another way (e.g. a second membership
    of the same person in the same team)."""
    after = dict(changes)
    others = [
        r for r in (*mine[table.name].values(), *kept_theirs[table.name]) if r["id"] != held["id"]
    ]
    for columns in _unique_keys(table):
        if not any(c in after for c in columns):
            continue
        values = {**held, **after}
        key = tuple(_fold(values[c]) for c in columns)
        if not any(tuple(_fold(r[c]) for c in columns) == key for r in others):
            continue
        if columns != ("name",):
            return None
        after["name"] = _free_name(values["name"], others)
    return after


def _describe(table: str, values: Mapping[str, Any], rows: dict[str, dict[Any, Row]]) -> str:
    """:func:`_label`, with the person and team a membership joins."""
    if table == "membership":
        person = rows["person"].get(values.get("person_id"), {}).get("name", "someone")
        team = rows["team"].get(values.get("team_id"), {}).get("name", "a team")
        return f"{person}'s membership of team '{team}'"
    return _label(table, values)


def _parted_at(mine: dict[str, dict[Any, Row]], theirs: dict[str, list[Row]]) -> datetime:
    """The newest ``updated_at`` of rows both plans hold unchanged: no later than the moment
    the copies parted."""
    same = [
        row["updated_at"]
        for table, rows in theirs.items()
        for row in rows
        if mine[table].get(row["id"]) == row
    ]
    return max(same) if same else datetime.min.replace(tzinfo=UTC)


def _add(
    table: Table,
    row: Row,
    mine: dict[str, dict[Any, Row]],
    present: dict[str, set[Any]],
    kept_theirs: dict[str, list[Row]],
    analysis: MergeAnalysis,
) -> None:
    values = {key: value for key, value in row.items() if key not in BOOKKEEPING}
    for fk in table.foreign_keys:
        target = values.get(fk.parent.name)
        if target is not None and target not in present[fk.column.table.name]:
            analysis.notes.append(
                f"their {_describe(table.name, values, mine)} was left out: it refers to a "
                f"{fk.column.table.name.replace('_', ' ')} that was deleted here"
            )
            return
    held = [*mine[table.name].values(), *kept_theirs[table.name]]
    for columns in _unique_keys(table):
        key = tuple(_fold(values[c]) for c in columns)
        clash = any(tuple(_fold(r[c]) for c in columns) == key for r in held)
        if not clash:
            continue
        if columns == ("name",):
            renamed = _free_name(values["name"], held)
            analysis.notes.append(
                f"their {_describe(table.name, values, mine)} was added as '{renamed}': "
                "this plan already has one of that name"
            )
            values["name"] = renamed
        else:
            analysis.notes.append(
                f"their {_describe(table.name, values, mine)} duplicates one here: left out"
            )
            return
    mine[table.name][values["id"]] = values
    present[table.name].add(values["id"])
    analysis.added.append((table.name, values))


def merge_edit(plan: Plan, analysis: MergeAnalysis, choose: Chooser | None = None) -> Batch:
    """One undoable edit doing the merge; ``choose`` settles each conflict (None leaves it as
    it is here, for later)."""
    edits: list[Edit] = [Create(table, values) for table, values in analysis.added]
    edits.extend(
        Update(table, row_id, before, after) for table, row_id, before, after in analysis.taken
    )
    for conflict in analysis.conflicts:
        if choose is not None and choose(conflict) is Side.THEIRS:
            before = {name: mine for name, mine, _ in conflict.fields}
            after = {name: theirs for name, _, theirs in conflict.fields}
            edits.append(Update(conflict.table, conflict.row_id, before, after))
    return Batch(tuple(edits), f"Merge {analysis.other.name}")


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = [
        tuple(column.name for column in constraint.columns)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    ]
    keys.extend((column.name,) for column in table.columns if column.unique)
    return list(dict.fromkeys(keys))


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _free_name(name: str, rows: Any) -> str:
    taken = {str(row["name"]).casefold() for row in rows}
    candidate, number = f"{name} (theirs)", 2
    while candidate.casefold() in taken:
        candidate, number = f"{name} (theirs {number})", number + 1
    return candidate


def _label(table: str, values: Mapping[str, Any]) -> str:
    noun = table.replace("_", " ")
    for key in ("name", "title", "outcome"):
        if values.get(key):
            return f"{noun} '{values[key]}'"
    if table == "check_in":
        return f"check-in of {values.get('on_date')}"
    return noun
