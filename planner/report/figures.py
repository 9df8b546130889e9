"""The dashboard's values and their figures on paper: plain dataclasses and matplotlib builders.

The dataclasses below carry what a chart shows, read by :mod:`planner.report.dashboard_data`;
the dashboard paints them on screen (:mod:`planner.ui.dashboard`) and print embeds the
builders' figures as vectors (:func:`figure_svg`). Every builder takes plain values, never a
plan. matplotlib costs about a second to import, so it is imported inside each function only;
importing this module never loads it. pyplot is never used (no global state).

Print's attribution section embeds the credit chart through
:func:`planner.report.chart.credit_chart`, which draws :func:`credit_by_touch` as SVG.
"""

from __future__ import annotations

import heapq
import io
import math
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from planner.domain.progress import GradeBand, format_progress, grade_band
from planner.domain.values import TouchKind
from planner.resources import font_files

FAMILY = "Inter"  # the bundled font (registered with matplotlib before any figure is made)
# The app's grade colours (planner.ui.progress_delegate.BAND_COLOURS), as matplotlib colours.
BAND_COLOURS = {
    GradeBand.RED: "#D0574F",
    GradeBand.YELLOW: "#B7831F",
    GradeBand.GREEN: "#3F9B63",
}
EXPECTED = "#8C8C8C"
TODAY = "#8C8C8C"  # grey: not to be mistaken for the yellow grade band
MISSING = "#D0574F"
_fonts_registered = False

TOUCH_NAMES = {
    TouchKind.PRODUCT_UX: "Product / UX",
    TouchKind.CUSTOMER_SUPPORT: "Customer support",
    TouchKind.SALES: "Sales",
    TouchKind.EDUCATION_CONTENT: "Education & content",
    TouchKind.MARKETING: "Marketing",
    TouchKind.OTHER: "Other",
}
# Different hues for colour printers, each of a clearly different lightness so the kinds of
# touch stay apart as greys on a black-and-white one (dark to light in this order). Hatching
# would say it better, but QSvgRenderer rasterises SVG patterns at the device's resolution
# (13 s and 2 MB for one chart).
TOUCH_COLORS = {
    TouchKind.PRODUCT_UX: "#332288",  # CIE lightness 22
    TouchKind.CUSTOMER_SUPPORT: "#7b3294",  # 35
    TouchKind.SALES: "#d55e00",  # 54
    TouchKind.EDUCATION_CONTENT: "#56b4e9",  # 70
    TouchKind.MARKETING: "#ddcc77",  # 82
    TouchKind.OTHER: "#eeeeee",  # 94
}
DARK_FILLS = {TouchKind.PRODUCT_UX, TouchKind.CUSTOMER_SUPPORT}
# A segment narrower than this share of the widest bar gets no number: it would not fit.
LABEL_MIN_SHARE = 0.07
CreditRows = Sequence[tuple[str, Mapping[TouchKind, float]]]  # team name, credit per touch


@dataclass(frozen=True)
class Colours:
    """The colours of a chart: the screen passes its palette's (planner.ui.figure_style), print
    the light default."""

    background: str = "#ffffff"
    ink: str = "#1a1a1a"
    muted: str = "#6f6f6f"
    grid: str = "#d9d9d9"
    track: str = "#ececec"  # the empty part of a progress bar, and cells with nobody
    heat: str = "#2F6BD0"  # the fullest cell of the skills grid


LIGHT = Colours()


@dataclass(frozen=True)
class Style:
    colours: Colours = LIGHT
    font_size: float = 9.0
    width_in: float = 6.5  # a new figure's size
    height_in: float | None = None  # None: from the content


@dataclass(frozen=True)
class TeamProgress:
    name: str
    progress: float | None  # None: nothing to measure yet (shown as "—")


@dataclass(frozen=True)
class StageProgress:
    name: str
    progress: float | None
    teams: tuple[TeamProgress, ...] = ()


@dataclass(frozen=True)
class KeyResultTrend:
    """One key result's progress (0.0-1.0, not clamped) after each of its check-ins."""

    title: str
    team: str
    points: tuple[tuple[date, float], ...] = ()

    @property
    def latest(self) -> float | None:
        return self.points[-1][1] if self.points else None


