"""A team's details (name, mission, persona, type, colour) and the whole-team actions."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.domain.values import TopologyType
from planner.services.plan import EditError
from planner.ui.document import PlanDocument
from planner.ui.team_editing import TeamActions, TeamDetailsEditor, modal


@pytest.fixture(autouse=True)
def colours(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The colour the fake colour dialog answers (None: cancelled), and what it was asked."""
    answers: list[Any] = [None]

    def choose_color(_parent: Any, title: str, initial: str | None) -> str | None:
        answers.append((title, initial))
        return answers[0]

    monkeypatch.setattr(modal, "choose_color", choose_color)
    monkeypatch.setattr(modal, "ask_interaction", lambda *_args: None)
    return answers


def team(document: PlanDocument, name: str) -> Any:
    return next(t for t in document.plan.teams.list() if t.name == name)


@pytest.fixture
def details(qtbot: Any, document: PlanDocument) -> TeamDetailsEditor:
    editor = TeamDetailsEditor()
    qtbot.addWidget(editor)
    editor.set_document(document)
    editor.set_team(team(document, "First Hour").id)
    editor.resize(640, 360)
    editor.show()
    return editor


def type_into(qtbot: Any, field: QWidget, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


# ---- details ---------------------------------------------------------------------------


def test_shows_the_team(details: TeamDetailsEditor):
    assert details.name.text() == "First Hour"
    assert details.mission.toPlainText().startswith("Get every new freelancer")
    assert details.topology.currentText() == "Stream-aligned"
    assert details.color.text() == "#2E9E6A"


def test_renaming_to_an_existing_name_shows_the_message_and_changes_nothing(
    qtbot: Any, details: TeamDetailsEditor, document: PlanDocument
):
    type_into(qtbot, details.name, "reach")
    assert details.name_message.isVisible()
    assert details.name_message.message() == "Team name: another team is already called 'Reach'"
    assert team(document, "First Hour") is not None
    assert document.undo_stack.count() == 0
    assert details.name.text() == "reach"  # kept, to be corrected

    qtbot.keyClick(details.name, Qt.Key.Key_Escape)
    assert details.name.text() == "First Hour"
    assert not details.name_message.isVisible()


def test_an_empty_name_is_refused(qtbot: Any, details: TeamDetailsEditor, document: PlanDocument):
    type_into(qtbot, details.name, "   ")
    assert details.name_message.message() == "Team name: is required"
    assert document.undo_stack.count() == 0


def test_each_change_is_one_undoable_step(
    qtbot: Any, details: TeamDetailsEditor, document: PlanDocument, colours: list[Any]
):
    first_hour = team(document, "First Hour").id
    type_into(qtbot, details.name, "  Day One ")
    assert document.plan.teams.get(first_hour).name == "Day One"
    assert details.name.text() == "Day One"
    type_into(qtbot, details.persona, "A freelancer on day one")
    details.mission.setFocus()
    details.mission.selectAll()
    qtbot.keyClicks(details.mission, "Bill an hour on day one")
    qtbot.keyClick(details.mission, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    details.topology.setCurrentIndex(details.topology.findData(None))
    details.topology.activated.emit(details.topology.currentIndex())
    colours[0] = "#112233"
    details.color.click()
    assert colours[1] == ("Colour of Day One", "#2E9E6A")

    stored = document.plan.teams.get(first_hour)
    assert (stored.persona, stored.mission, stored.topology, stored.color) == (
        "A freelancer on day one",
        "Bill an hour on day one",
        None,
        "#112233",
    )
    assert document.undo_stack.count() == 5
    assert details.color.text() == "#112233"
    details.clear_color.click()
    assert document.plan.teams.get(first_hour).color is None
    for _ in range(6):
        document.undo_stack.undo()
    assert document.plan.teams.get(first_hour) == team(document, "First Hour")
    assert details.name.text() == "First Hour"
    assert details.topology.currentText() == "Stream-aligned"


def test_a_type_the_plan_file_refuses_is_not_left_showing(
    details: TeamDetailsEditor, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
):
    stored = team(document, "First Hour").topology

    def full(_edit: Any) -> Any:
        raise EditError("the plan file refused the change (database or disk is full)", True)

    monkeypatch.setattr(document.plan, "apply", full)
    other = next(
        row for row in range(details.topology.count()) if details.topology.itemData(row) != stored
    )
    details.topology.setCurrentIndex(other)
    details.topology.activated.emit(other)
    assert details.topology.currentData() == stored


def test_leaving_a_field_unchanged_stores_nothing(
    qtbot: Any, details: TeamDetailsEditor, document: PlanDocument, colours: list[Any]
):
    type_into(qtbot, details.name, "First Hour")
    details.mission.setFocus()
    details.persona.setFocus()  # the mission lost the focus without a change
    details.color.click()  # the colour dialog was cancelled
    assert document.undo_stack.count() == 0


def test_a_change_made_elsewhere_shows_at_once(details: TeamDetailsEditor, document: PlanDocument):
    first_hour = team(document, "First Hour").id
    document.attempt(lambda: document.plan.teams.update(first_hour, topology=TopologyType.ENABLING))
    assert details.topology.currentText() == "Enabling"
    document.attempt(lambda: document.plan.teams.delete(first_hour))
    assert not details.name.isEnabled()
    document.undo_stack.undo()
    assert details.name.isEnabled() and details.name.text() == "First Hour"


# ---- whole-team actions ----------------------------------------------------------------


@pytest.fixture
def actions(qtbot: Any, document: PlanDocument) -> TeamActions:
    parent = QWidget()
    qtbot.addWidget(parent)
    team_actions = TeamActions(parent)
    team_actions.set_document(document)
    team_actions.set_team(team(document, "Reach").id)
    return team_actions


def test_actions_have_tooltips_and_shortcuts(actions: TeamActions):
    assert actions.duplicate_action.shortcut().toString() == "Ctrl+D"
    for action in actions.actions():
        assert action.toolTip() and action.isEnabled()
    actions.set_team(None)
    assert not any(action.isEnabled() for action in actions.actions())


def test_duplicate_team_and_undo(qtbot: Any, actions: TeamActions, document: PlanDocument):
    reach = team(document, "Reach")
    with qtbot.waitSignal(actions.team_created) as created:
        actions.duplicate_action.trigger()
    copy = document.plan.teams.get(created.args[0])
    assert copy.name == "Reach (copy)" and copy.stage_id == reach.stage_id
    assert document.plan.memberships.count(team_id=copy.id) == 5  # Reach's five members
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert [t.name for t in document.plan.teams.list()].count("Reach (copy)") == 0
    assert document.plan.memberships.count(team_id=copy.id) == 0


def test_move_to_stage_asks_which_stage(actions: TeamActions, document: PlanDocument, dialogs):
    reach = team(document, "Reach")
    revenue = next(s for s in document.plan.stages.list() if s.name == "Revenue")
    actions.move_action.trigger()  # cancelled
    assert team(document, "Reach").stage_id == reach.stage_id
    text, choices = dialogs.stage_questions[0]
    assert text == "Move Reach to which stage?"
    assert reach.stage_id not in [stage_id for stage_id, _ in choices]
    dialogs.stage = revenue.id
    actions.move_action.trigger()
    assert team(document, "Reach").stage_id == revenue.id
    document.undo_stack.undo()
    assert team(document, "Reach").stage_id == reach.stage_id


def test_moving_a_team_needs_another_stage(actions: TeamActions, document: PlanDocument):
    home = team(document, "Reach").stage_id
    others = [stage for stage in document.plan.stages.list() if stage.id != home]
    for stage in others:
        assert document.push(document.plan.stages.delete(stage.id, move_teams_to=home))
    assert actions.delete_action.isEnabled() and not actions.move_action.isEnabled()
    for _ in others:
        document.undo_stack.undo()
    assert actions.move_action.isEnabled()


def test_delete_team_asks_first_and_undo_brings_it_back(
    actions: TeamActions, document: PlanDocument, dialogs
):
    teams = document.plan.teams.count()
    actions.delete_action.trigger()
    assert dialogs.questions[0][1].startswith("Delete Reach with its 5 members, ")
    assert document.plan.teams.count() == teams  # answered no
    dialogs.yes = True
    actions.delete_action.trigger()
    assert document.plan.teams.count() == teams - 1
    assert not actions.delete_action.isEnabled()
    document.undo_stack.undo()
    assert team(document, "Reach").id == actions.team_id
    assert document.plan.memberships.count(team_id=actions.team_id) == 5
    assert actions.delete_action.isEnabled()


def test_read_only_plan_disables_the_actions(qtbot: Any, sample_path: Any):
    from planner.services.plan import Plan

    plan = Plan.open(sample_path, read_only=True)
    document = PlanDocument(plan)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        team_actions = TeamActions(parent)
        team_actions.set_document(document)
        team_actions.set_team(next(iter(plan.teams.list())).id)
        assert not any(action.isEnabled() for action in team_actions.actions())
        assert isinstance(team_actions.team_id, uuid.UUID)
    finally:
        document.close()


def test_read_only_plan_shows_everything_and_offers_no_edit(qtbot: Any, sample_path: Any):
    from planner.services.plan import Plan
    from planner.ui.team_editing import InteractionsPanel, MembersModel, MembersPanel

    document = PlanDocument(Plan.open(sample_path, read_only=True))
    try:
        first_hour = team(document, "First Hour").id
        members, interactions, details = MembersPanel(), InteractionsPanel(), TeamDetailsEditor()
        for widget in (members, interactions, details):
            qtbot.addWidget(widget)
            widget.set_document(document)
            widget.set_team(first_hour)
        assert members.model.rowCount() == 6 and interactions.model.rowCount() == 1
        allocation = members.model.index(0, MembersModel.ALLOCATION)
        assert not allocation.flags() & Qt.ItemFlag.ItemIsEditable
        assert not members.add_action.isEnabled() and not members.person.isEnabled()
        assert not interactions.add_action.isEnabled()
        assert details.name.text() == "First Hour" and not details.name.isEnabled()
    finally:
        document.close()
