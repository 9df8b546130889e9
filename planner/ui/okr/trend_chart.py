"""A key result's trend over its period: check-ins against start, target and the expected pace."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPolygonF
from PySide6.QtWidgets import QWidget

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.report.figures import EXPECTED, TODAY
from planner.ui.chart import RIGHT, Chart, LegendEntry, Painting
from planner.ui.chart_scale import date_ticks, nice_range
from planner.ui.texts import format_date, format_number

# The check-ins' blue, lighter on a dark background (as the skills grid's heat).
CHECK_INS = {False: "#2F6BD0", True: "#5B8FE6"}
TARGET = "#3F9B63"
MILESTONE_RANGE = (-0.15, 1.15)
SIGNS = {ThresholdDirection.AT_MOST: "≤ ", ThresholdDirection.AT_LEAST: "≥ "}


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


@dataclass(frozen=True)
class _Line:
    """A line of the chart and its legend entry."""

    label: str
    colour: str
    style: Qt.PenStyle
    width: float

    def paint(self, painting: Painting, start: QPointF, end: QPointF) -> None:
        painting.pen(self.colour, self.width, self.style)
        painting.painter.drawLine(QLineF(start, end))

    def paint_key(self, painting: Painting, key: QRectF) -> None:
        middle = key.center().y()
        self.paint(painting, QPointF(key.left(), middle), QPointF(key.right(), middle))


class TrendChart(Chart):
    """The chart of one key result; ``set_data(None)`` empties it.

    Today and the reference lines (start, target, the steady pace from start to target) are
    drawn behind the check-ins; a legend under the plot names them, the check-ins first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setMinimumSize(320, 220)
        self._data: TrendData | None = None

    def set_data(self, data: TrendData | None) -> None:
        self._data = data
        self.changed()

    def value_label(self, value: float) -> str:
        """A value as the axis writes it: in the locale, with the unit ("12,5 h")."""
        data = self._data
        if data is not None and data.kind is KeyResultKind.MILESTONE:
            return self.tr("Done") if value >= 1 else self.tr("Not yet")
        unit = data.unit if data is not None else ""
        return format_number(value, unit)

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        data = self._data
        if data is None:
            painting.empty(rect, self.tr("Select a key result to see its trend."))
            return
        rect = rect.adjusted(6, 8, -10, -4)
        line = painting.line
        lines = self._lines(data, painting)
        legend = [
            LegendEntry(entry.label, partial(entry.paint_key, painting)) for entry in lines.values()
        ]
        legend_height = painting.legend(legend, rect, 2.2 * line, centre=True, bottom=True)
        low, high, ticks = self._value_range(data)
        width = max(painting.width_of(self.value_label(t)) for t in ticks) + 8
        plot = QRectF(
            rect.left() + width,
            rect.top() + line / 2,
            rect.width() - width,
            max(rect.height() - legend_height - 2.5 * line - 8, 10.0),
        )
        first = min([data.period_start, *(day for day, _ in data.points)])
        last = max([data.period_end, *(day for day, _ in data.points)])
        span = max((last - first).days, 1)

        def x(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / span

        def y(value: float) -> float:
            return plot.bottom() - plot.height() * (value - low) / (high - low)

        for tick in ticks:
            painting.pen(painting.colours.grid, 0.6)
            painting.painter.drawLine(QLineF(plot.left(), y(tick), plot.right(), y(tick)))
            painting.text(
                QRectF(rect.left(), y(tick) - line / 2, width - 6, line),
                self.value_label(tick),
                flags=RIGHT,
                elide=False,
            )
        painting.axis(
            [
                (x(day), format_date(day, "d MMM"))
                for day in date_ticks(first, last, max(2, int(plot.width() // 90)))
            ],
            None,
            # Half a line down: clear of the lowest value's label beside the axis.
            plot.bottom() + line / 2 + 2,
            rect,
        )
        painting.pen(painting.colours.grid, 0.8)
        painting.painter.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()))
        self._paint_references(painting, data, lines, plot, x, y, (first, last))
        if not data.points:
            self._paint_no_check_ins(painting, plot)
            return
        self._paint_check_ins(painting, data, lines["check_ins"], x, y)

    def _paint_references(
        self,
        painting: Painting,
        data: TrendData,
        lines: dict[str, _Line],
        plot: QRectF,
        x: Callable[[date], float],
        y: Callable[[float], float],
        span: tuple[date, date],
    ) -> None:
        """Today, the start with the expected pace from it, and the target."""
        if "today" in lines and span[0] <= data.today <= span[1]:
            at = x(data.today)
            lines["today"].paint(painting, QPointF(at, plot.top()), QPointF(at, plot.bottom()))
        if "start" in lines and data.start is not None and data.target is not None:
            level = y(data.start)
            lines["start"].paint(
                painting, QPointF(plot.left(), level), QPointF(plot.right(), level)
            )
            lines["pace"].paint(
                painting,
                QPointF(x(data.period_start), y(data.start)),
                QPointF(x(data.period_end), y(data.target)),
            )
        if "target" in lines:
            level = y(self._target(data))
            lines["target"].paint(
                painting, QPointF(plot.left(), level), QPointF(plot.right(), level)
            )

    def _paint_no_check_ins(self, painting: Painting, plot: QRectF) -> None:
        message = self.tr("No check-ins yet")
        box = QRectF(0, 0, painting.width_of(message) + 16, painting.line + 8)
        box.moveCenter(plot.center())
        painting.pen(painting.colours.grid, 0.8)
        painting.painter.setBrush(QColor(painting.colours.background))
        painting.painter.drawRoundedRect(box, 4, 4)  # over the reference lines, legible
        painting.text(box, message, flags=Qt.AlignmentFlag.AlignCenter, elide=False)

    def _paint_check_ins(
        self,
        painting: Painting,
        data: TrendData,
        line: _Line,
        x: Callable[[date], float],
        y: Callable[[float], float],
    ) -> None:
        """The check-ins as a line (a step for a milestone: done from the day it was done),
        a dot each, and each dot's date and value as its tooltip."""
        points = [QPointF(x(day), y(value)) for day, value in data.points]
        polyline = points
        if data.kind is KeyResultKind.MILESTONE:
            polyline = [points[0]]
            for point in points[1:]:
                polyline += [QPointF(point.x(), polyline[-1].y()), point]
        painting.pen(line.colour, line.width, line.style)
        painting.painter.drawPolyline(QPolygonF(polyline))
        painting.painter.setPen(Qt.PenStyle.NoPen)
        painting.painter.setBrush(QColor(line.colour))
        for point, (day, value) in zip(points, data.points, strict=True):
            painting.painter.drawEllipse(point, 3.5, 3.5)
            painting.region(
                QRectF(point.x() - 6, point.y() - 6, 12, 12),
                f"{format_date(day)}: {self.value_label(value)}",
            )

    def _lines(self, data: TrendData, painting: Painting) -> dict[str, _Line]:
        """The lines drawn, in the legend's order (the check-ins first: what a person came
        to see)."""
        milestone = data.kind is KeyResultKind.MILESTONE
        metric = data.kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE)
        dark = QColor(painting.colours.background).lightnessF() < 0.5
        lines: dict[str, _Line] = {}
        if data.points:
            lines["check_ins"] = _Line(
                self.tr("Check-ins"), CHECK_INS[dark], Qt.PenStyle.SolidLine, 2
            )
        if data.target is not None or milestone:
            if milestone:
                label = self.tr("Target: done")
            else:
                value = format_number(self._target(data), data.unit)
                if data.direction is not None:
                    value = SIGNS[data.direction] + value
                label = self.tr("Target {v}").format(v=value)
            lines["target"] = _Line(label, TARGET, Qt.PenStyle.DashLine, 1.3)
        if metric and data.start is not None and data.target is not None:
            start = self.tr("Start {v}").format(v=format_number(data.start, data.unit))
            muted = painting.colours.muted
            lines["start"] = _Line(start, muted, Qt.PenStyle.DashDotLine, 1)  # unlike today's
            lines["pace"] = _Line(self.tr("Expected pace"), EXPECTED, Qt.PenStyle.DotLine, 1.6)
        if data.period_start <= data.today <= data.period_end:
            lines["today"] = _Line(self.tr("Today"), TODAY, Qt.PenStyle.DashLine, 1.2)
        return lines

    @staticmethod
    def _target(data: TrendData) -> float:
        return 1.0 if data.kind is KeyResultKind.MILESTONE else float(data.target or 0)

    def _value_range(self, data: TrendData) -> tuple[float, float, list[float]]:
        """The value axis: its lowest and highest values and its ticks."""
        if data.kind is KeyResultKind.MILESTONE:
            return (*MILESTONE_RANGE, [0.0, 1.0])
        values = [v for _, v in data.points] + [
            v for v in (data.start, data.target) if v is not None
        ]
        if not values:
            return 0.0, 1.0, [0.0, 1.0]
        low, high = min(values), max(values)
        pad = (high - low) * 0.12 or abs(high) * 0.1 or 1.0
        # Room around the values, but no negative axis for values that cannot be negative.
        bottom = max(low - pad, 0.0) if low >= 0 else low - pad
        ticks = nice_range(bottom, high + pad, 5)
        if ticks[-1] <= ticks[0]:  # nothing to tell apart: a flat band around the value
            return low - 1.0, high + 1.0, [low]
        return ticks[0], ticks[-1], ticks
