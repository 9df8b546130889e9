"""The flat sheet: a period's key results as one spreadsheet row each, for spreadsheet users.

Columns (headers matched ignoring case and surrounding spaces, in any order, extra columns
ignored): required ``Team, Stage, Objective, Key result, Start, Target, Current, Unit``;
optional ``Owner, Confidence, Period, Weight, Type``. Exports write all thirteen in that order.

* Reading a file: :func:`read_sheet` (:mod:`planner.io.sheet_reader`).
* Importing it: :func:`plan_import` (a dry preview with per-row actions and row errors), then
  :func:`apply_import` (one undoable edit), or :func:`import_sheet` for both
  (:mod:`planner.io.sheet_import`).
* Writing one: :func:`export_csv` and :func:`export_xlsx` (:mod:`planner.io.sheet_export`).
"""

from planner.io.errors import ImportRefused, RowError
from planner.io.sheet_export import export_csv, export_xlsx
from planner.io.sheet_import import (
    ImportPreview,
    RowAction,
    apply_import,
    import_sheet,
    plan_import,
)
from planner.io.sheet_reader import COLUMNS, REQUIRED, SheetRow, SheetRows, read_sheet

__all__ = [
    "COLUMNS",
    "REQUIRED",
    "ImportPreview",
    "ImportRefused",
    "RowAction",
    "RowError",
    "SheetRow",
    "SheetRows",
    "apply_import",
    "export_csv",
    "export_xlsx",
    "import_sheet",
    "plan_import",
    "read_sheet",
]
