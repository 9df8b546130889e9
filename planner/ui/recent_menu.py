"""File ▸ Open Recent: the recently opened plans, read from the settings each time it opens."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QWidget

from planner.ui.actions import make_action
from planner.ui.settings import Settings
from planner.ui.texts import as_written


class RecentMenu(QMenu):
    """Numbered recent plans (status tip: the full path) and "Clear Recent Plans".

    ``open_requested(path)`` asks to open one; ``cleared`` says the list was emptied.
    """

    open_requested = Signal(object)
    cleared = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Open &Recent"), parent)
        self._settings = settings
        self.setToolTipsVisible(True)
        self.aboutToShow.connect(self.fill)

    def fill(self) -> None:
        self.clear()
        recent = self._settings.recent_files
        for number, path in enumerate(recent, start=1):
            # Numbered accelerators (&1 …) let the keyboard pick one at once.
            label = f"&{number} {as_written(path.stem)}"
            self.addAction(make_action(self, label, str(path), partial(self._open, path)))
        if not recent:
            self.addAction(self.tr("No recent plans")).setEnabled(False)
            return
        self.addSeparator()
        self.addAction(
            make_action(
                self,
                self.tr("&Clear Recent Plans"),
                self.tr("Forget the recently opened plans (the files stay where they are)"),
                self._clear,
            )
        )

    def _open(self, path: Path) -> None:
        self.open_requested.emit(path)

    def _clear(self) -> None:
        self._settings.clear_recent_files()
        self.cleared.emit()
