"""The main window as a person sees it: title, pages, period picker, menus, files."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from planner.domain.progress import format_progress
from planner.services.plan import Plan
from planner.services.sample import PLAN_NAME
from planner.ui.main_window import MainWindow
from planner.ui.navigator_model import TEAM
from planner.ui.okr.editor_model import KEY_RESULT, OkrEditorModel
from planner.ui.settings import RECENT_FILES, Settings
from planner.ui.table_models import StagesTableModel
from planner.ui.team_editing.members import MembersModel
from tests.processes import run_code


def column_texts(model: Any, column: int = 0) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_title_names_the_plan(window: MainWindow):
    assert window.windowTitle() == f"{PLAN_NAME} — OKR Planner"


def test_overview_shows_the_plan_period_stages_and_plan_objectives(window: MainWindow):
    page = window.overview_page
    assert window.workspace.currentWidget() is page
    assert page.title.text() == PLAN_NAME
    period = window.document.period()
    assert page.period_line.text().startswith(period.name)
    progress = window.document.progress()
    assert page.progress_figure.value.text().endswith(" %")
    assert page.elapsed_figure.value.text() == format_progress(progress.elapsed)
    stages = page.stages_model
    assert column_texts(stages) == ["Acquisition", "Activation", "Retention", "Referral", "Revenue"]
    assert column_texts(stages, StagesTableModel.TEAMS) == ["1", "2", "1", "1", "1"]
    objectives = page.objectives.okr_model
    assert column_texts(objectives) == [
        "Become the time tracker freelancers trust from their first day"
    ]
    assert objectives.rowCount(objectives.index(0, 0)) == 2  # its key results


def test_team_page_shows_members_and_objectives(window: MainWindow):
    plan = window.document.plan
    team = next(t for t in plan.teams.list() if t.name == "First Hour")
    window.navigator.select(TEAM, team.id)
    page = window.team_page
    assert window.workspace.currentWidget() is page
    assert page.title.text() == "First Hour"
    assert page.subtitle.text() == "Activation stage · Stream-aligned"
    assert page.details.mission.toPlainText() == team.mission
    members = page.members.model
    assert sorted(column_texts(members)) == [
        "Amara Okafor",
        "Jonas Weber",
        "Mei Lin",
        "Priya Nair",
        "Sofia Rossi",
        "Tom Becker",
    ]
    rows = {
        members.index(row, MembersModel.PERSON).data(): row for row in range(members.rowCount())
    }
    priya = rows["Priya Nair"]
    assert members.index(priya, MembersModel.ALLOCATION).data() == "60 %"
    assert members.index(rows["Amara Okafor"], MembersModel.DISCIPLINE).data() == "Product"
    objectives = page.objectives.model
    assert column_texts(objectives) == ["Improve the onboarding experience"]
    first = objectives.index(0, 0)
    key_results = [
        objectives.index(row, OkrEditorModel.TITLE, first).data()
        for row in range(objectives.rowCount(first))
    ]
    assert key_results[0] == "Reduce time from sign-up to live demo from 24 h to 1 h"
    assert objectives.index(0, OkrEditorModel.PROGRESS, first).data().endswith(" %")


def test_coming_back_to_the_same_team_keeps_its_chosen_key_result(window: MainWindow):
    team = next(t for t in window.document.plan.teams.list() if t.name == "First Hour")
    window.show_team(team.id)
    page = window.team_page
    result = page.objectives.model.rows()[0].key_results[0].record
    page.objectives.select(KEY_RESULT, result.id)
    assert page.history.title.text() == result.title

    window.show_board()
    window.show_team(team.id)
    assert window.workspace.currentWidget() is page
    assert window.navigator.current() == (TEAM, team.id)
    assert page.history.title.text() == result.title

    other = next(t for t in window.document.plan.teams.list() if t.name == "Integrations")
    window.show_team(other.id)
    assert page.title.text() == "Integrations"
    assert page.history.title.text() == "Check-ins"  # another team: nothing chosen yet


def test_page_models_pass_the_model_tester(qtmodeltester: Any, window: MainWindow):
    qtmodeltester.check(window.overview_page.stages_model)
    qtmodeltester.check(window.overview_page.objectives.okr_model)
    team = next(t for t in window.document.plan.teams.list() if t.name == "First Hour")
    window.navigator.select(TEAM, team.id)
    qtmodeltester.check(window.team_page.members.model)
    qtmodeltester.check(window.team_page.objectives.model)


def test_team_page_follows_a_rename(window: MainWindow):
    team = next(t for t in window.document.plan.teams.list() if t.name == "Reach")
    window.navigator.select(TEAM, team.id)
    window.navigator.rename_item(TEAM, team.id, "Growth")
    assert window.team_page.title.text() == "Growth"


def test_period_picker_lists_periods_and_pages_follow_it(qtbot: Any, window: MainWindow):
    picker = window.period_picker
    periods = window.document.plan.periods.list()
    assert picker.period_ids() == [period.id for period in periods]
    assert [picker.itemText(row) for row in range(picker.count())] == [
        f"{periods[0].name} (now)",
        periods[1].name,
    ]
    assert picker.currentIndex() == 0

    picker.setCurrentIndex(1)
    assert window.document.period_id == periods[1].id
    header = window.navigator.model.headerData(1, Qt.Orientation.Horizontal)
    assert header == periods[1].name
    # Nothing is planned for next quarter yet: no progress, and the page says so.
    assert window.overview_page.progress_figure.value.text() == "—"
    assert window.overview_page.no_objectives.isVisibleTo(window.overview_page)


def test_overview_action_returns_from_a_team(window: MainWindow):
    team = window.document.plan.teams.list()[0]
    window.navigator.select(TEAM, team.id)
    window.commands.overview_action.trigger()
    assert window.workspace.currentWidget() is window.overview_page
    assert window.navigator.current() == ("", None)


def test_close_plan_shows_the_start_page_and_unlocks(window: MainWindow, sample_path: Path):
    window.commands.close_action.trigger()
    assert window.document is None
    assert window.workspace.currentWidget() is window.empty_page
    assert window.windowTitle() == "OKR Planner"
    assert not window.commands.save_copy_action.isEnabled()
    Plan.open(sample_path).close()  # the lock was released
    window.empty_page.recent_requested.emit(sample_path)
    assert window.document is not None


def test_recent_files_remember_and_forget(window: MainWindow, sample_path: Path, dialogs, tmp_path):
    assert window.settings.recent_files == [sample_path.absolute()]
    assert window.settings.last_plan == sample_path.absolute()
    gone = tmp_path / "gone.okrplan"
    window.settings.add_recent_file(gone)
    window.open_recent(gone)
    assert "no longer exists" in dialogs.error_texts[0]
    assert window.settings.recent_files == [sample_path.absolute()]
    window.commands.recent_menu.fill()
    texts = [action.text() for action in window.commands.recent_menu.actions() if action.text()]
    assert texts == ["&1 s", "&Clear Recent Plans"]
    window.commands.recent_menu.actions()[0].trigger()  # the plan already open: nothing happens
    assert window.document.plan.path == sample_path
    window.commands.recent_menu.actions()[-1].trigger()
    assert window.settings.recent_files == []


def test_save_a_copy(window: MainWindow, dialogs, tmp_path: Path):
    target = tmp_path / "copy.okrplan"
    dialogs.save_path = target
    window.commands.save_copy_action.trigger()
    with Plan.open(target) as copy:
        assert len(copy.teams.list()) == 6
    assert window.document.plan.path.name == "s.okrplan"  # still working in the original


def test_a_copy_over_the_plan_or_its_write_ahead_log_is_refused(window: MainWindow, dialogs):
    plan = window.document.plan.path
    for target in (plan, plan.with_name(plan.name + "-wal")):
        dialogs.save_path = target
        window.commands.save_copy_action.trigger()
        assert (
            dialogs.error_texts.pop() == "Choose another name: that would overwrite the open plan."
        )
    assert len(window.document.plan.teams.list()) == 6


def test_new_plan(window: MainWindow, dialogs, tmp_path: Path):
    dialogs.save_path = tmp_path / "Next year.okrplan"
    window.commands.new_action.trigger()
    assert window.windowTitle() == "Next year — OKR Planner"
    assert len(window.navigator.model.rows()) == 5  # the funnel's default stages
    dialogs.save_path = tmp_path / "Next year.okrplan"
    window.commands.new_action.trigger()  # exists already: refused, nothing replaced
    assert "already exists" in dialogs.error_texts[0]


def test_open_a_file_that_is_not_a_plan(window: MainWindow, dialogs, tmp_path: Path):
    junk = tmp_path / "junk.okrplan"
    junk.write_text("hello")
    dialogs.open_path = junk
    window.commands.open_action.trigger()
    assert "not an OKR plan" in dialogs.error_texts[0]
    assert window.document is not None  # the plan already open stays open


def test_about_names_the_versions(window: MainWindow, dialogs):
    window.commands.about_action.trigger()
    title, text = dialogs.infos[0]
    assert title == "About OKR Planner"
    assert "Qt " in text and "Python " in text


def test_every_menu_action_explains_itself(window: MainWindow):
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.isSeparator() or action.menu() is not None:
                continue
            assert action.statusTip(), action.text()


def test_window_geometry_is_remembered(qtbot: Any, settings: Settings, sample_path: Path):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.resize(700, 500)  # inside the offscreen screen (800 × 600), which clamps
    first.show()
    first.close()
    assert not settings.window_geometry.isEmpty()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.restore_window_state()
    assert (second.width(), second.height()) == (700, 500)


def test_the_first_view_imports_no_dialog_print_engine_or_later_page(tmp_path: Path):
    # What opening a plan does not need is imported when first asked for: the issue's "lazy
    # start-up" (dialogs, openpyxl, matplotlib), and every page behind the first view.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from planner.ui.app import application\n"
        "from planner.services.sample import create_sample_plan\n"
        "from planner.services.plan import Plan\n"
        "from planner.ui.main_window import MainWindow\n"
        "from planner.ui.settings import Settings\n"
        "app = application()\n"
        f"create_sample_plan(Path({str(tmp_path / 'sample.okrplan')!r})).close()\n"
        f"window = MainWindow(Settings.at(Path({str(tmp_path / 'x.ini')!r})))\n"
        f"window.adopt(Plan.open(Path({str(tmp_path / 'sample.okrplan')!r})))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "assert window.overview_page.stages_model.rowCount() == 5\n"
        "late = [m for m in ('matplotlib', 'openpyxl', 'planner.report.render',\n"
        "    'planner.ui.printing', 'planner.ui.import_dialog', 'planner.ui.merge_dialog',\n"
        "    'planner.ui.okr.carry_over', 'planner.ui.okr.periods',\n"
        "    'planner.ui.team_editing.people', 'planner.ui.board', 'planner.ui.journal',\n"
        "    'planner.ui.dashboard', 'planner.ui.coverage_page') if m in sys.modules]\n"
        "assert not late, late\n"
        "window.show_journal()\n"
        "assert 'planner.ui.journal' in sys.modules\n"
        "window.close()\n"
    )
    done = run_code(code)
    assert done.returncode == 0, done.stderr


def _type_in_mission(window: MainWindow, qtbot: Any) -> None:
    field = window.team_page.details.mission
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field, " PLUS")


def _type_in_a_title_cell(window: MainWindow, qtbot: Any) -> None:
    from PySide6.QtWidgets import QLineEdit

    editor = window.team_page.objectives
    result = editor.model.rows()[0].key_results[0].record
    editor.select(KEY_RESULT, result.id)
    editor.view.setFocus()
    editor.start_editing(OkrEditorModel.TITLE)
    line = editor.view.findChild(QLineEdit, "titleEdit")
    line.end(False)
    qtbot.keyClicks(line, " PLUS")


@pytest.mark.parametrize("typing", [_type_in_mission, _type_in_a_title_cell])
@pytest.mark.parametrize("closing", ["window", "plan", "other plan", "sample plan"])
def test_what_is_being_typed_is_kept_when_the_plan_closes(
    window: MainWindow,
    qtbot: Any,
    dialogs: Any,
    sample_path: Path,
    tmp_path: Path,
    typing: Any,
    closing: str,
) -> None:
    team = next(t for t in window.document.plan.teams.list() if t.name == "First Hour")
    window.show_team(team.id)
    typing(window, qtbot)
    if closing == "window":
        assert window.close()
    elif closing == "plan":
        window.close_plan()
    elif closing == "sample plan":
        window.open_sample()
    else:
        other = tmp_path / "other.okrplan"
        shutil.copyfile(sample_path, other)
        assert window.open_path(other)
    assert window.document is None or window.document.plan.path != sample_path
    with Plan.open(sample_path, read_only=True) as plan:
        texts = [plan.teams.get(team.id).mission, *(kr.title for kr in plan.key_results.list())]
    assert sum(text.endswith(" PLUS") for text in texts) == 1
    assert dialogs.errors == [] and dialogs.questions == []


def test_typing_the_plan_refuses_asks_before_closing_and_stays_when_told(
    window: MainWindow, qtbot: Any, dialogs: Any
) -> None:
    team = next(t for t in window.document.plan.teams.list() if t.name == "First Hour")
    window.show_team(team.id)
    name = window.team_page.details.name
    name.setFocus()
    name.clear()  # a team needs a name
    assert not window.close()
    assert window.document is not None
    assert dialogs.questions[-1][1] == (
        "Some of what you typed could not be saved:\n\nTeam name: is required\n\n"
        "Close the plan anyway and lose it?"
    )
    dialogs.yes = True
    name.setFocus()
    assert window.close()
    assert window.document is None


def test_a_plan_renamed_while_open_refuses_edits_and_a_copy_keeps_them(
    window: MainWindow, dialogs: Any, sample_path: Path, tmp_path: Path
) -> None:
    document = window.document
    team = document.plan.teams.list()[0]
    assert document.attempt(lambda: document.plan.teams.update(team.id, mission="Kept"))
    sample_path.rename(tmp_path / "renamed.okrplan")  # in a file manager, say
    assert document.attempt(lambda: document.plan.teams.update(team.id, mission="Lost")) is None
    assert "was moved, renamed, deleted or replaced" in dialogs.error_texts[-1]
    assert "save a copy to keep the plan as it is here" in dialogs.error_texts[-1]
    dialogs.save_path = tmp_path / "kept.okrplan"
    window.commands.save_copy_action.trigger()
    with Plan.open(tmp_path / "kept.okrplan", read_only=True) as kept:
        assert kept.teams.get(team.id).mission == "Kept"
    window.close()
    with Plan.open(tmp_path / "renamed.okrplan", read_only=True) as renamed:
        assert renamed.teams.get(team.id).mission == "Kept"


def test_recent_plans_are_listed_once_by_name_and_hand_edited_junk_is_ignored(
    window: MainWindow, tmp_path: Path
):
    settings = window.settings
    settings.clear_recent_files()
    folder = tmp_path / "plans"
    folder.mkdir()
    (tmp_path / "linked").symlink_to(folder)
    plan = folder / "R&D plan.okrplan"
    for spelling in (plan, folder / ".." / "plans" / plan.name, tmp_path / "linked" / plan.name):
        settings.add_recent_file(spelling)
    assert settings.recent_files == [plan]
    window.commands.recent_menu.fill()
    assert window.commands.recent_menu.actions()[0].text() == "&1 R&&D plan"  # shows "R&D"
    settings._store.setValue(RECENT_FILES.name, ["7", "true", str(plan)])
    assert settings.recent_files == [plan]


def test_with_no_size_kept_the_window_fits_the_screen(qtbot: Any, settings: Any):
    fresh = MainWindow(settings)
    qtbot.addWidget(fresh)
    fresh.restore_window_state()
    free = fresh.screen().availableGeometry()
    assert fresh.width() <= free.width() and fresh.height() <= free.height()
    assert free.contains(fresh.frameGeometry().center())
