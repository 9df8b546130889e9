"""A key result's trend over its period: check-ins against start, target and the expected pace.

matplotlib costs about a second to import, so it is imported only when a chart is first
shown (:meth:`TrendChart._ensure_canvas`); importing this module never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale
from PySide6.QtGui import QFontInfo, QPalette, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.resources import font_files
from planner.ui.texts import format_number

FAMILY = ["Inter", "DejaVu Sans"]  # the app's bundled font; matplotlib's own as a fallback
CHECK_INS = "#2F6BD0"
EXPECTED = "#8C8C8C"
TARGET = "#3F9B63"
START = "#6F6F6F"
TODAY = "#D9A23A"
_fonts_registered = False


@dataclass(frozen=True)
class TrendData:
    """What the chart draws, as plain values (the history widget reads them from the plan)."""

    kind: KeyResultKind
    unit: str
    start: float | None
    target: float | None
    direction: ThresholdDirection | None
    period_start: date
    period_end: date
    today: date
    points: tuple[tuple[date, float], ...]


class TrendChart(QWidget):
    """The chart of one key result; ``set_data(None)`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setMinimumSize(320, 220)
        self._data: TrendData | None = None
        self.canvas: Any = None  # FigureCanvasQTAgg, made when first shown
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_data(self, data: TrendData | None) -> None:
        self._data = data
        if self.canvas is not None:
            self.draw()
        elif self.isVisible() and data is not None:
            self._ensure_canvas()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Nothing to plot yet: matplotlib waits until a key result is chosen.
        if self.canvas is None and self._data is not None:
            self._ensure_canvas()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        # The app switches between light and dark live: repaint in the new colours.
        if event.type() == QEvent.Type.PaletteChange and self.canvas is not None:
            self.draw()

    def _ensure_canvas(self) -> None:
        from matplotlib import font_manager
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        global _fonts_registered
        if not _fonts_registered:
            for path in font_files():
                font_manager.fontManager.addfont(str(path))
            _fonts_registered = True
        # The screen's dpi, so a matplotlib point is a Qt point and the chart's text matches
        # the widgets' around it.
        figure = Figure(dpi=self.logicalDpiX(), layout="constrained")
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setParent(self)
        self._layout.addWidget(self.canvas)
        self.draw()

    def draw(self) -> None:
        canvas = self.canvas
        if canvas is None:
            return
        figure = canvas.figure
        figure.clear()
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base).name()
        ink = palette.color(QPalette.ColorRole.WindowText).name()
        figure.set_facecolor(background)
        size = QFontInfo(self.font()).pointSizeF()
        axes = figure.add_subplot()
        axes.set_facecolor(background)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        for spine in ("left", "bottom"):
            axes.spines[spine].set_color(palette.color(QPalette.ColorRole.Mid).name())
        axes.tick_params(labelsize=size * 0.95, labelcolor=ink, labelfontfamily=FAMILY)
        axes.grid(axis="y", color=palette.color(QPalette.ColorRole.Midlight).name(), lw=0.6)
        data = self._data
        if data is None:
            axes.set_axis_off()
            axes.text(
                0.5,
                0.5,
                self.tr("Select a key result to see its trend."),
                ha="center",
                va="center",
                color=ink,
                fontsize=size,
                family=FAMILY,
                transform=axes.transAxes,
            )
        else:
            self._plot(axes, data, ink, size)
        canvas.draw()

    def _plot(self, axes: Any, data: TrendData, ink: str, size: float) -> None:
        from matplotlib import dates as mdates
        from matplotlib.ticker import FixedLocator, FuncFormatter

        unit = f" {data.unit}" if data.unit else ""
        milestone = data.kind is KeyResultKind.MILESTONE
        metric = data.kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE)
        # Drawn back to front: today and the reference lines behind, the check-ins on top.
        shown: list[Any] = []
        if data.period_start <= data.today <= data.period_end:
            today = axes.axvline(data.today, color=TODAY, lw=1.2, zorder=1)
            today.set_label(self.tr("Today"))
            shown.append(today)
        if metric and data.start is not None and data.target is not None:
            (expected,) = axes.plot(
                [data.period_start, data.period_end],
                [data.start, data.target],
                color=EXPECTED,
                ls=":",
                lw=1.6,
                zorder=2,
                label=self.tr("Expected pace"),
            )
            start = axes.axhline(
                data.start,
                color=START,
                ls="--",
                lw=1,
                zorder=2,
                label=self.tr("Start {v}").format(v=format_number(data.start, data.unit)),
            )
            shown[:0] = [expected, start]
        if data.target is not None or milestone:
            target = 1.0 if milestone else float(data.target or 0)
            sign = {ThresholdDirection.AT_MOST: "≤ ", ThresholdDirection.AT_LEAST: "≥ "}
            value = format_number(target, data.unit)
            if data.direction is not None:
                value = sign[data.direction] + value
            label = self.tr("Target: done") if milestone else self.tr("Target {v}").format(v=value)
            line = axes.axhline(
                target,
                color=TARGET,
                ls="--",
                lw=1.3,
                zorder=2,
                label=label,
            )
            shown.insert(0, line)
        if data.points:
            (points,) = axes.plot(
                [day for day, _ in data.points],
                [value for _, value in data.points],
                color=CHECK_INS,
                lw=2,
                marker="o",
                ms=5,
                zorder=3,
                label=self.tr("Check-ins"),
                drawstyle="steps-post" if milestone else "default",
            )
            shown.insert(0, points)
        else:
            axes.text(
                0.5,
                0.5,
                self.tr("No check-ins yet"),
                ha="center",
                va="center",
                color=ink,
                fontsize=size,
                family=FAMILY,
                transform=axes.transAxes,
            )
        first = min([data.period_start, *(day for day, _ in data.points)])
        last = max([data.period_end, *(day for day, _ in data.points)])
        axes.set_xlim(first, last)
        axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=6))
        axes.xaxis.set_major_formatter(FuncFormatter(_date_label))
        if milestone:
            axes.set_ylim(-0.15, 1.15)
            axes.yaxis.set_major_locator(FixedLocator([0, 1]))
            axes.yaxis.set_major_formatter(
                FuncFormatter(lambda v, _p: self.tr("Done") if v >= 1 else self.tr("Not yet"))
            )
        else:
            axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v) + unit))
            self._fit_values(axes, data)
        # Below the plot, the check-ins first: what the person came to see.
        columns = max(2, min(len(shown), max(self.width(), 1) // 150))
        axes.figure.legend(
            handles=shown,
            loc="outside lower center",
            ncols=columns,
            frameon=False,
            prop={"family": FAMILY, "size": size * 0.95},
            labelcolor=ink,
        )

    @staticmethod
    def _fit_values(axes: Any, data: TrendData) -> None:
        values = [v for _, v in data.points] + [
            v for v in (data.start, data.target) if v is not None
        ]
        if not values:
            return
        low, high = min(values), max(values)
        pad = (high - low) * 0.12 or abs(high) * 0.1 or 1.0
        axes.set_ylim(low - pad, high + pad)


def _date_label(value: float, _position: int) -> str:
    from matplotlib import dates as mdates

    moment: datetime = mdates.num2date(value)
    return QLocale().toString(QDate(moment.year, moment.month, moment.day), "d MMM")
