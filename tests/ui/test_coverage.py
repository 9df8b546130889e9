"""The skills coverage matrix: gaps, stage totals, the head-count / FTE switch and sorting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from planner.services.newplan import create_plan
from planner.ui.coverage_page import STAGE, TEAM, CoverageModel, CoveragePage
from planner.ui.document import PlanDocument


@pytest.fixture
def page(qtbot: Any, document: PlanDocument) -> Iterator[CoveragePage]:
    coverage = CoveragePage()
    qtbot.addWidget(coverage)
    coverage.resize(1280, 800)
    coverage.show()
    qtbot.waitExposed(coverage)
    coverage.set_document(document)
    yield coverage
    coverage.set_document(None)


def column_of(page: CoveragePage, discipline: str) -> int:
    model = page.proxy
    for column in range(1, model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal).rstrip(" *") == discipline:
            return column
    raise AssertionError(f"no column {discipline!r}")


def row_names(page: CoveragePage) -> list[str]:
    """The first column, top to bottom, as the table shows it (sorted or not)."""
    return [page.proxy.index(row, 0).data() for row in range(page.proxy.rowCount())]


def cell(page: CoveragePage, name: str, discipline: str) -> QModelIndex:
    row = row_names(page).index(name)
    return page.proxy.index(row, column_of(page, discipline))


def test_rows_are_teams_grouped_by_stage_each_followed_by_its_total(page: CoveragePage):
    assert row_names(page) == [
        "Reach",
        "Acquisition total (1 team)",
        "First Hour",
        "Integrations",
        "Activation total (2 teams)",
        "Daily Habit",
        "Retention total (1 team)",
        "Word of Mouth",
        "Referral total (1 team)",
        "Plans & Billing",
        "Revenue total (1 team)",
    ]
    total = page.proxy.index(4, 0)
    assert total.data(CoverageModel.KindRole) == STAGE
    assert total.data(Qt.ItemDataRole.FontRole).bold()


def test_required_disciplines_are_marked_in_the_header(page: CoveragePage):
    header = [
        page.proxy.headerData(column, Qt.Orientation.Horizontal)
        for column in range(page.proxy.columnCount())
    ]
    assert header[0] == "Team"
    assert "Data *" in header and "Marketing" in header
    tip = page.proxy.headerData(column_of(page, "Data"), Qt.Orientation.Horizontal, 3)
    assert "required" in tip


def test_daily_habit_has_no_data_and_the_cell_says_missing(page: CoveragePage):
    gap = cell(page, "Daily Habit", "Data")
    assert gap.data() == "missing"  # words, not colour alone
    assert gap.data(CoverageModel.GapRole) is True
    assert gap.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "Data" in gap.data(Qt.ItemDataRole.ToolTipRole)
    # An optional discipline nobody has is no gap: a quiet blank.
    quiet = cell(page, "Daily Habit", "Marketing")
    assert quiet.data() == "" and quiet.data(CoverageModel.GapRole) is False
    assert cell(page, "Reach", "Data").data(CoverageModel.GapRole) is False


def test_a_cell_shows_head_count_with_fte(page: CoveragePage):
    assert cell(page, "First Hour", "Engineering").data() == "2 · 2 FTE"
    assert cell(page, "First Hour", "Data").data() == "1 · 0.6 FTE"


def test_the_activation_total_sums_its_teams(page: CoveragePage):
    total = "Activation total (2 teams)"
    for discipline in ("Product", "Engineering", "UX/UI design", "Data", "Customer support"):
        teams = [
            cell(page, name, discipline).data(CoverageModel.CellRole)
            for name in ("First Hour", "Integrations")
        ]
        summed = cell(page, total, discipline).data(CoverageModel.CellRole)
        assert summed.headcount == sum(one.headcount for one in teams)
        assert summed.fte == pytest.approx(sum(one.fte for one in teams))
    assert cell(page, total, "Engineering").data() == "4 · 4 FTE"
    assert cell(page, total, "Sales").data() == "0"


def test_the_fte_switch_changes_what_cells_say(qtbot: Any, page: CoveragePage):
    qtbot.mouseClick(page.fte_button, Qt.MouseButton.LeftButton)
    assert page.model.mode() == "fte"
    assert cell(page, "First Hour", "Data").data() == "0.6 FTE"
    assert cell(page, "Daily Habit", "Data").data() == "missing"
    page.set_mode("headcount")
    assert cell(page, "First Hour", "Data").data() == "1 · 0.6 FTE"


def test_sorting_ranks_teams_within_each_stage_and_keeps_totals_last(page: CoveragePage):
    support = column_of(page, "Customer support")
    page.table.sortByColumn(support, Qt.SortOrder.DescendingOrder)
    names = row_names(page)
    assert names[2:5] == ["First Hour", "Integrations", "Activation total (2 teams)"]
    page.table.sortByColumn(support, Qt.SortOrder.AscendingOrder)
    names = row_names(page)
    assert names[2:5] == ["Integrations", "First Hour", "Activation total (2 teams)"]
    # The stages keep their funnel order and each total follows its teams either way.
    totals = [name for name in names if "total" in name]
    assert totals[0].startswith("Acquisition") and totals[-1].startswith("Revenue")
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert row_names(page)[:5] == [
        "Reach",
        "Acquisition total (1 team)",
        "Integrations",
        "First Hour",
        "Activation total (2 teams)",
    ]


def test_fte_mode_sorts_by_fte(page: CoveragePage):
    page.set_mode("fte")
    page.table.sortByColumn(column_of(page, "Product"), Qt.SortOrder.AscendingOrder)
    # Integrations' product manager works half time for it, First Hour's full time.
    assert row_names(page)[2:4] == ["Integrations", "First Hour"]


def test_double_click_on_a_team_opens_it_but_not_on_a_total(
    qtbot: Any, page: CoveragePage, document: PlanDocument
):
    daily = next(t.id for t in document.plan.teams.list() if t.name == "Daily Habit")
    index = cell(page, "Daily Habit", "Product")
    centre = page.table.visualRect(index).center()
    viewport = page.table.viewport()
    with qtbot.waitSignal(page.team_activated) as opened:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [daily]
    total = page.table.visualRect(cell(page, "Retention total (1 team)", "Product")).center()
    with qtbot.assertNotEmitted(page.team_activated):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=total)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=total)


def test_enter_on_a_team_row_opens_it(qtbot: Any, page: CoveragePage):
    page.table.setFocus()
    page.table.setCurrentIndex(cell(page, "Reach", "Data"))
    opened: list[object] = []
    page.team_activated.connect(opened.append)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened) == 1
    page.table.setCurrentIndex(cell(page, "Acquisition total (1 team)", "Data"))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened) == 1  # a total row is not a team


def test_follows_membership_changes(page: CoveragePage, document: PlanDocument):
    plan = document.plan
    daily = next(t.id for t in plan.teams.list() if t.name == "Daily Habit")
    data = next(d.id for d in plan.disciplines.list() if d.name == "Data")
    person = next(p.id for p in plan.people.list() if p.name == "Priya Nair")
    page.table.setCurrentIndex(cell(page, "Daily Habit", "Product"))
    document.attempt(lambda: plan.memberships.create(daily, person, data, 20))
    assert cell(page, "Daily Habit", "Data").data() == "1 · 0.2 FTE"
    assert page.selected_id() == daily  # the selection survives the refresh
    document.undo_stack.undo()
    assert cell(page, "Daily Habit", "Data").data() == "missing"


def test_models_pass_the_model_tester(qtmodeltester: Any, page: CoveragePage):
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(page.proxy)
    page.set_mode("fte")
    page.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)


def test_a_plan_without_teams_says_so(qtbot: Any, tmp_path: Path):
    plan = create_plan(tmp_path / "empty.okrplan", "Empty", date(2026, 1, 5))
    document = PlanDocument(plan)
    coverage = CoveragePage()
    qtbot.addWidget(coverage)
    coverage.show()
    try:
        coverage.set_document(document)
        assert coverage.stack.currentWidget() is coverage.empty
        assert coverage.empty.text()
        assert all(
            coverage.model.index(row, 0).data(CoverageModel.KindRole) != TEAM
            for row in range(coverage.model.rowCount())
        )
    finally:
        coverage.set_document(None)
        document.close()


def test_an_unrelated_edit_keeps_the_cell_looked_at(page: CoveragePage, document: PlanDocument):
    table = page.table
    table.setCurrentIndex(table.model().index(1, 3))
    before = (table.currentIndex().row(), table.currentIndex().column())
    other = document.plan.teams.list()[-1]
    assert document.attempt(lambda: document.plan.teams.update(other.id, mission="Elsewhere"))
    assert (table.currentIndex().row(), table.currentIndex().column()) == before
