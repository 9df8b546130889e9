"""Importing the flat sheet into a plan: a dry preview first, then one undoable edit.

Each row is one key result. Names are matched ignoring case, surrounding spaces and how accents
are encoded: a team, stage, objective (within its team and period) or owner the plan has is
used, one it lacks is created; a key result found by its objective and title is updated rather
than duplicated. A Current value becomes a check-in dated today, when it differs from the key
result's current value (or comes with a new confidence). The Period cell names a period of the
plan; an empty one means the current period. An empty Team means a plan-level objective, which
has no Stage.

Nothing changes until :func:`apply_import`, which applies the whole preview as one edit, in one
transaction, or refuses it whole.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from planner.io.errors import FileImportError, ImportRefused
from planner.io.sheet_lines import read_line
from planner.io.sheet_preview import ImportPreview, RowAction, SheetPlanner
from planner.io.sheet_reader import SheetRows, read_sheet
from planner.io.summary import ImportSummary
from planner.services.edits import Batch
from planner.services.plan import EditError, Plan, ReadOnlyError

__all__ = ["ImportPreview", "RowAction", "apply_import", "import_sheet", "plan_import"]


def import_sheet(plan: Plan, path: Path, today: date | None = None) -> ImportSummary:
    """Read a flat sheet and import it, all or nothing.

    Raises:
        ImportRefused: Some row has an error; its message lists each one by row and column.
        FileImportError: The file cannot be read, or the plan refused the change.
    """
    return apply_import(plan, plan_import(plan, read_sheet(path), today))


def apply_import(plan: Plan, preview: ImportPreview) -> ImportSummary:
    """Apply a preview as one undoable edit (returned in the summary as ``edit``).

    Raises:
        ImportRefused: The preview has errors; nothing was changed.
        planner.services.plan.ReadOnlyError: The plan is open read-only.
        FileImportError: The plan refused the change (it changed since the preview, say);
            nothing was changed.
    """
    if plan.read_only:
        raise ReadOnlyError(plan.path)
    if preview.errors:
        raise ImportRefused(preview.errors)
    batch = Batch(preview.edits, preview.label)
    try:
        plan.apply(batch)
    except EditError as error:
        raise FileImportError(
            f"the plan refused the import: {error}; nothing was imported"
        ) from None
    return preview.summary(batch)


def plan_import(plan: Plan, rows: SheetRows, today: date | None = None) -> ImportPreview:
    """Work out what importing ``rows`` would do, without changing the plan.

    Args:
        plan: The plan to import into.
        rows: The sheet, as :func:`~planner.io.sheet_reader.read_sheet` read it.
        today: The date of check-ins made from Current values (default: today).
    """
    planner = SheetPlanner(plan, today or date.today())
    for row in rows.rows:
        line, errors = read_line(row, rows.decimal_separator)
        planner.add(line, errors)
    preview = planner.preview(rows.source)
    if not rows.sheet:
        return preview
    # A workbook has several sheets: each problem names the one it is on.
    return replace(preview, errors=tuple(replace(e, sheet=rows.sheet) for e in preview.errors))
