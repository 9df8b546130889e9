"""The dashboard's figure builders, fed plain values (no plan)."""

from __future__ import annotations

from planner.domain.progress import GradeBand
from planner.report import figures
from planner.report.figures import (
    SkillsGrid,
    StageProgress,
    TeamProgress,
)

STAGES = [
    StageProgress("Acquisition", 0.43, (TeamProgress("Reach", 0.43),)),
    StageProgress(
        "Activation", 0.5, (TeamProgress("First Hour", 0.8), TeamProgress("Onboarding", None))
    ),
    StageProgress("Revenue", None, ()),
]


def _texts(figure: object) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]  # type: ignore[attr-defined]


def _bars(figure: object) -> list[object]:
    from matplotlib.patches import Rectangle

    axes = figure.axes[0]  # type: ignore[attr-defined]
    return [p for p in axes.patches if isinstance(p, Rectangle)]


def test_progress_draws_a_bar_per_team_with_percentages_and_band_colours() -> None:
    from matplotlib.colors import to_hex

    figure = figures.progress_by_stage_and_team(STAGES)
    # a grey track and a filled bar per team
    assert len(_bars(figure)) == 2 * 3
    texts = _texts(figure)
    for name in ("Reach", "First Hour", "Onboarding", "Acquisition  43 %", "Revenue  —"):
        assert name in texts
    assert "80 %" in texts and "—" in texts
    fills = {to_hex(bar.get_facecolor()).upper() for bar in _bars(figure)}  # type: ignore[attr-defined]
    assert figures.BAND_COLOURS[GradeBand.GREEN] in fills
    assert figures.BAND_COLOURS[GradeBand.YELLOW] in fills


def test_band_colours_are_the_apps() -> None:
    from planner.ui.progress_delegate import BAND_COLOURS

    assert {b: c.name().upper() for b, c in BAND_COLOURS.items()} == figures.BAND_COLOURS


def test_progress_without_teams_says_so() -> None:
    figure = figures.progress_by_stage_and_team([], empty_text="No teams yet")
    assert _texts(figure) == ["No teams yet"]


def test_skills_grid_has_a_cell_per_team_and_discipline_and_marks_missing_ones() -> None:
    grid = SkillsGrid(
        teams=("Reach", "Daily Habit"),
        disciplines=("Product", "Data", "Sales"),
        required=(True, True, False),
        counts=((1, 2, 0), (1, 0, 0)),
    )
    figure = figures.skills_heat_grid(grid)
    cells = [p for p in figure.axes[0].patches if p.get_gid() == "cell"]
    assert len(cells) == 6
    assert [p.get_hatch() for p in cells].count("//") == 1
    texts = _texts(figure)
    assert texts.count("×") == 1
    assert "2" in texts and "Daily Habit" in texts and "Data *" in texts


def test_figure_svg_is_svg_with_text_kept_as_text() -> None:
    svg = figures.figure_svg(figures.progress_by_stage_and_team(STAGES))
    assert svg.lstrip().startswith((b"<?xml", b"<svg"))
    assert b"</svg>" in svg and b"First Hour" in svg
    assert svg == figures.figure_svg(figures.progress_by_stage_and_team(STAGES))  # stable


def test_a_style_sets_the_background() -> None:
    dark = figures.Style(figures.Colours(background="#1e1e1e", ink="#eeeeee"))
    figure = figures.skills_heat_grid(SkillsGrid(("A",), ("B",), (False,), ((3,),)), dark)
    from matplotlib.colors import to_hex

    assert to_hex(figure.get_facecolor()) == "#1e1e1e"
