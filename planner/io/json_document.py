"""Reading a JSON export: its shape, every value and each row's own rules, before anything else.

:func:`read_document` turns a parsed document into typed rows or lists every problem it finds,
each naming the table, the row (counted from 1 in the order of the file's list, with its id when
it has one) and the field. What a row means for a given plan (is it new, does it clash) is
:mod:`planner.io.json_format`'s business.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table

from planner.io.errors import JsonImportError
from planner.io.json_codec import FieldError, decode_value
from planner.io.json_rules import RuleError, check_row
from planner.store.models import Base
from planner.store.rows import BOOKKEEPING

FORMAT = "okr-planner"
VERSION = 1
# Past this many problems a document is not worth reading on: the list is already long enough.
MAX_PROBLEMS = 200
_TOP_LEVEL = {"format", "version", "exported_at", "app_version", "tables"}

Values = dict[str, Any]


@dataclass(frozen=True)
class DocumentRow:
    """One row of a document, its values converted to what the plan stores."""

    table: Table
    number: int  # 1-based, in the order of the document's list
    values: Values

    @property
    def id(self) -> uuid.UUID:
        row_id = self.values["id"]
        assert isinstance(row_id, uuid.UUID)
        return row_id

    def where(self, field: str | None = None) -> str:
        place = f"table {self.table.name}, row {self.number} (id {self.id})"
        return place if field is None else f"{place}, field {field}"


def read_document(document: Any) -> list[DocumentRow]:
    """Every row of a document, checked and converted, parents' tables first.

    Raises:
        JsonImportError: Listing every problem found (up to :data:`MAX_PROBLEMS`).
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise JsonImportError(["not an OKR Planner export"])
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise JsonImportError(["field version: must be a whole number (the format version)"])
    if version > VERSION:
        raise JsonImportError(
            [f"made by a newer version (format version {version}); update the app"]
        )
    if version < 1:
        raise JsonImportError([f"field version: {version} is not a format version"])
    problems = [
        f"unknown field {key!r}" for key in sorted(map(str, document)) if key not in _TOP_LEVEL
    ]
    for key in ("exported_at", "app_version"):
        if key in document and not isinstance(document[key], str):
            problems.append(f"field {key}: must be a string")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise JsonImportError([*problems, "field tables: must be an object of tables"])
    known = {table.name: table for table in Base.metadata.sorted_tables}
    problems += [
        f"unknown table {name!r}" for name in sorted(map(str, tables)) if name not in known
    ]
    rows: list[DocumentRow] = []
    for name, table in known.items():
        if len(problems) >= MAX_PROBLEMS:
            break
        rows += _read_table(table, tables.get(name, []), problems)
    if problems:
        raise JsonImportError(problems[:MAX_PROBLEMS])
    return rows


def _read_table(table: Table, raw_rows: Any, problems: list[str]) -> list[DocumentRow]:
    if not isinstance(raw_rows, list):
        problems.append(f"table {table.name}: must be a list of rows")
        return []
    rows: list[DocumentRow] = []
    seen: dict[uuid.UUID, int] = {}
    for number, raw in enumerate(raw_rows, start=1):
        if len(problems) >= MAX_PROBLEMS:
            break
        place = f"table {table.name}, row {number}"
        if not isinstance(raw, dict):
            problems.append(f"{place}: must be an object")
            continue
        values, errors = _read_values(table, raw)
        if "id" in values:
            place = f"{place} (id {values['id']})"
        problems += [f"{place}, {error}" for error in errors]
        if errors:
            continue
        row = DocumentRow(table, number, values)
        if row.id in seen:
            problems.append(f"{place}: the same id as row {seen[row.id]}")
            continue
        seen[row.id] = number
        try:
            check_row(table.name, values)
        except RuleError as error:
            problems.append(f"{place}, field {error.column}: {error.message}")
            continue
        rows.append(row)
    return rows


def _read_values(table: Table, raw: dict[str, Any]) -> tuple[Values, list[str]]:
    values: Values = {}
    # Bookkeeping columns are known (and ignored): exports leave them out, but a document
    # made from the plan file with them is still the same plan.
    columns = set(table.c.keys())
    unknown = sorted(str(key) for key in raw if key not in columns)
    errors = [f"unknown field {key!r}" for key in unknown[:5]]
    for column in table.c:
        if column.key in BOOKKEEPING:
            continue
        if column.key not in raw:
            errors.append(f"field {column.key}: is missing")
            continue
        try:
            values[column.key] = decode_value(column, raw[column.key])
        except FieldError as error:
            errors.append(f"field {column.key}: {error}")
    return values, errors
