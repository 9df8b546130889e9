"""Progress bars coloured by grade band for places that are not table cells: cards, headers.

The colours and bar height are the progress delegate's, so a 70 % reads the same green on the
board as in the navigator.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from planner.domain.progress import grade_band
from planner.ui.progress_delegate import BAND_COLOURS, BAR_HEIGHT


def paint_grade_bar(painter: QPainter, rect: QRect, value: float | None, palette: QPalette) -> None:
    """A rounded track the width of ``rect``, filled to ``value`` (0-1, clamped) in its band's
    colour; just the track when there is no value yet."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    track = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Mid)
    track.setAlpha(70)
    painter.setBrush(track)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect, radius, radius)
    if value is not None:
        clamped = min(max(float(value), 0.0), 1.0)
        if clamped > 0:
            filled = QRect(rect)
            filled.setWidth(max(rect.height(), round(rect.width() * clamped)))
            painter.setBrush(BAND_COLOURS[grade_band(clamped)])
            painter.drawRoundedRect(filled, radius, radius)
    painter.restore()


class GradeBar(QWidget):
    """A thin bar widget showing one progress value (a stage's, in a column header)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, value: float | None) -> None:
        if value != self._value:
            self._value = value
            self.update()

    def value(self) -> float | None:
        return self._value

    def sizeHint(self) -> QSize:
        return QSize(60, BAR_HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(24, BAR_HEIGHT)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        top = (self.height() - BAR_HEIGHT) // 2
        paint_grade_bar(
            painter, QRect(0, top, self.width(), BAR_HEIGHT), self._value, self.palette()
        )
        painter.end()


def warning_colour(palette: QPalette) -> QColor:
    """A red for "missing" that keeps its contrast on light and on dark palettes."""
    dark_background = palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5
    return QColor("#FF8A80") if dark_background else QColor("#B3261E")
