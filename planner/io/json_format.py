"""The lossless JSON export of a plan, and importing one back: every row of every table.

The document is versioned (``format``/``version``) and deterministic: tables and keys sorted,
rows sorted by id, so two exports of the same plan differ only in ``exported_at``. It is the
plan as a person made it; the file's bookkeeping (each row's edit counter and last-change time)
is left out, because the plan that imports a row keeps its own. docs/json-format.md describes
the format.

An import is all or nothing. The whole document is read and checked first (its shape, every
value, the plan's rules, references and unique names, and how it fits the plan); only then is
it applied, as one edit in one transaction, so it can be undone in one step. Rows are matched
by id: new rows are added, rows the plan already holds identically are skipped, and a row the
plan holds with other values refuses the whole import (combining diverged plans is the merge
command's work, not an import's).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, UniqueConstraint

from planner import __version__
from planner.io.errors import FileImportError, JsonImportError
from planner.io.files import write_atomically
from planner.io.json_codec import encode_row
from planner.io.json_document import FORMAT, VERSION, DocumentRow, read_document
from planner.io.summary import ImportSummary, noun
from planner.services.edits import Batch, Create, Edit, Update
from planner.services.plan import EditError, Plan, ReadOnlyError
from planner.store.engine import log_files
from planner.store.models import Base
from planner.store.rows import plan_contents

# A plan is kilobytes to a few megabytes; a bigger file is not an export, and reading it all
# into memory first would be the problem.
MAX_BYTES = 64 * 1024 * 1024

Values = dict[str, Any]


def export_json(plan: Plan, out: Path, now: datetime | None = None) -> None:
    """Write every row of the plan to ``out`` as a versioned JSON document.

    Args:
        plan: The plan to export.
        out: The file to write; replaced whole, never left half-written.
        now: The export time written as ``exported_at`` (default: now); the document's only
            field that changes between two exports of the same plan.
    """
    write_atomically(Path(out), dumps(export_document(plan, now)).encode("utf-8"), plan.path)


def export_document(plan: Plan, now: datetime | None = None) -> dict[str, Any]:
    """The export as plain JSON values (what :func:`export_json` writes)."""
    with plan.session() as session:
        contents = plan_contents(session)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        rows = sorted(contents[table.name], key=lambda row: str(row["id"]))
        tables[table.name] = [encode_row(table, row) for row in rows]
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": moment.isoformat(timespec="seconds"),
        "app_version": __version__,
        "tables": tables,
    }


def dumps(document: Mapping[str, Any]) -> str:
    """The document as the text an export holds: sorted keys, two-space indents, UTF-8."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)
    return text + "\n"


def import_json(plan: Plan, source: Path) -> ImportSummary:
    """Add the rows of a JSON export to ``plan``, all or nothing.

    Raises:
        JsonImportError: The file is not a valid export, or does not fit the plan; the message
            names the table, row and field of each problem. The plan was not changed.
        FileImportError: The file cannot be read.
        planner.services.plan.ReadOnlyError: The plan is open read-only.
    """
    source = Path(source)
    return import_document(plan, load(source), label=f"Import {source.name}")


def restore_json(path: Path, source: Path) -> tuple[Plan, ImportSummary]:
    """Create a plan file at ``path`` holding the plan a JSON export (a backup) holds, and
    nothing else: no default stages, disciplines or periods, which would clash with its own.

    All or nothing: when the document cannot be read or does not make a whole plan, the new
    file is removed again, so no half-restored plan is left behind.

    Raises:
        JsonImportError: The document is not a valid export, or not of a whole plan.
        FileImportError: The file cannot be read.
        planner.store.planfile.PlanFileError: No plan file can be created at ``path``.
    """
    source = Path(source)
    document = load(source)  # an unreadable file is refused before a plan file exists
    plan = Plan.create(path)
    try:
        summary = import_document(plan, document, label=f"Restore {source.name}")
        if not summary.created.get("plan_info"):
            raise JsonImportError(
                [f"{source.name} holds no plan_info row: it is not the export of a whole plan"]
            )
    except BaseException:
        plan.close()
        for part in (Path(path), *log_files(Path(path))):
            part.unlink(missing_ok=True)
        raise
    return plan, summary