@dataclass(frozen=True)
class Trends:
    period_start: date
    period_end: date
    today: date
    key_results: tuple[KeyResultTrend, ...] = ()

    def expected(self, day: date) -> float:
        """The share of the period gone by ``day``: where progress should be on a steady pace."""
        span = (self.period_end - self.period_start).days
        if span <= 0:
            return 1.0
        return min(max((day - self.period_start).days / span, 0.0), 1.0)

    def behind(self, trend: KeyResultTrend) -> float:
        """How far ``trend`` is behind the expected pace today (negative: ahead)."""
        return self.expected(min(self.today, self.period_end)) - (trend.latest or 0.0)


@dataclass(frozen=True)
class SkillsGrid:
    """Head-count per team (rows) and discipline (columns)."""

    teams: tuple[str, ...]
    disciplines: tuple[str, ...]
    required: tuple[bool, ...]  # per discipline
    counts: tuple[tuple[int, ...], ...]  # [team][discipline]


# ---- helpers --------------------------------------------------------------------------------


# Names on a chart's axis are cut to this many characters ("…" marks the cut): a long team
# name would otherwise take the chart's width, or run off the paper.
LABEL = 32
SHORT_LABEL = 18  # a column's name, set at a slant


def _label(name: str, most: int = LABEL) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def register_fonts() -> None:
    """Make the bundled Inter known to matplotlib (once per process)."""
    from matplotlib import font_manager

    global _fonts_registered
    if not _fonts_registered:
        for path in font_files():
            font_manager.fontManager.addfont(str(path))
        _fonts_registered = True


def new_figure(width_in: float, height_in: float, dpi: float = 100) -> Any:
    """A constrained-layout Figure (not pyplot's), with the bundled fonts registered."""
    from matplotlib.figure import Figure

    register_fonts()
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")


