"""User text is shown as typed: a team named <b>Growth</b> shows the tags, never bold text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from planner.ui.main_window import MainWindow
from planner.ui.workshop import open_workshop
from planner.ui.workshop import window as workshop_window

HOSTILE = "<b>Growth</b> & <i>co</i>"


def labels_showing(text: str) -> list[QLabel]:
    return [
        label
        for widget in QApplication.allWidgets()
        if isinstance(label := widget, QLabel) and text in label.text()
    ]


def test_markup_in_names_is_never_interpreted(
    qtbot: Any, window: MainWindow, monkeypatch: Any
) -> None:
    monkeypatch.setattr(workshop_window, "present", lambda w: w.show())
    document = window.document
    assert document is not None
    plan = document.plan
    stage = plan.stages.list()[0]
    team = document.attempt(lambda: plan.teams.create(stage.id, HOSTILE, mission=HOSTILE))
    assert team is not None
    info = plan.info.current()
    document.attempt(lambda: plan.info.update(info.id, name=HOSTILE))
    shown = 0
    for show in (
        window.show_overview,
        lambda: window.show_team(team.id),
        window.show_board,
        window.show_coverage,
        window.show_journal,
        window.show_plan_okrs,
    ):
        show()
        QApplication.processEvents()
        for label in labels_showing(HOSTILE):
            shown += 1
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label
    assert shown > 0  # the name did appear in labels, as typed

    workshop = open_workshop(document, team.id, window)
    QApplication.processEvents()
    in_workshop = labels_showing(HOSTILE)
    assert in_workshop
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in in_workshop)
    workshop.close()
