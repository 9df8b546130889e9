"""Merging a plan drafted on another laptop into this one.

Rows are matched by id (every key is a UUID, so copies of one plan share ids), so only copies
of one plan merge. What is new on the other side is added; check-ins and attribution notes,
having their own ids, are united. A row both sides changed is a conflict, listed with both
values for the person to choose.

Which side changed a row is told from its ``updated_at``: rows identical on both sides were last
touched before the copies parted, so the newest of them bounds when that was. A side whose row is
no newer than that bound did not touch it, and the other side's value is taken without asking.
The same bound tells a row new on the other side (added) from one deleted here that the other
side did not touch since (left deleted). Nothing is deleted here: a row the other side deleted
stays.

What is taken or added is stamped with the time of the merge, not the other side's time of
change: that copy may itself hold rows merged from a third, changed before this plan and that
copy parted yet new to this plan; stamped with their own time, they would pass for rows both
already held.
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
    # The rows a reference names on each side, as a person knows them (mine, theirs).
    named: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def describe(self) -> str:
        changes = "; ".join(
            f"{name.removesuffix('_id')}: mine {self.shown(name, mine, 0)}, "
            f"theirs {self.shown(name, theirs, 1)}"
            for name, mine, theirs in self.fields
        )
        return f"{self.label} was changed on both sides ({changes})"

    def shown(self, column: str, value: Any, side: int) -> str:
        """``value`` of ``column`` on one side (0 mine, 1 theirs): a referenced row by its
        name, anything else as written."""
        if column in self.named:
            return self.named[column][side]
        return repr(getattr(value, "value", value))


@dataclass
class MergeAnalysis:
    """What merging would do, before anything is changed."""

    other: Path
    added: list[tuple[str, Row]] = field(default_factory=list)
    taken: list[tuple[str, uuid.UUID, Row, Row]] = field(default_factory=list)  # theirs only
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # renamed or skipped rows, said plainly

    @property
    def anything(self) -> bool:
        """Whether merging would add, take or ask anything."""
        return bool(self.added or self.taken or self.conflicts)

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
    if not _same_plan(mine, theirs):
        raise MergeError(
            f"{other}: it is not a copy of this plan, so there is nothing to match its rows "
            "with (to add its teams and OKRs, export it as a CSV or XLSX sheet and import that)"
        )
    return _compare(mine, theirs, MergeAnalysis(other))


def _same_plan(mine: dict[str, list[Row]], theirs: dict[str, list[Row]]) -> bool:
    """Copies of one plan share its information row (made once, when the plan was)."""
    ours = {row["id"] for row in mine.get("plan_info", [])}
    return bool(ours & {row["id"] for row in theirs.get("plan_info", [])})


def _compare(
    mine: dict[str, list[Row]], theirs: dict[str, list[Row]], analysis: MergeAnalysis
) -> MergeAnalysis:
    mine_by_id = {table: {row["id"]: row for row in rows} for table, rows in mine.items()}
    parted = _parted_at(mine_by_id, theirs)
    present = {table: set(rows) for table, rows in mine_by_id.items()}
    # Their side of each conflict as it would be if kept: its names are taken too.
    kept_theirs: dict[str, list[Row]] = {table: [] for table in mine_by_id}
    added: set[tuple[str, Any]] = set()
    # Their new rows taken to be one here (a person both sides added): their id -> ours.
    aliases: dict[Any, Any] = {}
    for table in Base.metadata.sorted_tables:
        # Rows held here first, then the new ones, as merge_edit applies them: a rename taken
        # frees its old name for a new row of theirs.
        fresh = []
        for row in theirs.get(table.name, []):
            row = _aliased(table, row, aliases)
            held = mine_by_id[table.name].get(row["id"])
            if held is None:
                fresh.append(row)
            else:
                _compare_row(table, held, row, parted, mine_by_id, kept_theirs, analysis)
        for row in _parents_first(table, fresh):
            if row["updated_at"] <= parted and not _under_added(table, row, added):
                _left_deleted(table, row, present, mine_by_id, analysis)
            elif (same := _same_person(table, row, mine, mine_by_id)) is not None:
                aliases[row["id"]] = same
                analysis.notes.append(
                    f"their person '{row['name']}' is taken to be the one here of that name"
                )
            elif _add(table, row, mine_by_id, present, kept_theirs, analysis):
                added.add((table.name, row["id"]))
        _drop_dangling(table, present, mine_by_id, analysis)
    return analysis


def _compare_row(
    table: Table,
    held: Row,
    row: Row,
    parted: datetime,
    mine_by_id: dict[str, dict[Any, Row]],
    kept_theirs: dict[str, list[Row]],
    analysis: MergeAnalysis,
) -> None:
    """A row both plans hold: nothing, a change taken from theirs, or a conflict."""
    changed = {
        key: value for key, value in row.items() if key not in BOOKKEEPING and held[key] != value
    }
    if not changed:
        return
    if row["updated_at"] <= parted:
        # Only this plan changed it since the copies parted; or neither did and a delete
        # here cleared a reference to the deleted row (which marks no row changed).
        return
    label = _describe(table.name, held, mine_by_id)
    after = _unclashed(table, held, changed, mine_by_id, kept_theirs)
    only_theirs = held["updated_at"] <= parted
    if after is None:
        what = ", ".join(key.removesuffix("_id").replace("_", " ") for key in changed)
        kept = "it is left out" if only_theirs else "this plan's version is kept"
        analysis.notes.append(
            f"their change to {label} ({what}) would duplicate one here, so {kept}"
        )
        return
    after = {key: value for key, value in after.items() if held[key] != value}
    if not after:
        return  # theirs, given a free name, is what this plan holds: as after an earlier merge
    if only_theirs:
        if after.get("name", row.get("name")) != row.get("name"):
            analysis.notes.append(
                f"their rename of {label} to '{row['name']}' is taken as "
                f"'{after['name']}': this plan already has one called '{row['name']}'"
            )
        before = {key: held[key] for key in after}
        analysis.taken.append((table.name, row["id"], before, after))
        mine_by_id[table.name][row["id"]] = {**held, **after}
        return
    if after.get("name", row.get("name")) != row.get("name"):
        analysis.notes.append(
            f"their version of {label}, if kept, is named '{after['name']}': "
            f"this plan already has one called '{row['name']}'"
        )
    kept_theirs[table.name].append({**held, **after})
    fields = tuple((key, held[key], value) for key, value in after.items())
    named = {
        fk.parent.name: (
            _named(fk.column.table.name, held[fk.parent.name], mine_by_id),
            _named(fk.column.table.name, after[fk.parent.name], mine_by_id),
        )
        for fk in table.foreign_keys
        if fk.parent.name in after
    }
    analysis.conflicts.append(Conflict(table.name, row["id"], label, fields, named))


def _named(table: str, row_id: Any, rows: dict[str, dict[Any, Row]]) -> str:
    """The row ``row_id`` of ``table`` as a person knows it ("objective 'Grow'")."""
    if row_id is None:
        return "none"
    found = rows[table].get(row_id)
    return _describe(table, found, rows) if found is not None else f"a {_label(table, {})}"


def _aliased(table: Table, row: Row, aliases: Mapping[Any, Any]) -> Row:
    """``row`` referring to ours where it referred to a row of theirs taken to be ours."""
    if not aliases:
        return row
    changes = {
        fk.parent.name: aliases[row[fk.parent.name]]
        for fk in table.foreign_keys
        if row[fk.parent.name] in aliases
    }
    return {**row, **changes} if changes else row


def _same_person(
    table: Table, row: Row, mine: dict[str, list[Row]], rows: dict[str, dict[Any, Row]]
) -> Any | None:
    """The id of the person this plan had before the merge whom their new ``row`` is: the
    same name (ignoring case) and no other e-mail address. Both laptops adding a new hire
    is one person, not two."""
    if table.name != "person":
        return None
    name, email = _fold(row["name"]), _fold(row["email"] or "")
    for held in mine.get("person", []):
        same_email = not email or not held["email"] or _fold(held["email"]) == email
        if _fold(held["name"]) == name and same_email and held["id"] in rows["person"]:
            return held["id"]
    return None


def _parents_first(table: Table, rows: list[Row]) -> list[Row]:
    """``rows`` (new rows of one table) with each after the row of the same table it refers
    to, should that be among them too (an objective aligned to a new company objective)."""
    columns = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not columns:
        return rows
    waiting = {row["id"]: row for row in rows}
    ordered: list[Row] = []

    def place(row: Row, path: set[Any]) -> None:
        if waiting.pop(row["id"], None) is None:
            return
        for column in columns:
            parent = waiting.get(row[column])
            if parent is not None and parent["id"] not in path:
                place(parent, path | {row["id"]})
        ordered.append(row)

    for row in rows:
        place(row, set())
    return ordered


def _under_added(table: Table, row: Row, added: set[tuple[str, Any]]) -> bool:
    """Whether ``row`` belongs to a row added back by this merge (one deleted here that they
    changed since): it comes back with it."""
    return any((fk.column.table.name, row[fk.parent.name]) in added for fk in table.foreign_keys)


def _left_deleted(
    table: Table,
    row: Row,
    present: dict[str, set[Any]],
    mine: dict[str, dict[Any, Row]],
    analysis: MergeAnalysis,
) -> None:
    """A row they hold untouched since the copies parted, deleted here: it stays deleted,
    said once, for the row deleted (not for each row that went with it)."""
    went_with_another = any(
        row[fk.parent.name] is not None and row[fk.parent.name] not in present[fk.column.table.name]
        for fk in table.foreign_keys
    )
    if not went_with_another:
        analysis.notes.append(
            f"their {_describe(table.name, row, mine)} is left out: it was deleted here"
        )


def _drop_dangling(
    table: Table,
    present: dict[str, set[Any]],
    mine: dict[str, dict[Any, Row]],
    analysis: MergeAnalysis,
) -> None:
    """Their changes to rows of ``table`` that point at a row left out here (deleted here,
    or not added) are left out too, said; the merge would fail on them as a whole."""

    def dangling(after: Mapping[str, Any]) -> str | None:
        for fk in table.foreign_keys:
            target = after.get(fk.parent.name)
            if target is not None and target not in present[fk.column.table.name]:
                return fk.column.table.name.replace("_", " ")
        return None

    def left_out(row_id: Any, after: Mapping[str, Any], missing: str) -> None:
        label = _describe(table.name, mine[table.name][row_id], mine)
        analysis.notes.append(
            f"their change to {label} is left out: it refers to a {missing} that is not here"
        )

    kept_taken = []
    for entry in analysis.taken:
        name, row_id, _, after = entry
        missing = dangling(after) if name == table.name else None
        if missing is None:
            kept_taken.append(entry)
        else:
            left_out(row_id, after, missing)
    analysis.taken[:] = kept_taken
    kept_conflicts = []
    for conflict in analysis.conflicts:
        theirs = {name: value for name, _, value in conflict.fields}
        missing = dangling(theirs) if conflict.table == table.name else None
        if missing is None:
            kept_conflicts.append(conflict)
        else:
            left_out(conflict.row_id, theirs, missing)
    analysis.conflicts[:] = kept_conflicts


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
    if table == "contribution":
        team = rows["team"].get(values.get("team_id"), {}).get("name")
        note = rows["attribution_note"].get(values.get("note_id"), {}).get("outcome", "")
        whose = f"team '{team}'" if team else "the unattributed"
        return f"the share of {whose} in the note '{note}'"
    return _label(table, values)


def _parted_at(mine: dict[str, dict[Any, Row]], theirs: dict[str, list[Row]]) -> datetime:
    """The newest ``updated_at`` of rows both plans hold unchanged: no later than the moment
    the copies parted."""
    same = [
        row["updated_at"]
        for table, rows in theirs.items()
        for row in rows
        if _alike(mine[table].get(row["id"]), row)
    ]
    return max(same) if same else datetime.min.replace(tzinfo=UTC)


def _alike(held: Row | None, row: Row) -> bool:
    """The same values and ``updated_at`` (a row taken in a merge has its own version)."""
    return held is not None and all(
        held[key] == value for key, value in row.items() if key != "version"
    )


def _add(
    table: Table,
    row: Row,
    mine: dict[str, dict[Any, Row]],
    present: dict[str, set[Any]],
    kept_theirs: dict[str, list[Row]],
    analysis: MergeAnalysis,
) -> bool:
    """Add their new ``row`` (under a free name where this plan has its name); False when
    it is left out, said in a note."""
    values = {key: value for key, value in row.items() if key not in BOOKKEEPING}
    for fk in table.foreign_keys:
        target = values.get(fk.parent.name)
        if target is not None and target not in present[fk.column.table.name]:
            analysis.notes.append(
                f"their {_describe(table.name, values, mine)} was left out: it refers to a "
                f"{fk.column.table.name.replace('_', ' ')} that was deleted here"
            )
            return False
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
            return False
    mine[table.name][values["id"]] = values
    present[table.name].add(values["id"])
    analysis.added.append((table.name, values))
    return True


def merge_edit(plan: Plan, analysis: MergeAnalysis, choose: Chooser | None = None) -> Batch:
    """One undoable edit doing the merge; ``choose`` settles each conflict (None leaves it as
    it is here, for later).

    Table by table, parents first: the changes taken, then the rows added (so a rename frees
    its old name for a new row), then the changes that point at a row of the same table
    added here (a key result moved to a new objective, an objective aligned to a new one).
    """
    edits: list[Edit] = []
    for table in Base.metadata.sorted_tables:
        new_ids = {values["id"] for name, values in analysis.added if name == table.name}
        later: list[Edit] = []
        for name, row_id, before, after in analysis.taken:
            if name != table.name:
                continue
            update = Update(name, row_id, before, after)
            if any(value in new_ids for value in after.values()):
                later.append(update)
            else:
                edits.append(update)
        edits.extend(Create(name, values) for name, values in analysis.added if name == table.name)
        edits.extend(later)
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
