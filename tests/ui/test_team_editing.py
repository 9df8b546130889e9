"""Editing a team: members and allocations, interactions, details and whole-team actions.

Each test does what a person does (types in a cell, presses a key, answers a question) and
checks what they then see and what the plan file holds.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from planner.domain.values import InteractionMode, TopologyType
from planner.ui.document import PlanDocument
from planner.ui.team_editing import (
    InteractionsModel,
    InteractionsPanel,
    MembersModel,
    MembersPanel,
    modal,
)
from planner.ui.team_editing.interaction_dialog import (
    InteractionChoice,
    InteractionDialog,
    TeamChoice,
)
from tests.ui.conftest import tab_leaves


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Answers for the package's own modal questions; no exec() ever runs."""
    answers: dict[str, Any] = {"color": None, "interaction": None, "asked": []}

    def choose_color(_parent: Any, title: str, initial: str | None) -> str | None:
        answers["asked"].append(title)
        return answers["color"]

    def ask_interaction(_parent: Any, this_team: str, teams: Any) -> Any:
        answers["asked"].append(this_team)
        return answers["interaction"]

    monkeypatch.setattr(modal, "choose_color", choose_color)
    monkeypatch.setattr(modal, "ask_interaction", ask_interaction)
    return answers


def team_id(document: PlanDocument, name: str) -> uuid.UUID:
    return next(team.id for team in document.plan.teams.list() if team.name == name)


def person_id(document: PlanDocument, name: str) -> uuid.UUID:
    return next(person.id for person in document.plan.people.list() if person.name == name)


def membership(document: PlanDocument, team: str, person: str) -> Any:
    found = document.plan.memberships.list(
        team_id=team_id(document, team), person_id=person_id(document, person)
    )
    return found[0] if found else None


def shown(model: Any, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def cell(model: MembersModel, person: str, column: int) -> Any:
    row = shown(model, MembersModel.PERSON).index(person)
    return model.index(row, column)


@pytest.fixture
def members(qtbot: Any, document: PlanDocument) -> MembersPanel:
    panel = MembersPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.set_team(team_id(document, "First Hour"))
    panel.resize(720, 480)
    panel.show()
    return panel


# ---- members ---------------------------------------------------------------------------


def test_members_model_passes_the_model_tester(
    qtmodeltester: Any, members: MembersPanel, document: PlanDocument, qtbot: Any
):
    qtmodeltester.check(members.model)
    qtmodeltester.check(members.model, force_py=True)
    # Stays valid through in-place edits and resets.
    members.set_allocation(membership(document, "First Hour", "Priya Nair").id, "70")
    members.set_team(team_id(document, "Reach"))
    document.undo_stack.undo()


def test_a_hidden_panel_reads_changes_once_it_is_shown(
    members: MembersPanel, document: PlanDocument
):
    """Edits made elsewhere while the team's page is hidden show when it is shown again."""
    members.hide()
    priya = membership(document, "First Hour", "Priya Nair")
    assert document.push(document.plan.memberships.update(priya.id, allocation=25.0))
    assert cell(members.model, "Priya Nair", MembersModel.ALLOCATION).data() != "25 %"
    members.show()
    assert cell(members.model, "Priya Nair", MembersModel.ALLOCATION).data() == "25 %"


def test_tab_leaves_the_members_table_for_the_next_field(qtbot: Any, members: MembersPanel):
    assert tab_leaves(qtbot, members.table)


def test_lists_people_with_discipline_allocation_and_total(members: MembersPanel):
    model = members.model
    assert "Priya Nair" in shown(model, MembersModel.PERSON)
    assert cell(model, "Priya Nair", MembersModel.DISCIPLINE).data() == "Data"
    assert cell(model, "Priya Nair", MembersModel.ALLOCATION).data() == "60 %"
    assert cell(model, "Jonas Weber", MembersModel.TOTAL).data() == "100 %"


def test_allocation_edited_to_80_for_priya_shows_the_warning_naming_her(
    qtbot: Any, members: MembersPanel, document: PlanDocument
):
    index = cell(members.model, "Priya Nair", MembersModel.ALLOCATION)
    members.table.setCurrentIndex(index)
    members.table.setFocus()
    qtbot.keyClick(members.table, Qt.Key.Key_Return)  # Enter edits, as F2 does
    editor = members.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "60"
    editor.selectAll()
    qtbot.keyClicks(editor, "80")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: membership(document, "First Hour", "Priya Nair").allocation == 80)
    total = cell(members.model, "Priya Nair", MembersModel.TOTAL)
    assert total.data() == "130 % in total — over-allocated"
    assert total.data(Qt.ItemDataRole.DecorationRole) is not None  # an icon, not colour alone
    assert total.data(MembersModel.FlaggedRole) is True
    # Where her time goes, team by team; the others' totals say nothing more.
    assert total.data(Qt.ItemDataRole.ToolTipRole) == "Allocated in: First Hour 80 %, Reach 50 %"
    amara = cell(members.model, "Amara Okafor", MembersModel.TOTAL)
    assert amara.data(Qt.ItemDataRole.ToolTipRole) in ("", None)
    assert members.warning.isVisible()
    assert "Priya Nair (130 %)" in members.warning.message()
    assert document.undo_stack.count() == 1


