"""The OKR editor by keyboard and in place: owners, alignment, navigation, menus, read-only."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from planner.domain.values import Commitment
from planner.services.okr_tree import PLAN_LEVEL
from planner.services.plan import Plan
from planner.ui.document import PlanDocument
from planner.ui.okr import OkrEditor, modal
from planner.ui.okr.editor_model import OkrEditorModel as M
from planner.ui.okr.row_editors import MeasureEditor, ObjectiveEditor
from tests.ui.test_okr_editor import (
    DEMO,
    ONBOARDING,
    TOUR,
    FakeModal,
    commit,
    find,
    key_result,
    open_editor,
    shown_titles,
)


@pytest.fixture(autouse=True)
def modals(monkeypatch: pytest.MonkeyPatch) -> FakeModal:
    fake = FakeModal()
    monkeypatch.setattr(modal, "run_dialog", fake.run_dialog)
    monkeypatch.setattr(modal, "run_menu", fake.run_menu)
    return fake


@pytest.fixture
def editor(qtbot: Any, document: PlanDocument) -> OkrEditor:
    widget = OkrEditor()
    qtbot.addWidget(widget)
    widget.resize(1280, 600)
    widget.set_document(document)
    widget.show()
    widget.set_owner(next(t.id for t in document.plan.teams.list() if t.name == "First Hour"))
    return widget


def test_the_objective_editor_sets_commitment_and_alignment(
    qtbot: Any, editor: OkrEditor, document: PlanDocument
):
    objective_id = find(editor, ONBOARDING).data(M.IdRole)
    assert document.plan.objectives.get(objective_id).parent_id is not None
    edit = open_editor(qtbot, editor, find(editor, ONBOARDING), ObjectiveEditor)
    edit.commitment.setCurrentIndex(edit.commitment.findData(Commitment.ASPIRATIONAL.value))
    assert edit.aligned is not None
    edit.aligned.setCurrentIndex(0)  # not aligned
    commit(qtbot, edit.title)

    stored = document.plan.objectives.get(objective_id)
    assert stored.commitment is Commitment.ASPIRATIONAL and stored.parent_id is None
    assert find(editor, ONBOARDING).data() == (f"{ONBOARDING} (aspirational)")
    document.undo_stack.undo()
    assert document.plan.objectives.get(objective_id).parent_id is not None


def test_the_owner_is_chosen_from_the_people(qtbot: Any, editor: OkrEditor, document: PlanDocument):
    combo = open_editor(qtbot, editor, find(editor, TOUR, M.OWNER), QComboBox)
    combo.setCurrentIndex(combo.findText("Amara Okafor"))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: find(editor, TOUR, M.OWNER).data() == "Amara Okafor")
    owner = key_result(document, TOUR).owner_id
    assert document.plan.people.get(owner).name == "Amara Okafor"


def test_the_people_are_read_when_an_owner_is_edited_not_on_each_refresh(
    qtbot: Any, editor: OkrEditor, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
):
    """A large plan has thousands of people; a check-in refreshes the tree, and should not
    read them all for a picker nobody opened."""
    reads: list[int] = []
    listing = document.plan.people.list

    def counted() -> list[Any]:
        people = listing()
        reads.append(len(people))
        return people

    monkeypatch.setattr(document.plan.people, "list", counted)
    document.push(
        document.plan.check_ins.create(key_result(document, TOUR).id, document.today(), 1)
    )
    editor.refresh()
    assert reads == []
    document.push(document.plan.people.create("Zoë Newcomer"))
    combo = open_editor(qtbot, editor, find(editor, TOUR, M.OWNER), QComboBox)
    assert len(reads) == 1 and combo.findText("Zoë Newcomer") >= 0
    qtbot.keyClick(combo, Qt.Key.Key_Escape)


def test_tab_goes_on_to_the_next_editable_cell(qtbot: Any, editor: OkrEditor):
    title = open_editor(qtbot, editor, find(editor, DEMO), QLineEdit)
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert editor.view.currentIndex() == find(editor, DEMO, M.OWNER)
    assert editor.view.findChild(QComboBox, "ownerCombo") is not None


def test_the_plan_level_shows_company_objectives_without_alignment(qtbot: Any, editor: OkrEditor):
    editor.set_owner(PLAN_LEVEL)
    titles = shown_titles(editor)
    assert titles[0][0] == "Become the time tracker freelancers trust from their first day"
    edit = open_editor(qtbot, editor, editor.model.index(0, 0), ObjectiveEditor)
    assert edit.aligned is None


def test_the_context_menu_offers_every_action_without_exec(editor: OkrEditor, modals: FakeModal):
    editor.view.customContextMenuRequested.emit(QPoint(10, 10))
    assert len(modals.menus) == 1
    texts = modals.menus[0]
    assert "Check &In…" in texts and "Edit &Periods…" in texts


def test_a_read_only_plan_offers_no_edits(qtbot: Any, sample_path: Any):
    plan = Plan.open(sample_path, read_only=True)
    document = PlanDocument(plan)
    try:
        widget = OkrEditor()
        qtbot.addWidget(widget)
        widget.set_document(document)
        widget.show()
        widget.set_owner(next(t.id for t in plan.teams.list() if t.name == "First Hour"))
        index = widget.model.index(0, 0)
        assert not index.flags() & Qt.ItemFlag.ItemIsEditable
        assert not widget.commands.add_objective_action.isEnabled()
    finally:
        document.close()


def test_enter_edits_the_current_cell_or_else_the_title(qtbot: Any, editor: OkrEditor):
    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO, M.MEASURE))
    qtbot.keyClick(editor.view, Qt.Key.Key_Return)
    measure = editor.view.findChild(MeasureEditor)
    assert measure is not None and measure.isVisible()
    qtbot.keyClick(measure.target, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.view.findChild(MeasureEditor) is None)

    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO, M.PROGRESS))  # a figure: not editable
    qtbot.keyClick(editor.view, Qt.Key.Key_Enter)
    title = editor.view.findChild(QLineEdit, "titleEdit")
    assert title is not None and title.text() == DEMO


def test_left_and_right_move_between_the_cells_of_a_row(qtbot: Any, editor: OkrEditor):
    editor.view.setFocus()
    editor.view.setCurrentIndex(find(editor, DEMO))
    qtbot.keyClick(editor.view, Qt.Key.Key_Right)
    qtbot.keyClick(editor.view, Qt.Key.Key_Right)
    assert editor.view.currentIndex() == find(editor, DEMO, M.MEASURE)
    qtbot.keyClick(editor.view, Qt.Key.Key_Left)
    assert editor.view.currentIndex() == find(editor, DEMO, M.OWNER)
