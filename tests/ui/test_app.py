"""Starting the app: which plan opens, how refusals are handled, the smoke run, the error hook."""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontInfo, QWindow
from PySide6.QtWidgets import QApplication, QDockWidget, QStackedWidget, QWidget

from planner import paths, resources
from planner.services.plan import Plan
from planner.services.sample import PLAN_NAME
from planner.store.lock import PlanLock
from planner.ui import app, errors
from planner.ui.main_window import MainWindow
from planner.ui.settings import MAX_RECENT_FILES, Settings


@pytest.fixture
def bare_window(qtbot: Any, settings: Settings) -> Any:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    yield window
    window.close()


@pytest.fixture
def sample_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Where this test's first run puts the sample plan."""
    target = tmp_path / "data" / paths.SAMPLE_PLAN_FILENAME
    monkeypatch.setattr(paths, "default_sample_plan_path", lambda: target)
    return target


def test_a_given_path_is_opened(bare_window: MainWindow, sample_path: Path):
    app.open_first_plan(bare_window, sample_path)
    assert bare_window.document is not None
    assert bare_window.document.plan.path == sample_path


def test_without_a_path_the_last_plan_opens(bare_window: MainWindow, sample_path: Path):
    bare_window.settings.last_plan = sample_path
    app.open_first_plan(bare_window, None)
    assert bare_window.document.plan.path == sample_path.absolute()


def test_first_run_creates_the_sample_plan_then_reopens_it(
    qtbot: Any, bare_window: MainWindow, sample_home: Path, settings: Settings
):
    app.open_first_plan(bare_window, None)
    assert sample_home.exists()
    assert bare_window.windowTitle() == f"{PLAN_NAME} — OKR Planner"
    bare_window.close_plan()

    settings.last_plan = None  # e.g. the last plan was deleted: the existing sample opens
    app.open_first_plan(bare_window, None)
    assert bare_window.document.plan.path == sample_home
    assert len(bare_window.document.plan.teams.list()) == 6


def test_a_refused_file_leaves_a_friendly_start_page(
    bare_window: MainWindow, dialogs, tmp_path: Path
):
    junk = tmp_path / "junk.okrplan"
    junk.write_bytes(b"not a plan at all")
    app.open_first_plan(bare_window, junk)
    assert dialogs.errors and "not an OKR plan" in dialogs.errors[0][1]
    assert bare_window.document is None
    page = bare_window.empty_page
    assert bare_window.workspace.currentWidget() is page
    assert page.new_button.title.text() == "New plan…"
    assert page.open_button.title.text() == "Open plan…"
    assert page.sample_button.title.text() == "Open the sample plan"


def test_a_first_run_asked_to_read_only_opens_the_new_sample_read_only(
    bare_window: MainWindow, sample_home: Path
):
    app.open_first_plan(bare_window, None, read_only=True)
    assert sample_home.exists()
    assert bare_window.document is not None and bare_window.document.read_only


def test_the_start_page_opens_the_sample(bare_window: MainWindow, sample_home: Path):
    bare_window.set_document(None)
    bare_window.empty_page.sample_button.click()
    assert bare_window.document is not None and sample_home.exists()


def test_a_locked_plan_can_be_opened_read_only(bare_window: MainWindow, dialogs, sample_path: Path):
    with Plan.open(sample_path):  # another instance is editing it
        dialogs.yes = True
        app.open_first_plan(bare_window, sample_path)
        assert "already open for editing" in dialogs.questions[0][1]
        assert bare_window.document is not None and bare_window.document.read_only
        assert bare_window.windowTitle() == f"{PLAN_NAME} [read-only] — OKR Planner"
        assert bare_window.read_only_badge.isVisibleTo(bare_window)
        bare_window.close_plan()


