"""The navigator: stages → teams with progress, and the undoable edits made in it."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLineEdit

from planner.domain.progress import format_progress
from planner.ui.main_window import MainWindow
from planner.ui.navigator import Navigator
from planner.ui.navigator_edits import move_target, unused_name
from planner.ui.navigator_model import STAGE, TEAM, NavigatorModel, StageRow, TeamRow

SAMPLE_STAGES = ["Acquisition", "Activation", "Retention", "Referral", "Revenue"]
SAMPLE_TEAMS = {
    "Acquisition": ["Reach"],
    "Activation": ["First Hour", "Integrations"],
    "Retention": ["Daily Habit"],
    "Referral": ["Word of Mouth"],
    "Revenue": ["Plans & Billing"],
}


def shown_tree(model: NavigatorModel) -> dict[str, list[str]]:
    """What the navigator shows: each stage's name with its teams' names, in order."""
    tree = {}
    for row in range(model.rowCount()):
        stage = model.index(row, NavigatorModel.NAME)
        tree[stage.data()] = [
            model.index(child, NavigatorModel.NAME, stage).data()
            for child in range(model.rowCount(stage))
        ]
    return tree


def team_index(navigator: Navigator, name: str) -> QModelIndex:
    model = navigator.model
    for stage_row in range(model.rowCount()):
        stage = model.index(stage_row, 0)
        for row in range(model.rowCount(stage)):
            if model.index(row, 0, stage).data() == name:
                return model.index(row, 0, stage)
    raise AssertionError(f"no team {name!r} in the navigator")


def select_team(window: MainWindow, name: str) -> Any:
    team = next(t for t in window.document.plan.teams.list() if t.name == name)
    window.navigator.select(TEAM, team.id)
    return team


def test_lists_the_five_stages_and_six_teams_with_progress(window: MainWindow):
    model = window.navigator.model
    assert shown_tree(model) == SAMPLE_TEAMS
    assert list(shown_tree(model)) == SAMPLE_STAGES
    progress = window.document.progress()
    reach = team_index(window.navigator, "Reach")
    shown = reach.siblingAtColumn(NavigatorModel.PROGRESS).data()
    assert shown == format_progress(progress.team(reach.data(NavigatorModel.IdRole)))
    assert shown.endswith(" %")
    period = window.document.period()
    header = model.headerData(NavigatorModel.PROGRESS, Qt.Orientation.Horizontal)
    assert header == period.name


def test_navigator_model_passes_the_model_tester(qtmodeltester: Any, window: MainWindow):
    qtmodeltester.check(window.navigator.model)
    qtmodeltester.check(window.navigator.model, force_py=True)


def test_stage_and_team_names_are_editable_and_teams_have_no_children(window: MainWindow):
    model = window.navigator.model
    stage = model.index(0, NavigatorModel.NAME)
    team = team_index(window.navigator, "Reach")
    shown = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    assert model.flags(stage) == shown | Qt.ItemFlag.ItemIsEditable
    assert (
        model.flags(team) == shown | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemNeverHasChildren
    )
    progress = team.siblingAtColumn(NavigatorModel.PROGRESS)
    assert model.flags(progress) == shown | Qt.ItemFlag.ItemNeverHasChildren
    assert model.flags(stage.siblingAtColumn(NavigatorModel.PROGRESS)) == shown


def test_navigator_model_stays_valid_through_edits(qtmodeltester: Any, window: MainWindow):
    # The tester watches every signal while rows are renamed (in place) and moved (reset).
    qtmodeltester.check(window.navigator.model)
    reach = select_team(window, "Reach")
    window.navigator.rename_item(TEAM, reach.id, "Growth")
    window.navigator.move_down_action.trigger()
    window.commands.undo_action.trigger()
    window.navigator.add_stage_action.trigger()


def test_rename_team_stores_it_and_undo_redo_follow(qtbot: Any, window: MainWindow):
    plan = window.document.plan
    reach = select_team(window, "Reach")
    index = team_index(window.navigator, "Reach")

    # What the inline editor does when the person presses Enter.
    window.navigator.model.setData(index, "Growth", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: plan.teams.get(reach.id).name == "Growth")
    assert team_index(window.navigator, "Growth").isValid()
    assert window.commands.undo_action.text() == "Undo Rename team 'Reach'"
    # An "&" in a name shows in the Edit menu as written, not as a shortcut key.
    for old, new in (("Growth", "R&D"), ("R&D", "Labs")):
        renamed = team_index(window.navigator, old)
        window.navigator.model.setData(renamed, new, Qt.ItemDataRole.EditRole)
        qtbot.waitUntil(lambda name=new: plan.teams.get(reach.id).name == name)
    assert window.commands.undo_action.text() == "Undo Rename team 'R&&D'"
    window.commands.undo_action.trigger()
    window.commands.undo_action.trigger()
    assert plan.teams.get(reach.id).name == "Growth"

    window.commands.undo_action.trigger()
    assert plan.teams.get(reach.id).name == "Reach"
    assert team_index(window.navigator, "Reach").isValid()
    assert window.commands.redo_action.text() == "Redo Rename team 'Reach'"

    window.commands.redo_action.trigger()
    assert plan.teams.get(reach.id).name == "Growth"
    assert "Growth" in shown_tree(window.navigator.model)["Acquisition"]


def test_rename_through_the_inline_editor(qtbot: Any, window: MainWindow):
    plan = window.document.plan
    stage = plan.stages.list()[0]
    window.navigator.select(STAGE, stage.id)
    window.navigator.view.setFocus()
    window.navigator.rename_action.trigger()
    editor = window.navigator.view.findChild(QLineEdit)
    assert editor is not None and editor.text() == stage.name
    editor.selectAll()
    qtbot.keyClicks(editor, "Awareness")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: plan.stages.get(stage.id).name == "Awareness")
    assert list(shown_tree(window.navigator.model))[0] == "Awareness"


def test_an_empty_name_is_refused_with_the_message(qtbot: Any, window: MainWindow, dialogs):
    plan = window.document.plan
    reach = select_team(window, "Reach")
    window.navigator.model.setData(team_index(window.navigator, "Reach"), "   ")
    qtbot.waitUntil(lambda: bool(dialogs.errors))
    assert dialogs.error_texts == ["Team name: is required"]
    assert window.statusBar().currentMessage() == "Team name: is required"
    assert plan.teams.get(reach.id).name == "Reach"
    assert window.document.undo_stack.count() == 0
    assert team_index(window.navigator, "Reach").isValid()


def test_a_duplicate_name_is_refused(qtbot: Any, window: MainWindow, dialogs):
    plan = window.document.plan
    reach = select_team(window, "Reach")
    window.navigator.rename_item(TEAM, reach.id, "first hour")
    assert dialogs.error_texts == ["Team name: another team is already called 'First Hour'"]
    assert plan.teams.get(reach.id).name == "Reach"
    assert window.document.undo_stack.count() == 0


def test_deleting_a_stage_with_teams_asks_where_they_go(qtbot: Any, window: MainWindow, dialogs):
    plan = window.document.plan
    stages = {stage.name: stage.id for stage in plan.stages.list()}
    activation_teams = {t.id for t in plan.teams.list(stage_id=stages["Activation"])}
    dialogs.stage = stages["Retention"]
    window.navigator.select(STAGE, stages["Activation"])
    window.navigator.delete_action.trigger()

    text, choices = dialogs.stage_questions[0]
    assert "'Activation' has 2 teams" in text
    assert [name for _, name in choices] == ["Acquisition", "Retention", "Referral", "Revenue"]
    assert "Activation" not in shown_tree(window.navigator.model)
    assert shown_tree(window.navigator.model)["Retention"] == [
        "Daily Habit",
        "First Hour",
        "Integrations",
    ]
    assert len(plan.teams.list()) == 6  # no team lost
    assert {t.id for t in plan.teams.list(stage_id=stages["Retention"])} >= activation_teams

    window.commands.undo_action.trigger()
    assert shown_tree(window.navigator.model) == SAMPLE_TEAMS
    assert {t.id for t in plan.teams.list(stage_id=stages["Activation"])} == activation_teams


def test_deleting_a_stage_with_teams_can_be_cancelled(qtbot: Any, window: MainWindow, dialogs):
    stage = window.document.plan.stages.list()[1]
    window.navigator.select(STAGE, stage.id)
    window.navigator.delete_action.trigger()
    assert len(dialogs.stage_questions) == 1  # asked; the fake answers "cancel"
    assert shown_tree(window.navigator.model) == SAMPLE_TEAMS
    assert window.document.undo_stack.count() == 0


def test_delete_team_asks_first_and_undo_brings_it_back(
    qtbot: Any, window: MainWindow, dialogs: Any
):
    reach = select_team(window, "Reach")
    assert window.navigator.delete_action.text() == "&Delete Team…"  # also in the Edit menu
    window.navigator.delete_action.trigger()
    assert dialogs.questions == [
        (
            "Delete Team",
            "Delete Reach with its 5 members, 1 objective, 1 interaction? "
            "Edit ▸ Undo brings it all back.",
        )
    ]
    assert shown_tree(window.navigator.model) == SAMPLE_TEAMS  # answered no
    dialogs.yes = True
    window.navigator.delete_action.trigger()
    assert shown_tree(window.navigator.model)["Acquisition"] == []
    assert window.statusBar().currentMessage() == "Deleted Reach. Edit ▸ Undo brings it back."
    window.commands.undo_action.trigger()
    assert shown_tree(window.navigator.model) == SAMPLE_TEAMS
    assert window.document.plan.teams.get(reach.id).name == "Reach"


def test_move_team_within_and_across_stages(qtbot: Any, window: MainWindow):
    select_team(window, "First Hour")
    window.navigator.move_down_action.trigger()
    assert shown_tree(window.navigator.model)["Activation"] == ["Integrations", "First Hour"]
    assert window.navigator.current()[0] == TEAM  # the moved team stays selected

    window.navigator.move_down_action.trigger()  # past the end: to the next stage's start
    tree = shown_tree(window.navigator.model)
    assert tree["Activation"] == ["Integrations"]
    assert tree["Retention"] == ["First Hour", "Daily Habit"]

    window.navigator.move_up_action.trigger()
    assert shown_tree(window.navigator.model)["Activation"] == ["Integrations", "First Hour"]
    window.commands.undo_action.trigger()
    window.commands.undo_action.trigger()
    window.commands.undo_action.trigger()
    assert shown_tree(window.navigator.model) == SAMPLE_TEAMS


def test_move_keys_are_disabled_at_the_ends(qtbot: Any, window: MainWindow):
    select_team(window, "Reach")
    assert not window.navigator.move_up_action.isEnabled()
    assert window.navigator.move_down_action.isEnabled()
    select_team(window, "Plans & Billing")
    assert not window.navigator.move_down_action.isEnabled()


def test_add_stage_and_team_start_renaming_them(qtbot: Any, window: MainWindow):
    plan = window.document.plan
    window.navigator.add_stage_action.trigger()
    assert list(shown_tree(window.navigator.model))[-1] == "New stage"
    kind, stage_id = window.navigator.current()
    assert kind == STAGE and plan.stages.get(stage_id).name == "New stage"
    assert window.navigator.view.findChild(QLineEdit) is not None  # editing its name

    window.navigator.add_team_action.trigger()
    assert shown_tree(window.navigator.model)["New stage"] == ["New team"]
    window.navigator.add_team_action.trigger()
    assert shown_tree(window.navigator.model)["New stage"] == ["New team", "New team 2"]
    assert window.commands.undo_action.text() == "Undo Add team 'New team 2'"


def test_read_only_plan_offers_no_edits(qtbot: Any, settings, sample_path):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.open_path(sample_path, read_only=True)
    try:
        navigator = window.navigator
        select_team(window, "Reach")
        actions = navigator.edit_actions()
        assert not any(action.isEnabled() for action in actions)
        index = team_index(navigator, "Reach")
        assert not navigator.model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert window.windowTitle().endswith("[read-only] — OKR Planner")
    finally:
        window.close()


def test_keys_rename_move_and_delete(qtbot: Any, window: MainWindow, dialogs: Any):
    """F2, Ctrl+Down and Del work while the navigator has the focus."""
    dialogs.yes = True
    view = window.navigator.view
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    select_team(window, "First Hour")
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)

    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert shown_tree(window.navigator.model)["Activation"] == ["Integrations", "First Hour"]

    qtbot.keyClick(view, Qt.Key.Key_F2)
    assert view.findChild(QLineEdit) is not None
    qtbot.keyClick(view.findChild(QLineEdit), Qt.Key.Key_Escape)

    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert shown_tree(window.navigator.model)["Activation"] == ["Integrations"]


def test_where_a_moved_team_lands():
    def team(name: str) -> TeamRow:
        return TeamRow(uuid.uuid4(), name, None)

    stages = [
        StageRow(uuid.uuid4(), "A", None, (team("a1"),)),
        StageRow(uuid.uuid4(), "B", None, ()),
        StageRow(
            uuid.uuid4(),
            "C",
            None,
            (TeamRow(uuid.uuid4(), "c1", None), TeamRow(uuid.uuid4(), "c2", None)),
        ),
    ]
    a1, c1, c2 = stages[0].teams[0].id, stages[2].teams[0].id, stages[2].teams[1].id
    assert move_target(stages, a1, -1) is None  # top of the funnel
    assert move_target(stages, a1, +1) == (stages[1].id, 0)  # into the empty stage
    assert move_target(stages, c1, -1) == (stages[1].id, 0)
    assert move_target(stages, c1, +1) == (stages[2].id, 1)
    assert move_target(stages, c2, +1) is None
    assert move_target(stages, uuid.uuid4(), +1) is None


def test_new_names_do_not_clash():
    assert unused_name("New team", ["Reach"]) == "New team"
    assert unused_name("New team", ["new TEAM", "New team 2"]) == "New team 3"


def test_check_ins_update_the_progress_shown_as_a_full_refresh_would(
    qtbot: Any, window: MainWindow
) -> None:
    model = window.navigator.model
    document = window.document
    plan = document.plan
    team = next(t for t in plan.teams.list() if t.name == "Reach")
    tree = document.okr_tree(team.id)
    assert tree is not None
    result = tree.objectives[0].key_results[0].record
    before = model.rows()
    announced: list[Any] = []
    model.dataChanged.connect(lambda first, _last, _roles: announced.append(first))
    for value in (5, 80, 12):
        document.push(plan.check_ins.create(result.id, document.today(), value, 7))
    document.undo_stack.undo()
    shown = model.rows()
    assert shown != before  # the team's and its stage's figures moved
    window.navigator.refresh()  # rows read afresh from the plan
    assert model.rows() == shown
    # Only the team and its stage were announced, never a reset of every row.
    assert {index.data(NavigatorModel.IdRole) for index in announced} == {team.id, team.stage_id}


def test_a_long_period_name_leaves_the_figures_column_and_the_toolbar_their_width(
    window: MainWindow,
):
    document = window.document
    period = document.period()
    header = window.navigator.view.header()
    width = header.sectionSize(NavigatorModel.PROGRESS)
    model = window.navigator.model
    assert model.headerData(NavigatorModel.PROGRESS, Qt.Orientation.Horizontal) == period.name
    picker = window.period_picker.sizeHint().width()

    long_name = "FY2027 H1 – Growth and retention push across every market"
    document.attempt(lambda: document.plan.periods.update(period.id, name=long_name))
    assert model.headerData(NavigatorModel.PROGRESS, Qt.Orientation.Horizontal) == "Progress"
    tooltip = model.headerData(
        NavigatorModel.PROGRESS, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tooltip == f"Progress in {long_name}"
    assert header.sectionSize(NavigatorModel.PROGRESS) == width
    assert window.period_picker.sizeHint().width() == picker