def test_editing_allocation_above_100_in_total_shows_the_warning_at_once(
    members: MembersPanel, document: PlanDocument
):
    members.set_team(team_id(document, "Daily Habit"))  # nobody over 100 % here
    assert not members.warning.isVisible()
    sofia = membership(document, "Daily Habit", "Sofia Rossi")
    assert members.set_allocation(sofia.id, "60 %")
    assert document.plan.memberships.get(sofia.id).allocation == 60
    assert members.warning.isVisible()
    assert "Sofia Rossi (120 %)" in members.warning.message()
    total = cell(members.model, "Sofia Rossi", MembersModel.TOTAL)
    assert total.data() == "120 % in total — over-allocated"


def test_allocation_accepts_a_decimal_comma(members: MembersPanel, document: PlanDocument):
    priya = membership(document, "First Hour", "Priya Nair")
    assert members.set_allocation(priya.id, "62,5")
    assert document.plan.memberships.get(priya.id).allocation == 62.5
    assert cell(members.model, "Priya Nair", MembersModel.ALLOCATION).data() == "62.5 %"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("abc", "'abc' is not a number"), ("0", "above 0 %"), ("150", "at most 100 %")],
)
def test_bad_allocation_is_refused_with_a_message_and_stores_nothing(
    qtbot: Any, members: MembersPanel, document: PlanDocument, typed: str, reason: str
):
    priya = membership(document, "First Hour", "Priya Nair")
    errors: list[str] = []
    document.error.connect(errors.append)
    index = cell(members.model, "Priya Nair", MembersModel.ALLOCATION)
    assert members.model.setData(index, typed)
    qtbot.waitUntil(lambda: members.message.isVisible())
    assert reason in members.message.message()
    assert members.message.message().startswith("Priya Nair — Allocation: ")
    assert document.plan.memberships.get(priya.id).allocation == 60
    assert index.data() == "60 %"
    assert document.undo_stack.count() == 0
    assert errors == []  # shown beside the table, not in a message box


def test_discipline_picked_in_the_cell_is_stored_and_undo_restores_it(
    qtbot: Any, members: MembersPanel, document: PlanDocument
):
    index = cell(members.model, "Tom Becker", MembersModel.DISCIPLINE)
    assert index.data() == "Customer support"
    members.table.setCurrentIndex(index)
    members.table.setFocus()
    qtbot.keyClick(members.table, Qt.Key.Key_F2)
    combo = members.table.viewport().findChild(QComboBox)
    assert combo is not None and combo.itemText(0) == "No discipline"
    product = combo.findText("Product")
    combo.setCurrentIndex(product)
    combo.activated.emit(product)
    tom = membership(document, "First Hour", "Tom Becker")
    product_id = next(d.id for d in document.plan.disciplines.list() if d.name == "Product")
    qtbot.waitUntil(lambda: document.plan.memberships.get(tom.id).discipline_id == product_id)
    assert cell(members.model, "Tom Becker", MembersModel.DISCIPLINE).data() == "Product"
    assert "Tom Becker's discipline" in document.undo_stack.undoText()

    document.undo_stack.undo()
    assert document.plan.memberships.get(tom.id).discipline_id == tom.discipline_id
    assert cell(members.model, "Tom Becker", MembersModel.DISCIPLINE).data() == "Customer support"


