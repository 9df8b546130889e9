"""Progress cells that also tell over-achievement and regression: "100 % (120 %)".

The app's :class:`ProgressDelegate` draws the clamped percentage with its bar; this one keeps
that, and shows the raw percentage in brackets in a strip to the right that every row of the
column shares. The bars and the clamped numbers so stay lined up down the column, and a 120 %
stands out instead of shifting its row's bar.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QWidget

from planner.ui.okr import formatting as fmt
from planner.ui.progress_delegate import GAP, ProgressDelegate

AnyIndex = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class RawProgressDelegate(ProgressDelegate):
    """``role``: the raw fraction (for the bar); ``clamped_role`` / ``raw_role``: the two texts
    ("100 %" and "(120 %)", the latter empty within 0–100 %)."""

    def __init__(
        self, role: int, clamped_role: int, raw_role: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(role, parent)
        self._clamped_role = clamped_role
        self._raw_role = raw_role
        self._raw_texts: frozenset[str] = frozenset()
        self._strip_widths: dict[str, int] = {}  # by the font's key

    def set_raw_texts(self, texts: Iterable[str]) -> bool:
        """The bracketed texts the column shows; the strip is as wide as the widest drawn
        (none: no strip, and the column is as narrow as the app's other progress columns).
        True when the strip's width changed, and with it the width every cell asks for."""
        raw = frozenset(t for t in texts if t)
        if raw == self._raw_texts:
            return False
        view = self.parent()
        font = view.font() if isinstance(view, QWidget) else QFont()
        before = self._strip_width_in(font)
        self._raw_texts = raw
        self._strip_widths.clear()
        return self._strip_width_in(font) != before

    def _strip_width(self, option: QStyleOptionViewItem) -> int:
        # In the view's font on every row, bold objectives too, so the bars line up.
        return self._strip_width_in(
            option.widget.font() if option.widget is not None else option.font
        )

    def _strip_width_in(self, font: QFont) -> int:
        if not self._raw_texts:
            return 0
        key = font.key()
        width = self._strip_widths.get(key)
        if width is None:
            metrics = QFontMetrics(font)
            width = max(metrics.horizontalAdvance(text) for text in self._raw_texts) + GAP // 2
            self._strip_widths[key] = width
        return width

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        clamped = index.data(self._clamped_role)
        if isinstance(clamped, str) and clamped:
            option.text = clamped  # the bracketed part is painted in its own strip

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        strip = self._strip_width(option)
        if not strip:
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The cell's background, selection and focus over its whole width, without text...
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        whole.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, whole, painter, widget)
        # ...then the clamped percentage and its bar, left of the strip...
        narrow = QStyleOptionViewItem(option)
        narrow.rect = option.rect.adjusted(0, 0, -strip, 0)
        narrow.state &= ~QStyle.StateFlag.State_HasFocus
        super().paint(painter, narrow, index)
        # ...and the raw percentage in the strip.
        raw = index.data(self._raw_role)
        if not isinstance(raw, str) or not raw:
            return
        value = index.data(self._role)
        regressed = isinstance(value, int | float) and value < 0
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            colour = option.palette.color(QPalette.ColorRole.HighlightedText)
        else:
            colour = fmt.status_colour(not regressed, option.palette)
        area = QRect(option.rect)
        area.setLeft(option.rect.right() - strip)
        area.setRight(option.rect.right() - 2)
        painter.save()
        painter.setFont(whole.font)
        painter.setPen(colour)
        painter.drawText(
            area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), raw
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self._strip_width(option), size.height())