def load(source: Path) -> Any:
    """The JSON value in ``source``, refusing what is not UTF-8 JSON text of sane size."""
    try:
        with source.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise FileImportError(f"{source}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise JsonImportError([f"{source.name} is larger than any plan export; not imported"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise JsonImportError(
            [f"{source.name} is not an OKR Planner export (not UTF-8 text)"]
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise JsonImportError(
            [f"{source.name} is not an OKR Planner export (nested too deeply)"]
        ) from None
    except ValueError as error:
        # JSONDecodeError says where (line and column); a number of thousands of digits is a
        # plain ValueError.
        raise JsonImportError([f"{source.name} is not valid JSON ({error})"]) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def import_document(plan: Plan, document: Any, label: str = "Import") -> ImportSummary:
    """Import an already parsed document; see :func:`import_json`."""
    if plan.read_only:
        raise ReadOnlyError(plan.path)
    rows = read_document(document)
    with plan.session() as session:
        held = {
            name: {row["id"]: row for row in table_rows}
            for name, table_rows in plan_contents(session).items()
        }
    problems: list[str] = []
    new: list[DocumentRow] = []
    unchanged = 0
    for row in rows:
        existing = held[row.table.name].get(row.id)
        if existing is None:
            new.append(row)
        elif existing == row.values:
            unchanged += 1
        else:
            problems.append(
                f"{row.where()}: the plan already has this row with other values "
                f"({_differences(existing, row.values)}); it is never overwritten"
            )
    problems += _plan_info_problems(new, held)
    problems += _reference_problems(rows, new, held)
    problems += _unique_problems(new, held)
    if problems:
        raise JsonImportError(problems)
    batch = Batch(_edits(new, held), label)
    try:
        plan.apply(batch)
    except EditError as error:
        raise JsonImportError([f"the plan refused the import: {error}"]) from None
    created: dict[str, int] = defaultdict(int)
    for row in new:
        created[row.table.name] += 1
    return ImportSummary(
        imported=len(rows), unit="row", created=dict(created), unchanged=unchanged, edit=batch
    )


def _differences(held: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    keys = [key for key in values if held.get(key) != values[key]]
    shown = [
        f"{key}: {_short(held.get(key))} in the plan, {_short(values[key])} in the file"
        for key in keys[:3]
    ]
    if len(keys) > 3:
        shown.append(f"and {len(keys) - 3} more")
    return "; ".join(shown)


def _short(value: Any) -> str:
    if isinstance(value, uuid.UUID | date):
        value = str(value)  # dates and timestamps too: as the file writes them, near enough
    text = repr(getattr(value, "value", value))
    return text if len(text) <= 50 else text[:47] + "…"


def _plan_info_problems(new: list[DocumentRow], held: dict[str, dict[Any, Values]]) -> list[str]:
    infos = [row for row in new if row.table.name == "plan_info"]
    if not infos or len(infos) + len(held["plan_info"]) <= 1:
        return []
    if held["plan_info"]:
        return [
            f"{infos[0].where()}: this plan already has its own name and description; a JSON "
            "export goes into an empty plan or a copy of the plan it came from"
        ]
    return [f"{infos[1].where()}: a plan has one plan_info row; the file has {len(infos)}"]


def _reference_problems(
    rows: list[DocumentRow], new: list[DocumentRow], held: dict[str, dict[Any, Values]]
) -> list[str]:
    in_file: dict[str, set[uuid.UUID]] = defaultdict(set)
    for row in rows:
        in_file[row.table.name].add(row.id)
    problems = []
    for row in new:
        for fk in row.table.foreign_keys:
            target = fk.column.table.name
            value = row.values[fk.parent.key]
            if value is None or value in in_file[target] or value in held[target]:
                continue
            problems.append(
                f"{row.where(fk.parent.key)}: refers to {noun(target)} {value}, "
                "which is neither in the file nor in the plan"
            )
    return problems


def _unique_problems(new: list[DocumentRow], held: dict[str, dict[Any, Values]]) -> list[str]:
    problems = []
    by_table: dict[str, list[DocumentRow]] = defaultdict(list)
    for row in new:
        by_table[row.table.name].append(row)
    for name, table_rows in by_table.items():
        table = table_rows[0].table
        for columns in _unique_keys(table):
            taken = {_key(values, columns) for values in held[name].values()}
            for row in table_rows:
                key = _key(row.values, columns)
                if None in key:
                    continue
                if key in taken:
                    problems.append(f"{row.where(columns[0])}: {_clash(name, columns, row)}")
                taken.add(key)
    return problems


def _clash(name: str, columns: tuple[str, ...], row: DocumentRow) -> str:
    if len(columns) == 1:
        value = row.values[columns[0]]
        return f"another {noun(name)} is already called {value!r} (ignoring case)"
    return f"another {noun(name)} has the same {' and '.join(columns)}"


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [(column.key,) for column in table.c if column.unique]
    for constraint in table.constraints:
        columns = tuple(column.key for column in getattr(constraint, "columns", ()))
        if isinstance(constraint, UniqueConstraint) and columns not in keys:
            keys.append(columns)
    return keys


def _key(values: Mapping[str, Any], columns: tuple[str, ...]) -> tuple[Any, ...]:
    # Names are compared as the app compares them: ignoring case, Unicode-aware.
    return tuple(values[c].casefold() if isinstance(values[c], str) else values[c] for c in columns)


def _edits(new: list[DocumentRow], held: dict[str, dict[Any, Values]]) -> tuple[Edit, ...]:
    """Creates in parents-first order; a row pointing at a row of its own table that is not
    in yet is created unlinked and linked by an update at the end."""
    order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
    ordered = sorted(new, key=lambda row: (order[row.table.name], str(row.id)))
    present = {name: set(rows) for name, rows in held.items()}
    edits: list[Edit] = []
    links: list[Edit] = []
    for row in ordered:
        values = dict(row.values)
        for fk in row.table.foreign_keys:
            column, target = fk.parent.key, values[fk.parent.key]
            pending = target is not None and target not in present[row.table.name]
            if fk.column.table is row.table and pending:
                values[column] = None
                links.append(Update(row.table.name, row.id, {column: None}, {column: target}))
        edits.append(Create(row.table.name, values))
        present[row.table.name].add(row.id)
    return (*edits, *links)