def test_adding_a_new_name_creates_person_and_membership_in_one_undo_step(
    qtbot: Any, members: MembersPanel, document: PlanDocument
):
    people = document.plan.people.count()
    members.person.setEditText("Zoe Adeyemi")
    qtbot.keyClick(members.person.lineEdit(), Qt.Key.Key_Return)
    zoe = membership(document, "First Hour", "Zoe Adeyemi")
    assert zoe is not None and zoe.allocation == 100
    assert document.plan.people.count() == people + 1
    assert "Zoe Adeyemi" in shown(members.model, MembersModel.PERSON)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Add Zoe Adeyemi to First Hour"
    assert members.person.currentText() == ""

    document.undo_stack.undo()
    assert document.plan.people.count() == people
    assert document.plan.memberships.count(person_id=zoe.person_id) == 0
    assert "Zoe Adeyemi" not in shown(members.model, MembersModel.PERSON)


def test_adding_someone_from_the_directory_takes_their_discipline_and_free_time(
    qtbot: Any, members: MembersPanel, document: PlanDocument
):
    ana = members.person.findText("Ana Costa — Data, 50 % free")
    assert ana >= 0
    assert members.person.findText("Priya Nair", Qt.MatchFlag.MatchStartsWith) < 0  # in already
    members.person.setCurrentIndex(ana)
    members.add_action.trigger()
    added = membership(document, "First Hour", "Ana Costa")
    assert added.allocation == 50
    data = next(d.id for d in document.plan.disciplines.list() if d.name == "Data")
    assert added.discipline_id == data
    assert cell(members.model, "Ana Costa", MembersModel.TOTAL).data() == "100 %"


def test_adding_an_empty_name_or_a_member_again_says_why(
    members: MembersPanel, document: PlanDocument
):
    members.table.setFocus()
    members.add_action.trigger()  # Insert with nothing typed: go to the field
    assert members.person.hasFocus() and not members.message.isVisible()
    members.add_member()  # Enter in the empty field
    assert "Type a name" in members.message.message()
    members.person.setEditText("priya nair")
    assert not members.add_member()
    assert members.message.message() == "priya nair is already in First Hour."
    assert document.undo_stack.count() == 0


def test_delete_key_removes_the_member_and_undo_brings_them_back(
    qtbot: Any, members: MembersPanel, document: PlanDocument
):
    index = cell(members.model, "Mei Lin", MembersModel.PERSON)
    members.table.setCurrentIndex(index)
    members.table.setFocus()
    statuses: list[str] = []
    members.status.connect(statuses.append)
    qtbot.keyClick(members.table, Qt.Key.Key_Delete)
    assert membership(document, "First Hour", "Mei Lin") is None
    assert "Mei Lin" not in shown(members.model, MembersModel.PERSON)
    assert statuses and "Removed Mei Lin from First Hour" in statuses[0]

    document.undo_stack.undo()
    assert membership(document, "First Hour", "Mei Lin").allocation == 100
    assert "Mei Lin" in shown(members.model, MembersModel.PERSON)


def test_a_team_without_members_says_so(members: MembersPanel, document: PlanDocument):
    created = document.attempt(
        lambda: document.plan.teams.create(team_id_stage(document), "Pricing Lab")
    )
    members.set_team(created.id)
    assert not members.table.isVisible() and members.empty.isVisible()
    assert not members.warning.isVisible()


def team_id_stage(document: PlanDocument) -> uuid.UUID:
    return document.plan.stages.list()[0].id


# ---- interactions ----------------------------------------------------------------------


@pytest.fixture
def interactions(qtbot: Any, document: PlanDocument) -> InteractionsPanel:
    panel = InteractionsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.set_team(team_id(document, "Integrations"))
    panel.show()
    return panel


