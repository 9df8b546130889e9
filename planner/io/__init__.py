"""Files in and out of a plan: the lossless JSON export, the flat sheet, Markdown for wikis.

:func:`export_plan` and :func:`import_file` choose the format from the file's suffix; the
modules below hold each format. Importing is always all or nothing: a file is checked whole
before the plan changes, then applied as one undoable edit (``ImportSummary.edit``).

* :mod:`planner.io.json_format` — every row of every table, for backups and moving plans.
* :mod:`planner.io.flat_sheet` — one row per key result, CSV or XLSX, for spreadsheet users.
* :mod:`planner.io.markdown` — a period of the plan, readable, for wikis (export only).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from planner.io.errors import (
    FileImportError,
    ImportRefused,
    JsonImportError,
    RowError,
    UnsupportedFormat,
)
from planner.io.json_format import export_json, import_json
from planner.io.markdown import export_markdown
from planner.io.sheet_export import export_csv, export_xlsx
from planner.io.sheet_import import import_sheet
from planner.io.summary import ImportSummary
from planner.services.plan import Plan

EXPORT_SUFFIXES = (".json", ".csv", ".xlsx", ".md")
# A sheet as spreadsheets save it: Excel's "Unicode Text" is a tab-separated .txt.
IMPORT_SUFFIXES = (".json", ".csv", ".tsv", ".txt", ".xlsx")

__all__ = [
    "EXPORT_SUFFIXES",
    "IMPORT_SUFFIXES",
    "FileImportError",
    "ImportRefused",
    "ImportSummary",
    "JsonImportError",
    "RowError",
    "UnsupportedFormat",
    "export_plan",
    "import_file",
]


def export_plan(plan: Plan, out: Path, period_id: uuid.UUID | None = None) -> None:
    """Write the plan to ``out`` in the format its suffix names.

    ``.json`` holds the whole plan; ``.csv``, ``.xlsx`` and ``.md`` hold one period
    (``period_id``, default: the current period).

    Raises:
        UnsupportedFormat: The suffix is none of :data:`EXPORT_SUFFIXES`.
        OSError: The file cannot be written (an existing file is then left as it was).
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".json":
        export_json(plan, out)
    elif suffix == ".csv":
        export_csv(plan, out, period_id)
    elif suffix == ".xlsx":
        export_xlsx(plan, out, period_id)
    elif suffix == ".md":
        export_markdown(plan, out, period_id)
    else:
        raise UnsupportedFormat(out, EXPORT_SUFFIXES, "export to")


def import_file(plan: Plan, source: Path) -> ImportSummary:
    """Import ``source`` into the plan, all or nothing, by its suffix.

    Raises:
        UnsupportedFormat: The suffix is none of :data:`IMPORT_SUFFIXES`.
        FileImportError: The file cannot be imported (:class:`JsonImportError` and
            :class:`ImportRefused` say why in detail); the plan was not changed.
        planner.services.plan.ReadOnlyError: The plan is open read-only.
    """
    source = Path(source)
    suffix = source.suffix.lower()
    if suffix == ".json":
        return import_json(plan, source)
    if suffix in IMPORT_SUFFIXES:
        return import_sheet(plan, source)
    raise UnsupportedFormat(source, IMPORT_SUFFIXES, "import")
