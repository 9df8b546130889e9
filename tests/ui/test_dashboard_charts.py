"""The dashboard's painted charts, fed plain values: what they show, say and do at a size."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from planner.domain.values import TouchKind
from planner.report.figures import (
    KeyResultTrend,
    SkillsGrid,
    StageProgress,
    TeamProgress,
    Trends,
)
from planner.ui.chart import Chart
from planner.ui.credit_chart import CreditChart
from planner.ui.dashboard.progress_chart import ProgressChart
from planner.ui.dashboard.skills_chart import SkillsChart
from planner.ui.dashboard.trends_chart import TrendsChart
from tests.processes import run_code

STAGES = [
    StageProgress("Acquisition", 0.43, (TeamProgress("Reach", 0.43),)),
    StageProgress(
        "Activation", 0.5, (TeamProgress("First Hour", 0.8), TeamProgress("Onboarding", None))
    ),
    StageProgress("Revenue", None, ()),
]
NAMES = {kind: kind.value.replace("_", " ").title() for kind in TouchKind}


def _shown(qtbot: Any, chart: Chart, width: int = 600, height: int = 360) -> Chart:
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.show()
    qtbot.waitExposed(chart)
    chart.repaint()  # paints now: the regions are those of this size
    return chart


def _tooltips(chart: Chart) -> list[str]:
    """The tooltip a person gets over each region (found where the mouse would be)."""
    found = []
    for region in chart.regions:
        on_top = chart.region_at(region.rect.center())
        if on_top is not None:
            found.append(on_top.tooltip)
    return found


def test_progress_shows_stages_teams_and_values_and_a_click_names_the_row(qtbot: Any) -> None:
    chart = ProgressChart()
    chart.set_stages(STAGES, "No teams yet")
    _shown(qtbot, chart)
    texts = chart.texts()
    for text in ("Acquisition", "43 %", "Revenue", "Reach", "First Hour", "80 %", "—", "100 %"):
        assert text in texts
    assert "First Hour · 80 %" in _tooltips(chart)
    # Rows count the stages too: Acquisition 0, Reach 1, Activation 2, First Hour 3.
    region = next(r for r in chart.regions if r.tooltip == "First Hour · 80 %")
    with qtbot.waitSignal(chart.clicked) as signal:
        qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=region.rect.center().toPoint())
    assert signal.args == [3]


def test_progress_shortens_a_long_name_and_keeps_it_whole_in_its_tooltip(qtbot: Any) -> None:
    long_name = "Growth experiments for the self-serve onboarding funnel in Europe"
    chart = ProgressChart()
    chart.set_stages([StageProgress("Activation", 0.5, (TeamProgress(long_name, 0.5),))], "")
    _shown(qtbot, chart, width=400)
    shortened = [t for t in chart.texts() if t.endswith("…")]
    assert shortened and long_name.startswith(shortened[0][:-1])
    assert f"{long_name} · 50 %" in _tooltips(chart)  # the row's tooltip names it whole


def test_progress_without_teams_says_so(qtbot: Any) -> None:
    chart = ProgressChart()
    chart.set_stages([StageProgress("Revenue", None, ())], "No teams yet")
    _shown(qtbot, chart)
    assert chart.texts() == ["No teams yet"]


def _trends(count: int) -> Trends:
    start, end = date(2026, 10, 1), date(2026, 12, 31)
    results = tuple(
        KeyResultTrend(
            f"Key result {i}",
            "Reach",
            ((date(2026, 10, 15), 0.1 * i), (date(2026, 11, 10), 0.12 * i)),
        )
        for i in range(count)
    )
    return Trends(start, end, date(2026, 11, 26), (*results, KeyResultTrend("Silent", "Reach")))


def test_trends_draw_the_key_results_with_check_ins_furthest_behind_first(qtbot: Any) -> None:
    chart = TrendsChart()
    chart.set_trends(_trends(12), 6, None, "No check-ins yet")
    _shown(qtbot, chart, width=900, height=500)
    texts = chart.texts()
    titles = [t for t in texts if t.startswith("Key result")]
    assert titles == [f"Key result {i}" for i in range(6)]
    assert "Silent" not in texts
    assert "+6 more key results closer to their pace" in texts
    for month in ("Oct", "Nov", "Dec"):
        assert month in texts
    assert "0 %" in texts and "100 %" in texts
    # Each check-in tells its date and value.
    assert "Key result 5\n10 Nov 2026: 60 %" in _tooltips(chart)


def test_trends_without_check_ins_say_so(qtbot: Any) -> None:
    chart = TrendsChart()
    trends = Trends(date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 1))
    chart.set_trends(trends, 9, None, "No check-ins yet")
    _shown(qtbot, chart)
    assert chart.texts() == ["No check-ins yet"]


CREDIT = [
    ("First Hour", {TouchKind.PRODUCT_UX: 30.0, TouchKind.CUSTOMER_SUPPORT: 50.0}),
    ("Reach", {TouchKind.MARKETING: 25.0}),
]


def _credit(rows: Any) -> CreditChart:
    chart = CreditChart()
    chart.set_rows(
        rows,
        touch_names=NAMES,
        number=lambda value: f"{value:g}",
        axis_label="Credit (percentage points)",
        empty_text="No notes in 2026 Q4",
    )
    return chart


def test_credit_stacks_kinds_of_touch_with_their_numbers_and_totals(qtbot: Any) -> None:
    chart = _shown(qtbot, _credit(CREDIT))
    texts = chart.texts()
    for text in ("Product Ux", "Customer Support", "Marketing", "Credit (percentage points)"):
        assert text in texts
    assert "Sales" not in texts  # no note credits a sales touch
    assert {"30", "50", "80", "25"} <= set(texts)  # on the segments, and the totals
    assert "First Hour · Customer Support: 50" in _tooltips(chart)


def test_credit_leaves_off_numbers_that_do_not_fit_but_keeps_the_totals(qtbot: Any) -> None:
    rows = [("Wide", {TouchKind.SALES: 1000.0, TouchKind.OTHER: 1.0})]
    chart = _shown(qtbot, _credit(rows), width=300)
    texts = chart.texts()
    assert "1000" in texts and "1001" in texts
    assert "1" not in texts  # a sliver's number would spill over its neighbours
    assert "Wide · Other: 1" in _tooltips(chart)  # its tooltip still says it


def test_credit_without_notes_says_so(qtbot: Any) -> None:
    chart = _shown(qtbot, _credit([]))
    assert chart.texts() == ["No notes in 2026 Q4"]


def test_skills_mark_missing_required_disciplines_without_colour(qtbot: Any) -> None:
    grid = SkillsGrid(
        ("Reach", "Daily Habit"),
        ("Product", "Engineering", "Data", "Marketing", "Sales"),
        (True, True, True, False, False),
        ((1, 2, 1, 0, 0), (1, 1, 0, 1, 0)),
    )
    chart = SkillsChart()
    chart.set_grid(grid, "No teams yet")
    _shown(qtbot, chart)
    texts = chart.texts()
    for text in ("Product *", "Data *", "Marketing", "Reach", "Daily Habit", "2", "·", "×"):
        assert text in texts
    assert texts.count("×") == 1
    tooltips = _tooltips(chart)
    assert "Daily Habit · Data: required, but nobody in the team" in tooltips
    assert "Reach · Engineering: 2 people" in tooltips


def test_charts_paint_on_the_palettes_base_in_dark_mode(qtbot: Any) -> None:
    chart = _credit(CREDIT)
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    chart.setPalette(palette)
    _shown(qtbot, chart)
    image = chart.grab().toImage()
    assert image.pixelColor(2, image.height() - 2).name() == "#202124"
    # The bars' outlines are drawn in the light ink, not lost in black on the dark base.
    region = next(r for r in chart.regions if r.tooltip.startswith("First Hour · Product"))
    edge = region.rect.toRect()
    outline = image.pixelColor(edge.left() + edge.width() // 2, edge.top())
    assert outline.lightnessF() > 0.5


def test_a_double_click_on_a_bar_reports_one_click(qtbot: Any) -> None:
    chart = ProgressChart()
    chart.set_stages(STAGES, "")
    _shown(qtbot, chart)
    region = next(r for r in chart.regions if r.value is not None)
    clicks: list[object] = []
    chart.clicked.connect(clicks.append)
    at = region.rect.center().toPoint()
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=at)  # a double click's first half
    qtbot.mouseDClick(chart, Qt.MouseButton.LeftButton, pos=at)
    assert clicks == [region.value]


def test_skills_shorten_long_discipline_names_and_keep_the_grid_in_view(qtbot: Any) -> None:
    long_name = "Customer success and onboarding operations for enterprise accounts"
    grid = SkillsGrid(
        ("Reach", "Daily Habit"),
        ("Product", "Engineering", "Data", "Marketing", long_name),
        (True, True, True, False, False),
        ((1, 2, 1, 0, 0), (1, 1, 0, 1, 0)),
    )
    chart = SkillsChart()
    chart.set_grid(grid, "")
    _shown(qtbot, chart, width=420, height=260)
    texts = chart.texts()
    assert long_name not in texts and any(t.endswith("…") for t in texts)
    assert long_name in _tooltips(chart)
    cells = [r for r in chart.regions if " · " in r.tooltip]
    assert len(cells) == 10
    inside = chart.rect().adjusted(-1, -1, 1, 1)
    assert all(inside.contains(r.rect.toRect()) and r.rect.height() > 0 for r in cells)


TINY_CASES = [
    ("progress", STAGES),
    ("trends", None),
    ("credit", [("Negative", {TouchKind.SALES: -10.0})]),
    ("credit", [("Huge", {TouchKind.SALES: 1e15, TouchKind.OTHER: 3.0})]),
    ("skills", SkillsGrid(("A",) * 30, ("B",) * 9, (True,) * 9, ((0,) * 9,) * 30)),
]


def test_any_chart_paints_at_its_smallest_size_without_failing(qtbot: Any) -> None:
    for kind, values in TINY_CASES:
        chart: Chart
        if kind == "progress":
            chart = ProgressChart()
            chart.set_stages(values, "")
        elif kind == "trends":
            chart = TrendsChart()
            chart.set_trends(_trends(9), 9, 3, "")
        elif kind == "credit":
            chart = _credit(values)
        else:
            chart = SkillsChart()
            chart.set_grid(values, "")
        for width, height in ((120, 80), (200, 150)):
            _shown(qtbot, chart, width=width, height=height)
            assert chart.texts()  # painted, and said something
            assert not chart.grab().isNull()


def test_a_negative_credit_draws_no_bar_leftwards(qtbot: Any) -> None:
    chart = _shown(qtbot, _credit([("Negative", {TouchKind.SALES: -10.0})]))
    assert "Negative" in chart.texts()
    assert not [r for r in chart.regions if r.tooltip.startswith("Negative · ")]


def test_a_check_in_after_the_period_stays_inside_its_chart(qtbot: Any) -> None:
    start, end = date(2026, 10, 1), date(2026, 12, 31)
    late = KeyResultTrend("Late", "Reach", ((date(2026, 11, 1), 0.2), (date(2027, 1, 20), 0.9)))
    chart = TrendsChart()
    chart.set_trends(Trends(start, end, date(2026, 11, 26), (late,)), 9, None, "")
    _shown(qtbot, chart, width=500, height=300)
    assert "90 %" in chart.texts()
    inside = chart.rect().adjusted(-1, -1, 1, 1)
    # The point after the period is clipped away; its value, in bold, stays on the chart.
    assert all(inside.contains(r.rect.toRect()) for r in chart.regions)
    painted = [r for r in chart.regions if "2027" in r.tooltip]
    assert all(inside.contains(r.rect.center().toPoint()) for r in painted)


def test_showing_every_chart_does_not_import_matplotlib() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from planner.domain.values import KeyResultKind\n"
        "from planner.ui.okr.trend_chart import TrendChart, TrendData\n"
        "from planner.ui.credit_chart import CreditChart\n"
        "chart = TrendChart()\n"
        "chart.set_data(TrendData(KeyResultKind.INCREASE, 'h', 1.0, 5.0, None,\n"
        "    date(2026, 10, 1), date(2026, 12, 31), date(2026, 11, 1),\n"
        "    ((date(2026, 10, 5), 2.0),)))\n"
        "chart.resize(500, 300)\n"
        "chart.show()\n"
        "assert 'Check-ins' in chart.texts()\n"
        "assert not chart.grab().isNull()\n"
        "assert 'matplotlib' not in sys.modules, 'imported to paint a chart'\n"
    )
    done = run_code(code)
    assert done.returncode == 0, done.stderr