def rows_of(model: InteractionsModel) -> list[tuple[str, ...]]:
    return [
        tuple(model.index(row, column).data() for column in range(4))
        for row in range(model.rowCount())
    ]


def test_interactions_show_both_directions(qtmodeltester: Any, document: PlanDocument, qtbot: Any):
    panel = InteractionsPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.set_team(team_id(document, "First Hour"))
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.model, force_py=True)
    assert rows_of(panel.model) == [
        ("Integrations", "First Hour", "X-as-a-service", "Calendar import during onboarding")
    ]
    first_hour = panel.model.index(0, InteractionsModel.TO)
    assert first_hour.data(Qt.ItemDataRole.FontRole).bold()
    assert not first_hour.flags() & Qt.ItemFlag.ItemIsEditable  # the team keeps its side


def test_interaction_added_through_the_form_and_removed_with_undo(
    qtbot: Any, interactions: InteractionsPanel, document: PlanDocument, modals: dict[str, Any]
):
    before = len(rows_of(interactions.model))
    habit = team_id(document, "Daily Habit")
    modals["interaction"] = InteractionChoice(habit, True, InteractionMode.FACILITATING, "Sync")
    interactions.add_action.trigger()
    assert modals["asked"] == ["Integrations"]
    assert ("Integrations", "Daily Habit", "Facilitating", "Sync") in rows_of(interactions.model)
    assert document.undo_stack.undoText() == "Add interaction Integrations → Daily Habit"
    assert document.plan.interactions.count(to_team_id=habit) == 1

    qtbot.keyClick(interactions.table, Qt.Key.Key_Delete)  # the new row is the current one
    assert document.plan.interactions.count(to_team_id=habit) == 0
    assert len(rows_of(interactions.model)) == before
    document.undo_stack.undo()
    assert document.plan.interactions.count(to_team_id=habit) == 1


def test_interaction_mode_and_note_edited_in_place(
    qtbot: Any, interactions: InteractionsPanel, document: PlanDocument
):
    model = interactions.model
    row = [r[1] for r in rows_of(model)].index("Plans & Billing")
    model.setData(model.index(row, InteractionsModel.MODE), InteractionMode.COLLABORATION)
    model.setData(model.index(row, InteractionsModel.NOTE), "Invoice export API v2")
    qtbot.waitUntil(lambda: model.index(row, InteractionsModel.NOTE).data().endswith("v2"))
    assert model.index(row, InteractionsModel.MODE).data() == "Collaboration"
    assert document.undo_stack.count() == 2
    interaction_id = model.index(row, 0).data(InteractionsModel.IdRole)
    stored = document.plan.interactions.get(interaction_id)
    assert (stored.mode, stored.note) == (InteractionMode.COLLABORATION, "Invoice export API v2")


def test_interaction_reversed_and_cancelled_form_adds_nothing(
    interactions: InteractionsPanel, document: PlanDocument
):
    assert not interactions.add_interaction()  # the fake form was cancelled
    assert document.undo_stack.count() == 0
    assert rows_of(interactions.model)[0][:2] == ("Integrations", "First Hour")
    interactions.table.setCurrentIndex(interactions.model.index(0, 0))
    interactions.reverse_action.trigger()
    assert rows_of(interactions.model)[0][:2] == ("First Hour", "Integrations")
    first_hour = team_id(document, "First Hour")
    assert document.plan.interactions.count(from_team_id=first_hour) == 1
    assert document.undo_stack.count() == 1


def test_interaction_form_proposes_what_the_other_team_type_suggests(qtbot: Any):
    teams = [
        TeamChoice(uuid.uuid4(), "Reach"),
        TeamChoice(uuid.uuid4(), "Data", TopologyType.PLATFORM),
    ]
    dialog = InteractionDialog("First Hour", teams)
    qtbot.addWidget(dialog)
    dialog.team.setCurrentIndex(1)
    dialog.note.setText(" Events ")
    choice = dialog.choice()
    assert choice == InteractionChoice(teams[1].id, False, InteractionMode.X_AS_A_SERVICE, "Events")
    assert dialog.direction.currentText() == "Data → First Hour"
