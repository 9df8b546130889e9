"""The Dashboard page: builds lazily, draws the sample plan, follows changes while visible."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from planner.domain.values import KeyResultKind
from planner.services.okr_tree import PLAN_LEVEL
from planner.ui.dashboard import DashboardPage
from planner.ui.document import PlanDocument
from tests.processes import run_code


def _page(qtbot: Any, document: PlanDocument, show: bool = True) -> DashboardPage:
    page = DashboardPage()
    qtbot.addWidget(page)
    page.set_document(document)
    page.resize(1280, 800)
    if show:
        page.show()
        qtbot.waitExposed(page)
    return page


def _first_metric_result(document: PlanDocument) -> Any:
    for team_id, tree in document.okr_trees().items():
        if team_id is PLAN_LEVEL:
            continue
        for objective in tree.objectives:
            for node in objective.key_results:
                if node.record.kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE):
                    return node.record
    raise AssertionError("the sample has no metric key result")


def test_the_page_draws_the_sample_and_follows_check_ins(
    qtbot: Any, document: PlanDocument
) -> None:
    # One page for several checks: showing it costs seconds on a busy machine.
    page = _page(qtbot, document)
    progress = page.progress_panel.texts()
    assert any(t.endswith(" %") for t in progress)
    assert "Reach" in progress
    assert "×" in page.skills_panel.texts()
    assert "Credit (percentage points)" in page.credit_panel.texts()  # the sample has notes
    assert not page.grab().isNull()

    # Hidden, the page only notes it is out of date; shown again, it catches up.
    result = _first_metric_result(document)
    page.hide()
    before = page.progress_panel.texts()
    assert document.push(document.plan.check_ins.create(result.id, document.today(), 0.0))
    qtbot.wait(200)
    assert page.progress_panel.texts() == before
    page.show()
    after = page.progress_panel.texts()
    assert after != before

    # Visible, a check-in redraws it (debounced).
    assert document.push(
        document.plan.check_ins.create(result.id, document.today(), result.target_value)
    )
    qtbot.waitUntil(lambda: page.progress_panel.texts() != after, timeout=3000)

    # The team filter narrows the trends to one team.
    everyone = page.trends_panel.caption.text()
    team = document.plan.teams.list()[0]
    page.show_team(team.id)
    assert page.team_filter.currentText() == team.name
    assert page.trends_panel.caption.text() != everyone

    # A click on a team's bar activates the team; its tooltip names it with its progress.
    chart = page.progress_panel.chart
    chart.repaint()
    region = next(r for r in chart.regions if r.value is not None)
    name = region.tooltip.split(" · ")[0]
    assert region.tooltip.endswith(" %") and name in progress
    with qtbot.waitSignal(page.team_activated) as signal:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=region.rect.center().toPoint())
    assert document.plan.teams.get(signal.args[0]).name == name


def test_showing_the_page_does_not_import_matplotlib(tmp_path: Any) -> None:
    # matplotlib costs about a second to import: the dashboard paints its charts itself.
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from planner.services.sample import create_sample_plan\n"
        "from planner.ui.dashboard import DashboardPage\n"
        "from planner.ui.document import PlanDocument\n"
        f"plan = create_sample_plan(Path({str(tmp_path / 'sample.okrplan')!r}))\n"
        "page = DashboardPage()\n"
        "page.set_document(PlanDocument(plan, today=lambda: date(2026, 11, 16)))\n"
        "page.resize(1280, 800)\n"
        "page.show()\n"
        "app.processEvents()\n"
        "assert 'No teams yet' not in page.progress_panel.texts()\n"
        "assert not page.grab().isNull()\n"
        "assert 'matplotlib' not in sys.modules, 'imported to show the dashboard'\n"
    )
    env_run = run_code(code)
    assert env_run.returncode == 0, env_run.stderr


def test_a_large_plan_shows_the_rows_that_fit_and_says_so(qtbot: Any, tmp_path: Any) -> None:
    from planner.services.generator import create_large_plan

    plan = create_large_plan(tmp_path / "large.okrplan", 40, today=date(2026, 11, 16))
    document = PlanDocument(plan, today=lambda: date(2026, 11, 16))
    try:
        page = _page(qtbot, document)
        # Long captions wrap, yet the page's room in the default window (beside the
        # navigator) fits all four panels unscrolled.
        page.resize(950, 690)
        scroll = page.findChild(QScrollArea)
        qtbot.wait(50)
        assert scroll.verticalScrollBar().maximum() == 0
        teams = {f"Team {n:04d}" for n in range(1, 41)}
        caption = page.progress_panel.caption.text()
        shown = int(caption.split("the ")[1].split(" of 40 teams furthest behind")[0])
        drawn = teams & set(page.progress_panel.texts())
        assert 3 <= shown < 40 and len(drawn) == shown
        skills = page.skills_panel.caption.text()
        assert "of 40 teams, gaps first" in skills
        assert len(teams & set(page.skills_panel.texts())) == int(
            skills.split(" · ")[-1].split()[0]
        )
        credit = page.credit_panel.caption.text()
        assert "teams with most credit" in credit
        credited = int(credit.split("the ")[1].split(" of ")[0])
        assert len(teams & set(page.credit_panel.texts())) == credited

        # A taller window fits more rows: drawn again after the resize settles.
        page.resize(1280, 1400)
        qtbot.waitUntil(lambda: len(teams & set(page.progress_panel.texts())) > shown)
    finally:
        document.close()


def test_a_check_in_redraws_progress_and_trends_only(qtbot: Any, document: PlanDocument) -> None:
    page = _page(qtbot, document)
    drawn: list[str] = []
    for name in ("progress", "trends", "credit", "skills"):
        original = getattr(page, f"_draw_{name}")
        setattr(
            page,
            f"_draw_{name}",
            lambda name=name, original=original: (drawn.append(name), original()),
        )
    result = _first_metric_result(document)
    assert document.push(document.plan.check_ins.create(result.id, document.today(), 1.0))
    qtbot.waitUntil(lambda: "progress" in drawn and "trends" in drawn)
    qtbot.wait(300)  # past the debounce: nothing else is drawn
    assert sorted(drawn) == ["progress", "trends"]


def test_a_resize_redraws_the_trends_without_reading_them_again(
    qtbot: Any, document: PlanDocument, monkeypatch: Any
) -> None:
    from planner.report import dashboard_data

    reads: list[object] = []
    original = dashboard_data.trends
    monkeypatch.setattr(
        dashboard_data, "trends", lambda *a, **k: (reads.append(a), original(*a, **k))[1]
    )
    page = _page(qtbot, document)
    qtbot.waitUntil(lambda: page._fitted.get("trends") is not None)
    assert len(reads) == 1
    rows = page._fitted["trends"]

    page.resize(1280, 500 if rows > 1 else 1600)  # a different number of chart rows fits
    qtbot.waitUntil(lambda: page._fitted["trends"] != rows)
    assert len(reads) == 1

    # A check-in changes what the trends show: read again.
    result = _first_metric_result(document)
    assert document.push(document.plan.check_ins.create(result.id, document.today(), 1.0))
    qtbot.waitUntil(lambda: len(reads) == 2)


def test_a_narrow_window_stacks_the_panels_and_scrolls_instead_of_squeezing(
    qtbot: Any, document: PlanDocument
) -> None:
    page = _page(qtbot, document)

    def cell(panel: Any) -> tuple[int, int]:
        row, column, _, _ = page.grid.getItemPosition(page.grid.indexOf(panel))
        return row, column

    assert [cell(panel) for panel in page.chart_panels] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    scroll = page.findChild(QScrollArea)
    assert scroll.verticalScrollBar().maximum() == 0  # the default window fits all four
    least = page.progress_panel.minimumSize()
    assert all(panel.height() >= least.height() for panel in page.chart_panels)

    page.resize(600, 450)
    qtbot.waitUntil(lambda: cell(page.trends_panel) == (1, 0))
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() > 0)
    assert [cell(panel) for panel in page.chart_panels] == [(0, 0), (1, 0), (2, 0), (3, 0)]
    qtbot.wait(1)
    # Every panel keeps its least size: the page scrolls to the ones below.
    assert all(panel.height() >= least.height() for panel in page.chart_panels)
    assert all(panel.width() >= least.width() for panel in page.chart_panels)

    page.resize(1280, 800)
    qtbot.waitUntil(lambda: cell(page.trends_panel) == (0, 1))


def test_shown_first_beside_the_health_panel_it_draws_the_trends_that_fit(
    qtbot: Any, window: Any
) -> None:
    # The window settles after the page's first showing; the trends drawn then must be
    # those its settled size fits, or an unrelated edit later changes how many show.
    window.health_dock.show()
    window.show_dashboard()
    page = window.dashboard_page
    qtbot.waitUntil(lambda: not page._resize_timer.isActive(), timeout=2000)
    qtbot.wait(50)
    assert page._fitted["trends"] == page._trend_rows()
