"""The credit summary and its chart, and a key result's linked notes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtGui import QColor

from planner.domain.values import TouchKind
from planner.services.journal import JournalFilter
from planner.ui.document import PlanDocument
from planner.ui.journal import CreditSummaryPanel, LinkedNotesList
from planner.ui.journal.models import CreditTableModel, LinkedNotesModel
from planner.ui.journal.page import NOTES_TAB, SUMMARY_TAB
from planner.ui.journal.summary import tallies
from tests.ui.test_journal_support import choose, index_of, make_page, team_id

DEMO = "Reduce time from sign-up to live demo from 24 h to 1 h"


@pytest.fixture
def keep() -> Iterator[list[Any]]:
    """Widgets kept alive until the model tester, requested after this, has finished with
    their models (it disconnects from them when torn down)."""
    kept: list[Any] = []
    yield kept
    kept.clear()


def row_texts(model: CreditTableModel) -> list[tuple[str, str, str]]:
    return [
        tuple(model.index(row, column).data() for column in range(3))  # type: ignore[misc]
        for row in range(model.rowCount())
    ]


def test_the_summary_shows_credit_by_team_stage_and_touch(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    summary = page.summary
    assert row_texts(summary.team_model) == [
        ("First Hour", "80 points", "1 note"),
        ("Plans & Billing", "60 points", "2 notes"),
        ("Word of Mouth", "60 points", "1 note"),
        ("Integrations", "40 points", "1 note"),
        ("Reach", "25 points", "1 note"),
        ("Daily Habit", "15 points", "1 note"),
    ]
    assert row_texts(summary.stage_model)[0] == ("Activation", "120 points", "2 notes")
    assert row_texts(summary.touch_model)[0] == ("Product / UX", "130 points", "3 notes")
    assert ("Customer support", "50 points", "1 note") in row_texts(summary.touch_model)
    assert summary.notes_figure.value.text() == "3"
    assert summary.unattributed_figure.value.text() == "20 points"
    assert summary.deleted_figure.value.text() == "0 points"


def test_the_summary_follows_the_filters(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    choose(page.filters.team_combo, "Plans & Billing")
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert [row[0] for row in row_texts(page.summary.team_model)] == [
        "First Hour",  # 80 points in the one note it shares with Plans & Billing
        "Plans & Billing",
        "Integrations",
    ]
    assert page.summary.notes_figure.value.text() == "2"
    page.tabs.setCurrentIndex(NOTES_TAB)
    choose(page.filters.customer_combo, "Lena Brandt Consulting")  # and Plans & Billing: none
    assert page.summary.empty.isVisible() is False  # on the hidden tab
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert page.summary.empty.isVisible()
    assert not page.summary.details.isVisible()


def test_credit_to_a_deleted_team_is_counted_apart(qtbot: Any, document: PlanDocument):
    plan = document.plan
    document.attempt(lambda: plan.teams.delete(team_id(plan, "Reach")))
    page = make_page(qtbot, document)
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    assert page.summary.deleted_figure.value.text() == "25 points"
    assert "Reach" not in [row[0] for row in row_texts(page.summary.team_model)]


def test_the_chart_shows_credit_by_kind_of_touch_at_full_height(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    chart = page.summary.chart
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    qtbot.waitUntil(chart.isVisible)
    texts = chart.texts()
    legend = ["Product / UX", "Customer support", "Sales", "Education content", "Marketing"]
    assert [t for t in texts if t in legend] == legend
    assert "First Hour" in texts and "Credit (percentage points)" in texts
    # Every team's bar is tall enough for the numbers on its segments (none squeezed out).
    bars = [r for r in chart.regions if r.tooltip.startswith("First Hour · ")]
    assert bars and all(r.rect.height() >= chart.fontMetrics().height() for r in bars)
    image = chart.grab().toImage()
    assert image.width() > 400 and image.height() > 200
    colours = {
        QColor(image.pixel(x, y)).name()
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    }
    assert len(colours) > 10  # bars, patterns and labels, not a blank box


def test_the_chart_shows_the_teams_with_most_credit_and_says_so(qtbot: Any, tmp_path: Any):
    from datetime import date

    from planner.services.generator import create_large_plan
    from planner.ui.journal.chart import CHART_TEAMS

    plan = create_large_plan(tmp_path / "large.okrplan", 30, today=date(2026, 11, 16))
    document = PlanDocument(plan, today=lambda: date(2026, 11, 16))
    try:
        page = make_page(qtbot, document)
        page.tabs.setCurrentIndex(SUMMARY_TAB)
        summary = page.summary
        qtbot.waitUntil(summary.chart.isVisible)
        teams = {f"Team {n:04d}" for n in range(1, 31)}
        credited = summary.team_model.rowCount()
        assert credited > CHART_TEAMS
        assert len(teams & set(summary.chart.texts())) == CHART_TEAMS
        assert summary.chart_note.isVisible()
        assert summary.chart_note.text() == (
            f"The {CHART_TEAMS} of {credited} teams with most credit; all are in the table below."
        )
    finally:
        document.close()


def test_tallies_count_notes_per_team(document: PlanDocument):
    from planner.services.journal import journal
    from planner.ui.journal.choices import read_choices

    shown = journal(document.plan, JournalFilter())
    rows = tallies(shown, read_choices(document))
    first_hour = next(row for row in rows.teams if row[1] == "First Hour")
    assert first_hour[2:] == (80, 1)
    assert dict(rows.chart)["First Hour"] == {
        TouchKind.CUSTOMER_SUPPORT: 50,
        TouchKind.PRODUCT_UX: 30,
    }


def test_a_standalone_panel_reads_the_plan_through_its_filter(qtbot: Any, document: PlanDocument):
    panel = CreditSummaryPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.set_filter(JournalFilter(team_id=team_id(document.plan, "Reach")))
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.notes_figure.value.text() == "1"


def test_importing_the_journal_does_not_import_matplotlib():
    code = "import sys, planner.ui.journal; print('matplotlib' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False"


def test_linked_notes_list_the_notes_of_a_key_result(qtbot: Any, document: PlanDocument):
    linked = LinkedNotesList()
    qtbot.addWidget(linked)
    linked.set_document(document)
    assert linked.model.rowCount() == 0
    demo = next(kr for kr in document.plan.key_results.list() if kr.title == DEMO)
    linked.set_key_result(demo.id)
    model = linked.model
    assert [model.index(0, c).data() for c in range(1, 4)] == [
        "Studio Nord",
        "Onboarded all 14 designers within a day",
        "80 %",  # First Hour owns the key result: support 50 + UX 30
    ]
    with qtbot.waitSignal(linked.note_activated) as activated:
        linked.view.activated.emit(index_of(model, "Studio Nord", LinkedNotesModel.CUSTOMER))
    assert activated.args[0] == model.index(0, 0).data(LinkedNotesModel.IdRole)
    document.attempt(lambda: document.plan.notes.delete(activated.args[0]))
    assert model.rowCount() == 0 and linked.empty.isVisibleTo(linked)
    document.undo_stack.undo()
    assert model.rowCount() == 1


def test_a_linked_note_opens_in_the_journal(qtbot: Any, document: PlanDocument):
    page = make_page(qtbot, document)
    choose(page.filters.outcome_combo, "Upgrade")
    studio = next(n for n in document.plan.notes.list() if n.outcome.startswith("Onboarded"))
    page.show_note(studio.id)
    assert page.editor.note_id == studio.id == page.notes.selected_id()
    assert page.filters.outcome_combo.currentText() == "All outcomes"


def test_the_summary_models_pass_the_model_tester(
    qtbot: Any, keep: list[Any], qtmodeltester: Any, document: PlanDocument
):
    page = make_page(qtbot, document)
    keep.append(page)
    page.tabs.setCurrentIndex(SUMMARY_TAB)
    for model in (page.summary.team_model, page.summary.stage_model, page.summary.touch_model):
        qtmodeltester.check(model)
        qtmodeltester.check(model, force_py=True)
    linked = LinkedNotesList()
    qtbot.addWidget(linked)
    linked.set_document(document)
    demo = next(kr for kr in document.plan.key_results.list() if kr.title == DEMO)
    linked.set_key_result(demo.id)
    keep.append(linked)
    qtmodeltester.check(linked.model)
    qtmodeltester.check(linked.model, force_py=True)
