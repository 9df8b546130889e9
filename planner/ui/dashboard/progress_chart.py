"""Progress by stage and team: a bar per team under its stage's name and roll-up."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QWidget

from planner.domain.progress import format_progress, grade_band
from planner.report.figures import BAND_COLOURS, StageProgress
from planner.ui.chart import Chart, Painting

QUARTERS = (0.0, 0.25, 0.5, 0.75, 1.0)
BAR_SHARE = 0.62  # of a row's height
MOST_PITCH_LINES = 2.0  # rows no further apart than this, however tall the panel


class ProgressChart(Chart):
    """One row per stage (its name and roll-up, in bold) followed by a bar per team.

    Bars take the grade band's colour and carry their percentage, so the chart reads without
    colour too; a team with nothing to measure shows "—". ``clicked(row)``: the row (in the
    order given, stages included) of the team whose bar was clicked.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stages: Sequence[StageProgress] = ()
        self.empty_text = ""

    def set_stages(self, stages: Sequence[StageProgress], empty_text: str) -> None:
        self._stages = tuple(stages)
        self.empty_text = empty_text
        self.changed()

    def paint_chart(self, painting: Painting, rect: QRectF) -> None:
        stages = self._stages
        if not any(stage.teams for stage in stages):
            painting.empty(rect, self.empty_text)
            return
        metrics = painting.metrics()
        line = metrics.height()
        bold = QFont(painting.font)
        bold.setBold(True)
        rows = sum(1 + len(stage.teams) for stage in stages)
        axis_height = line + 6
        pitch = min((rect.height() - axis_height - 4) / rows, MOST_PITCH_LINES * line)
        names = [team.name for stage in stages for team in stage.teams]
        label_width = min(
            max(metrics.horizontalAdvance(name) for name in names) + 10, rect.width() * 0.4
        )
        value_width = metrics.horizontalAdvance("100 %") + 8
        left = rect.left() + label_width
        right = rect.right() - value_width
        width = max(right - left, 1.0)
        top = rect.top() + 2
        bottom = top + rows * pitch
        painter = painting.painter
        c = painting.colours

        # The quarter lines behind the bars, with their labels under them.
        for share in QUARTERS:
            x = left + share * width
            painter.setPen(QPen(QColor(c.grid), 0.8))  # text() leaves the ink's pen
            painter.drawLine(QLineF(x, top, x, bottom))
            label = f"{round(share * 100)} %"
            tick = metrics.horizontalAdvance(label)
            painting.text(
                QRectF(x - tick / 2 - 2, bottom + 4, tick + 4, line),
                label,
                flags=Qt.AlignmentFlag.AlignCenter,
                elide=False,
            )

        y = top
        row = 0
        for stage in stages:
            heading = f"{stage.name}  {format_progress(stage.progress)}"
            painting.text(QRectF(rect.left(), y, rect.width(), pitch), heading, font=bold)
            y += pitch
            row += 1
            for team in stage.teams:
                row_rect = QRectF(rect.left(), y, rect.width(), pitch)
                bars = QRectF(left, y, width, pitch)
                _paint_team(painting, team.name, team.progress, row, row_rect, bars)
                y += pitch
                row += 1


def _paint_team(
    painting: Painting,
    name: str,
    progress: float | None,
    row: int,
    row_rect: QRectF,
    bars: QRectF,
) -> None:
    """A team's row: its name right-aligned left of ``bars``, its bar, its value."""
    painter = painting.painter
    c = painting.colours
    painting.text(
        QRectF(row_rect.left(), row_rect.top(), bars.left() - row_rect.left() - 8, bars.height()),
        name,
        flags=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
    )
    bar_height = bars.height() * BAR_SHARE
    bar_top = bars.center().y() - bar_height / 2
    painter.fillRect(QRectF(bars.left(), bar_top, bars.width(), bar_height), QColor(c.track))
    shown = 0.0 if progress is None else min(max(progress, 0.0), 1.0)
    if progress is not None and shown > 0:
        painter.setPen(QPen(QColor(c.ink), 0.5))
        painter.setBrush(QColor(BAND_COLOURS[grade_band(shown)]))
        painter.drawRect(QRectF(bars.left(), bar_top, shown * bars.width(), bar_height))
    value = format_progress(progress)
    painting.text(
        QRectF(bars.left() + shown * bars.width() + 4, bars.top(), 80, bars.height()),
        value,
        elide=False,
    )
    painting.region(row_rect, f"{name} · {value}", row)