@contextmanager
def glyphs_unsaid() -> Iterator[None]:
    """Quiet matplotlib's warning for each glyph Inter lacks, while a figure becomes SVG.

    Its text stays text, set by Qt when the SVG is painted, with Qt's font fallback: a name
    in Arabic or Chinese prints. matplotlib only measures it, and would say so for every
    such glyph (dozens of lines on the terminal for one name)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        yield


def figure_svg(figure: Any) -> bytes:
    """The figure as SVG bytes: text stays text (searchable, set in Inter), ids are stable."""
    from matplotlib import rc_context

    out = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "svg.hashsalt": "okr-planner"}), glyphs_unsaid():
        figure.savefig(
            out,
            format="svg",
            facecolor=figure.get_facecolor(),
            metadata={"Date": None},
        )
    return out.getvalue()


def _prepare(style: Style, height_in: float) -> Any:
    figure = new_figure(style.width_in, style.height_in or height_in)
    figure.set_facecolor(style.colours.background)
    return figure


def _empty(axes: Any, text: str, style: Style) -> None:
    axes.set_axis_off()
    axes.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        wrap=True,
        color=style.colours.muted,
        fontsize=style.font_size * 1.1,
        family=FAMILY,
        transform=axes.transAxes,
    )


def _quiet_axes(axes: Any, style: Style) -> None:
    c = style.colours
    axes.set_facecolor(c.background)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(c.grid)
    axes.tick_params(
        labelsize=style.font_size * 0.9,
        labelcolor=c.ink,
        color=c.grid,
        labelfontfamily=FAMILY,
    )


def _band(value: float) -> str:
    return BAND_COLOURS[grade_band(min(max(value, 0.0), 1.0))]


# ---- progress by stage and team -------------------------------------------------------------


def progress_by_stage_and_team(
    stages: list[StageProgress] | tuple[StageProgress, ...],
    style: Style = Style(),
    empty_text: str = "No teams yet",
) -> Any:
    """Horizontal bars, one per team, grouped under their stage (with the stage's own roll-up).

    Bars take the grade band's colour; the percentage is written beside every bar, so the
    figure reads on a black-and-white printer too. A team with nothing to measure shows "—".
    """
    rows = sum(1 + len(stage.teams) for stage in stages)
    figure = _prepare(style, 0.6 + 0.24 * max(rows, 4))
    axes = figure.add_subplot()
    if not any(stage.teams for stage in stages):
        _empty(axes, empty_text, style)
        return figure
    c = style.colours
    _quiet_axes(axes, style)
    labels: list[str] = []
    y = 0
    positions: list[int] = []
    values: list[float] = []
    colours: list[str] = []
    texts: list[tuple[int, float, str]] = []
    headers: list[int] = []
    for stage in stages:
        headers.append(y)
        labels.append(f"{_label(stage.name)}  {format_progress(stage.progress)}")
        y += 1
        for team in stage.teams:
            labels.append(_label(team.name))
            positions.append(y)
            shown = 0.0 if team.progress is None else min(max(team.progress, 0.0), 1.0)
            values.append(shown)
            colours.append(c.track if team.progress is None else _band(team.progress))
            texts.append((y, shown, format_progress(team.progress)))
            y += 1
    axes.barh(positions, [1.0] * len(positions), color=c.track, height=0.62, zorder=1)
    axes.barh(
        positions,
        values,
        color=colours,
        height=0.62,
        edgecolor=c.ink,
        linewidth=0.4,
        zorder=2,
    )
    for row, value, text in texts:
        axes.text(
            value + 0.015,
            row,
            text,
            va="center",
            ha="left",
            color=c.ink,
            fontsize=style.font_size * 0.9,
            family=FAMILY,
            zorder=3,
        )
    axes.set_yticks(range(len(labels)), labels)
    for index, label in enumerate(axes.get_yticklabels()):
        if index in headers:
            label.set_fontweight("bold")
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(len(labels) - 0.5, -0.6)  # first stage at the top
    axes.set_xlim(0, 1.14)  # room for "100 %" right of a full bar
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0 %", "25 %", "50 %", "75 %", "100 %"])
    axes.grid(axis="x", color=c.grid, lw=0.5, zorder=0)
    axes.set_axisbelow(True)
    axes.spines["left"].set_visible(False)
    return figure


# ---- key-result trends (drawn on screen by planner.ui.dashboard.trends_chart) ---------------


def trend_grid(
    trends: Trends, max_panels: int, columns: int | None = None
) -> tuple[list[KeyResultTrend], int, int, int]:
    """The key results a trends chart draws, how many it leaves out, and its columns and rows.

    Only key results with check-ins are drawn, those furthest behind the pace first, at most
    ``max_panels``; ``columns`` None picks 1, 2 or 3 columns from how many there are.
    """
    drawable = [kr for kr in trends.key_results if kr.points]
    # The pace is the same for every key result: worked out once, not once per key result of
    # a large plan's tens of thousands. nlargest is sorted(..., reverse=True)[:n], ties kept.
    pace = trends.expected(min(trends.today, trends.period_end))
    chosen = heapq.nlargest(max(max_panels, 0), drawable, key=lambda kr: pace - kr.points[-1][1])
    left_out = max(len(drawable) - max_panels, 0)
    count = len(chosen)
    cols = columns or (1 if count <= 1 else 2 if count <= 4 else 3)
    return chosen, left_out, cols, max(math.ceil(count / cols), 1)


# ---- skills heat-grid -----------------------------------------------------------------------


def skills_heat_grid(
    grid: SkillsGrid,
    style: Style = Style(),
    empty_text: str = "No teams yet",
) -> Any:
    """Teams × disciplines, each cell's head-count written in it, shaded by count.

    A required discipline a team lacks is hatched and marked "×", so it shows without colour.
    """
    from matplotlib.colors import to_rgb
    from matplotlib.patches import Rectangle

    figure = _prepare(style, 0.9 + 0.28 * max(len(grid.teams), 4))
    axes = figure.add_subplot()
    if not grid.teams or not grid.disciplines:
        _empty(axes, empty_text, style)
        return figure
    c = style.colours
    _quiet_axes(axes, style)
    highest = max((n for row in grid.counts for n in row), default=0) or 1
    low, high = to_rgb(c.track), to_rgb(c.heat)
    for r, row in enumerate(grid.counts):
        for d, count in enumerate(row):
            missing = count == 0 and grid.required[d]
            share = count / highest
            fill = tuple(a + (b - a) * share for a, b in zip(low, high, strict=True))
            axes.add_patch(
                Rectangle(
                    (d, r),
                    1,
                    1,
                    facecolor=c.background if missing else fill,
                    edgecolor=MISSING if missing else c.background,
                    hatch="//" if missing else None,
                    linewidth=1.2 if missing else 1.5,
                    gid="cell",
                )
            )
            # Light text on dark cells: the fill's luminance decides.
            lum = 0.2126 * fill[0] + 0.7152 * fill[1] + 0.0722 * fill[2]
            axes.text(
                d + 0.5,
                r + 0.5,
                "×" if missing else (str(count) if count else "·"),
                ha="center",
                va="center",
                color=MISSING if missing else ("#ffffff" if lum < 0.5 else "#1a1a1a"),
                fontsize=style.font_size * (1.5 if missing else 0.95),
                fontweight="bold",
                family=FAMILY,
                bbox=(
                    {"boxstyle": "round,pad=0.15", "fc": c.background, "ec": "none"}
                    if missing
                    else None
                ),
            )
    axes.set_xlim(0, len(grid.disciplines))
    axes.set_ylim(len(grid.teams), 0)
    axes.set_xticks([d + 0.5 for d in range(len(grid.disciplines))])
    axes.set_xticklabels(
        [
            _label(name, SHORT_LABEL) + (" *" if req else "")
            for name, req in zip(grid.disciplines, grid.required, strict=True)
        ],
        rotation=30 if len(grid.disciplines) > 4 else 0,
        ha="left" if len(grid.disciplines) > 4 else "center",
        rotation_mode="anchor",
    )
    axes.xaxis.tick_top()
    names = [_label(name) for name in grid.teams]
    axes.set_yticks([r + 0.5 for r in range(len(names))], names)
    axes.tick_params(length=0)
    for side in axes.spines.values():
        side.set_visible(False)
    axes.set_aspect("auto")
    axes.set_xlabel(
        "* required discipline   × required but nobody in the team",
        color=c.muted,
        fontsize=style.font_size * 0.85,
        family=FAMILY,
    )
    return figure


def _fits(label: str, value: float, scale: float, text: Mapping[str, Any]) -> bool:
    """Whether ``label`` fits on a segment ``value`` long (``scale`` points per unit): a
    number that would spill over its neighbours is left off (the total still says it)."""
    size = float(text["fontsize"])
    return value * scale >= len(label) * size * 0.62 + size * 0.6


# ---- attribution credit ---------------------------------------------------------------------


def credit_by_touch(
    rows: CreditRows,
    style: Style = Style(),
    empty_text: str = "No notes yet",
    *,
    touch_names: Mapping[TouchKind, str] = TOUCH_NAMES,
    number: Callable[[float], str] = lambda value: f"{value:g}",
    axis_label: str = "credit (percentage points)",
) -> Any:
    """Credit per team as horizontal bars stacked by kind of touch, first row at the top.

    Each segment has its points written on it and each bar its total beside it, so the
    figure reads without telling the greys apart. (No patterns on paper: QSvgRenderer would
    rasterise them at the device's resolution.)
    """
    figure = _prepare(style, 0.9 + 0.3 * max(len(rows), 1))
    axes = figure.add_subplot()
    if not rows:
        _empty(axes, empty_text, style)
        return figure
    c = style.colours
    _quiet_axes(axes, style)
    text = {"family": FAMILY, "fontsize": style.font_size * 0.9}
    kinds = [kind for kind in TouchKind if any(kind in touches for _, touches in rows)]
    names = [name for name, _ in rows][::-1]  # matplotlib draws the first row at the bottom
    left = [0.0] * len(names)
    widest = max((sum(touches.values()) for _, touches in rows), default=0.0) or 1.0
    # Points per unit of credit, roughly: the bars get about two thirds of the figure's width.
    scale = figure.get_figwidth() * 72 * 0.66 / (widest * 1.12)
    for kind in kinds:
        values = [touches.get(kind, 0.0) for _, touches in rows][::-1]
        dark = kind in DARK_FILLS
        axes.barh(
            range(len(names)),
            values,
            left=left,
            color=TOUCH_COLORS[kind],
            edgecolor="#1a1a1a",
            linewidth=0.6,
            label=touch_names[kind],
            height=0.62,
        )
        for y, (start, value) in enumerate(zip(left, values, strict=True)):
            if value >= widest * LABEL_MIN_SHARE and _fits(number(value), value, scale, text):
                axes.text(
                    start + value / 2,
                    y,
                    number(value),
                    va="center",
                    ha="center",
                    color="#ffffff" if dark else "#1a1a1a",
                    **text,
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, total in enumerate(left):
        axes.annotate(
            number(total),
            (total, y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontweight="bold",
            color=c.ink,
            **text,
        )
    axes.set_yticks(range(len(names)), [_label(name) for name in names])
    axes.tick_params(axis="y", length=0)
    axes.set_xlim(0, widest * 1.12)
    axes.set_xlabel(axis_label, color=c.ink, **text)
    axes.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        # Three kinds a line where there is room.
        ncol=min(len(kinds), 3 if figure.get_figwidth() >= 4.5 else 2),
        frameon=False,
        borderaxespad=0,
        handlelength=1.4,
        handleheight=0.7,
        labelcolor=c.ink,
        prop={"family": FAMILY, "size": style.font_size * 0.9},
    )
    return figure
