"""The funnel board: columns, cards, moving teams by drag and by keyboard, and big plans."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from planner.domain.progress import format_progress
from planner.services.generator import create_large_plan
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from planner.ui.board import BoardPage
from planner.ui.board import board_page as board_module
from planner.ui.board.card_delegate import layout_chips
from planner.ui.board.card_model import CardListModel, encode_team
from planner.ui.board.column import StageColumnWidget
from planner.ui.board.moves import move_target
from planner.ui.document import PlanDocument

SAMPLE_COLUMNS = {
    "Acquisition": ["Reach"],
    "Activation": ["First Hour", "Integrations"],
    "Retention": ["Daily Habit"],
    "Referral": ["Word of Mouth"],
    "Revenue": ["Plans & Billing"],
}


@pytest.fixture
def page(qtbot: Any, document: PlanDocument) -> Iterator[BoardPage]:
    board = BoardPage()
    qtbot.addWidget(board)
    board.resize(1280, 800)
    board.show()
    qtbot.waitExposed(board)
    board.set_document(document)
    yield board
    board.set_document(None)


def shown(page: BoardPage) -> dict[str, list[str]]:
    """What the board shows: each column's stage name with its cards' team names, in order."""
    return {
        column.name.full_text(): [card.name for card in column.model.rows()]
        for column in page.columns()
    }


def column_named(page: BoardPage, name: str) -> StageColumnWidget:
    return next(column for column in page.columns() if column.name.full_text() == name)


def team_id(document: PlanDocument, name: str) -> uuid.UUID:
    return next(team.id for team in document.plan.teams.list() if team.name == name)


def card_index(page: BoardPage, name: str) -> tuple[StageColumnWidget, QModelIndex]:
    for column in page.columns():
        for row, card in enumerate(column.model.rows()):
            if card.name == name:
                return column, column.model.index(row)
    raise AssertionError(f"no card {name!r} on the board")


def test_shows_the_five_stages_in_funnel_order_with_the_six_cards(page: BoardPage):
    assert shown(page) == SAMPLE_COLUMNS
    assert list(shown(page)) == list(SAMPLE_COLUMNS)
    assert sum(column.model.rowCount() for column in page.columns()) == 6
    assert not page.empty.isVisible()


def test_the_daily_habit_card_marks_data_missing_and_shows_its_head_count(page: BoardPage):
    _, index = card_index(page, "Daily Habit")
    text = index.data(Qt.ItemDataRole.DisplayRole)
    assert "Missing: Data" in text.splitlines()
    assert "4 people" in text
    assert "Stream-aligned" in text
    assert "Data" not in index.data(CardListModel.CardRole).disciplines
    # The painted chip says "missing" in its tooltip, not only in red.
    card = index.data(CardListModel.CardRole)
    chips, _hidden = layout_chips(card, page.font(), page.columns()[2].view.visualRect(index))
    data_chip = next(chip for chip in chips if chip.text == "Data")
    assert data_chip.missing and "missing" in data_chip.tooltip
    _, reach = card_index(page, "Reach")
    assert "Missing" not in reach.data(Qt.ItemDataRole.DisplayRole)


def test_column_headers_show_team_count_and_stage_progress(page: BoardPage, document: PlanDocument):
    progress = document.progress()
    activation = column_named(page, "Activation")
    expected = format_progress(progress.stage(activation.stage_id))
    assert activation.header_text() == f"Activation · 2 teams · {expected}"
    assert column_named(page, "Retention").count.text() == "1 team"
    _, reach = card_index(page, "Reach")
    assert reach.data(CardListModel.ProgressRole) == progress.team(team_id(document, "Reach"))


def test_follows_the_period(qtbot: Any, page: BoardPage, document: PlanDocument):
    document.set_period(None)  # no period on show: no progress anywhere
    assert all(card.progress is None for column in page.columns() for card in column.model.rows())
    assert column_named(page, "Activation").progress.text() == "—"
    document.set_period(document.default_period_id())
    assert column_named(page, "Activation").progress.text().endswith(" %")


def test_a_team_without_okrs_shows_a_dash(page: BoardPage, document: PlanDocument):
    plan = document.plan
    stage = column_named(page, "Referral").stage_id
    document.attempt(lambda: plan.teams.create(stage, "Newcomers"))
    _, index = card_index(page, "Newcomers")
    assert "Progress —" in index.data(Qt.ItemDataRole.DisplayRole)
    assert column_named(page, "Referral").count.text() == "2 teams"


def test_dropping_a_card_on_another_stage_moves_the_team_and_undo_moves_it_back(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    plan = document.plan
    source, index = card_index(page, "Daily Habit")
    target = column_named(page, "Referral")
    data = source.model.mimeData([index])  # what dragging the card carries
    assert target.model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert target.model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    daily = team_id(document, "Daily Habit")
    qtbot.waitUntil(lambda: plan.teams.get(daily).stage_id == target.stage_id)
    assert shown(page)["Referral"] == ["Daily Habit", "Word of Mouth"]
    assert shown(page)["Retention"] == []
    assert page.current_team() == daily
    assert document.undo_stack.count() == 1

    document.undo_stack.undo()
    assert plan.teams.get(daily).stage_id == source.stage_id
    assert shown(page) == SAMPLE_COLUMNS


def test_a_drop_on_the_upper_half_of_a_card_lands_above_it(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    # The whole path of a drop on the view: enter, move, drop at a point on the screen.
    target = column_named(page, "Referral")
    data = encode_team(team_id(document, "Reach"))
    first = target.view.visualRect(target.model.index(0))
    point = QPoint(first.center().x(), first.top() + first.height() // 3)
    viewport = target.view.viewport()
    move = Qt.DropAction.MoveAction
    left = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, move, data, left, none)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, move, data, left, none))
    drop = QDropEvent(QPointF(point), move, data, left, none)
    QApplication.sendEvent(viewport, drop)
    qtbot.waitUntil(lambda: shown(page)["Referral"] == ["Reach", "Word of Mouth"])
    assert shown(page)["Acquisition"] == []


def test_dropping_a_card_lower_in_its_own_column_reorders_it(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    activation = column_named(page, "Activation")
    data = encode_team(team_id(document, "First Hour"))
    # Below the last card: the drop position after "Integrations".
    assert activation.model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    qtbot.waitUntil(lambda: shown(page)["Activation"] == ["Integrations", "First Hour"])
    teams = [t.name for t in document.plan.teams.list() if t.stage_id == activation.stage_id]
    assert sorted(teams) == ["First Hour", "Integrations"]


def test_dropping_a_card_where_it_already_is_changes_nothing(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    activation = column_named(page, "Activation")
    data = encode_team(team_id(document, "First Hour"))
    for row in (0, 1):  # above itself, and just below itself
        assert activation.model.dropMimeData(data, Qt.DropAction.MoveAction, row, 0, QModelIndex())
    QApplication.processEvents()
    assert document.undo_stack.count() == 0


def test_other_data_is_not_accepted(page: BoardPage):
    from PySide6.QtCore import QMimeData

    data = QMimeData()
    data.setText("Daily Habit")
    model = page.columns()[0].model
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())


def test_ctrl_right_moves_the_selected_card_to_the_next_stage(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    plan = document.plan
    daily = team_id(document, "Daily Habit")
    page.select_team(daily, focus=True)
    page.activateWindow()
    qtbot.waitUntil(lambda: column_named(page, "Retention").view.hasFocus())
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier
    )
    referral = column_named(page, "Referral")
    assert plan.teams.get(daily).stage_id == referral.stage_id
    assert shown(page)["Referral"] == ["Daily Habit", "Word of Mouth"]
    # The card stays selected, in its new column, with the keyboard's focus.
    assert page.current_team() == daily
    assert referral.view.hasFocus()
    assert referral.view.currentIndex().data(CardListModel.IdRole) == daily

    document.undo_stack.undo()
    assert shown(page) == SAMPLE_COLUMNS


def test_ctrl_up_and_down_reorder_within_the_stage(page: BoardPage, document: PlanDocument):
    page.select_team(team_id(document, "Integrations"))
    assert page.move_up_action.isEnabled() and not page.move_down_action.isEnabled()
    page.move_up_action.trigger()
    assert shown(page)["Activation"] == ["Integrations", "First Hour"]
    assert page.move_down_action.isEnabled() and not page.move_up_action.isEnabled()
    page.move_down_action.trigger()
    assert shown(page)["Activation"] == ["First Hour", "Integrations"]
    assert document.undo_stack.count() == 2


def test_moves_stop_at_the_ends_of_the_funnel(page: BoardPage, document: PlanDocument):
    page.select_team(team_id(document, "Reach"))
    assert not page.move_left_action.isEnabled()
    page.move_selected(stage_step=-1)
    assert document.undo_stack.count() == 0
    page.select_team(team_id(document, "Plans & Billing"))
    assert not page.move_right_action.isEnabled()
    page.select_team(None)
    assert not any(action.isEnabled() for action in page.edit_actions())


def test_arrows_move_the_selection_between_columns_and_enter_opens_the_team(
    qtbot: Any, page: BoardPage, document: PlanDocument
):
    page.select_team(team_id(document, "Integrations"), focus=True)
    view = column_named(page, "Activation").view
    qtbot.keyClick(view, Qt.Key.Key_Right)  # Retention has one card: the nearest row
    assert page.current_team() == team_id(document, "Daily Habit")
    qtbot.keyClick(column_named(page, "Retention").view, Qt.Key.Key_Left)
    assert page.current_team() == team_id(document, "First Hour")  # row 0 from row 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert page.current_team() == team_id(document, "Integrations")
    opened: list[uuid.UUID] = []
    page.team_activated.connect(opened.append)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [team_id(document, "Integrations")]  # once, not once per handler


def test_double_click_opens_the_team(qtbot: Any, page: BoardPage, document: PlanDocument):
    column, index = card_index(page, "Word of Mouth")
    centre = column.view.visualRect(index).center()
    with qtbot.waitSignal(page.team_activated) as opened:
        # A real double-click is a click, then a second press that arrives as a double-click
        # (QTest's mouseDClick alone sends only the latter).
        qtbot.mouseClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(column.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args == [team_id(document, "Word of Mouth")]


@pytest.mark.parametrize(
    ("place", "steps", "expected"),
    [
        ((1, 1), (+1, 0), (2, 1)),  # sideways at the same height …
        ((1, 3), (+1, 0), (2, 2)),  # … or as near as the next stage allows (its end)
        ((0, 0), (-1, 0), None),  # the funnel's first stage has no stage before
        ((2, 0), (+1, 0), None),  # nor its last one a stage after
        ((1, 0), (0, -1), None),  # up and down stay within the stage
        ((1, 3), (0, +1), None),
        ((1, 2), (0, -1), (1, 1)),
    ],
)
def test_where_a_card_moved_by_keyboard_lands(place, steps, expected):
    sizes = [1, 4, 2]
    assert move_target(sizes, *place, *steps) == expected


def test_selection_survives_a_refresh(page: BoardPage, document: PlanDocument):
    daily = team_id(document, "Daily Habit")
    page.select_team(daily)
    reach = team_id(document, "Reach")
    document.attempt(lambda: document.plan.teams.update(reach, name="Growth"))
    assert shown(page)["Acquisition"] == ["Growth"]
    assert page.current_team() == daily
    assert column_named(page, "Retention").view.currentIndex().data(CardListModel.IdRole) == daily


def test_refreshes_only_for_changes_it_shows(
    monkeypatch: pytest.MonkeyPatch, page: BoardPage, document: PlanDocument
):
    calls = []
    real = board_module.board
    monkeypatch.setattr(
        board_module, "board", lambda *args, **kw: calls.append(args) or real(*args, **kw)
    )
    info = document.plan.info.current()
    document.attempt(lambda: document.plan.info.update(info.id, name="Renamed"))
    assert calls == []
    stage = column_named(page, "Revenue").stage_id
    document.attempt(lambda: document.plan.stages.update(stage, name="Monetisation"))
    assert len(calls) == 1
    assert list(shown(page))[-1] == "Monetisation"


def test_card_models_pass_the_model_tester(
    qtmodeltester: Any, page: BoardPage, document: PlanDocument
):
    for column in page.columns():
        qtmodeltester.check(column.model)
        qtmodeltester.check(column.model, force_py=True)
    # And while cards change in place and move between columns.
    page.select_team(team_id(document, "Daily Habit"))
    page.move_right_action.trigger()
    document.undo_stack.undo()


def test_an_empty_funnel_says_what_to_do(qtbot: Any, tmp_path: Path):
    plan = create_plan(tmp_path / "empty.okrplan", "Empty", date(2026, 1, 5))
    document = PlanDocument(plan)
    board = BoardPage()
    qtbot.addWidget(board)
    board.resize(1280, 800)
    board.show()
    try:
        board.set_document(document)
        assert board.columns()  # a new plan comes with the funnel's stages, but no team
        for column in board.columns():
            assert column.model.rowCount() == 0
            assert "No teams in this stage yet" in column.view.placeholder
        assert not board.grab().isNull()
        for stage in plan.stages.list():
            document.attempt(lambda stage=stage: plan.stages.delete(stage.id))
        assert board.columns() == []
        assert "no stages yet" in board.empty.text()
        board.set_document(None)
        assert "Open a plan" in board.empty.text()
    finally:
        document.close()


@pytest.mark.slow
def test_a_board_of_200_teams_builds_and_paints(qtbot: Any, tmp_path: Path):
    create_large_plan(tmp_path / "big.okrplan", 200).close()
    plan = Plan.open(tmp_path / "big.okrplan")
    document = PlanDocument(plan)
    board = BoardPage()
    qtbot.addWidget(board)
    board.resize(1280, 800)
    board.show()
    try:
        board.set_document(document)
        assert sum(column.model.rowCount() for column in board.columns()) == 200
        assert not board.grab().isNull()
        # One list view per stage: cards are painted, not made of widgets.
        assert len(board.findChildren(StageColumnWidget)) == len(board.columns())
    finally:
        board.set_document(None)
        document.close()


def test_a_renamed_period_shows_in_the_column_headers(page: BoardPage, document: PlanDocument):
    period_id = document.period_id
    assert period_id is not None
    assert document.attempt(lambda: document.plan.periods.update(period_id, name="Autumn push"))
    assert "Autumn push" in page.columns()[0].toolTip()
