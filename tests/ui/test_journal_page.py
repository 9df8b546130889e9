"""The attribution journal page: recording, finding, editing and undoing notes, as a leader
does it, and what the plan file holds afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner.services.attribution import ContributionInput
from planner.services.journal import journal
from planner.services.plan import Plan
from planner.ui.document import PlanDocument
from planner.ui.journal.contributions import ContributionsModel
from planner.ui.journal.models import NotesTableModel
from tests.ui.conftest import UI_TODAY
from tests.ui.test_journal_support import (
    add_contribution,
    cell_editor,
    choose,
    contribution_texts,
    make_page,
    select_note,
    set_cell,
    shares,
    shown_notes,
    stored,
)

SAMPLE_OUTCOMES = [
    "Referred three colleagues",
    "Upgraded to the team plan",
    "Onboarded all 14 designers within a day",
]
RESCUE = "Renewed for two years after the billing rescue"


@pytest.fixture
def keep() -> Iterator[list[Any]]:
    """Widgets kept alive until the model tester, requested after this, has finished with
    their models (it disconnects from them when torn down)."""
    kept: list[Any] = []
    yield kept
    kept.clear()


def test_record_a_note_with_three_contributions_find_it_edit_a_share_and_undo(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    assert shown_notes(page) == SAMPLE_OUTCOMES

    # Record: a renewal three teams earned.
    qtbot.keyClick(page.notes.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = page.editor
    form = editor.form
    assert editor.is_new and editor.heading.text() == "New note"
    assert form.category_combo.currentText() == "Onboarding completed"
    choose(form.customer_combo, "Orbit Dev Collective")
    choose(form.category_combo, "Renewal")
    qtbot.keyClicks(form.outcome_edit, RESCUE)
    qtbot.keyClicks(form.story_edit, "Support untangled their invoices on a two-hour call.")
    choose(form.confidence_combo, "High")
    credit = form.credit
    add_contribution(qtbot, credit, "Plans & Billing", "Customer support", "50")
    add_contribution(qtbot, credit, "First Hour", "Product / UX", "30")
    add_contribution(qtbot, credit, "Reach", "Education content", "20")
    assert contribution_texts(credit) == [
        ("Plans & Billing", "Customer support", "50 %"),
        ("First Hour", "Product / UX", "30 %"),
        ("Reach", "Education content", "20 %"),
    ]
    assert credit.total_label.text() == "Credit: 100 % + unattributed 0 % = 100 %"
    qtbot.keyClick(form.outcome_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [note] = stored(document.plan, "billing rescue")
    assert (note.customer, note.outcome_category.value, note.confidence.value) == (
        "Orbit Dev Collective",
        "renewal",
        "high",
    )
    assert shares(note) == [
        ("Plans & Billing", "customer_support", 50),
        ("First Hour", "product_ux", 30),
        ("Reach", "education_content", 20),
    ]
    assert not editor.is_new and editor.state_hint.text() == "Saved"

    # Find it: the search narrows the table to that one note.
    qtbot.keyClick(page.notes.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filters.search.hasFocus()
    qtbot.keyClicks(page.filters.search, "billing rescue")
    qtbot.waitUntil(lambda: shown_notes(page) == [RESCUE])
    assert shown_notes(page, NotesTableModel.TEAMS) == ["Plans & Billing, First Hour, Reach"]
    assert page.count.text() == "1 note match"
    select_note(page, RESCUE)
    assert page.notes.selected_id() == note.id == editor.note_id

    # Edit a share, and another so credit stays whole; save.
    set_cell(qtbot, credit, 0, ContributionsModel.SHARE, "40")
    assert credit.total_label.text() == "Credit: 90 % + unattributed 0 % = 90 %, 10 % still to give"
    assert editor.state_hint.text() == "Changed; saved when you move on"
    set_cell(qtbot, credit, 1, ContributionsModel.SHARE, "40")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    [edited] = stored(document.plan, "billing rescue")
    assert [s[2] for s in shares(edited)] == [40, 40, 20]
    assert page.notes.selected_id() == note.id  # the selection outlived the refresh

    # Undo: one step puts both shares back, in the plan file and on screen.
    assert document.undo_stack.undoText() == f"Edit note '{RESCUE}'"
    document.undo_stack.undo()
    [restored] = stored(document.plan, "billing rescue")
    assert [s[2] for s in shares(restored)] == [50, 30, 20]
    assert [row[2] for row in contribution_texts(credit)] == ["50 %", "30 %", "20 %"]
    assert page.notes.selected_id() == note.id


def start_note(qtbot: Any, page: Any, outcome: str) -> Any:
    page.new_action.trigger()
    qtbot.keyClicks(page.editor.form.outcome_edit, outcome)
    return page.editor.form


def test_shares_adding_up_to_110_percent_are_refused_and_nothing_is_stored(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "Stayed after the price change")
    add_contribution(qtbot, form.credit, "Daily Habit", "Product / UX", "60")
    add_contribution(qtbot, form.credit, "Plans & Billing", "Sales", "50")
    assert form.credit.total_label.text() == ("Credit: 110 % + unattributed 0 % = 110 %, 10 % over")
    page.editor.save_action.trigger()

    message = page.editor.message.text()
    assert "Share: shares add up to 110 %, over 100 %" in message
    assert "leave the rest as unattributed" in message
    assert page.editor.message.isVisible()
    assert len(journal(document.plan).entries) == 3
    assert stored(document.plan, "price change") == []
    assert page.editor.is_new  # still there to fix


def test_leave_the_rest_unattributed_fills_the_remainder(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "Came back after a support call")
    add_contribution(qtbot, form.credit, "Daily Habit", "Customer support", "80")
    form.credit.fill_action.trigger()
    assert form.credit.unattributed_edit.text() == "20"
    assert form.credit.total_label.text() == "Credit: 80 % + unattributed 20 % = 100 %"
    page.editor.save_action.trigger()
    [note] = stored(document.plan, "came back")
    assert note.unattributed_share == 20


def test_a_note_without_a_customer_is_refused(qtbot: Any, empty_plan: Any):
    document = PlanDocument(empty_plan)
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "Signed the pilot")
    assert form.customer_combo.currentIndex() == -1
    assert form.customer_combo.placeholderText() == "No customers yet"
    page.editor.save_action.trigger()
    assert "Customer: is required" in page.editor.message.text()
    assert journal(empty_plan).entries == ()
    assert document.undo_stack.count() == 0


def test_an_empty_outcome_is_refused_naming_the_field(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "")
    page.editor.save_action.trigger()
    assert "Outcome: is required" in page.editor.message.text()
    assert form.outcome_edit.hasFocus()
    assert len(journal(document.plan).entries) == 3


def test_a_date_the_locale_cannot_read_is_refused(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "Finished onboarding")
    date_edit = form.date_edit
    date_edit.setFocus()
    qtbot.keyClick(date_edit, Qt.Key.Key_End)
    qtbot.keyClick(date_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(date_edit, Qt.Key.Key_Backspace)  # "26 11 20": a year cut short
    page.editor.save_action.trigger()
    typed = date_edit.text()
    assert page.editor.message.text().startswith(
        f"Not saved. Date: '{typed}' is not a date; type it like"
    )
    assert len(journal(document.plan).entries) == 3
    # Leaving the field puts the last good date back: the editor says so.
    form.outcome_edit.setFocus()
    assert date_edit.text() != typed
    assert page.editor.message.text().endswith("; the date was put back.")


@pytest.mark.parametrize("typed", ["150", "-20"])
def test_an_unattributed_share_out_of_range_is_named_and_focused(
    qtbot: Any, document: PlanDocument, typed: str
):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    before = journal(document.plan).entries
    edit = page.editor.form.credit.unattributed_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, typed)
    assert not page.editor.save()
    assert page.editor.message.text().startswith(
        "Not saved. Unattributed share: must be from 0 % to 100 %"
    )
    assert edit.hasFocus()
    assert journal(document.plan).entries == before


def test_filters_by_team_stage_outcome_customer_and_text_narrow_the_table(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    filters = page.filters
    assert filters.period_combo.currentText() == document.period().name
    choose(filters.team_combo, "Reach")
    assert shown_notes(page) == ["Referred three colleagues"]
    choose(filters.team_combo, "All teams")
    choose(filters.stage_combo, "Revenue")
    assert shown_notes(page) == [
        "Upgraded to the team plan",
        "Onboarded all 14 designers within a day",
    ]
    choose(filters.stage_combo, "All stages")
    choose(filters.outcome_combo, "Upgrade")
    assert shown_notes(page) == ["Upgraded to the team plan"]
    choose(filters.outcome_combo, "All outcomes")
    choose(filters.customer_combo, "Studio Nord")
    assert shown_notes(page) == ["Onboarded all 14 designers within a day"]
    choose(filters.customer_combo, "All customers")
    qtbot.keyClicks(filters.search, "designers")
    qtbot.waitUntil(lambda: shown_notes(page) == ["Onboarded all 14 designers within a day"])
    qtbot.keyClicks(filters.search, " nobody")
    qtbot.waitUntil(lambda: shown_notes(page) == [])
    assert page.notes.no_notes.isVisible()
    assert page.notes.no_notes.text().startswith("No notes match these filters")
    filters.search.clear()
    qtbot.waitUntil(lambda: shown_notes(page) == SAMPLE_OUTCOMES)
    assert page.count.text() == "3 notes"


def test_the_table_sorts_by_date_customer_and_confidence(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    view = page.notes.view
    view.sortByColumn(NotesTableModel.CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert shown_notes(page, NotesTableModel.CUSTOMER) == [
        "Lena Brandt Consulting",
        "Orbit Dev Collective",
        "Studio Nord",
    ]
    view.sortByColumn(NotesTableModel.CONFIDENCE, Qt.SortOrder.AscendingOrder)
    assert shown_notes(page, NotesTableModel.CONFIDENCE) == ["Low", "Medium", "High"]
    view.sortByColumn(NotesTableModel.DATE, Qt.SortOrder.AscendingOrder)
    assert shown_notes(page) == SAMPLE_OUTCOMES[::-1]


def test_every_column_sorts_both_ways_and_ties_keep_their_order(qtbot: Any, document: PlanDocument):
    plan = document.plan
    nord = next(c.id for c in plan.customers.list() if c.name == "Studio Nord")
    teams = {team.name: team.id for team in plan.teams.list()}
    # Ties in every column: one day, one customer, one category, one team, one confidence.
    for day, outcome, team, confidence in [
        (2, "Renewed after a call", "Reach", "low"),
        (2, "renewed again", "First Hour", "high"),
        (9, "Bought seats", "Reach", "low"),
        (9, "Upgraded storage", "Plans & Billing", "medium"),
    ]:
        credit = [ContributionInput(teams[team], "sales", 100)]
        on = date(2026, 11, day)
        plan.apply(plan.notes.create(on, nord, "renewal", outcome, credit, confidence=confidence))
    page = make_page(qtbot, document)
    view, model = page.notes.view, page.notes.model
    assert shown_notes(page) == [entry.outcome for entry in journal(plan).entries]
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            before = shown_notes(page)
            view.sortByColumn(column, order)
            rows = range(model.rowCount())
            keys = [model.index(row, column).data(NotesTableModel.ValueRole) for row in rows]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)
            ties: dict[Any, list[str]] = {}
            for key, outcome in zip(keys, shown_notes(page), strict=True):
                ties.setdefault(key, []).append(outcome)
            for outcomes in ties.values():
                assert outcomes == [outcome for outcome in before if outcome in outcomes]


def test_the_editor_offers_the_key_results_of_the_period_with_where_they_sit(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    form = page.editor.form
    combo = form.key_result_combo
    select_note(page, "Onboarded all 14 designers within a day")
    assert combo.currentText() == "Reduce time from sign-up to live demo from 24 h to 1 h"
    assert form.key_result_stage.text() == "Activation stage · First Hour"
    offered = [combo.itemText(row) for row in range(combo.count())]
    tips = [combo.itemData(row, Qt.ItemDataRole.ToolTipRole) for row in range(combo.count())]
    assert offered[0] == "No key result" and len(offered) == 1 + 14  # the period's 14
    assert tips[1].endswith("\nPlan level")  # plan level first, then team by team
    assert tips[combo.currentIndex()].endswith("\nActivation stage · First Hour")
    later = next(p for p in document.plan.periods.list() if p.name == "2027 Q1")
    document.set_period(later.id)  # a period without key results: the link stays, said so
    assert [combo.itemText(row) for row in range(combo.count())] == [
        "No key result",
        "Reduce time from sign-up to live demo from 24 h to 1 h (another period)",
    ]
    assert combo.currentIndex() == 1


def test_moving_to_another_note_saves_the_changes(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    form = page.editor.form
    form.outcome_edit.selectAll()
    qtbot.keyClicks(form.outcome_edit, "Upgraded to the team plan for 8 seats")
    select_note(page, "Referred three colleagues")
    qtbot.waitUntil(lambda: "Upgraded to the team plan for 8 seats" in shown_notes(page))
    assert [e.outcome for e in stored(document.plan, "8 seats")] == [
        "Upgraded to the team plan for 8 seats"
    ]
    assert form.outcome_edit.text() == "Referred three colleagues"
    assert page.notes.selected_id() == page.editor.note_id


def test_moving_away_from_a_note_that_cannot_be_saved_stays_on_it(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    upgrade = page.editor.note_id
    credit = page.editor.form.credit
    set_cell(qtbot, credit, 0, ContributionsModel.SHARE, "90")
    select_note(page, "Referred three colleagues")
    qtbot.waitUntil(lambda: page.notes.selected_id() == upgrade)
    assert page.editor.note_id == upgrade
    assert "over 100 %" in page.editor.message.text()
    assert page.editor.is_dirty()  # what was typed is still there
    assert [s.share for s in stored(document.plan, "upgraded")[0].shares] == [40, 40]


def test_delete_key_deletes_the_note_and_undo_brings_it_back(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    qtbot.keyClick(page.notes.view, Qt.Key.Key_Delete)
    assert shown_notes(page) == [SAMPLE_OUTCOMES[0], SAMPLE_OUTCOMES[2]]
    assert stored(document.plan, "upgraded") == []
    assert page.editor.form.outcome_edit.text() == SAMPLE_OUTCOMES[2]  # the next one
    document.undo_stack.undo()
    assert shown_notes(page) == SAMPLE_OUTCOMES
    [back] = stored(document.plan, "upgraded")
    assert [s.share for s in back.shares] == [40, 40] and back.unattributed_share == 20


def test_ctrl_d_duplicates_the_note_with_its_credit(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Onboarded all 14 designers within a day")
    qtbot.keyClick(page.notes.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copies = stored(document.plan, "14 designers")
    assert len(copies) == 2
    assert shares(copies[0]) == shares(copies[1])
    assert page.editor.note_id in {c.id for c in copies}
    assert page.notes.selected_id() == page.editor.note_id
    document.undo_stack.undo()
    assert len(stored(document.plan, "14 designers")) == 1


def test_ctrl_n_means_new_note_on_the_page_even_beside_new_plan(qtbot: Any, window: Any):
    page = make_page(qtbot, None)
    window.workspace.addWidget(page)
    page.set_document(window.document)
    window.workspace.setCurrentWidget(page)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    page.notes.view.setFocus()
    qtbot.keyClick(page.notes.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.is_new
    assert page.editor.form.outcome_edit.hasFocus()
    qtbot.keyClicks(page.editor.form.outcome_edit, "Renewed")
    page.editor.save_action.trigger()  # saved, so the next new note starts afresh
    combo = page.filters.team_combo  # a combo box takes keys for type-ahead first
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.is_new and page.editor.form.outcome_edit.text() == ""
    assert combo.currentText() == "All teams"


def test_ctrl_d_duplicates_the_note_even_after_a_team_page_armed_duplicate_team(
    qtbot: Any, window: Any
):
    window.show_team(window.document.plan.teams.list()[0].id)  # Duplicate Team: Ctrl+D
    assert window.team_actions.duplicate_action.isEnabled()
    window.show_journal()
    page = window.journal_page
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    select_note(page, "Upgraded to the team plan")
    page.notes.view.setFocus()
    before, teams = len(shown_notes(page)), window.document.plan.teams.count()
    qtbot.keyClick(page.notes.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(shown_notes(page)) == before + 1
    assert window.document.plan.teams.count() == teams
    page.notes.view.clearSelection()  # no note chosen: Duplicate Note is off, and still
    page.notes.view.setCurrentIndex(page.notes.view.model().index(-1, -1))
    assert not page.duplicate_action.isEnabled()
    qtbot.keyClick(page.notes.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.document.plan.teams.count() == teams, "not the team last shown either"


def undone_under_typing(qtbot: Any, page: Any, document: PlanDocument, typed: str) -> Any:
    """A note "Temp outcome" saved, ``typed`` into its story, then its creation undone."""
    form = start_note(qtbot, page, "Temp outcome")
    add_contribution(qtbot, form.credit, "Reach", "Marketing", "100")
    assert page.editor.save()
    form.story_edit.setFocus()
    qtbot.keyClicks(form.story_edit, typed)
    document.undo_stack.undo()  # the note leaves the plan, the typing stays
    return form


def test_undoing_a_note_under_unsaved_changes_keeps_them_as_a_new_note(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    form = undone_under_typing(qtbot, page, document, "typed but not saved")
    assert "Temp outcome" not in shown_notes(page)
    assert page.editor.is_new and page.editor.note_id is None
    assert form.story_edit.toPlainText() == "typed but not saved"
    assert "no longer in the plan" in page.editor.message.text()
    kept = page.editor.kept_from
    document.undo_stack.redo()  # the note is back: the typing is for it again, not a copy
    assert page.editor.note_id == kept and not page.editor.is_new
    assert form.story_edit.toPlainText() == "typed but not saved"
    document.undo_stack.undo()
    assert page.editor.is_new
    select_note(page, "Upgraded to the team plan")  # moving on saves it, as a new note
    assert form.outcome_edit.text() == "Upgraded to the team plan"
    assert [e.story for e in journal(document.plan).entries if e.outcome == "Temp outcome"] == [
        "typed but not saved"
    ]


def test_revert_on_a_note_kept_as_new_drops_the_typing_and_the_note(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    undone_under_typing(qtbot, page, document, "typed")
    page.editor.revert()
    assert not page.editor.is_new and page.editor.note_id is None
    assert not page.editor.save_action.isEnabled()
    assert "Temp outcome" not in [e.outcome for e in journal(document.plan).entries]


def test_the_period_follows_the_document_until_all_time_is_chosen(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    others = [p for p in document.plan.periods.list() if p.id != document.period_id]
    document.set_period(others[0].id)
    assert page.filters.period_combo.currentText() == others[0].name
    choose(page.filters.period_combo, "All time")
    assert shown_notes(page) == SAMPLE_OUTCOMES


def test_the_notes_model_passes_the_model_tester(
    qtbot: Any, keep: list[Any], qtmodeltester: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    keep.append(page)
    qtmodeltester.check(page.notes.model)
    qtmodeltester.check(page.notes.model, force_py=True)
    page.notes.view.sortByColumn(NotesTableModel.CONFIDENCE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.notes.model, force_py=True)


def test_leaving_the_page_or_the_plan_saves_the_note(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    form = page.editor.form
    qtbot.keyClicks(form.evidence_edit, " Invoice dated the same week.")
    page.hide()
    assert stored(document.plan, "same week")[0].outcome == "Upgraded to the team plan"
    page.show()
    qtbot.keyClicks(form.story_edit, " Felix closed it.")
    page.set_document(None)
    assert len(stored(document.plan, "Felix closed")) == 1


def test_a_read_only_plan_is_shown_but_not_edited(qtbot: Any, sample_path: Any):
    plan = Plan.open(sample_path, read_only=True)
    document = PlanDocument(plan, today=lambda: UI_TODAY)
    try:
        page = make_page(qtbot, document)
        assert shown_notes(page) == SAMPLE_OUTCOMES
        select_note(page, "Referred three colleagues")
        assert page.editor.form.outcome_edit.text() == "Referred three colleagues"
        assert not page.editor.form.isEnabled()
        assert not page.new_action.isEnabled() and not page.delete_action.isEnabled()
    finally:
        document.close()


def test_sorting_keeps_the_note_selected(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    chosen = page.notes.selected_id()
    for column in (NotesTableModel.CUSTOMER, NotesTableModel.CONFIDENCE, NotesTableModel.DATE):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            page.notes.view.sortByColumn(column, order)
            assert page.notes.selected_id() == chosen
            row = page.notes.current_row()
            shown = page.notes.model.index(row, NotesTableModel.OUTCOME).data()
            assert shown == "Upgraded to the team plan"


def test_the_notes_follow_new_dates_of_the_period_on_show(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    period = document.period()
    assert period is not None
    notes = [n for n in document.plan.notes.list() if n.outcome in SAMPLE_OUTCOMES]
    earliest = min(notes, key=lambda n: n.on_date)
    later = date.fromordinal(earliest.on_date.toordinal() + 1)
    assert document.attempt(lambda: document.plan.periods.update(period.id, start_date=later))
    assert earliest.outcome not in shown_notes(page)
    document.undo_stack.undo()
    assert earliest.outcome in shown_notes(page)


def test_a_stage_filter_follows_an_objective_moved_to_another_stage(
    qtbot: Any, document: PlanDocument
):
    plan = document.plan
    teams = {t.name: t for t in plan.teams.list()}
    revenue = next(s for s in plan.stages.list() if s.name == "Revenue")
    page = make_page(qtbot, document)
    page.filters.stage_combo.set_value(revenue.id)
    page.filters.changed.emit()  # as choosing it in the combo does
    before = shown_notes(page)
    assert "Referred three colleagues" not in before  # credited to Word of Mouth's result
    objective = document.okr_tree(teams["Word of Mouth"].id).objectives[0].record
    billing = teams["Plans & Billing"].id
    assert document.attempt(lambda: plan.objectives.update(objective.id, team_id=billing))
    assert "Referred three colleagues" in shown_notes(page)
    document.undo_stack.undo()
    assert shown_notes(page) == before


def test_shares_with_three_decimals_survive_an_edit_of_the_story(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    form = start_note(qtbot, page, "Three-way split")
    choose(form.customer_combo, "Orbit Dev Collective")
    credit = form.credit
    add_contribution(qtbot, credit, "Plans & Billing", "Customer support", "33.333")
    add_contribution(qtbot, credit, "First Hour", "Product / UX", "33.333")
    add_contribution(qtbot, credit, "Reach", "Education content", "33.334")
    assert page.editor.save()
    select_note(page, "Three-way split")
    form.story_edit.setPlainText("Support and billing shared the work.")
    assert page.editor.save()  # refused before: the shares came back rounded to 99.99 %
    [note] = stored(document.plan, "Three-way split")
    assert [s[2] for s in shares(note)] == [33.333, 33.333, 33.334]
    assert note.story == "Support and billing shared the work."


def test_ctrl_d_copies_the_note_as_just_changed(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")
    form = page.editor.form
    form.outcome_edit.setText("Upgraded to the team plan, 40 seats")
    form.outcome_edit.textEdited.emit(form.outcome_edit.text())
    qtbot.keyClick(page.notes.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copies = stored(document.plan, "40 seats")
    assert len(copies) == 2  # the change saved, then copied with it
    assert page.editor.note_id in {c.id for c in copies}


def test_ctrl_s_in_a_share_cell_saves_what_it_holds(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")  # 40 + 40 + 20 unattributed
    credit = page.editor.form.credit
    credit.unattributed_edit.setText("0")
    credit.unattributed_edit.textEdited.emit("0")
    cell = cell_editor(credit, 0, ContributionsModel.SHARE)
    cell.selectAll()
    qtbot.keyClicks(cell, "60")  # still in the cell when saving
    qtbot.keyClick(cell, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [note] = stored(document.plan, "Upgraded to the team plan")
    assert [s[2] for s in shares(note)] == [60, 40]
    assert note.unattributed_share == 0


def test_an_undo_under_typing_shows_the_undone_credit_and_keeps_the_typing(
    qtbot: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    select_note(page, "Upgraded to the team plan")  # 40 + 40, 20 unattributed
    form = page.editor.form
    credit = form.credit
    set_cell(qtbot, credit, 0, ContributionsModel.SHARE, "50")
    credit.unattributed_edit.setText("10")
    credit.unattributed_edit.textEdited.emit("10")
    add_contribution(qtbot, credit, "Reach", "Marketing", "0")
    assert page.editor.save()
    form.story_edit.setPlainText("Sales walked them through seat pricing.")
    document.undo_stack.undo()
    assert [row[2] for row in contribution_texts(credit)] == ["40 %", "40 %"]
    assert credit.unattributed_text() == "20"
    assert form.story_edit.toPlainText() == "Sales walked them through seat pricing."
    select_note(page, "Referred three colleagues")  # moving on saves the typing, not the undo
    [note] = stored(document.plan, "Upgraded to the team plan")
    assert [s[2] for s in shares(note)] == [40, 40]
    assert (note.unattributed_share, note.story) == (20, "Sales walked them through seat pricing.")
    assert document.undo_stack.canRedo() is False  # the typing is the newest step now
