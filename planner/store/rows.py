"""Generic row operations the services build every edit from.

Edits are plain data (table name, ids, before/after values), so undo and redo can replay them
without holding ORM objects. A delete first captures everything the database would remove or
unlink with the row, so undo puts back exactly what was there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from planner.store.models import ENTITIES, Base, Entity
from planner.store.types import utc_now

# Columns that record bookkeeping, not what a person entered.
BOOKKEEPING = frozenset({"version", "updated_at"})

Values = dict[str, Any]


class RowNotFoundError(LookupError):
    def __init__(self, table: str, row_id: uuid.UUID) -> None:
        super().__init__(f"no {table.replace('_', ' ')} with id {row_id}")
        self.table = table
        self.row_id = row_id


class RestrictedError(Exception):
    """A delete the schema forbids because other rows still depend on the row."""

    def __init__(self, table: str, dependent_table: str, count: int) -> None:
        super().__init__(
            f"this {table.replace('_', ' ')} still has {count} "
            f"{dependent_table.replace('_', ' ')} row{'' if count == 1 else 's'}"
        )
        self.table = table
        self.dependent_table = dependent_table
        self.count = count


@dataclass(frozen=True)
class Snapshot:
    """Rows a delete removed (parents first) and references it set to NULL."""

    rows: tuple[tuple[str, Mapping[str, Any]], ...]
    unlinked: tuple[tuple[str, uuid.UUID, str, uuid.UUID], ...]


def model(table: str) -> type[Entity]:
    return ENTITIES[table]


def table_of(name: str) -> Table:
    return Base.metadata.tables[name]


def row_values(entity: Entity) -> Values:
    """All column values of an ORM row, keyed by column name."""
    return {column.key: getattr(entity, column.key) for column in entity.__table__.columns}


def insert_row(session: Session, table: str, values: Mapping[str, Any]) -> None:
    session.add(model(table)(**values))
    session.flush()


def update_row(session: Session, table: str, row_id: uuid.UUID, values: Mapping[str, Any]) -> None:
    entity = session.get(model(table), row_id)
    if entity is None:
        raise RowNotFoundError(table, row_id)
    for key, value in values.items():
        setattr(entity, key, value)
    session.flush()


def read_row(session: Session, table: str, row_id: uuid.UUID) -> Values:
    entity = session.get(model(table), row_id)
    if entity is None:
        raise RowNotFoundError(table, row_id)
    return row_values(entity)


def capture_delete(session: Session, table: str, row_id: uuid.UUID) -> Snapshot:
    """Everything deleting the row would remove (cascades) or unlink (SET NULL).

    Raises:
        RestrictedError: a RESTRICT foreign key still points at a row that would go.
    """
    if session.get(model(table), row_id) is None:
        raise RowNotFoundError(table, row_id)
    rows: list[tuple[str, Mapping[str, Any]]] = []
    unlinked: list[tuple[str, uuid.UUID, str, uuid.UUID]] = []
    seen: set[tuple[str, uuid.UUID]] = set()
    pending: list[tuple[str, list[uuid.UUID]]] = [(table, [row_id])]
    while pending:
        name, ids = pending.pop(0)
        ids = [i for i in ids if (name, i) not in seen]
        if not ids:
            continue
        seen.update((name, i) for i in ids)
        source = table_of(name)
        for mapping in session.execute(select(source).where(source.c.id.in_(ids))).mappings():
            rows.append((name, dict(mapping)))
        for child, column, ondelete in _references_to(name):
            found = session.execute(
                select(child.c.id, child.c[column]).where(child.c[column].in_(ids))
            ).all()
            if not found:
                continue
            if ondelete == "CASCADE":
                pending.append((child.name, [row.id for row in found]))
            elif ondelete == "SET NULL":
                unlinked.extend((child.name, row[0], column, row[1]) for row in found)
            else:
                raise RestrictedError(name, child.name, len(found))
    return Snapshot(rows=tuple(rows), unlinked=tuple(unlinked))


def delete_row(session: Session, table: str, row_id: uuid.UUID) -> None:
    source = table_of(table)
    session.execute(delete(source).where(source.c.id == row_id))
    session.expire_all()


def delete_rows(session: Session, table: str, row_ids: list[uuid.UUID]) -> None:
    """Delete many rows of one table in one statement (undoing a bulk insert)."""
    source = table_of(table)
    session.flush()
    session.execute(delete(source).where(source.c.id.in_(row_ids)))
    session.expire_all()


def restore(session: Session, snapshot: Snapshot) -> None:
    """Put back what :func:`capture_delete` recorded, exactly as it was."""
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    restored = {(name, values["id"]) for name, values in snapshot.rows}
    deferred: list[tuple[str, uuid.UUID, str, uuid.UUID]] = []
    for name, values in sorted(snapshot.rows, key=lambda item: order[item[0]]):
        target = table_of(name)
        row = dict(values)
        # A row pointing at another row of its own table that comes back in the same snapshot:
        # insert it unlinked and link it once every row is back.
        for column in _self_references(name):
            if row[column] is not None and (name, row[column]) in restored:
                deferred.append((name, row["id"], column, row[column]))
                row[column] = None
        session.execute(insert(target), [row])
    for name, row_id, column, value in [*deferred, *snapshot.unlinked]:
        target = table_of(name)
        session.execute(update(target).where(target.c.id == row_id).values({column: value}))
    session.expire_all()


def _references_to(table: str) -> Iterable[tuple[Table, str, str | None]]:
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table.name == table:
                yield child, fk.parent.name, (fk.ondelete or "").upper() or None


def _self_references(table: str) -> list[str]:
    target = table_of(table)
    return [fk.parent.name for fk in target.foreign_keys if fk.column.table is target]


def plan_contents(
    session: Session, *, include_bookkeeping: bool = False
) -> dict[str, list[Values]]:
    """Every row of the plan, table by table, sorted by id: what a person could see or export."""
    contents: dict[str, list[Values]] = {}
    for table in Base.metadata.sorted_tables:
        rows = []
        for mapping in session.execute(select(table).order_by(table.c.id)).mappings():
            row = dict(mapping)
            if not include_bookkeeping:
                for key in BOOKKEEPING:
                    row.pop(key, None)
            rows.append(row)
        contents[table.name] = rows
    return contents


def insert_new(session: Session, table: str, values: list[Mapping[str, Any]]) -> None:
    """Insert new rows (complete but for bookkeeping) in one statement: many times faster than
    one ORM flush per row, for imports, merges and copies of whole teams."""
    session.flush()  # rows the ORM holds go first: the new ones may refer to them
    # One statement needs one set of columns: a column some rows leave out gets its default.
    columns = table_of(table).columns
    keys = set().union(*values)
    now = utc_now()
    complete = [
        {
            **{key: _default_of(columns[key]) for key in keys - row.keys()},
            **row,
            "version": 1,
            "updated_at": now,
        }
        for row in values
    ]
    insert_many(session, table, complete)


def _default_of(column: Any) -> Any:
    default = column.default
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg


def insert_many(session: Session, table: str, values: list[Values]) -> None:
    """Insert many complete rows in one statement; for generated or imported data that was
    validated before it got here."""
    if values:
        session.execute(insert(table_of(table)), values)
