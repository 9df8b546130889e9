"""Skills by team: head-count per team and discipline, shaded by count, gaps marked."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QWidget

from planner.report.figures import MISSING, SkillsGrid
from planner.ui.chart import Chart, Painting

SLANT_DEGREES = 30  # the discipline names over the grid, when more than a few
UPRIGHT_UP_TO = 4  # disciplines whose names fit upright
MOST_CELL_LINES = (6.0, 2.0)  # a cell's most width and height, in lines of text
GAP = 2.0  # between cells


class SkillsChart(Chart):
    """Teams (rows) × disciplines (columns), each cell's head-count written in it.

    A required discipline a team lacks is a red "×" on a hatched cell, so it shows without
    colour; a "*" after a discipline's name marks it required.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: SkillsGrid | None = None
        self.empty_text = ""

    def set_grid(self, grid: SkillsGrid | None, empty_text: str) -> None:
        self._grid = grid
        self.empty_text = empty_text
        self.changed()

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        grid = self._grid
        if grid is None or not grid.teams or not grid.disciplines:
            painting.empty(rect, self.empty_text)
            return
        metrics = painting.metrics()
        line = metrics.height()
        headers = [
            name + (" *" if required else "")
            for name, required in zip(grid.disciplines, grid.required, strict=True)
        ]
        widths = [metrics.horizontalAdvance(header) for header in headers]
        slanted = len(headers) > UPRIGHT_UP_TO
        angle = math.radians(SLANT_DEGREES)
        label_width = min(
            max(metrics.horizontalAdvance(t) for t in grid.teams) + 10, rect.width() * 0.35
        )
        left = rect.left() + label_width
        # The cells are as wide as fits, no wider than a few words; slanted names reach right
        # of their column, and the last must stay inside the chart.
        room = rect.right() - left
        cell_width = min(room / len(headers), MOST_CELL_LINES[0] * line)
        if slanted:
            # Name d starts over the middle of column d: (d + ½) cells + its reach ≤ room.
            for index, width in enumerate(widths):
                reach = width * math.cos(angle) + 4
                cell_width = min(cell_width, (room - reach) / (index + 0.5))
        cell_width = max(cell_width, 1.6 * line)
        header_height = (
            max(widths) * math.sin(angle) + line * math.cos(angle) + 4 if slanted else line + 4
        )
        note_height = line + 6
        top = rect.top() + header_height
        cell_height = min(
            (rect.bottom() - note_height - top) / len(grid.teams), MOST_CELL_LINES[1] * line
        )
        self._paint_headers(painting, headers, left, top, cell_width, slanted, angle)
        highest = max((n for row in grid.counts for n in row), default=0) or 1
        for r, (team, counts) in enumerate(zip(grid.teams, grid.counts, strict=True)):
            y = top + r * cell_height
            painting.text(
                QRectF(rect.left(), y, label_width - 8, cell_height),
                team,
                flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            )
            for d, count in enumerate(counts):
                cell = QRectF(left + d * cell_width, y, cell_width, cell_height)
                missing = count == 0 and grid.required[d]
                _paint_cell(
                    painting,
                    cell.adjusted(GAP / 2, GAP / 2, -GAP / 2, -GAP / 2),
                    count,
                    count / highest,
                    missing,
                )
                painting.region(cell, _cell_tooltip(team, grid.disciplines[d], count, missing))
        bottom = top + len(grid.teams) * cell_height
        painting.text(
            QRectF(left, bottom + 4, rect.right() - left, line),
            self.tr("* required discipline   × required but nobody in the team"),
            colour=painting.colours.muted,
        )

    def _paint_headers(
        self,
        painting: Painting,
        headers: list[str],
        left: float,
        top: float,
        cell_width: float,
        slanted: bool,
        angle: float,
    ) -> None:
        """The discipline names over their columns: upright and centred when few, else
        slanted up from each column's middle."""
        painter = painting.painter
        line = painting.metrics().height()
        for index, header in enumerate(headers):
            x = left + index * cell_width
            if not slanted:
                painting.text(
                    QRectF(x, top - line - 4, cell_width, line),
                    header,
                    flags=Qt.AlignmentFlag.AlignCenter,
                )
                continue
            painter.save()
            painter.translate(QPointF(x + cell_width / 2, top - 4))
            painter.rotate(-SLANT_DEGREES)
            painting.text(QRectF(0, -line, 1000, line), header, elide=False)
            painter.restore()


def _paint_cell(painting: Painting, cell: QRectF, count: int, share: float, missing: bool) -> None:
    painter = painting.painter
    c = painting.colours
    bold = QFont(painting.font)
    bold.setBold(True)
    if missing:
        red = QColor(MISSING)
        painter.setPen(QPen(red, 1.2))
        painter.setBrush(QColor(c.background))
        painter.drawRect(cell)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(red, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(cell)
        bold.setPointSizeF(bold.pointSizeF() * 1.4)
        mark = QRectF(0, 0, painting.metrics(bold).height(), painting.metrics(bold).height())
        mark.moveCenter(cell.center())
        painter.setBrush(QColor(c.background))
        painter.drawRoundedRect(mark, 3, 3)
        painting.text(
            cell, "×", flags=Qt.AlignmentFlag.AlignCenter, colour=MISSING, font=bold, elide=False
        )
        return
    low, high = QColor(c.track), QColor(c.heat)
    fill = QColor(
        round(low.red() + (high.red() - low.red()) * share),
        round(low.green() + (high.green() - low.green()) * share),
        round(low.blue() + (high.blue() - low.blue()) * share),
    )
    painter.fillRect(cell, fill)
    # Light text on dark cells: the fill's luminance decides.
    luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF()
    painting.text(
        cell,
        str(count) if count else "·",
        flags=Qt.AlignmentFlag.AlignCenter,
        colour="#ffffff" if luminance < 0.5 else "#1a1a1a",
        font=bold,
        elide=False,
    )


def _cell_tooltip(team: str, discipline: str, count: int, missing: bool) -> str:
    if missing:
        return f"{team} · {discipline}: required, but nobody in the team"
    people = "1 person" if count == 1 else f"{count} people"
    return f"{team} · {discipline}: {people}"
