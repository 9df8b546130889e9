"""The customer directory, and choosing a new customer from the note editor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.ui.document import PlanDocument
from planner.ui.journal import CustomersDialog, customers
from planner.ui.journal.contributions import ContributionsModel
from planner.ui.journal.customers import CustomersModel
from tests.ui.test_journal_support import index_of, make_page, select_note


@pytest.fixture
def keep() -> Iterator[list[Any]]:
    """Widgets kept alive until the model tester, requested after this, has finished with
    their models (it disconnects from them when torn down)."""
    kept: list[Any] = []
    yield kept
    kept.clear()


@pytest.fixture
def dialog(qtbot: Any, document: PlanDocument) -> CustomersDialog:
    shown = CustomersDialog(document)
    qtbot.addWidget(shown)
    shown.show()  # shown, not exec()'d: a modal loop would never return in a test
    qtbot.waitExposed(shown)
    return shown


def names(plan: Any) -> list[str]:
    return [customer.name for customer in plan.customers.list()]


def test_lists_customers_with_buyer_user_and_notes(dialog: CustomersDialog):
    model = dialog.model
    nord = index_of(model, "Studio Nord").row()
    assert [model.index(nord, c).data() for c in range(5)] == [
        "Studio Nord",
        "Agency (10–50 people)",
        "Ingrid Holm, managing partner",
        "Per Sandberg, designer",
        "1 note",
    ]


def test_add_a_customer_and_name_it_in_place_then_undo(
    qtbot: Any, dialog: CustomersDialog, document: PlanDocument
):
    plan = document.plan
    qtbot.keyClick(dialog.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "New customer" in names(plan)
    new = index_of(dialog.model, "New customer")
    assert dialog.view.currentIndex().row() == new.row()
    dialog.model.setData(new, "Acme Freight")  # what the inline editor commits
    qtbot.waitUntil(lambda: "Acme Freight" in names(plan))
    contact = index_of(dialog.model, "Acme Freight").siblingAtColumn(CustomersModel.USER_CONTACT)
    dialog.model.setData(contact, "Dispatch team")
    qtbot.waitUntil(lambda: any(c.user_contact == "Dispatch team" for c in plan.customers.list()))
    assert dialog.last_created() is not None
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert "Acme Freight" not in names(plan) and "New customer" in names(plan)


def test_a_duplicate_name_is_refused_in_the_dialog(
    qtbot: Any, dialog: CustomersDialog, document: PlanDocument
):
    dialog.model.setData(index_of(dialog.model, "Studio Nord"), "Orbit Dev Collective")
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert "already called 'Orbit Dev Collective'" in dialog.message.text()
    assert names(document.plan).count("Orbit Dev Collective") == 1


def test_deleting_a_customer_with_notes_is_refused_with_the_reason(
    qtbot: Any, dialog: CustomersDialog, document: PlanDocument, dialogs: Any
):
    dialog.select(index_of(dialog.model, "Studio Nord").data(CustomersModel.IdRole))
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert dialog.message.text() == (
        "Not changed: Customer: 'Studio Nord' has 1 attribution note; delete them first"
    )
    assert "Studio Nord" in names(document.plan)
    assert dialogs.errors == []  # said in the dialog, not in a second box


def test_deleting_an_unused_customer_can_be_undone(
    qtbot: Any, dialog: CustomersDialog, document: PlanDocument
):
    dialog.add_customer()
    dialog.delete_action.trigger()
    assert "New customer" not in names(document.plan)
    dialog.undo_action.trigger()
    assert "New customer" in names(document.plan)


def test_new_customer_from_the_editor_opens_the_directory_and_picks_the_new_one(
    qtbot: Any, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
):
    def add_one(_parent: Any, doc: PlanDocument) -> Any:
        return doc.attempt(lambda: doc.plan.customers.create("Kite Studio")).id

    monkeypatch.setattr(customers, "open_customers_dialog", add_one)
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    form = page.editor.form
    qtbot.mouseClick(form.new_customer_button, Qt.MouseButton.LeftButton)
    assert form.customer_combo.currentText() == "Kite Studio"
    assert page.editor.is_dirty()
    assert "Kite Studio" in [page.filters.customer_combo.itemText(i) for i in range(5)]


def test_the_directory_and_contribution_models_pass_the_model_tester(
    qtbot: Any, keep: list[Any], qtmodeltester: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    keep.append(page)
    select_note(page, "Onboarded all 14 designers within a day")
    contributions = page.editor.form.credit.model
    assert contributions.rowCount() == 3
    qtmodeltester.check(contributions)
    qtmodeltester.check(contributions, force_py=True)
    assert contributions.index(0, ContributionsModel.SHARE).data() == "50 %"
    directory = CustomersDialog(document)
    keep.append(directory)
    qtmodeltester.check(directory.model)
    qtmodeltester.check(directory.model, force_py=True)
