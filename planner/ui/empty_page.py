"""What the window shows with no plan open: a friendly start, not a blank area."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from planner.ui.widgets import Heading, Hint, scaled_font

COLUMN_WIDTH = 520


class EmptyPage(QWidget):
    """Three ways in (new, open, sample) and the recently opened plans."""

    new_requested = Signal()
    open_requested = Signal()
    sample_requested = Signal()
    recent_requested = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyPage")
        title = Heading(self.tr("No plan is open"), level=1)
        intro = Hint(
            self.tr(
                "A plan holds the stages of your customer funnel, the teams working on each "
                "stage, and their objectives and key results, period by period."
            )
        )
        self.new_button = ChoiceButton(
            self.tr("New plan…"), self.tr("Start from the five funnel stages and this quarter")
        )
        self.open_button = ChoiceButton(
            self.tr("Open plan…"), self.tr("Open a plan file from your computer")
        )
        self.sample_button = ChoiceButton(
            self.tr("Open the sample plan"),
            self.tr("Explore a small product organisation with OKRs already under way"),
        )
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.sample_button.clicked.connect(self.sample_requested)

        self.recent_title = Heading(self.tr("Recent plans"))
        self._recent_box = QVBoxLayout()
        self._recent_box.setSpacing(0)

        column = QWidget(self)
        column.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(column)
        layout.setSpacing(8)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(12)
        for button in (self.new_button, self.open_button, self.sample_button):
            layout.addWidget(button)
        layout.addSpacing(12)
        layout.addWidget(self.recent_title)
        layout.addLayout(self._recent_box)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.set_recent([])

    def set_recent(self, paths: list[Path]) -> None:
        while self._recent_box.count():
            item = self._recent_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for path in paths:
            button = ChoiceButton(path.stem, str(path.parent))
            button.setToolTip(str(path))
            button.clicked.connect(
                lambda _checked=False, path=path: self.recent_requested.emit(path)
            )
            self._recent_box.addWidget(button)
        self.recent_title.setVisible(bool(paths))


class ChoiceButton(QPushButton):
    """A large, flat button with a bold title and a line explaining it.

    (QCommandLinkButton does the same but clips its description's last line with some fonts.)
    """

    def __init__(self, title: str, description: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setAccessibleDescription(description)
        self.setToolTip(description)
        self.title = QLabel(title)
        self.title.setFont(scaled_font(self, 1.1, bold=True))
        self.description = Hint(description)
        # Unwrapped: a wrapping label's height depends on its width, which a button's fixed
        # height cannot follow (the column is wide enough for one line).
        self.description.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for label in (self.title, self.description):
            # Clicks go to the button, not the labels on it.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(layout.sizeHint().height())
