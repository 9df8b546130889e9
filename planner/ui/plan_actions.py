"""Actions on the whole plan: its directories, paper, and exchange with files and laptops.

Kept apart from the main window so the window only composes; each action opens its window or
asks its question through a replaceable function, so tests never meet a modal loop. The
dialogs (and the print engine behind them) are imported when first used: none of them is
needed to open a plan.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from planner.domain.text import plural
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument

if TYPE_CHECKING:
    from planner.report import PrintOptions


class PlanActions(QObject):
    """Actions on the whole plan. ``status(text)`` carries feedback for the status bar;
    ``team_on_show`` tells which team the printout may be limited to."""

    status = Signal(str)

    def __init__(self, parent: QWidget, team_on_show: Callable[[], tuple[uuid.UUID, str] | None]):
        super().__init__(parent)
        self._parent = parent
        self._team_on_show = team_on_show
        self._document: PlanDocument | None = None
        self._windows: dict[str, QDialog] = {}
        self._last_print: PrintOptions | None = None
        key = QKeySequence.StandardKey
        self.stages_action = make_action(
            self,
            self.tr("&Stages and Disciplines…"),
            self.tr("Edit the funnel's stages and the disciplines every team should have"),
            lambda: self._show("stages", _stages_dialog),
        )
        self.people_action = make_action(
            self,
            self.tr("&People…"),
            self.tr("The people directory: names, home disciplines and allocations"),
            lambda: self._show("people", _people_dialog),
        )
        self.preview_action = make_action(
            self,
            self.tr("Print Pre&view…"),
            self.tr("See the pages before printing: sheets, booklet, poster or attribution"),
            self.preview,
        )
        self.print_action = make_action(
            self,
            self.tr("&Print…"),
            self.tr("Print OKR sheets, a booklet or the funnel poster"),
            self.print_pages,
            key.Print,
        )
        self.export_pdf_action = make_action(
            self,
            self.tr("&Export PDF…"),
            self.tr("Write the printout to a PDF file"),
            self.export_pdf,
            QKeySequence("Ctrl+Shift+E"),
        )
        self.import_action = make_action(
            self,
            self.tr("&Import…"),
            self.tr("Add a flat sheet (CSV, XLSX) or a JSON export to this plan, after a preview"),
            self.import_file,
            QKeySequence("Ctrl+I"),
        )
        self.export_action = make_action(
            self,
            self.tr("E&xport…"),
            self.tr("Write the plan as JSON (everything), CSV or XLSX (key results) or Markdown"),
            self.export_file,
            QKeySequence("Ctrl+Shift+X"),
        )
        self.merge_action = make_action(
            self,
            self.tr("&Merge Plan…"),
            self.tr("Bring in what another laptop drafted in a copy of this plan"),
            self.merge,
            QKeySequence("Ctrl+Shift+M"),
        )
        self.set_document(None)

    def exchange_actions(self) -> list[QAction]:
        return [self.import_action, self.export_action, self.merge_action]

    def directory_actions(self) -> list[QAction]:
        return [self.stages_action, self.people_action]

    def paper_actions(self) -> list[QAction]:
        return [self.preview_action, self.print_action, self.export_pdf_action]

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = document
        for window in self._windows.values():
            window.close()
            window.deleteLater()
        self._windows.clear()
        for action in (
            *self.directory_actions(),
            *self.paper_actions(),
            *self.exchange_actions(),
        ):
            action.setEnabled(document is not None)

    def _show(self, name: str, make: Callable[[PlanDocument, QWidget], QDialog]) -> None:
        """Directories are non-modal windows: one of each, raised when asked again."""
        if self._document is None:
            return
        window = self._windows.get(name)
        if window is None:
            window = self._windows[name] = make(self._document, self._parent)
        window.show()
        window.raise_()
        window.activateWindow()

    def _options(self) -> PrintOptions | None:
        from planner.ui import printing

        if self._document is None:
            return None
        # The layout and paper chosen last come back, for Print after Print Preview.
        chosen = printing.ask_print_options(
            self._parent, self._document, self._team_on_show(), self._last_print
        )
        self._last_print = chosen or self._last_print
        return chosen

    def preview(self) -> None:
        from planner.ui import printing

        options = self._options()
        if options is not None and self._document is not None:
            printing.show_preview(self._parent, self._document, options)

    def print_pages(self) -> None:
        from planner.ui import printing

        options = self._options()
        if options is not None and self._document is not None:
            pages = printing.print_pages(self._parent, self._document, options)
            if pages:
                sent = plural(pages, self.tr("page"), self.tr("pages"))
                self.status.emit(self.tr("Sent {pages} to the printer").format(pages=sent))

    def export_pdf(self) -> None:
        from planner.ui import printing

        options = self._options()
        if options is None or self._document is None:
            return
        written = printing.export_pdf(self._parent, self._document, options)
        if written is not None:
            path, pages = written
            self.status.emit(
                self.tr("Wrote {path} ({pages})").format(
                    path=path, pages=plural(pages, self.tr("page"), self.tr("pages"))
                )
            )

    def import_file(self) -> None:
        from planner.ui import import_dialog

        if self._document is not None and import_dialog.open_import(self._parent, self._document):
            self.status.emit(self.tr("Imported. Undo takes the whole import back."))

    def export_file(self) -> None:
        from planner.ui import import_dialog

        if self._document is None:
            return
        message = import_dialog.export_plan_as(self._parent, self._document)
        if message:
            self.status.emit(message)

    def merge(self) -> None:
        from planner.ui import merge_dialog

        if self._document is not None and merge_dialog.open_merge(self._parent, self._document):
            self.status.emit(self.tr("Merged. Undo takes the whole merge back."))


def _stages_dialog(document: PlanDocument, parent: QWidget) -> QDialog:
    from planner.ui.team_editing.stages_disciplines import StagesDisciplinesDialog

    return StagesDisciplinesDialog(document, parent)


def _people_dialog(document: PlanDocument, parent: QWidget) -> QDialog:
    from planner.ui.team_editing.people import PeopleDirectoryDialog

    return PeopleDirectoryDialog(document, parent)
