"""Key-result trends: small multiples of progress over the period against the steady pace."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from planner.domain.progress import format_progress, grade_band
from planner.report.figures import BAND_COLOURS, EXPECTED, TODAY, KeyResultTrend, Trends, trend_grid
from planner.ui.chart import RIGHT, Chart, Painting
from planner.ui.chart_scale import month_starts
from planner.ui.texts import format_date

LOWEST, HIGHEST = -0.05, 1.2  # the value axis: a little room under 0 % and over 100 %
CLAMP = 1.15  # a key result far past its target is drawn at the top, its label says how far
COLUMN_GAP = 14
ROW_GAP = 8


class TrendsChart(Chart):
    """One small chart per key result: its check-ins as a line in the grade band's colour of
    its latest value, the steady pace dotted (0 % on the first day, 100 % on the last), today
    as a dashed line. Those furthest behind the pace come first; a note says how many more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trends: Trends | None = None
        # The key results drawn, how many are left out, the columns and rows of charts.
        self._grid: tuple[list[KeyResultTrend], int, int, int] = ([], 0, 1, 1)
        self.empty_text = ""

    def set_trends(
        self, trends: Trends | None, max_panels: int, columns: int | None, empty_text: str
    ) -> None:
        self._trends = trends
        # Chosen once, not at every paint: a large plan sorts thousands of key results.
        self._grid = trend_grid(trends, max_panels, columns) if trends else ([], 0, 1, 1)
        self.empty_text = empty_text
        self.changed()

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        trends = self._trends
        chosen, left_out, columns, rows = self._grid
        if trends is None or not chosen:
            painting.empty(rect, self.empty_text)
            return
        line = painting.line
        value_width = painting.width_of("100 %") + 6
        note_height = line + 4 if left_out else 0.0
        axis_height = line + 4
        cell_width = (rect.width() - value_width - (columns - 1) * COLUMN_GAP) / columns
        cell_height = (rect.height() - note_height - axis_height - (rows - 1) * ROW_GAP) / rows
        for index, trend in enumerate(chosen):
            row, column = divmod(index, columns)
            cell = QRectF(
                rect.left() + value_width + column * (cell_width + COLUMN_GAP),
                rect.top() + row * (cell_height + ROW_GAP),
                cell_width,
                cell_height,
            )
            plot = _paint_titles(painting, trend, cell)
            _paint_frame(painting, trends, plot, value_width if column == 0 else 0.0)
            if row == rows - 1 or index + columns >= len(chosen):
                painting.axis(
                    [
                        (_x(trends, plot, day), format_date(day, "MMM"))
                        for day in month_starts(trends.period_start, trends.period_end)
                    ],
                    None,
                    plot.bottom() + 3,
                    cell,
                    colour=painting.colours.muted,
                )
            _paint_line(painting, trends, trend, plot, cell)
        if left_out:
            if left_out == 1:
                note = self.tr("+1 more key result closer to its pace")
            else:
                note = self.tr("+{count} more key results closer to their pace")
            painting.text(
                QRectF(rect.left(), rect.bottom() - note_height, rect.width(), note_height),
                note.format(count=left_out),
                flags=Qt.AlignmentFlag.AlignCenter,
                colour=painting.colours.muted,
            )


def _paint_titles(painting: Painting, trend: KeyResultTrend, cell: QRectF) -> QRectF:
    """The key result's title and team over its chart; returns the room left to plot."""
    line = painting.line
    painting.text(QRectF(cell.left(), cell.top(), cell.width(), line), trend.title)
    if trend.team:
        painting.text(
            QRectF(cell.left(), cell.top() + line, cell.width(), line),
            trend.team,
            colour=painting.colours.muted,
        )
    top = cell.top() + 2 * line + 4
    # The last value's label needs room right of the line's end, and the months under it.
    label = painting.width_of("100 %", painting.bold) + 8
    bottom = cell.bottom() - (line + 4 if cell.height() > 4 * line else 0)
    return QRectF(cell.left(), top, max(cell.width() - label, 10.0), max(bottom - top, 4.0))


def _x(trends: Trends, plot: QRectF, day: date) -> float:
    span = max((trends.period_end - trends.period_start).days, 1)
    return plot.left() + plot.width() * (day - trends.period_start).days / span


def _y(plot: QRectF, value: float) -> float:
    return plot.bottom() - plot.height() * (value - LOWEST) / (HIGHEST - LOWEST)


def _paint_frame(painting: Painting, trends: Trends, plot: QRectF, value_width: float) -> None:
    """The 0 % and 100 % lines (labelled in ``value_width`` left of the plot, if any), the
    steady pace and today."""
    painter = painting.painter
    line = painting.line
    for value in (0.0, 1.0):
        y = _y(plot, value)
        painting.pen(painting.colours.grid, 0.8)
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        if value_width:
            painting.text(
                QRectF(plot.left() - value_width, y - line / 2, value_width - 4, line),
                format_progress(value),
                flags=RIGHT,
                elide=False,
            )
    painting.pen(painting.colours.grid, 0.8)
    painter.drawLine(QLineF(plot.left(), plot.top(), plot.left(), plot.bottom()))
    painting.pen(EXPECTED, 1.4, Qt.PenStyle.DotLine)
    end = _x(trends, plot, trends.period_end)
    painter.drawLine(QLineF(plot.left(), _y(plot, 0.0), end, _y(plot, 1.0)))
    if trends.period_start <= trends.today <= trends.period_end:
        x = _x(trends, plot, trends.today)
        painting.pen(TODAY, 0.8, Qt.PenStyle.DashLine)
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))


def _paint_line(
    painting: Painting, trends: Trends, trend: KeyResultTrend, plot: QRectF, cell: QRectF
) -> None:
    """The check-ins as a line with a dot each, and the latest value in bold at its end
    (kept inside the key result's cell)."""
    painter = painting.painter
    latest = trend.latest or 0.0
    colour = QColor(BAND_COLOURS[grade_band(min(max(latest, 0.0), 1.0))])
    points = [
        QPointF(_x(trends, plot, day), _y(plot, min(max(value, 0.0), CLAMP)))
        for day, value in trend.points
    ]
    painter.save()
    painter.setClipRect(plot.adjusted(-4, -4, 4, 4))
    painter.setPen(QPen(colour, 2.0))
    painter.drawPolyline(QPolygonF(points))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    shown = plot.adjusted(-4, -4, 4, 4)
    for point, (day, value) in zip(points, trend.points, strict=True):
        if not shown.contains(point):
            continue  # a check-in dated outside the period, clipped away
        painter.drawEllipse(point, 2.5, 2.5)
        painting.region(
            QRectF(point.x() - 5, point.y() - 5, 10, 10),
            f"{trend.title}\n{format_date(day)}: {format_progress(value)}",
        )
    painter.restore()
    bold = painting.bold
    label = format_progress(latest)
    width = painting.width_of(label, bold) + 4
    height = painting.line
    end = points[-1]
    left = min(max(end.x() + 5, cell.left()), cell.right() - width)
    top = min(max(end.y() - height / 2, plot.top() - height / 2), plot.bottom() - height / 2)
    painting.text(QRectF(left, top, width, height), label, font=bold, elide=False)