def test_a_plan_whose_folder_takes_no_change_can_be_opened_read_only(
    bare_window: MainWindow, dialogs, sample_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # As on a CD or a read-only share: the lock file cannot be made there.
    def refuse(_lock: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(PlanLock, "acquire", refuse)
    dialogs.yes = True
    app.open_first_plan(bare_window, sample_path)
    assert "cannot open it for editing (Read-only file system)" in dialogs.questions[0][1]
    assert bare_window.document is not None and bare_window.document.read_only
    bare_window.close_plan()


def test_a_locked_plan_declined_stays_closed(bare_window: MainWindow, dialogs, sample_path):
    with Plan.open(sample_path):
        app.open_first_plan(bare_window, sample_path)
    assert len(dialogs.questions) == 1
    assert bare_window.document is None


def test_an_upgraded_plan_names_its_backup(bare_window: MainWindow, sample_path: Path):
    plan = Plan.open(sample_path)
    # What opening an older plan reports; a real old schema is the store's tests' business.
    plan.file.backup = sample_path.with_name("s (before upgrade 20250101-120000).okrplan")
    bare_window.adopt(plan)
    message = bare_window.statusBar().currentMessage()
    assert "s (before upgrade 20250101-120000).okrplan" in message


def test_smoke_visits_every_page_and_unlocks(
    qtbot: Any, sample_path: Path, capsys: pytest.CaptureFixture[str]
):
    assert app.smoke(sample_path) == 0
    lines = capsys.readouterr().out.splitlines()
    labels = [line.rsplit(None, 2)[0] for line in lines]
    assert labels == [
        "open plan",
        "build window",
        "show window",
        "plan overview",
        "team page (Reach)",
        "funnel board",
        "skills coverage",
        "company OKRs",
        "attribution journal",
        "dashboard",
        "health panel",
        "close window",
    ]
    assert all(line.endswith(" ms") for line in lines)
    Plan.open(sample_path).close()  # not left locked


class _PaintedViews(QObject):
    """Which workspace page (or dock) each smoke step painted."""

    def __init__(self) -> None:
        super().__init__()
        self.step = ""
        self.painted: dict[str, set[str]] = {}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            view = watched
            while view.parentWidget() is not None and not isinstance(
                view.parentWidget(), (QStackedWidget, QDockWidget)
            ):
                view = view.parentWidget()
            self.painted.setdefault(self.step, set()).add(type(view).__name__)
        return False


def test_smoke_paints_each_view_it_shows(
    qtbot: Any, sample_path: Path, monkeypatch: pytest.MonkeyPatch
):
    views = _PaintedViews()
    real_step = app._step

    @contextmanager
    def step(label: str) -> Iterator[None]:
        views.step = label
        with real_step(label):
            yield

    monkeypatch.setattr(app, "_step", step)
    grabs: list[str] = []
    monkeypatch.setattr(MainWindow, "grab", lambda *_args: grabs.append(views.step))
    QApplication.instance().installEventFilter(views)
    try:
        assert app.smoke(sample_path) == 0
    finally:
        QApplication.instance().removeEventFilter(views)
    assert grabs == []  # the event loop painted every view: none painted a second time
    expected = {
        "show window": "OverviewPage",  # the window opens on it: "plan overview" changes nothing
        "team page (Reach)": "TeamPage",
        "funnel board": "BoardPage",
        "skills coverage": "CoveragePage",
        "company OKRs": "PlanOkrsPage",
        "attribution journal": "JournalPage",
        "dashboard": "DashboardPage",
        "health panel": "HealthPanel",
    }
    for label, page in expected.items():
        assert page in views.painted.get(label, set()), label


@pytest.mark.parametrize("shown", [False, True])
def test_a_window_not_on_a_screen_is_painted_by_a_grab(
    qtbot: Any, settings: Settings, monkeypatch: pytest.MonkeyPatch, shown: bool
):
    """Never shown, or shown but not exposed (covered, minimised): the event loop paints
    nothing, so a grab does."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    if shown:
        window.show()
        QApplication.processEvents()
        monkeypatch.setattr(QWindow, "isExposed", lambda _self: False)
    painted = _PaintedViews()
    window.empty_page.installEventFilter(painted)
    app._paint(QApplication.instance(), window)
    assert painted.painted == {"": {"EmptyPage"}}


def test_smoke_fails_cleanly_on_a_bad_file(qtbot: Any, tmp_path: Path, capsys):
    assert app.smoke(tmp_path / "missing.okrplan") == 1
    assert "no such plan file" in capsys.readouterr().err


def test_the_error_hook_logs_and_shows_the_traceback(
    qtbot: Any, dialogs, caplog: pytest.LogCaptureFixture
):
    try:
        raise ValueError("bad value")
    except ValueError:
        kind, error, trace = sys.exc_info()
    with caplog.at_level(logging.ERROR):
        errors.handle_exception(kind, error, trace)  # type: ignore[arg-type]
    title, text, details = dialogs.errors[0]
    assert title == "Unexpected error"
    assert "bad value" in text
    assert details.startswith("Traceback") and "ValueError: bad value" in details
    assert "ValueError: bad value" in caplog.text


def test_logging_goes_to_a_rotating_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(errors, "_log_file", None)
    monkeypatch.setattr(errors, "_log_handler", None)
    root = logging.getLogger()
    level = root.level
    path = errors.configure_logging()
    try:
        assert errors.configure_logging() == path  # once only
        assert path == tmp_path / "planner.log"
        logging.getLogger("planner.test").warning("written down")
        assert errors._log_handler is not None
        errors._log_handler.flush()
        assert "written down" in path.read_text(encoding="utf-8")
    finally:
        if errors._log_handler is not None:
            root.removeHandler(errors._log_handler)
            errors._log_handler.close()
        root.setLevel(level)
        monkeypatch.setattr(errors, "_log_handler", None)


def test_a_log_that_cannot_be_written_goes_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "planner.log").mkdir()  # in the way of the log file
    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path)
    monkeypatch.setattr(errors, "_log_file", None)
    monkeypatch.setattr(errors, "_log_handler", None)
    root = logging.getLogger()
    level = root.level
    try:
        assert errors.configure_logging() is None
        assert capsys.readouterr().err.startswith(f"{tmp_path / 'planner.log'}: cannot write")
        assert isinstance(errors._log_handler, logging.StreamHandler)
    finally:
        if errors._log_handler is not None:
            root.removeHandler(errors._log_handler)
        root.setLevel(level)
        monkeypatch.setattr(errors, "_log_handler", None)


def test_folders_that_cannot_be_made_fall_back_to_the_temporary_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    blocker = tmp_path / "afile"
    blocker.write_text("in the way")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    folders = [paths.log_dir(), paths.matplotlib_config_dir(), paths.data_dir()]
    private = tmp_path / "temporary" / f"OKR Planner {os.getuid()}"
    assert all(folder.is_dir() and private in folder.parents for folder in folders)
    assert private.stat().st_mode & 0o777 == 0o700  # this user's alone
    assert len(set(folders)) == 3  # logs, cache and data kept apart
    assert paths.default_sample_plan_path().parent.is_dir()


def test_settings_keep_eight_recent_files_newest_first(settings: Settings, tmp_path: Path):
    assert settings.recent_files == [] and settings.last_plan is None
    for number in range(10):
        settings.add_recent_file(tmp_path / f"{number}.okrplan")
    settings.add_recent_file(tmp_path / "5.okrplan")
    recent = settings.recent_files
    assert len(recent) == MAX_RECENT_FILES
    assert recent[:3] == [tmp_path / "5.okrplan", tmp_path / "9.okrplan", tmp_path / "8.okrplan"]
    settings.remove_recent_file(tmp_path / "9.okrplan")
    assert tmp_path / "9.okrplan" not in settings.recent_files
    settings.clear_recent_files()
    settings.add_recent_file(tmp_path / "only.okrplan")
    settings.sync()
    again = Settings.at(tmp_path / "settings.ini")  # a lone entry survives the INI round trip
    assert again.recent_files == [tmp_path / "only.okrplan"]


def test_bundled_fonts_are_registered_and_used(qapp: Any):
    files = resources.font_files()
    if not files:
        pytest.skip("no fonts bundled in resources/fonts")
    saved = qapp.font()
    try:
        families = app.register_fonts(qapp, files)
        assert families
        assert qapp.font().family() == families[0]
        assert QFontInfo(qapp.font()).family() == families[0]
        assert qapp.font().pointSizeF() == saved.pointSizeF()
    finally:
        qapp.setFont(saved)
    assert app.register_fonts(qapp, []) == []
