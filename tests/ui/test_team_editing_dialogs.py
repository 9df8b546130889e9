"""The people directory and the stages and disciplines window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from planner.ui.document import PlanDocument
from planner.ui.team_editing import PeopleDirectoryDialog, PeopleModel, StagesDisciplinesDialog
from planner.ui.team_editing.lists import DisciplinesModel, StagesModel


def names(model: Any, column: int = 0) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


# ---- people directory ------------------------------------------------------------------


@pytest.fixture
def people(qtbot: Any, document: PlanDocument) -> PeopleDirectoryDialog:
    dialog = PeopleDirectoryDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_people_models_pass_the_model_tester(qtmodeltester: Any, people: PeopleDirectoryDialog):
    qtmodeltester.check(people.model)
    qtmodeltester.check(people.model, force_py=True)
    qtmodeltester.check(people.proxy, force_py=True)


def test_lists_everyone_sorted_with_over_allocation_flagged(people: PeopleDirectoryDialog):
    shown = names(people.proxy)
    assert len(shown) == 23 and shown == sorted(shown, key=str.casefold)
    row = shown.index("Priya Nair")
    total = people.proxy.index(row, PeopleModel.TOTAL)
    assert total.data() == "110 % in total — over-allocated"
    assert total.data(Qt.ItemDataRole.DecorationRole) is not None
    assert people.proxy.index(row, PeopleModel.TEAMS).data() == "First Hour 60 %, Reach 50 %"
    assert people.proxy.index(row, PeopleModel.DISCIPLINE).data() == "Data"
    assert "Priya Nair (110 %)" in people.warning.message()
    assert people.summary.text() == "23 people · 1 over-allocated"


def test_filter_matches_name_email_discipline_or_team(qtbot: Any, people: PeopleDirectoryDialog):
    qtbot.keyClicks(people.filter, "data")
    assert names(people.proxy) == ["Ana Costa", "Priya Nair", "Ravi Shah"]
    people.filter.setText("billing")
    assert "Grace Mwangi" in names(people.proxy)
    people.filter.setText("nobody at all")
    assert people.proxy.rowCount() == 0
    assert people.no_match.isVisible() and "nobody at all" in people.no_match.text()
    people.filter.clear()
    assert people.proxy.rowCount() == 23 and not people.no_match.isVisible()


def test_insert_adds_a_person_ready_to_be_named_and_undo_removes_them(
    qtbot: Any, people: PeopleDirectoryDialog, document: PlanDocument
):
    people.filter.setText("priya")  # the new row must show even so
    people.table.setFocus()
    qtbot.keyClick(people.table, Qt.Key.Key_Insert)
    assert document.plan.people.count() == 24
    assert people.filter.text() == ""
    editor = people.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "New person"
    editor.setText("Ines Duarte")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Ines Duarte" in names(people.proxy))
    assert [p.name for p in document.plan.people.list()].count("Ines Duarte") == 1
    assert document.undo_stack.count() == 2  # added, then named
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.plan.people.count() == 23


def test_email_edited_in_place_and_a_bad_one_refused(
    qtbot: Any, people: PeopleDirectoryDialog, document: PlanDocument
):
    row = names(people.proxy).index("Tom Becker")
    email = people.proxy.index(row, PeopleModel.EMAIL)
    people.proxy.setData(email, "not an address")
    qtbot.waitUntil(people.message.isVisible)
    assert people.message.message() == (
        "Tom Becker — Email: 'not an address' is not an email address"
    )
    people.proxy.setData(email, "tom.becker@tally.example")
    qtbot.waitUntil(lambda: email.data() == "tom.becker@tally.example")
    assert not people.message.isVisible()
    assert document.undo_stack.count() == 1


def test_deleting_someone_who_owns_okrs_says_what_they_leave_in_plain_words(
    people: PeopleDirectoryDialog, dialogs
):
    row = names(people.proxy).index("Amara Okafor")
    people.table.setCurrentIndex(people.proxy.index(row, 0))
    people.delete_action.trigger()
    assert dialogs.questions[0][1] == (
        "Delete Amara Okafor? They leave First Hour 100 % and will no longer own "
        "2 objectives or key results. Edit ▸ Undo brings it all back."
    )


def test_deleting_someone_in_teams_asks_first_and_undo_restores_their_teams(
    people: PeopleDirectoryDialog, document: PlanDocument, dialogs
):
    row = names(people.proxy).index("Priya Nair")
    people.table.setCurrentIndex(people.proxy.index(row, 0))
    people.delete_action.trigger()
    title, question = dialogs.questions[0]
    assert title == "Delete Person"
    assert question.startswith("Delete Priya Nair? They leave First Hour 60 %, Reach 50 %")
    assert document.plan.people.count() == 23  # answered no

    dialogs.yes = True
    people.delete_action.trigger()
    assert "Priya Nair" not in names(people.proxy)
    priya = [m for m in document.plan.memberships.list() if m.allocation in (60, 50)]
    assert document.plan.people.count() == 22
    document.undo_stack.undo()
    assert "Priya Nair" in names(people.proxy)
    restored = [m for m in document.plan.memberships.list() if m.allocation in (60, 50)]
    assert len(restored) == len(priya) + 2


def test_deleting_someone_in_no_team_does_not_ask(
    people: PeopleDirectoryDialog, document: PlanDocument, dialogs
):
    new = people.add_person()
    people.table.setCurrentIndex(people.proxy.index(names(people.proxy).index("New person"), 0))
    assert people.delete_person()
    assert dialogs.questions == []
    assert new not in [p.id for p in document.plan.people.list()]


# ---- stages and disciplines ------------------------------------------------------------


@pytest.fixture
def lists(qtbot: Any, document: PlanDocument) -> StagesDisciplinesDialog:
    dialog = StagesDisciplinesDialog(document)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def stage_names(document: PlanDocument) -> list[str]:
    return [stage.name for stage in document.plan.stages.list()]


def test_stage_and_discipline_models_pass_the_model_tester(
    qtmodeltester: Any, lists: StagesDisciplinesDialog
):
    for model in (lists.stages.model, lists.disciplines.model):
        qtmodeltester.check(model)
        qtmodeltester.check(model, force_py=True)
    assert names(lists.stages.model) == [
        "Acquisition",
        "Activation",
        "Retention",
        "Referral",
        "Revenue",
    ]
    assert names(lists.stages.model, StagesModel.TEAMS) == ["1", "2", "1", "1", "1"]


def test_removing_a_stage_with_teams_asks_where_they_go_and_loses_none(
    lists: StagesDisciplinesDialog, document: PlanDocument, dialogs
):
    plan = document.plan
    teams = plan.teams.count()
    activation = next(s for s in plan.stages.list() if s.name == "Activation")
    retention = next(s for s in plan.stages.list() if s.name == "Retention")
    moved = {t.id for t in plan.teams.list() if t.stage_id == activation.id}
    lists.stages.select(activation.id)
    lists.stages.remove_action.trigger()  # cancelled: nothing changes
    text, choices = dialogs.stage_questions[0]
    assert "'Activation' has 2 teams" in text
    assert activation.id not in [stage_id for stage_id, _ in choices]
    assert "Activation" in stage_names(document)

    dialogs.stage = retention.id
    lists.stages.remove_action.trigger()
    assert "Activation" not in names(lists.stages.model)
    assert plan.teams.count() == teams
    assert {t.stage_id for t in plan.teams.list() if t.id in moved} == {retention.id}
    assert names(lists.stages.model, StagesModel.TEAMS)[1] == "3"
    document.undo_stack.undo()
    assert {t.stage_id for t in plan.teams.list() if t.id in moved} == {activation.id}
    assert stage_names(document)[1] == "Activation"


def test_stages_reordered_with_ctrl_down_and_by_dragging(
    qtbot: Any, lists: StagesDisciplinesDialog, document: PlanDocument
):
    table = lists.stages.table
    table.setCurrentIndex(lists.stages.model.index(0, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert stage_names(document)[:2] == ["Activation", "Acquisition"]
    assert table.currentIndex().data() == "Acquisition"  # the moved stage stays selected

    model = lists.stages.model
    data = model.mimeData([model.index(4, 0)])  # drag Revenue onto the first row
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(0, 0).parent())
    qtbot.waitUntil(lambda: stage_names(document)[0] == "Revenue")
    assert stage_names(document) == [
        "Revenue",
        "Activation",
        "Acquisition",
        "Retention",
        "Referral",
    ]
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert stage_names(document)[0] == "Acquisition"


def test_stage_added_and_renamed_inline(
    qtbot: Any, lists: StagesDisciplinesDialog, document: PlanDocument
):
    lists.stages.table.setFocus()
    qtbot.keyClick(lists.stages.table, Qt.Key.Key_Insert)
    editor = lists.stages.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "New stage"
    editor.setText("Expansion")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stage_names(document)[-1] == "Expansion")
    lists.stages.model.setData(lists.stages.model.index(5, 0), "revenue")  # taken
    qtbot.waitUntil(lists.stages.message.isVisible)
    assert "already called" in lists.stages.message.message()


def test_required_flag_toggled_is_stored_and_undone(
    qtbot: Any, lists: StagesDisciplinesDialog, document: PlanDocument
):
    model = lists.disciplines.model
    row = names(model).index("Marketing")
    index = model.index(row, DisciplinesModel.REQUIRED)
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert index.flags() & Qt.ItemFlag.ItemIsUserCheckable
    model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    marketing = next(d for d in document.plan.disciplines.list() if d.name == "Marketing")
    qtbot.waitUntil(lambda: document.plan.disciplines.get(marketing.id).required)
    assert (
        model.index(row, DisciplinesModel.REQUIRED).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
    )
    assert document.undo_stack.undoText() == "Require Marketing in every team"
    document.undo_stack.undo()
    assert not document.plan.disciplines.get(marketing.id).required


def test_removing_a_discipline_in_use_asks_first(
    lists: StagesDisciplinesDialog, document: PlanDocument, dialogs
):
    sales = next(d for d in document.plan.disciplines.list() if d.name == "Sales")
    lists.disciplines.select(sales.id)
    lists.disciplines.remove_action.trigger()
    assert "Sales is the home discipline of 1 person" in dialogs.questions[0][1]
    assert document.plan.disciplines.count() == 7
    dialogs.yes = True
    lists.disciplines.remove_action.trigger()
    assert "Sales" not in names(lists.disciplines.model)
    document.undo_stack.undo()
    grace = next(p for p in document.plan.people.list() if p.name == "Grace Mwangi")
    assert grace.discipline_id == sales.id
