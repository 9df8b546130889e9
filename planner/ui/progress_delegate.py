"""Progress cells: the percentage with a small bar coloured by grade band, readable at a glance."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

from planner.domain.progress import GradeBand, grade_band
from planner.ui.widgets import RoomyDelegate

BAR_WIDTH = 44
BAR_HEIGHT = 6
GAP = 8
WIDEST_TEXT = "100 %"

# Muted versions of the usual traffic-light colours: legible on light and dark palettes and
# not alarming for a normal mid-quarter 40 %.
BAND_COLOURS = {
    GradeBand.RED: QColor("#D0574F"),
    GradeBand.YELLOW: QColor("#B7831F"),
    GradeBand.GREEN: QColor("#3F9B63"),
}


class ProgressDelegate(RoomyDelegate):
    """Draws the cell's text right-aligned with a bar to its left filled to the progress.

    ``role`` is the model's role for the raw progress fraction (None: no bar, just "—").
    """

    def __init__(self, role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._role = role

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        value = index.data(self._role)
        if not isinstance(value, int | float):
            return
        # The bar sits at the same place in every row, left of room for the widest usual text
        # ("100 %"), so bars line up down a column whatever each row's number.
        margin = _text_margin(option.widget)
        # (QRect.right() is one pixel short of the rectangle's end: x + width - 1.)
        end = option.rect.x() + option.rect.width()
        right = end - margin - _reserved_text_width(option) - GAP
        top = option.rect.center().y() - BAR_HEIGHT // 2 + 1
        bar = QRect(right - BAR_WIDTH, top, BAR_WIDTH, BAR_HEIGHT)
        if bar.left() < option.rect.left() + margin:
            return  # too narrow for a bar: the number alone still reads
        clamped = min(max(float(value), 0.0), 1.0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        track = option.palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Mid)
        track.setAlpha(70)
        painter.setBrush(track)
        painter.drawRoundedRect(bar, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        if clamped > 0:
            filled = QRect(bar)
            filled.setWidth(max(BAR_HEIGHT, round(BAR_WIDTH * clamped)))
            painter.setBrush(BAND_COLOURS[grade_band(clamped)])
            painter.drawRoundedRect(filled, BAR_HEIGHT / 2, BAR_HEIGHT / 2)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        margin = _text_margin(option.widget)
        width = 2 * margin + _reserved_text_width(option) + GAP + BAR_WIDTH
        return QSize(max(size.width(), width), size.height())


# The most a title may widen a progress column, as a share of what its cells need.
LONGEST_TITLE = 1.3


def fit_progress_column(view: QAbstractItemView, column: int) -> None:
    """Give ``view``'s progress column the width its widest cell can need (a bar and "100 %"
    in bold) and its title, without measuring every row: a large plan's navigator has
    thousands, and sizing to contents measured each on every layout."""
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    if isinstance(view, QTreeView):
        header = view.header()
    if header is None:
        return
    cell = progress_cell_width(view)
    title = str(view.model().headerData(column, Qt.Orientation.Horizontal) or "")
    # The title's own padding (and room for a sort arrow) as the header draws it.
    titled = header.fontMetrics().horizontalAdvance(title) + 4 * _text_margin(view) + 12
    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
    # A long title (a period called "FY2027 H1 – Growth and retention push") is elided by
    # the header, not given the width: the names beside the figures need it more.
    header.resizeSection(column, max(cell, min(titled, round(cell * LONGEST_TITLE))))


def progress_cell_width(view: QWidget) -> int:
    """The width a progress cell of ``view`` needs: a bar and "100 %" in bold."""
    bold = QFont(view.font())
    bold.setBold(True)
    text = QFontMetrics(bold).horizontalAdvance(WIDEST_TEXT)
    return 2 * _text_margin(view) + text + GAP + BAR_WIDTH


def _reserved_text_width(option: QStyleOptionViewItem) -> int:
    return option.fontMetrics.horizontalAdvance(WIDEST_TEXT)


def _text_margin(widget: QWidget | None) -> int:
    style = widget.style() if widget is not None else QApplication.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
