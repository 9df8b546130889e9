"""Progress by stage and team: a bar per team under its stage's name and roll-up."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from planner.domain.progress import format_progress, grade_band
from planner.report.figures import BAND_COLOURS, StageProgress
from planner.ui.chart import BAR_SHARE, LABEL_GAP, Chart, Painting

QUARTERS = (0.0, 0.25, 0.5, 0.75, 1.0)
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
        line = painting.line
        rows = sum(1 + len(stage.teams) for stage in stages)
        axis_height = line + 6
        pitch = max(min((rect.height() - axis_height - 4) / rows, MOST_PITCH_LINES * line), 1.0)
        names = [team.name for stage in stages for team in stage.teams]
        label_width = painting.name_column(names, rect, 0.4)
        value_width = painting.width_of("100 %") + LABEL_GAP
        bars = QRectF(
            rect.left() + label_width,
            rect.top() + 2,
            max(rect.width() - label_width - value_width, 1.0),
            rows * pitch,
        )
        painting.axis(
            [(bars.left() + share * bars.width(), format_progress(share)) for share in QUARTERS],
            (bars.top(), bars.bottom()),
            bars.bottom() + 4,
            rect,
        )
        y = bars.top()
        row = 0
        for stage in stages:
            _paint_stage(painting, stage, QRectF(rect.left(), y, rect.width(), pitch))
            y += pitch
            row += 1
            for team in stage.teams:
                row_rect = QRectF(rect.left(), y, rect.width(), pitch)
                painting.row_name(row_rect, team.name, label_width)
                value = format_progress(team.progress)
                _paint_bar(painting, team.progress, QRectF(bars.left(), y, bars.width(), pitch))
                painting.region(row_rect, f"{team.name} · {value}", row)
                y += pitch
                row += 1


def _paint_stage(painting: Painting, stage: StageProgress, row: QRectF) -> None:
    """The stage's name in bold, shortened if need be, and its roll-up after it, whole."""
    bold = painting.bold
    value = format_progress(stage.progress)
    value_width = painting.width_of(value, bold) + 2
    name_width = min(painting.width_of(stage.name, bold) + 2, row.width() - value_width - 10)
    painting.text(
        QRectF(row.left(), row.top(), max(name_width, 0.0), row.height()), stage.name, font=bold
    )
    left = row.left() + max(name_width, 0.0) + 8
    painting.text(QRectF(left, row.top(), value_width, row.height()), value, font=bold, elide=False)


def _paint_bar(painting: Painting, progress: float | None, row: QRectF) -> None:
    """A team's bar in ``row``: the grey track, the filled part in its band's colour, and
    the value after the fill."""
    painter = painting.painter
    height = row.height() * BAR_SHARE
    top = row.center().y() - height / 2
    painter.fillRect(QRectF(row.left(), top, row.width(), height), QColor(painting.colours.track))
    shown = 0.0 if progress is None else min(max(progress, 0.0), 1.0)
    if progress is not None and shown > 0:
        painting.pen(painting.colours.ink, 0.5)
        painter.setBrush(QColor(BAND_COLOURS[grade_band(shown)]))
        painter.drawRect(QRectF(row.left(), top, shown * row.width(), height))
    value = format_progress(progress)
    left = row.left() + shown * row.width() + 4
    painting.text(
        QRectF(left, row.top(), painting.width_of(value) + 4, row.height()), value, elide=False
    )
