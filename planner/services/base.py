"""What every entity service shares: reading records, and building create, update, delete and
reorder edits whose values were validated the same way whichever way they came in."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.domain.validation import ValidationError
from planner.services.edits import Batch, Create, Delete, Edit, Update
from planner.store import rows
from planner.store.models import Entity

if TYPE_CHECKING:
    from planner.services.plan import Plan

R = TypeVar("R")


class NotFoundError(LookupError):
    """The thing asked for is not in the plan (any more)."""


class EntityService(Generic[R]):
    """Reads and edits one table.

    Subclasses name the table, the record type handed to callers, how rows are ordered, which
    columns group siblings for ordering, and how values are cleaned (``_clean``).
    """

    model: ClassVar[type[Entity]]
    record: ClassVar[type[Any]]
    noun: ClassVar[str]
    # Columns whose equal values make rows siblings in one ordered list (e.g. a stage's teams).
    sibling_keys: ClassVar[tuple[str, ...]] = ()
    ordered: ClassVar[bool] = True

    def __init__(self, plan: Plan) -> None:
        self._plan = plan

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    # ---- reading -------------------------------------------------------------------------

    def get(self, row_id: uuid.UUID) -> R:
        """The row with ``row_id`` (NotFoundError when there is none); remembered until its
        table changes, as views ask for the same period or team after every edit."""
        key = (self.table, "get", row_id)
        return self._plan.remember(key, lambda: self._read_one(row_id), tables=[self.table])

    def _read_one(self, row_id: uuid.UUID) -> R:
        with self._plan.session() as session:
            entity = session.get(self.model, row_id)
            if entity is None:
                raise NotFoundError(f"no {self.noun} with id {row_id}")
            return self._record(entity)

    def list(self, **where: Any) -> builtins.list[R]:
        """All rows, in display order, whose columns equal ``where``.

        Remembered until an edit touches the table (several views list the same people or
        teams after each edit); every caller gets its own list of the shared, immutable
        records.
        """
        key = (self.table, tuple(sorted(where.items())))
        rows = self._plan.remember(key, lambda: self._read_list(where), tables=[self.table])
        return builtins.list(rows)

    def _read_list(self, where: dict[str, Any], *criteria: Any) -> tuple[R, ...]:
        """The rows whose columns equal ``where`` and that meet ``criteria``, in order."""
        # Plain rows (Plan.rows), not ORM entities: building instances only to copy them into
        # records is most of the cost of reading a whole table (tens of thousands of rows).
        with self._plan.rows() as connection:
            query = (
                select(*self._record_columns())
                .filter_by(**where)
                .where(*criteria)
                .order_by(*self._order())
            )
            make = self.record
            return tuple(make(*row) for row in connection.execute(query))

    def count(self, **where: Any) -> int:
        with self._plan.session() as session:
            query = select(func.count()).select_from(self.model).filter_by(**where)
            return int(session.scalar(query) or 0)

    def _order(self) -> builtins.list[Any]:
        columns = self.model.__table__.columns
        order: builtins.list[Any] = []
        if self.ordered and "position" in columns:
            order.append(columns["position"])
        if "name" in columns:
            order.append(columns["name"])
        order.append(columns["id"])
        return order

    def _record_columns(self) -> builtins.list[Any]:
        """The table's columns in the order of the record's fields."""
        columns = self.model.__table__.columns
        return [columns[field.name] for field in fields(self.record)]

    def _record(self, entity: Entity) -> R:
        return self.record(  # type: ignore[no-any-return]
            **{field.name: getattr(entity, field.name) for field in fields(self.record)}
        )

    def describe(self, values: Mapping[str, Any]) -> str:
        """How undo texts name a row: its name or title, quoted."""
        for key in ("name", "title", "outcome"):
            if values.get(key):
                return f"{self.noun} '{values[key]!s}'"
        return self.noun

    # ---- editing -------------------------------------------------------------------------

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        """Validate and normalise ``values`` (the whole row) in place; raise ValidationError."""

    def _build_create(
        self, values: Mapping[str, Any], label: str | None = None, *, trusted: bool = False
    ) -> Create:
        """A create edit; ``trusted`` values (copies of rows already in the plan, possibly under
        a parent created in the same edit) skip validation."""
        row = dict(values)
        with self._plan.session() as session:
            if not trusted:
                self._clean(session, row, None)
            if self.ordered and "position" in self.model.__table__.columns:
                row.setdefault("position", self._next_position(session, row))
        # Defaults are fixed now, not at insert, so redoing the edit recreates the same row.
        for column in self.model.__table__.columns:
            if column.key in row or column.key in rows.BOOKKEEPING or column.default is None:
                continue
            default = column.default
            row[column.key] = default.arg(None) if default.is_callable else default.arg
        return Create(self.table, row, label or f"Add {self.describe(row)}")

    def update(self, row_id: uuid.UUID, label: str | None = None, **changes: Any) -> Update:
        """An edit setting the given columns; validated against the whole resulting row."""
        unknown = set(changes) - set(self.model.__table__.columns.keys())
        if unknown:
            raise TypeError(f"{self.noun} has no {', '.join(sorted(unknown))}")
        with self._plan.session() as session:
            current = self._read(session, row_id)
            merged = {**current, **changes}
            self._clean(session, merged, row_id)
        keys = [key for key in changes if merged[key] != current[key]]
        before = {key: current[key] for key in keys}
        after = {key: merged[key] for key in keys}
        return Update(
            self.table, row_id, before, after, label or self._update_label(current, after)
        )

    def _update_label(self, current: Mapping[str, Any], after: Mapping[str, Any]) -> str:
        if set(after) == {"name"} or set(after) == {"title"}:
            return f"Rename {self.describe(current)}"
        return f"Edit {self.describe(current)}"

    def delete(self, row_id: uuid.UUID, label: str | None = None) -> Edit:
        with self._plan.session() as session:
            current = self._read(session, row_id)
            self._check_delete(session, current)
        return Delete(self.table, row_id, label or f"Delete {self.describe(current)}")

    def _check_delete(self, session: Session, values: Mapping[str, Any]) -> None:
        """Refuse a delete with a clear message (ValidationError) before the schema would."""

    def reorder(self, ordered_ids: Sequence[uuid.UUID], label: str | None = None) -> Batch:
        """An edit giving the listed siblings positions 0, 1, 2, … in that order."""
        with self._plan.session() as session:
            current = {row_id: self._read(session, row_id)["position"] for row_id in ordered_ids}
        edits = tuple(
            Update(self.table, row_id, {"position": current[row_id]}, {"position": index})
            for index, row_id in enumerate(ordered_ids)
            if current[row_id] != index
        )
        return Batch(edits, label or f"Reorder {self.noun}s")

    def _read(self, session: Session, row_id: uuid.UUID) -> dict[str, Any]:
        try:
            return rows.read_row(session, self.table, row_id)
        except rows.RowNotFoundError:
            raise NotFoundError(f"no {self.noun} with id {row_id}") from None

    def _next_position(self, session: Session, row: Mapping[str, Any]) -> int:
        columns = self.model.__table__.columns
        query = select(func.max(columns["position"]))
        for key in self.sibling_keys:
            # Compared with None this renders IS NULL: plan-level objectives are siblings too.
            query = query.where(columns[key] == row.get(key))
        highest = session.scalar(query)
        return 0 if highest is None else int(highest) + 1

    def _ensure_unique(
        self, session: Session, column: str, value: Any, row_id: uuid.UUID | None, field: str
    ) -> None:
        columns = self.model.__table__.columns
        if row_id is not None:
            kept = session.execute(select(columns[column]).where(columns["id"] == row_id))
            if kept.scalar() == value:
                return  # not renamed: an edit of its other fields never trips on its name
        # casefold() is the plan file's own SQL function (store.engine): Unicode-aware.
        query = select(columns[column]).where(
            func.casefold(columns[column]) == str(value).casefold()
        )
        if row_id is not None:
            query = query.where(columns["id"] != row_id)
        taken = session.execute(query).scalar()
        if taken is not None:
            raise ValidationError(field, f"another {self.noun} is already called '{taken}'")

    def _ensure_exists(
        self, session: Session, model: type[Entity], row_id: Any, field: str
    ) -> None:
        if row_id is not None and session.get(model, row_id) is None:
            raise ValidationError(field, "refers to something that is not in the plan")
