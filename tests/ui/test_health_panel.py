"""The health panel: findings failures first, a count line, going to a finding, refreshing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from planner.domain.health import Finding, Severity
from planner.services import health
from planner.ui.document import PlanDocument
from planner.ui.health_panel import PIXEL_SCROLL_LIMIT, HealthModel, HealthPanel


@pytest.fixture
def panel(qtbot: Any, document: PlanDocument) -> Iterator[HealthPanel]:
    widget = HealthPanel()
    qtbot.addWidget(widget)
    widget.resize(380, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_document(document)
    yield widget
    widget.set_document(None)


def shown(panel: HealthPanel) -> list[tuple[str, list[str]]]:
    """Each group heading with the findings under it, as the panel shows them."""
    model = panel.model
    groups = []
    for top in range(model.rowCount()):
        parent = model.index(top, 0)
        groups.append(
            (
                parent.data(),
                [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))],
            )
        )
    return groups


def finding_index(panel: HealthPanel, text: str) -> QModelIndex:
    model = panel.model
    for top in range(model.rowCount()):
        parent = model.index(top, 0)
        for row in range(model.rowCount(parent)):
            if model.index(row, 0, parent).data() == text:
                return model.index(row, 0, parent)
    raise AssertionError(f"no finding {text!r}")


def test_lists_the_sample_findings_with_a_count_line(panel: HealthPanel):
    groups = shown(panel)
    assert [heading for heading, _ in groups] == ["Failures (3)"]
    findings = groups[0][1]
    assert "Daily Habit has no Data skills" in findings
    assert "Priya Nair is allocated 110 % across teams" in findings
    assert any(text.startswith("Key result “Ship 3 calendar integrations”") for text in findings)
    assert panel.summary.text() == "3 failures"
    heading = panel.model.index(0, 0)
    finding = panel.model.index(0, 0, heading)
    assert panel.model.flags(heading) == Qt.ItemFlag.ItemIsEnabled  # a label, not a choice
    assert panel.model.flags(finding) & Qt.ItemFlag.ItemIsSelectable


def test_clicking_a_finding_goes_to_its_subject(
    qtbot: Any, panel: HealthPanel, document: PlanDocument
):
    daily = next(t.id for t in document.plan.teams.list() if t.name == "Daily Habit")
    index = finding_index(panel, "Daily Habit has no Data skills")
    centre = panel.view.visualRect(index).center()
    with qtbot.waitSignal(panel.navigate) as went:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert went.args == ["team", daily]


def test_enter_on_a_finding_goes_there_and_a_heading_goes_nowhere(qtbot: Any, panel: HealthPanel):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))  # the "Failures" heading
    with qtbot.assertNotEmitted(panel.navigate):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    panel.view.setCurrentIndex(finding_index(panel, "Priya Nair is allocated 110 % across teams"))
    with qtbot.waitSignal(panel.navigate) as went:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert went.args[0] == "person" and isinstance(went.args[1], uuid.UUID)


def test_failures_come_before_warnings_with_a_friendly_count(
    monkeypatch: pytest.MonkeyPatch, panel: HealthPanel
):
    findings = [
        Finding("note-rule", Severity.WARNING, "note", uuid.uuid4(), "Sale", "has no team"),
        Finding(
            "stage-without-team", Severity.FAILURE, "stage", uuid.uuid4(), "Referral", "has no team"
        ),
        Finding("team-too-big", Severity.FAILURE, "team", uuid.uuid4(), "Core", "has 12 people"),
    ]
    monkeypatch.setattr(health, "health_report", lambda *_args: findings)
    panel.refresh()
    assert shown(panel) == [
        ("Failures (2)", ["Referral has no team", "Core has 12 people"]),
        ("Warnings (1)", ["Attribution note “Sale” has no team"]),
    ]
    assert panel.summary.text() == "2 failures, 1 warning"
    warning = finding_index(panel, "Attribution note “Sale” has no team")
    assert "Warning" in warning.data(Qt.ItemDataRole.ToolTipRole)
    assert warning.data(HealthModel.SeverityRole) == Severity.WARNING


def test_all_healthy_is_a_friendly_empty_state(
    monkeypatch: pytest.MonkeyPatch, panel: HealthPanel, document: PlanDocument
):
    monkeypatch.setattr(health, "health_report", lambda *_args: [])
    panel.refresh()
    assert panel.summary.text() == "All healthy"
    assert panel.stack.currentWidget() is panel.healthy
    assert document.period().name in panel.detail.text()


def test_a_burst_of_changes_recomputes_once(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, panel: HealthPanel, document: PlanDocument
):
    calls = []
    real = health.health_report
    monkeypatch.setattr(health, "health_report", lambda *args: calls.append(1) or real(*args))
    plan = document.plan
    data = next(d.id for d in plan.disciplines.list() if d.name == "Data")
    daily = next(t.id for t in plan.teams.list() if t.name == "Daily Habit")
    priya = next(p.id for p in plan.people.list() if p.name == "Priya Nair")
    reach = next(t.id for t in plan.teams.list() if t.name == "Reach")
    document.attempt(lambda: plan.teams.update(reach, name="Growth"))
    document.attempt(lambda: plan.memberships.create(daily, priya, data, 10))
    assert calls == []  # not yet: the burst is still going on
    qtbot.waitUntil(lambda: len(calls) == 1)
    qtbot.wait(20)
    assert len(calls) == 1
    assert "Daily Habit has no Data skills" not in shown(panel)[0][1]


def test_follows_the_period(qtbot: Any, panel: HealthPanel, document: PlanDocument):
    before = panel.model.findings()
    other = next(p for p in document.plan.periods.list() if p.id != document.period_id)
    with qtbot.waitSignal(panel.model.modelReset):
        document.set_period(other.id)
    shown = panel.model.findings()
    assert shown != before
    assert set(shown) == set(health.health_report(document.plan, other.id, document.today()))


def test_the_same_findings_again_keep_the_list_as_it_is(
    qtbot: Any, panel: HealthPanel, document: PlanDocument
):
    """A check-in that changes no finding leaves the list, and the chosen row, alone."""
    panel.view.setCurrentIndex(finding_index(panel, "Daily Habit has no Data skills"))
    chosen = panel.view.currentIndex().data()
    before = panel.model.findings()
    resets: list[object] = []
    panel.model.modelReset.connect(lambda: resets.append(True))
    named = {finding.subject_id for finding in before}
    result = next(kr for kr in document.plan.key_results.list() if kr.id not in named)
    document.push(document.plan.check_ins.create(result.id, document.today(), 1.0))
    panel.refresh()
    assert panel.model.findings() == before
    assert resets == [] and panel.view.currentIndex().data() == chosen


def many_findings(count: int) -> list[Finding]:
    return [
        Finding(
            "objective_size",
            Severity.WARNING,
            "objective",
            uuid.uuid4(),
            f"Objective {n}",
            f"Objective {n} of a large plan has a title long enough to wrap in the panel",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize(
    ("count", "mode"),
    [
        (PIXEL_SCROLL_LIMIT, QAbstractItemView.ScrollMode.ScrollPerPixel),
        (PIXEL_SCROLL_LIMIT + 1, QAbstractItemView.ScrollMode.ScrollPerItem),
    ],
)
def test_a_long_list_scrolls_by_finding_and_measures_only_rows_in_sight(
    qtbot: Any,
    panel: HealthPanel,
    monkeypatch: pytest.MonkeyPatch,
    count: int,
    mode: QAbstractItemView.ScrollMode,
):
    measured: list[int] = []
    delegate = panel.view.itemDelegate()
    measure = delegate.sizeHint
    monkeypatch.setattr(
        delegate, "sizeHint", lambda option, index: measured.append(1) or measure(option, index)
    )
    monkeypatch.setattr(health, "health_report", lambda *_args: many_findings(count))
    panel.refresh()
    qtbot.waitUntil(lambda: len(measured) > 0)
    QApplication.processEvents()
    assert panel.view.verticalScrollMode() == mode
    assert shown(panel)[0][0] == f"Warnings ({count})"
    if mode == QAbstractItemView.ScrollMode.ScrollPerItem:
        assert len(measured) < 100  # the rows in sight, not all of them
    panel.view.scrollToBottom()
    last = panel.model.index(count - 1, 0, panel.model.index(0, 0))
    assert panel.view.viewport().rect().contains(panel.view.visualRect(last))


def test_going_from_a_long_list_to_a_short_one_and_back_measures_only_the_new_rows(
    qtbot: Any, panel: HealthPanel, monkeypatch: pytest.MonkeyPatch
):
    measured: list[int] = []
    delegate = panel.view.itemDelegate()
    measure = delegate.sizeHint
    monkeypatch.setattr(
        delegate, "sizeHint", lambda option, index: measured.append(1) or measure(option, index)
    )
    short, long = 100, 3_000
    for count in (long, short, long):
        monkeypatch.setattr(health, "health_report", lambda *_args, n=count: many_findings(n))
        measured.clear()
        panel.refresh()
        QApplication.processEvents()
        assert shown(panel)[0][0] == f"Warnings ({count})"
        # At most every row of the short list (scrolling by pixel), never the long one's.
        assert 0 < len(measured) <= 2 * short, count


def test_the_model_passes_the_model_tester(
    qtmodeltester: Any, panel: HealthPanel, monkeypatch: pytest.MonkeyPatch
):
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.model, force_py=True)
    monkeypatch.setattr(health, "health_report", lambda *_args: [])
    panel.refresh()


def test_without_a_plan_it_says_what_to_do(qtbot: Any):
    widget = HealthPanel()
    qtbot.addWidget(widget)
    widget.set_document(None)
    assert "Open a plan" in widget.detail.text()
    assert widget.model.rowCount() == 0
