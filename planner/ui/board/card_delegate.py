"""Painting a team card: name, type and head-count, skill chips, what is missing, progress.

One delegate paints every card of a column (no widget per card), so a board of hundreds of
teams costs only the cards in sight.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from planner.domain.progress import format_progress
from planner.services.topology import TeamCard
from planner.ui.board.bars import paint_grade_bar, warning_colour
from planner.ui.board.card_model import CardListModel, missing_text, people_text
from planner.ui.progress_delegate import BAR_HEIGHT, GAP, WIDEST_TEXT
from planner.ui.texts import topology_name

MARGIN_X = 8  # around each card, inside its row: the lane shows between cards
MARGIN_Y = 4
PADDING = 10
STRIPE = 5  # the team's colour along the card's left edge
RADIUS = 6
CHIP_LINES = 2  # chips wrap onto at most two lines; more show as "+N"
CHIP_PADDING = 6
CHIP_GAP = 4
SMALL = 0.86  # chip text size relative to the card's


def _tr(text: str) -> str:
    return QCoreApplication.translate("Board", text)


@dataclass(frozen=True)
class Chip:
    rect: QRect
    text: str
    missing: bool
    tooltip: str


def small_font(font: QFont) -> QFont:
    small = QFont(font)
    if font.pointSizeF() > 0:
        small.setPointSizeF(font.pointSizeF() * SMALL)
    else:
        small.setPixelSize(max(8, round(font.pixelSize() * SMALL)))
    return small


def bold_font(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def card_height(font: QFont) -> int:
    """Every card is this tall, so the column lays out uniform rows (fast with many cards)."""
    metrics = QFontMetrics(font)
    bold = QFontMetrics(bold_font(font))
    chip = QFontMetrics(small_font(font)).height() + 4
    body = (
        bold.height()
        + 2
        + metrics.height()  # type · head-count
        + 8
        + CHIP_LINES * chip
        + (CHIP_LINES - 1) * CHIP_GAP
        + 8
        + metrics.height()  # missing
        + 6
        + metrics.height()  # progress
    )
    return body + 2 * PADDING + 2 * MARGIN_Y


def card_rect(item: QRect) -> QRect:
    return item.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)


def content_rect(item: QRect) -> QRect:
    return card_rect(item).adjusted(PADDING + STRIPE, PADDING, -PADDING, -PADDING)


def chips_top(font: QFont, item: QRect) -> int:
    metrics = QFontMetrics(font)
    bold = QFontMetrics(bold_font(font))
    return content_rect(item).top() + bold.height() + 2 + metrics.height() + 8


def layout_chips(card: TeamCard, font: QFont, item: QRect) -> tuple[list[Chip], int]:
    """Where each chip goes on a card in ``item``; and how many did not fit.

    Missing chips come first: they are what a leader must see, so they never end up hidden
    behind "+N".
    """
    metrics = QFontMetrics(small_font(font))
    height = metrics.height() + 4
    area = content_rect(item)
    wanted = [(name, True) for name in card.missing] + [(name, False) for name in card.disciplines]
    chips: list[Chip] = []
    x, line = area.left(), 0
    y = chips_top(font, item)
    more = "+99"
    reserve = metrics.horizontalAdvance(more) + 2 * CHIP_PADDING + CHIP_GAP
    for position, (name, missing) in enumerate(wanted):
        width = min(metrics.horizontalAdvance(name) + 2 * CHIP_PADDING, area.width())
        # On the last line keep room for the "+N" chip unless this is the last chip.
        last_line = line == CHIP_LINES - 1
        limit = area.right() + 1 - (reserve if last_line and position < len(wanted) - 1 else 0)
        if x + width > limit and x > area.left():
            line += 1
            if line >= CHIP_LINES:
                return chips, len(wanted) - position
            x = area.left()
            y += height + CHIP_GAP
        tooltip = (
            _tr("{name}: missing. A required skill nobody in the team has.").format(name=name)
            if missing
            else _tr("{name}: someone in the team has these skills.").format(name=name)
        )
        chips.append(Chip(QRect(x, y, width, height), name, missing, tooltip))
        x += width + CHIP_GAP
    return chips, 0


class CardDelegate(QStyledItemDelegate):
    """Paints a :class:`TeamCard` (the model's CardRole) as a card filling its row."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # The width is the view's (a list in ListMode stretches rows to the viewport).
        return QSize(160, card_height(option.font))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        card = index.data(CardListModel.CardRole)
        if not isinstance(card, TeamCard):
            return
        palette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        rect = card_rect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        shape = QPainterPath()
        shape.addRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), RADIUS, RADIUS)
        painter.fillPath(shape, palette.base())
        if selected:
            tint = QColor(palette.highlight().color())
            tint.setAlpha(28)
            painter.fillPath(shape, tint)
        painter.save()
        painter.setClipPath(shape)
        stripe = QColor(card.color) if card.color else palette.mid().color()
        painter.fillRect(QRect(rect.left(), rect.top(), STRIPE, rect.height()), stripe)
        painter.restore()
        border = palette.highlight().color() if selected else palette.mid().color()
        if hovered and not selected:
            border = palette.dark().color()
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(shape)

        font = QFont(option.font)
        metrics = QFontMetrics(font)
        area = content_rect(option.rect)
        text = palette.text().color()
        muted = palette.placeholderText().color()
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

        bold = bold_font(font)
        bold_metrics = QFontMetrics(bold)
        y = area.top()
        # The head-count sits right of the name, where a leader's eye checks team size; the
        # name gives way (elided) before the number does.
        people = people_text(card.headcount)
        people_width = metrics.horizontalAdvance(people)
        line = QRect(area.left(), y, area.width(), bold_metrics.height())
        painter.setFont(font)
        painter.setPen(muted)
        painter.drawText(line, right, people)
        painter.setFont(bold)
        painter.setPen(text)
        room = max(0, area.width() - people_width - GAP)
        name = bold_metrics.elidedText(card.name, Qt.TextElideMode.ElideRight, room)
        painter.drawText(line, left, name)
        y += bold_metrics.height() + 2

        painter.setFont(font)
        painter.setPen(muted)
        kind = metrics.elidedText(
            topology_name(card.topology), Qt.TextElideMode.ElideRight, area.width()
        )
        painter.drawText(QRect(area.left(), y, area.width(), metrics.height()), left, kind)

        warning = warning_colour(palette)
        chips, hidden = layout_chips(card, font, option.rect)
        self._paint_chips(painter, chips, hidden, font, palette.text().color(), warning, option)

        y = (
            chips_top(font, option.rect)
            + CHIP_LINES * (QFontMetrics(small_font(font)).height() + 4)
            + (CHIP_LINES - 1) * CHIP_GAP
            + 8
        )
        line = QRect(area.left(), y, area.width(), metrics.height())
        if card.missing:
            # Words, not just red: "Missing: Data" reads in any colour vision and in print.
            painter.setFont(bold)
            painter.setPen(warning)
            painter.drawText(
                line,
                left,
                bold_metrics.elidedText(
                    missing_text(card), Qt.TextElideMode.ElideRight, area.width()
                ),
            )
        else:
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(line, left, _tr("All required skills covered"))
        y += metrics.height() + 6

        painter.setFont(font)
        line = QRect(area.left(), y, area.width(), metrics.height())
        value_text = format_progress(card.progress)
        if card.progress is None:
            painter.setPen(muted)
            painter.drawText(line, left, _tr("No OKRs in this period"))
            painter.drawText(line, right, value_text)
        else:
            reserved = metrics.horizontalAdvance(WIDEST_TEXT)
            bar = QRect(
                area.left(),
                line.center().y() - BAR_HEIGHT // 2 + 1,
                max(0, area.width() - reserved - GAP),
                BAR_HEIGHT,
            )
            paint_grade_bar(painter, bar, card.progress, palette)
            painter.setPen(text)
            painter.drawText(line, right, value_text)

        painter.restore()

    def _paint_chips(
        self,
        painter: QPainter,
        chips: list[Chip],
        hidden: int,
        font: QFont,
        text: QColor,
        warning: QColor,
        option: QStyleOptionViewItem,
    ) -> None:
        small = small_font(font)
        centred = Qt.AlignmentFlag.AlignCenter
        fill = QColor(option.palette.mid().color())
        fill.setAlpha(45)
        for chip in chips:
            box = QRectF(chip.rect).adjusted(0.5, 0.5, -0.5, -0.5)
            if chip.missing:
                # Outlined, dashed and struck through: "not there" without relying on red.
                painter.setPen(QPen(warning, 1.2, Qt.PenStyle.DashLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                struck = QFont(small)
                struck.setStrikeOut(True)
                painter.drawRoundedRect(box, 4, 4)
                painter.setFont(struck)
                painter.setPen(warning)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(fill)
                painter.drawRoundedRect(box, 4, 4)
                painter.setFont(small)
                painter.setPen(text)
            painter.drawText(chip.rect, centred, chip.text)
        if hidden and chips:
            metrics = QFontMetrics(small)
            label = _tr("+{count}").format(count=hidden)
            last = chips[-1].rect
            width = metrics.horizontalAdvance(label) + 2 * CHIP_PADDING
            rect = QRect(last.right() + 1 + CHIP_GAP, last.top(), width, last.height())
            painter.setFont(small)
            painter.setPen(option.palette.placeholderText().color())
            painter.drawText(rect, centred, label)

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        # A chip explains itself ("Data: missing …"); elsewhere the card's own tooltip shows.
        if event is not None and event.type() == QEvent.Type.ToolTip and index.isValid():
            card = index.data(CardListModel.CardRole)
            if isinstance(card, TeamCard):
                chips, _hidden = layout_chips(card, option.font, option.rect)
                for chip in chips:
                    if chip.rect.contains(event.pos()):
                        QToolTip.showText(event.globalPos(), chip.tooltip, view, chip.rect)
                        return True
        return super().helpEvent(event, view, option, index)
