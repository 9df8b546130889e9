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
from planner.ui.dashboard.credit_chart import CreditChart
from planner.ui.dashboard.progress_chart import ProgressChart
from planner.ui.dashboard.skills_chart import SkillsChart
from planner.ui.dashboard.trends_chart import TrendsChart

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
    return [region.tooltip for region in chart.regions]


def test_progress_shows_stages_teams_and_values_and_a_click_names_the_row(qtbot: Any) -> None:
    chart = ProgressChart()
    chart.set_stages(STAGES, "No teams yet")
    _shown(qtbot, chart)
    texts = chart.texts()
    for text in ("Acquisition  43 %", "Revenue  —", "Reach", "First Hour", "80 %", "—", "100 %"):
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
    assert long_name in _tooltips(chart)


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
    assert "Key result 5\n2026-11-10: 60 %" in _tooltips(chart)


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
    assert texts.count("30") == 1 and "50" in texts and "80" in texts and "25" in texts
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
    chart = ProgressChart()
    palette = chart.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8eaed"))
    chart.setPalette(palette)
    chart.set_stages(STAGES, "")
    _shown(qtbot, chart)
    image = chart.grab().toImage()
    assert image.pixelColor(2, image.height() - 2).name() == "#202124"
