"""Skills by team: head-count per team and discipline, shaded by count, gaps marked."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QWidget

from planner.report.figures import MISSING, SkillsGrid
from planner.ui.chart import Chart, Painting, scaled_font
from planner.ui.figure_style import mix

SLANT_DEGREES = (30, 60)  # the discipline names over the grid, when more than a few
UPRIGHT_UP_TO = 4  # disciplines whose names fit upright
MOST_CELL_LINES = (6.0, 2.0)  # a cell's most width and height, in lines of text
LEAST_CELL_LINES = 1.2  # a cell's least width: its number must fit
MOST_HEADER_LINES = 9.0  # a slanted name longer than this is shortened (whole as tooltip)
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
        line = painting.line
        headers = [
            name + (" *" if required else "")
            for name, required in zip(grid.disciplines, grid.required, strict=True)
        ]
        slanted = len(headers) > UPRIGHT_UP_TO
        label_width = painting.name_column(grid.teams, rect, 0.35)
        left = rect.left() + label_width
        # Slanted names stand up more steeply over narrow columns, or they run into each other.
        for degrees in SLANT_DEGREES:
            angle = math.radians(degrees)
            longest = min(MOST_HEADER_LINES * line, rect.height() * 0.3 / math.sin(angle))
            widths = [min(painting.width_of(header) + 2, longest) for header in headers]
            cell_width = self._cell_width(widths, rect.right() - left, line, angle, slanted)
            if cell_width >= line / math.tan(angle) * 1.2:
                break
        header_height = (
            max(widths) * math.sin(angle) + line * math.cos(angle) + 4 if slanted else line + 4
        )
        note_height = line + 6
        top = rect.top() + header_height
        cell_height = max(
            min((rect.bottom() - note_height - top) / len(grid.teams), MOST_CELL_LINES[1] * line),
            1.0,
        )
        self._paint_headers(
            painting, headers, widths, left, top, cell_width, degrees if slanted else None
        )
        highest = max((n for row in grid.counts for n in row), default=0) or 1
        for r, (team, counts) in enumerate(zip(grid.teams, grid.counts, strict=True)):
            row = QRectF(rect.left(), top + r * cell_height, rect.width(), cell_height)
            painting.row_name(row, team, label_width)
            for d, count in enumerate(counts):
                cell = QRectF(left + d * cell_width, row.top(), cell_width, cell_height)
                missing = count == 0 and grid.required[d]
                inner = cell.adjusted(GAP / 2, GAP / 2, -GAP / 2, -GAP / 2)
                _paint_cell(painting, inner, count, count / highest, missing)
                painting.region(cell, self._cell_tooltip(team, grid.disciplines[d], count, missing))
        bottom = top + len(grid.teams) * cell_height
        painting.text(
            QRectF(left, bottom + 4, rect.right() - left, line),
            self.tr("* required discipline   × required but nobody in the team"),
            colour=painting.colours.muted,
        )

    @staticmethod
    def _cell_width(
        widths: list[float], room: float, line: float, angle: float, slanted: bool
    ) -> float:
        """The cells are as wide as fits, no wider than a few words; slanted names reach
        right of their column, and the last must stay inside the chart."""
        cell_width = min(room / len(widths), MOST_CELL_LINES[0] * line)
        if slanted:
            # Name d starts over the middle of column d: (d + ½) cells + its reach ≤ room.
            for index, width in enumerate(widths):
                reach = width * math.cos(angle) + 4
                cell_width = min(cell_width, (room - reach) / (index + 0.5))
        return max(cell_width, LEAST_CELL_LINES * line)

    def _paint_headers(
        self,
        painting: Painting,
        headers: list[str],
        widths: list[float],
        left: float,
        top: float,
        cell_width: float,
        slant: float | None,
    ) -> None:
        """The discipline names over their columns: upright and centred when few, else
        slanted ``slant`` degrees up from each column's middle, shortened to ``widths``."""
        painter = painting.painter
        line = painting.line
        angle = math.radians(slant or 0.0)
        for index, (header, width) in enumerate(zip(headers, widths, strict=True)):
            x = left + index * cell_width
            if slant is None:
                painting.text(
                    QRectF(x, top - line - 4, cell_width, line),
                    header,
                    flags=Qt.AlignmentFlag.AlignCenter,
                )
                continue
            painter.save()
            painter.translate(QPointF(x + cell_width / 2, top - 4))
            painter.rotate(-slant)
            shown = painting.metrics().elidedText(header, Qt.TextElideMode.ElideRight, width)
            painting.text(QRectF(0, -line, width, line), shown, elide=False)
            painter.restore()
            # The tooltip's region: the slanted name's bounding box, in the chart's frame.
            reach = QRectF(
                x + cell_width / 2,
                top - 4 - width * math.sin(angle) - line,
                width * math.cos(angle),
                width * math.sin(angle) + line,
            )
            painting.region(reach, header)

    def _cell_tooltip(self, team: str, discipline: str, count: int, missing: bool) -> str:
        if missing:
            text = self.tr("{team} · {discipline}: required, but nobody in the team")
        elif count == 1:
            text = self.tr("{team} · {discipline}: 1 person")
        else:
            text = self.tr("{team} · {discipline}: {count} people")
        return text.format(team=team, discipline=discipline, count=count)


def _paint_cell(painting: Painting, cell: QRectF, count: int, share: float, missing: bool) -> None:
    painter = painting.painter
    c = painting.colours
    bold = painting.bold
    if missing:
        red = QColor(MISSING)
        painter.setPen(QPen(red, 1.2))
        painter.setBrush(QColor(c.background))
        painter.drawRect(cell)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(red, Qt.BrushStyle.BDiagPattern))
        painter.drawRect(cell)
        mark_font = scaled_font(bold, 1.4)
        size = min(painting.metrics(mark_font).height(), cell.height(), cell.width())
        mark = QRectF(0, 0, size, size)
        mark.moveCenter(cell.center())
        painter.setBrush(QColor(c.background))
        painter.drawRoundedRect(mark, 3, 3)
        painting.text(
            cell,
            "×",
            flags=Qt.AlignmentFlag.AlignCenter,
            colour=MISSING,
            font=mark_font,
            elide=False,
        )
        return
    fill = QColor(mix(QColor(c.track), QColor(c.heat), share))
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
