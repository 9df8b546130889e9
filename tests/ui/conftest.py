"""Fixtures for the app's widgets: a fresh sample plan per test, and no modal dialog ever.

Every function in planner.ui.dialogs is replaced by a recorder for every test here, so a test
that reaches a question gets the answer it set up (or a harmless default) instead of a modal
``exec()`` that would never return.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.services.plan import Plan
from planner.services.sample import create_sample_plan
from planner.ui import dialogs as dialogs_module
from planner.ui import import_dialog, main_window, merge_dialog, printing
from planner.ui.document import PlanDocument
from planner.ui.main_window import MainWindow
from planner.ui.okr import modal as okr_modal
from planner.ui.settings import Settings
from planner.ui.team_editing import modal as team_editing_modal
from tests.plans import copy_plan

# The day the UI tests' sample is made and shown on: ten days after the sample's own check-in
# day (tests.plans.SAMPLE_DAY), so some key results are overdue and the health report has
# findings of every kind.
UI_TODAY = date(2026, 11, 26)

# Qt's offscreen platform warns whenever a window's size limits change; that is a limit of
# the test platform, not of the app, so it must not fail tests that show windows.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@dataclass
class FakeDialogs:
    """What the app asked and told, and the answers it will get."""

    errors: list[tuple[str, str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    questions: list[tuple[str, str]] = field(default_factory=list)
    stage_questions: list[tuple[str, list[tuple[uuid.UUID, str]]]] = field(default_factory=list)
    yes: bool = False
    stage: uuid.UUID | None = None
    save_path: Path | None = None
    open_path: Path | None = None

    def show_error(self, _parent: Any, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text, details))

    def show_info(self, _parent: Any, title: str, text: str) -> None:
        self.infos.append((title, text))

    def show_about(self, _parent: Any, title: str, text: str) -> None:
        self.infos.append((title, text))

    def ask_yes_no(self, _parent: Any, title: str, text: str) -> bool:
        self.questions.append((title, text))
        return self.yes

    def choose_stage(
        self, _parent: Any, _title: str, text: str, choices: list[tuple[uuid.UUID, str]]
    ) -> uuid.UUID | None:
        self.stage_questions.append((text, list(choices)))
        return self.stage

    def ask_save_path(self, _parent: Any, _title: str, _start: Path) -> Path | None:
        return self.save_path

    def ask_open_path(self, _parent: Any, _title: str, _start: Path) -> Path | None:
        return self.open_path

    @property
    def error_texts(self) -> list[str]:
        return [text for _, text, _ in self.errors]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> FakeDialogs:
    fake = FakeDialogs()
    for name in (
        "show_error",
        "show_info",
        "show_about",
        "ask_yes_no",
        "choose_stage",
        "ask_save_path",
        "ask_open_path",
    ):
        monkeypatch.setattr(dialogs_module, name, getattr(fake, name))
    # The other modal steps answer "cancelled" unless a test sets them up.
    for module, name in _CANCELLED:
        monkeypatch.setattr(module, name, lambda *_args, **_kwargs: None)
    return fake


_CANCELLED = [
    (team_editing_modal, "choose_color"),
    (team_editing_modal, "ask_interaction"),
    (printing, "ask_print_options"),
    (printing, "show_preview"),
    (printing, "ask_pdf_path"),
    (printing, "ask_printer"),
    (okr_modal, "run_dialog"),
    (okr_modal, "run_menu"),
    (import_dialog, "ask_import_path"),
    (import_dialog, "ask_export_path"),
    (import_dialog, "run_dialog"),
    (merge_dialog, "ask_merge_path"),
    (merge_dialog, "run_dialog"),
]


@pytest.fixture(scope="session")
def _sample_today(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample plan as a first run makes it on UI_TODAY, built once for the session.

    On a fixed day, not the real today: which check-ins are overdue, and so what the health
    report and the pages show, depends on the day, and a test must not change its answer
    at midnight."""
    path = tmp_path_factory.mktemp("ui-sample") / "s.okrplan"
    create_sample_plan(path, today=UI_TODAY).close()
    return path


@pytest.fixture(autouse=True)
def _windows_live_on_ui_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window opening a plan makes its document live on UI_TODAY (see _sample_today)."""
    monkeypatch.setattr(main_window, "PlanDocument", partial(PlanDocument, today=lambda: UI_TODAY))


@pytest.fixture
def sample_path(_sample_today: Path, tmp_path: Path) -> Path:
    """A fresh copy of the sample plan file, closed (so it can be opened through the app)."""
    return copy_plan(_sample_today, tmp_path, "s.okrplan")


@pytest.fixture
def plan(sample_path: Path) -> Iterator[Plan]:
    opened = Plan.open(sample_path)
    yield opened
    opened.close()


@pytest.fixture
def document(qtbot: Any, plan: Plan) -> Iterator[PlanDocument]:
    doc = PlanDocument(plan, today=lambda: UI_TODAY)
    yield doc
    doc.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot: Any, settings: Settings, sample_path: Path) -> Iterator[MainWindow]:
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    assert main.open_path(sample_path)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()  # closes the plan, releasing its lock


def tab_leaves(qtbot: Any, table: Any) -> bool:
    """Whether Tab, pressed in ``table``'s first cell, leaves the table (a form's order)
    rather than moving to the next cell."""
    table.window().activateWindow()
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    return not table.hasFocus() and table.currentIndex().column() == 0
