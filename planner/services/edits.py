"""Edits: every change to a plan as plain data that can be applied, reverted and re-applied.

A service method that changes the plan returns an :class:`Edit` and changes nothing; the plan
changes when :meth:`planner.services.plan.Plan.apply` runs it (directly, or through an undo
command in the app). Edits hold table names, ids and before/after values, never ORM objects,
so an undo stack can keep them for as long as the plan is open.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy.orm import Session

from planner.store import rows


@dataclass(frozen=True)
class Create:
    table: str
    values: Mapping[str, Any]
    label: str = ""

    @property
    def id(self) -> uuid.UUID:
        row_id = self.values["id"]
        assert isinstance(row_id, uuid.UUID)
        return row_id

    def apply(self, session: Session) -> None:
        rows.insert_row(session, self.table, self.values)

    def revert(self, session: Session) -> None:
        rows.delete_row(session, self.table, self.id)


@dataclass(frozen=True)
class Update:
    table: str
    id: uuid.UUID
    before: Mapping[str, Any]
    after: Mapping[str, Any]
    label: str = ""

    def apply(self, session: Session) -> None:
        rows.update_row(session, self.table, self.id, self.after)

    def revert(self, session: Session) -> None:
        rows.update_row(session, self.table, self.id, self.before)


@dataclass
class Delete:
    table: str
    id: uuid.UUID
    label: str = ""
    # What the delete took with it, captured when it runs so undo can put it all back.
    snapshot: rows.Snapshot | None = field(default=None, compare=False)

    def apply(self, session: Session) -> None:
        self.snapshot = rows.capture_delete(session, self.table, self.id)
        rows.delete_row(session, self.table, self.id)

    def revert(self, session: Session) -> None:
        assert self.snapshot is not None, "a delete is reverted only after it was applied"
        rows.restore(session, self.snapshot)


@dataclass(frozen=True)
class Batch:
    """Several edits that are one step for the person: applied in order, reverted backwards."""

    edits: tuple[Edit, ...]
    label: str = ""

    def apply(self, session: Session) -> None:
        # Consecutive creates in one table go in as one statement; order is kept, so a row
        # still comes after the rows it refers to.
        for _, group in groupby(self.edits, key=_create_table):
            run = list(group)
            if len(run) > 1 and isinstance(run[0], Create):
                rows.insert_new(session, run[0].table, [edit.values for edit in run])  # type: ignore[union-attr]
            else:
                for edit in run:
                    edit.apply(session)

    def revert(self, session: Session) -> None:
        for _, group in groupby(reversed(self.edits), key=_create_table):
            run = list(group)
            if len(run) > 1 and isinstance(run[0], Create):
                rows.delete_rows(session, run[0].table, [edit.id for edit in run])  # type: ignore[union-attr]
            else:
                for edit in run:
                    edit.revert(session)


Edit = Create | Update | Delete | Batch


def _create_table(edit: Edit) -> object:
    """Groups consecutive creates by table; any other edit stands alone."""
    return edit.table if isinstance(edit, Create) else object()


def tables_touched(edit: Edit) -> frozenset[str]:
    """The tables an edit changes, including those a delete cascades to."""
    return frozenset(_tables(edit))


def _tables(edit: Edit) -> Iterator[str]:
    if isinstance(edit, Batch):
        for inner in edit.edits:
            yield from _tables(inner)
        return
    yield edit.table
    if isinstance(edit, Delete) and edit.snapshot is not None:
        yield from (name for name, _ in edit.snapshot.rows)
        yield from (name for name, *_ in edit.snapshot.unlinked)


def is_empty(edit: Edit) -> bool:
    """True for an edit that changes nothing (an update to the same values, an empty batch)."""
    if isinstance(edit, Batch):
        return all(is_empty(inner) for inner in edit.edits)
    if isinstance(edit, Update):
        return dict(edit.before) == dict(edit.after)
    return False
