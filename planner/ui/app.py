"""Starting the app (:func:`run`) and the headless start-up check (:func:`smoke`).

The command line calls both; their signatures are its contract.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import planner
from planner import paths, resources
from planner.services.plan import Plan
from planner.store.lock import LockedError
from planner.store.planfile import PlanFileError
from planner.ui import dialogs, errors, theme
from planner.ui.main_window import MainWindow
from planner.ui.settings import Settings

APP_NAME = planner.APP_NAME
ORGANISATION = "OKR Planner"
# The desktop entry's name (resources/linux/okr-planner.desktop): Wayland compositors find the
# window's icon and name through it.
DESKTOP_FILE = "okr-planner"
SMOKE_SIZE = (1280, 800)
SETTLE_PASSES = 4

log = logging.getLogger(__name__)


def run(path: Path | None, read_only: bool = False) -> int:
    """Show the main window with ``path``, else the last plan, else the sample plan; returns
    the exit code when the window closes."""
    paths.use_matplotlib_cache()
    errors.configure_logging()
    app = application()
    errors.install_excepthook()
    settings = Settings()
    theme.install(app, settings.theme)
    window = MainWindow(settings)
    window.restore_window_state()
    window.show()
    open_first_plan(window, path, read_only)
    return app.exec()


def open_first_plan(window: MainWindow, path: Path | None, read_only: bool = False) -> None:
    """What a start opens. When it cannot (refused, locked and declined), the window stays on
    its start page, from where the person can choose another plan."""
    if path is not None:
        window.open_path(Path(path), read_only)
        return
    last = window.settings.last_plan
    if last is not None and last.exists():
        window.open_path(last, read_only)
        return
    window.open_sample(read_only)


def application() -> QApplication:
    """The QApplication, created once with the app's names and bundled fonts."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    # Names first: QSettings and the platform folders are derived from them.
    QApplication.setApplicationName(APP_NAME)
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationVersion(planner.__version__)
    errors.install_qt_message_handler()
    app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setDesktopFileName(DESKTOP_FILE)
    QApplication.setWindowIcon(theme.application_icon())
    register_fonts(app)
    return app


def register_fonts(app: QApplication, files: list[Path] | None = None) -> list[str]:
    """Register the bundled fonts and make their family the app's font.

    Text then looks the same on every machine, including one without any system font (a
    bare CI image renders text as boxes); the system's point size is kept. Without bundled
    fonts the system font stays.
    """
    families: list[str] = []
    for file in resources.font_files() if files is None else files:
        font_id = QFontDatabase.addApplicationFont(str(file))
        if font_id < 0:
            log.warning("could not load the bundled font %s", file)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    if families:
        font = QFont(app.font())
        font.setFamilies(families[:1])
        app.setFont(font)
    return families


def smoke(path: Path, read_only: bool = False) -> int:
    """Open ``path``, show the window offscreen, build and paint every main view once (the
    overview, a team page, the board, the coverage matrix, the health panel), printing how
    long each step took; close it again (unlocked). Returns 0 when all worked.

    ``read_only`` opens the plan as ``--read-only`` does: nothing is written to it (an
    older plan is read from an upgraded copy)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    paths.use_matplotlib_cache()
    owns_app = QApplication.instance() is None  # a test's app keeps the look it has
    app = application()
    try:
        with _non_interactive(), tempfile.TemporaryDirectory() as folder:
            with _step("open plan"):
                plan = Plan.open(Path(path), read_only=read_only)
            try:
                settings = Settings.at(Path(folder) / "smoke.ini")
                if owns_app:
                    theme.install(app, settings.theme)
                _visit(app, plan, settings)
            finally:
                plan.close()
    except (PlanFileError, LockedError) as error:
        print(f"smoke: {error}", file=sys.stderr)
        return 1
    return 0


def _visit(app: QApplication, plan: Plan, settings: Settings) -> None:
    with _step("build window"):
        window = MainWindow(settings)
        window.resize(*SMOKE_SIZE)
        window.adopt(plan)
    try:
        with _step("show window"):
            window.show()
            _paint(app, window)
        with _step("plan overview"):
            window.show_overview()
            _paint(app, window)
        views = [
            ("funnel board", window.show_board),
            ("skills coverage", window.show_coverage),
            ("company OKRs", window.show_plan_okrs),
            ("attribution journal", window.show_journal),
            ("dashboard", window.show_dashboard),
            ("health panel", window.health_dock.show),
        ]
        teams = [team for stage in window.navigator.model.rows() for team in stage.teams]
        if teams:
            views.insert(0, (f"team page ({teams[0].name})", lambda: window.show_team(teams[0].id)))
        for name, show in views:
            with _step(name):
                show()
                _paint(app, window)
    finally:
        with _step("close window"):
            window.close()
            app.processEvents()


def _paint(app: QApplication, window: MainWindow) -> None:
    """Lay out and paint the window once, as a person would see it.

    The event loop delivers the pending layout requests (each pass can post the next: a
    label's new text resizes its frame, which resizes the page) and paints an exposed window,
    offscreen too. A window that is not exposed (no screen to show it on) is painted by a
    grab instead; grabbing an exposed one would paint every view a second time."""
    for _ in range(SETTLE_PASSES):
        app.processEvents()
    handle = window.windowHandle()
    if handle is None or not handle.isExposed():
        window.grab()


@contextmanager
def _step(label: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    elapsed = (time.perf_counter() - start) * 1000
    print(f"{label:<32}{elapsed:8.1f} ms", flush=True)


@contextmanager
def _non_interactive() -> Iterator[None]:
    """Nobody is there to answer during a smoke run: messages go to stderr, questions get no."""
    saved = {name: getattr(dialogs, name) for name in _DIALOGS}

    def tell(_parent: object, title: str, text: str, *_rest: object) -> None:
        print(f"smoke: {title}: {text}", file=sys.stderr)

    def decline(_parent: object, title: str, text: str, *_rest: object) -> None:
        tell(_parent, title, text)

    def refuse(_parent: object, title: str, text: str, *_rest: object) -> bool:
        tell(_parent, title, text)
        return False

    replacements = {
        "show_error": tell,
        "show_info": tell,
        "show_about": tell,
        "ask_yes_no": refuse,
        "choose_stage": decline,
        "ask_save_path": decline,
        "ask_open_path": decline,
    }
    for name, function in replacements.items():
        setattr(dialogs, name, function)
    try:
        yield
    finally:
        for name, function in saved.items():
            setattr(dialogs, name, function)


_DIALOGS = (
    "show_error",
    "show_info",
    "show_about",
    "ask_yes_no",
    "choose_stage",
    "ask_save_path",
    "ask_open_path",
)
