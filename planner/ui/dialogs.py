"""Every modal question and message the app shows, in one replaceable place.

A modal dialog runs a nested event loop (``exec()``), and a test that reached one would hang.
Callers therefore look these functions up on the module when they call them
(``dialogs.show_error(...)``, never ``from dialogs import show_error``), so tests can replace
each one with ``monkeypatch.setattr(dialogs, "show_error", fake)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from planner import PLAN_SUFFIX


def _tr(text: str) -> str:
    return QCoreApplication.translate("dialogs", text)


def plan_file_filter() -> str:
    return _tr("OKR plans (*{suffix})").format(suffix=PLAN_SUFFIX)


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A warning the person acknowledges; ``details`` (e.g. a traceback) is folded away."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.about(parent, title, text)


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def choose_stage(
    parent: QWidget | None, title: str, text: str, choices: Sequence[tuple[uuid.UUID, str]]
) -> uuid.UUID | None:
    """Ask which of ``choices`` (id, name) to use; None when the person cancels."""
    names = [name for _, name in choices]
    name, accepted = QInputDialog.getItem(parent, title, text, names, 0, False)
    if not accepted or name not in names:
        return None
    return choices[names.index(name)][0]


def ask_save_path(parent: QWidget | None, title: str, start: Path) -> Path | None:
    """Where to write a new plan file; the plan suffix is added when the name lacks it.

    Qt's own overwrite question is turned off: plan files are never replaced, the caller
    refuses an existing name with its own message.
    """
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(start),
        plan_file_filter(),
        "",
        QFileDialog.Option.DontConfirmOverwrite,
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix == PLAN_SUFFIX else path.with_name(path.name + PLAN_SUFFIX)


def ask_open_path(parent: QWidget | None, title: str, start: Path) -> Path | None:
    filters = f"{plan_file_filter()};;{_tr('All files (*)')}"
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(start), filters)
    return Path(chosen) if chosen else None
