"""Workshop mode: stepping through the funnel, quick capture, the round timer, the line parser."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from planner.domain.values import KeyResultKind
from planner.services.plan import Plan
from planner.ui.document import PlanDocument
from planner.ui.workshop import window as workshop_window
from planner.ui.workshop.keyline import LineError, parse_key_result_line
from planner.ui.workshop.timer import Countdown
from planner.ui.workshop.window import WorkshopWindow, open_workshop


@pytest.fixture
def workshop(
    qtbot: Any, document: PlanDocument, monkeypatch: pytest.MonkeyPatch
) -> Iterator[WorkshopWindow]:
    monkeypatch.setattr(workshop_window, "present", lambda window: window.show())
    window = open_workshop(document)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    qtbot.waitExposed(window)
    yield window
    window.close()


def funnel_order(plan: Plan) -> list[str]:
    teams = plan.teams.list()
    return [t.name for s in plan.stages.list() for t in teams if t.stage_id == s.id]


def test_right_steps_through_teams_in_funnel_order(qtbot: Any, workshop: WorkshopWindow) -> None:
    order = funnel_order(workshop.document.plan)
    assert workshop.team_label.text() == order[0]
    qtbot.keyClick(workshop, Qt.Key.Key_Right)
    qtbot.keyClick(workshop, Qt.Key.Key_Right)
    assert workshop.team_label.text() == order[2]
    qtbot.keyClick(workshop, Qt.Key.Key_PageUp)
    assert workshop.team_label.text() == order[1]
    qtbot.keyClick(workshop, Qt.Key.Key_Left)
    qtbot.keyClick(workshop, Qt.Key.Key_Left)  # stays on the first team
    assert workshop.team_label.text() == order[0]


def test_ctrl_right_jumps_to_the_next_stage(qtbot: Any, workshop: WorkshopWindow) -> None:
    plan = workshop.document.plan
    stages = plan.stages.list()
    qtbot.keyClick(workshop, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert workshop.stop is not None
    assert workshop.stop.stage.id == stages[1].id
    first_of_second = next(t for t in plan.teams.list() if t.stage_id == stages[1].id)
    assert workshop.team_label.text() == first_of_second.name
    qtbot.keyClick(workshop, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert workshop.stop.stage.id == stages[2].id
    qtbot.keyClick(workshop, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert workshop.team_label.text() == first_of_second.name


def test_capturing_an_objective_and_a_key_result_by_keyboard(
    qtbot: Any, workshop: WorkshopWindow, sample_path: Any
) -> None:
    document = workshop.document
    qtbot.keyClick(workshop, Qt.Key.Key_Right)
    team_id = workshop.team_id
    qtbot.keyClick(workshop, Qt.Key.Key_O)
    assert workshop.capture.isVisible()
    qtbot.keyClicks(workshop.capture, "Win the room")
    qtbot.keyClick(workshop.capture, Qt.Key.Key_Return)
    assert not workshop.capture.isVisible()
    reopened = Plan.open(sample_path, read_only=True)  # it is in the plan file
    try:
        made = [o for o in reopened.objectives.list() if o.title == "Win the room"]
    finally:
        reopened.close()
    assert len(made) == 1
    assert made[0].team_id == team_id
    assert made[0].period_id == document.period_id

    qtbot.keyClick(workshop, Qt.Key.Key_K)
    assert "Win the room" in workshop.capture.placeholderText()
    qtbot.keyClicks(workshop.capture, "Grow sign-ups from 400 to 900")
    qtbot.keyClick(workshop.capture, Qt.Key.Key_Return)
    results = document.plan.key_results.list(objective_id=made[0].id)
    assert [(r.title, r.start_value, r.target_value) for r in results] == [
        ("Grow sign-ups", 400, 900)
    ]
    assert results[0].kind is KeyResultKind.INCREASE
    assert "Grow sign-ups" in workshop.cards[-1].label.text()

    added = document.undo_stack.undoText()
    qtbot.keyClick(workshop, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.plan.key_results.list(objective_id=made[0].id) == []
    assert workshop.message.text() == f"Undone: {added}"  # no longer "Added key result …"
    qtbot.keyClick(
        workshop,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(document.plan.key_results.list(objective_id=made[0].id)) == 1
    assert workshop.message.text() == f"Redone: {added}"


def test_a_key_result_without_numbers_is_refused_and_escape_cancels(
    qtbot: Any, workshop: WorkshopWindow
) -> None:
    count = workshop.document.plan.key_results.count()
    qtbot.keyClick(workshop, Qt.Key.Key_K)
    qtbot.keyClicks(workshop.capture, "Delight everyone")
    qtbot.keyClick(workshop.capture, Qt.Key.Key_Return)
    assert workshop.capture.isVisible()
    assert "No numbers found" in workshop.message.text()
    qtbot.keyClick(workshop.capture, Qt.Key.Key_Escape)
    assert not workshop.capture.isVisible()
    assert workshop.isVisible()  # Escape in the line cancels; it does not leave
    assert workshop.document.plan.key_results.count() == count


def test_escape_leaves_and_says_so(qtbot: Any, workshop: WorkshopWindow) -> None:
    with qtbot.waitSignal(workshop.closed, timeout=1000):
        qtbot.keyClick(workshop, Qt.Key.Key_Escape)
    assert not workshop.isVisible()


def test_the_timer_counts_down_and_says_when_time_is_up(
    qtbot: Any, workshop: WorkshopWindow
) -> None:
    label = workshop.timer_label
    qtbot.keyClick(workshop, Qt.Key.Key_T)
    assert workshop.countdown.running
    assert label.text() == "10:00"
    qtbot.keyClick(workshop, Qt.Key.Key_Minus)
    assert label.text() == "09:00"
    qtbot.keyClick(workshop, Qt.Key.Key_Plus)
    for _ in range(9 * 60 + 1):
        workshop.countdown.tick()
    assert label.text() == "00:59"
    assert "#8a4b00" in label.styleSheet()  # amber in the last minute
    for _ in range(59):
        workshop.countdown.tick()
    assert label.text() == "Time is up"
    assert not workshop.countdown.running
    qtbot.keyClick(workshop, Qt.Key.Key_R)
    assert label.text().startswith("10:00")


def test_countdown_never_goes_below_zero() -> None:
    countdown = Countdown(seconds=61)
    countdown.remove_minute()
    countdown.remove_minute()
    countdown.tick()
    assert countdown.remaining == 0
    assert countdown.finished


NUMBERS = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)


@given(start=NUMBERS, target=NUMBERS)
def test_any_numbers_round_trip_through_from_to(start: float, target: float) -> None:
    line = parse_key_result_line(f"Grow it from {start!r} to {target!r} users", ".")
    assert (line.title, line.start, line.target, line.unit) == ("Grow it", start, target, "users")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reduce time to demo from 24 to 1 h", ("Reduce time to demo", 24, 1, "h")),
        ("Raise conversion from 2,5 % to 4,25 %", ("Raise conversion", 2.5, 4.25, "%")),
        ("Reduce churn; 5,5; 3; %", ("Reduce churn", 5.5, 3, "%")),
        ("Grow sign-ups; 400; 900", ("Grow sign-ups", 400, 900, "")),
        # Thousands grouped as the locale's decimal point implies (here a point).
        ("Grow MRR from 10,000 to 25,000 EUR", ("Grow MRR", 10000, 25000, "EUR")),
        ("Grow MRR; 1,250.5; 2,000", ("Grow MRR", 1250.5, 2000, "")),
    ],
)
def test_key_result_lines(text: str, expected: tuple[str, float, float, str]) -> None:
    line = parse_key_result_line(text, decimal_separator=".")  # whatever the machine's locale
    assert (line.title, line.start, line.target, line.unit) == expected


def test_a_decimal_comma_locale_reads_a_point_as_grouping() -> None:
    line = parse_key_result_line("Grow MRR from 10.000 to 12.500,5 EUR", decimal_separator=",")
    assert (line.start, line.target) == (10000, 12500.5)


@pytest.mark.parametrize(
    ("locale", "text", "expected"),
    [
        ("fr_FR", "Grow MRR from 500 to 1\u202f250 €", (500, 1250, "€")),
        ("fr_FR", "Grow MRR from 1\u202f000,5 to 2\u202f500 €", (1000.5, 2500, "€")),
        ("de_CH", "Grow MRR from 500 to 1'250 CHF", (500, 1250, "CHF")),
        ("en_US", "Grow MRR from 5 to 10 100 users", (5, 10, "100 users")),
    ],
)
def test_thousands_grouped_as_the_locale_groups_them(
    locale: str, text: str, expected: tuple[float, float, str]
) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        line = parse_key_result_line(text)
    finally:
        QLocale.setDefault(before)
    assert (line.start, line.target, line.unit) == expected


@pytest.mark.parametrize("text", ["", "Delight everyone", "Title; many; 3", "a; 1"])
def test_lines_without_numbers_are_refused(text: str) -> None:
    with pytest.raises(LineError):
        parse_key_result_line(text)


@pytest.mark.parametrize("leave", ["close the plan", "quit"])
def test_closing_the_plan_ends_the_workshop_and_nothing_fails(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch, dialogs: Any, leave: str
) -> None:
    # The workshop shows the plan: it went on using the document the window had deleted,
    # and leaving it then crashed the app.
    monkeypatch.setattr(workshop_window, "present", lambda shown: shown.show())
    window.start_workshop()
    workshop = window._workshop
    assert workshop is not None and workshop.isVisible()
    if leave == "quit":
        window.close()
    else:
        window.commands.close_action.trigger()
    qtbot.wait(20)  # the deleted document's events
    assert window._workshop is None
    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "workshop"]
    assert not any(w.isVisible() for w in shown)
    assert dialogs.errors == []
