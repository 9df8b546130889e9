"""File ▸ Import… and File ▸ Export…: a preview of what an import will do, then one undoable step.

Modal steps go through the module-level functions :func:`ask_import_path`,
:func:`ask_export_path` and :func:`run_dialog`, which tests replace (a modal ``exec()`` would
never return in a test).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.io import IMPORT_SUFFIXES, FileImportError, UnsupportedFormat, export_plan
from planner.io.errors import ImportRefused, JsonImportError
from planner.io.flat_sheet import plan_import, read_sheet
from planner.io.json_format import import_document, load
from planner.services.edits import Batch, Edit
from planner.services.plan import Plan
from planner.ui import dialogs
from planner.ui.document import PlanDocument
from planner.ui.widgets import Heading, row_height


def _tr(text: str) -> str:
    return QCoreApplication.translate("import", text)


# ---- the modal steps (replaced in tests) ----------------------------------------------------


def import_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in IMPORT_SUFFIXES)
    return _tr("Plans and sheets ({patterns});;All files (*)").format(patterns=patterns)


def ask_import_path(parent: QWidget | None, start: Path) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, _tr("Import"), str(start), import_filter())
    return Path(chosen) if chosen else None


EXPORT_FILTERS = {
    ".json": QT_TRANSLATE_NOOP("import", "Whole plan, JSON (*.json)"),
    ".csv": QT_TRANSLATE_NOOP("import", "Key results of the period, CSV (*.csv)"),
    ".xlsx": QT_TRANSLATE_NOOP("import", "Key results of the period, Excel (*.xlsx)"),
    ".md": QT_TRANSLATE_NOOP("import", "The period for a wiki, Markdown (*.md)"),
}


def ask_export_path(parent: QWidget | None, start: Path) -> Path | None:
    """Where to export; the chosen filter's suffix is added when the name has none."""
    filters = {_tr(str(text)): suffix for suffix, text in EXPORT_FILTERS.items()}
    chosen, selected = QFileDialog.getSaveFileName(
        parent, _tr("Export"), str(start), ";;".join(filters)
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in EXPORT_FILTERS:
        path = path.with_name(path.name + filters.get(selected, ".json"))
    return path


def run_dialog(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


# ---- what an import would do ---------------------------------------------------------------


@dataclass
class ImportPlan:
    """What importing one file would do, worked out without changing the plan."""

    source: Path
    summary: str = ""
    actions: list[tuple[str, str, str, str]] = field(default_factory=list)  # row, what, title, …
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # row, column, message
    edit: Batch | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.edit is not None and bool(self.edit.edits)


class _Rehearsal:
    """The plan as the JSON import sees it, except that applying only keeps the edit: the
    import's own checks run, and the app pushes the edit on the undo stack itself."""

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        self.path = plan.path
        self.read_only = plan.read_only
        self.edit: Edit | None = None

    def session(self) -> Any:
        return self._plan.session()

    def apply(self, edit: Edit) -> Edit:
        self.edit = edit
        return edit


def _action_word(action: str) -> str:
    words = {"create": _tr("Create"), "update": _tr("Update"), "unchanged": _tr("Unchanged")}
    return words.get(action, action)


def prepare_import(document: PlanDocument, source: Path) -> ImportPlan:
    result = ImportPlan(source)
    try:
        if source.suffix.lower() == ".json":
            summary = import_document(
                cast(Plan, _Rehearsal(document.plan)), load(source), f"Import {source.name}"
            )
            result.summary = summary.describe("Would import")
            result.edit = summary.edit
            return result
        if source.suffix.lower() not in IMPORT_SUFFIXES:
            raise UnsupportedFormat(source.name, IMPORT_SUFFIXES, "import")
        preview = plan_import(document.plan, read_sheet(source), document.today())
    except ImportRefused as refused:
        result.errors = [(str(e.row), e.column, e.message) for e in refused.errors]
        result.summary = _tr("{name} cannot be imported").format(name=source.name)
        return result
    except JsonImportError as refused:
        result.errors = [("—", "—", problem) for problem in refused.problems]
        result.summary = _tr("{name} cannot be imported").format(name=source.name)
        return result
    except (FileImportError, UnsupportedFormat) as error:
        result.errors = [("—", "—", str(error))]
        result.summary = _tr("{name} cannot be imported").format(name=source.name)
        return result
    result.summary = preview.describe()
    result.actions = [
        (str(a.row), _action_word(a.action), a.key_result, "; ".join(a.details))
        for a in preview.actions
    ]
    result.errors = [(str(e.row), e.column, e.message) for e in preview.errors]
    result.edit = Batch(tuple(preview.edits), preview.label)
    return result


# ---- the dialog ------------------------------------------------------------------------------


def _table(headers: list[str], rows: Sequence[tuple[str, ...]], parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(row_height(table))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if c == 0:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


class ImportDialog(QDialog):
    """The preview: a summary line, the row actions, the row errors; Import applies it all."""

    def __init__(self, document: PlanDocument, prepared: ImportPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.prepared = prepared
        self.setWindowTitle(self.tr("Import {name}").format(name=prepared.source.name))
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        self.summary = Heading(prepared.summary, parent=self)
        layout.addWidget(self.summary)
        headers = [self.tr("Row"), self.tr("Action"), self.tr("Key result"), self.tr("Details")]
        self.row_actions = _table(headers, prepared.actions, self)
        self.row_actions.setToolTip(self.tr("What importing each row of the sheet will do"))
        self.row_actions.setVisible(bool(prepared.actions))
        layout.addWidget(self.row_actions, 2)
        self.errors_heading = Heading(self.tr("Problems"), parent=self)
        headers = [self.tr("Row"), self.tr("Column"), self.tr("Problem")]
        self.errors = _table(headers, prepared.errors, self)
        self.errors.setToolTip(self.tr("Rows the sheet must fix before it can be imported"))
        for widget in (self.errors_heading, self.errors):
            widget.setVisible(bool(prepared.errors))
            layout.addWidget(widget)
        layout.setStretchFactor(self.errors, 1)
        self.message = QLabel(self)
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setToolTip(self.tr("Apply the whole import as one step you can undo"))
        self.import_button.setEnabled(prepared.ok and not document.read_only)
        self.import_button.setDefault(True)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.message.setText(self._explanation())

    def _explanation(self) -> str:
        if self.prepared.errors:
            return self.tr("Fix these rows and import again; nothing was imported.")
        if self.document.read_only:
            return self.tr("This plan is open read-only; nothing can be imported.")
        if not self.prepared.ok:
            return self.tr("Nothing to import: the plan already holds everything in this file.")
        return self.tr("Import adds all of it as one step; Edit ▸ Undo takes it all back.")

    def apply(self) -> None:
        edit = self.prepared.edit
        if not self.prepared.ok or edit is None:
            return
        refusals: list[str] = []
        self.document.error.connect(refusals.append)
        try:
            applied = self.document.push(edit)
        finally:
            self.document.error.disconnect(refusals.append)
        if applied:
            self.accept()
            return
        reason = refusals[-1] if refusals else ""
        self.message.setText(self.tr("Nothing was imported: {reason}").format(reason=reason))
        self.import_button.setEnabled(False)


# ---- the entry points -------------------------------------------------------------------------


def open_import(parent: QWidget | None, document: PlanDocument) -> bool:
    """File ▸ Import…: ask for a file, preview it, import it as one undoable step.

    Returns True when something was imported.
    """
    source = ask_import_path(parent, document.plan.path.parent)
    if source is None:
        return False
    dialog = ImportDialog(document, prepare_import(document, source), parent)
    try:
        return run_dialog(dialog) and dialog.result() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def export_plan_as(parent: QWidget | None, document: PlanDocument) -> str | None:
    """File ▸ Export…: ask where, write the file; the message for the status bar, or None
    (cancelled, or failed: the person was told why)."""
    start = document.plan.path.with_suffix(".json")
    out = ask_export_path(parent, start)
    if out is None:
        return None
    try:
        export_plan(document.plan, out, document.period_id)
    except (UnsupportedFormat, OSError) as error:
        dialogs.show_error(
            parent,
            _tr("Export"),
            _tr("The plan could not be exported: {error}").format(error=error),
        )
        return None
    if out.suffix.lower() == ".json":
        return _tr("Exported the whole plan to {name}").format(name=out.name)
    period = document.period()
    name = period.name if period else ""
    return _tr("Exported {period} to {name}").format(period=name, name=out.name)
