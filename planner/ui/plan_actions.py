"""The Plan menu: the plan's directories (stages and disciplines, people) and paper.

Kept apart from the main window so the window only composes; each action opens its window or
asks its question through a replaceable function, so tests never meet a modal loop.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from planner.ui import printing
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument
from planner.ui.team_editing.people import PeopleDirectoryDialog
from planner.ui.team_editing.stages_disciplines import StagesDisciplinesDialog


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
        key = QKeySequence.StandardKey
        self.stages_action = make_action(
            self,
            self.tr("&Stages and Disciplines…"),
            self.tr("Edit the funnel's stages and the disciplines every team should have"),
            lambda: self._show("stages", StagesDisciplinesDialog),
        )
        self.people_action = make_action(
            self,
            self.tr("&People…"),
            self.tr("The people directory: names, home disciplines and allocations"),
            lambda: self._show("people", PeopleDirectoryDialog),
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
        self.set_document(None)

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
        for action in (*self.directory_actions(), *self.paper_actions()):
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

    def _options(self) -> printing.PrintOptions | None:
        if self._document is None:
            return None
        return printing.ask_print_options(self._parent, self._document, self._team_on_show())

    def preview(self) -> None:
        options = self._options()
        if options is not None and self._document is not None:
            printing.show_preview(self._parent, self._document, options)

    def print_pages(self) -> None:
        options = self._options()
        if options is not None and self._document is not None:
            pages = printing.print_pages(self._parent, self._document, options)
            if pages:
                self.status.emit(self.tr("Sent {count} page(s) to the printer").format(count=pages))

    def export_pdf(self) -> None:
        options = self._options()
        if options is None or self._document is None:
            return
        written = printing.export_pdf(self._parent, self._document, options)
        if written is not None:
            path, pages = written
            self.status.emit(
                self.tr("Wrote {path} ({count} page(s))").format(path=path, count=pages)
            )
