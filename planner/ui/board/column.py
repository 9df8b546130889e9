"""One column of the board: the stage's header (name, team count, progress) over its cards."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.domain.progress import format_progress
from planner.services.topology import StageColumn
from planner.ui.board.bars import GradeBar
from planner.ui.board.card_delegate import CardDelegate, card_height
from planner.ui.board.card_model import CardListModel
from planner.ui.widgets import Hint, scaled_font

COLUMN_MIN_WIDTH = 210
COLUMN_MAX_WIDTH = 340


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when too narrow, instead of widening its column."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._full = ""

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        super().setText(shown)


class CardListView(QListView):
    """A column's cards. Left/Right ask for the neighbouring column (``step_requested``); an
    empty column says so in words and still takes drops."""

    step_requested = Signal(int)
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = ""
        self.setObjectName("boardCards")
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        # Every card is as tall as the next: the view lays out 40 cards without asking each.
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)  # hovered cards get a darker border
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        # The lane shows between the cards, which paint themselves in the Base colour.
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.setItemDelegate(CardDelegate(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            # Enter opens the card on every platform (macOS item views would try to edit).
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            area = QRect(self.viewport().rect()).adjusted(16, 24, -16, -16)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            painter.drawText(area, int(flags) | Qt.TextFlag.TextWordWrap, self.placeholder)
            painter.end()

    def sizeHint(self) -> QSize:
        return QSize(COLUMN_MIN_WIDTH, card_height(self.font()) * 3)


class StageColumnWidget(QFrame):
    """A stage: its name, "N teams", progress with a grade-coloured bar, then its cards."""

    def __init__(self, stage_id: uuid.UUID, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardColumn")
        self.stage_id = stage_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.setMaximumWidth(COLUMN_MAX_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.setAutoFillBackground(True)

        self.name = ElidedLabel(self)
        self.name.setFont(scaled_font(self, 1.1, bold=True))
        self.progress = QLabel(self)
        self.progress.setFont(scaled_font(self, 1.1, bold=True))
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count = Hint(parent=self)
        self.count.setWordWrap(False)
        self.bar = GradeBar(self)

        self.model = CardListModel(stage_id, self)
        self.view = CardListView(self)
        self.view.setModel(self.model)

        first = QHBoxLayout()
        first.setSpacing(8)
        first.addWidget(self.name, 1)
        first.addWidget(self.progress)
        second = QHBoxLayout()
        second.setSpacing(10)
        second.addWidget(self.count)
        second.addWidget(self.bar, 1)
        header = QVBoxLayout()
        header.setContentsMargins(14, 12, 14, 8)
        header.setSpacing(4)
        header.addLayout(first)
        header.addLayout(second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

    def set_column(
        self, column: StageColumn, period_name: str | None, editable: bool = True
    ) -> None:
        count = len(column.teams)
        teams = self.tr("1 team") if count == 1 else self.tr("{count} teams").format(count=count)
        self.name.setText(column.name)
        self.count.setText(teams)
        self.progress.setText(format_progress(column.progress))
        self.bar.set_value(column.progress)
        self.bar.setVisible(column.progress is not None)
        progress = format_progress(column.progress)
        if period_name:
            tip = self.tr("Stage {name}: {teams}, progress in {period} {progress}")
        else:
            tip = self.tr("Stage {name}: {teams}, progress {progress}")
        self.setToolTip(
            tip.format(name=column.name, teams=teams, period=period_name, progress=progress)
        )
        self.view.placeholder = (
            self.tr(
                "No teams in this stage yet.\nDrag a card here, or add a team in the navigator."
            )
            if editable
            else self.tr("No teams in this stage.")
        )
        self.model.update_rows(column.teams)
        self.view.viewport().update()

    def header_text(self) -> str:
        """What the header says, as one line (for tests and screen readers)."""
        return f"{self.name.full_text()} · {self.count.text()} · {self.progress.text()}"
