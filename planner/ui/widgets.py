"""Small building blocks the pages share: headings, hints, figures, fitted tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetricsF, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

PAGE_MARGIN = 24
SECTION_SPACING = 18
FIGURE_WIDTH = 120
LONGEST_FIGURE = 2.5  # times FIGURE_WIDTH: beyond, a caption wraps
ROW_PADDING = 5  # above and below the text of a row in lists, tables and trees


def row_height(widget: QWidget) -> int:
    """One height for every row of every item view, so lists, tables and trees line up."""
    return widget.fontMetrics().height() + 2 * ROW_PADDING


class RoomyDelegate(QStyledItemDelegate):
    """The standard delegate with rows of :func:`row_height`: denser rows are hard to scan."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        widget = option.widget
        minimum = row_height(widget) if widget is not None else size.height()
        return QSize(size.width(), max(size.height(), minimum))


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class Heading(QLabel):
    """A page title (level 1) or a section title (level 2)."""

    def __init__(self, text: str = "", level: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        # Titles show names people typed: "<b>Growth</b>" is a name, never markup.
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setFont(scaled_font(self, 1.6 if level == 1 else 1.15, bold=True))
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)


class Hint(QLabel):
    """Secondary text: explanations and empty states, in the palette's muted colour."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class Figure(QFrame):
    """A headline number with a caption under it, e.g. "46 %" / "Plan progress"."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—", self)
        self.value.setFont(scaled_font(self, 1.8, bold=True))
        self.caption = Hint(caption, self)  # wraps: "Progress in" a long period name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def sizeHint(self) -> QSize:
        # Figures side by side read as a row of equals: give short ones the same width. A
        # caption takes one line up to a limit ("Members · 5.2 full-time"); a longer one
        # ("Progress in" a long period's name) wraps within it.
        hint = super().sizeHint()
        margins = self.contentsMargins()
        layout = self.layout()
        inset = margins.left() + margins.right() + 2 * self.frameWidth() + 2
        if layout is not None:
            inset += layout.contentsMargins().left() + layout.contentsMargins().right()
        caption = self.caption.fontMetrics().horizontalAdvance(self.caption.text()) + inset
        width = max(hint.width(), FIGURE_WIDTH, min(caption, round(LONGEST_FIGURE * FIGURE_WIDTH)))
        return QSize(
            width, self.heightForWidth(width) if self.hasHeightForWidth() else hint.height()
        )

    def set_value(self, text: str, tooltip: str = "") -> None:
        self.value.setText(text)
        self.setToolTip(tooltip)


def scroll_page(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """Wrap a page so a small window scrolls it instead of squeezing or clipping it."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


def read_only_table(model: QAbstractItemModel, parent: QWidget | None = None) -> QTableView:
    """A table that shows every row (the page scrolls, not the table) and stretches column 0."""
    view = ReadOnlyTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(row_height(view))
    view.setItemDelegate(RoomyDelegate(view))
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setStretchLastSection(False)
    model.modelReset.connect(view.fit_to_rows)
    model.modelReset.connect(view.fit_columns)
    view.fit_columns()
    return view


class FittedTableView(QTableView):
    def fit_to_rows(self) -> None:
        fit_height(self, self.model().rowCount() if self.model() else 0)


class ReadOnlyTableView(FittedTableView):
    """Columns after the first as wide as their widest text.

    Every row is on show, so sizing to contents would measure every cell of a table with
    thousands of rows (a 2,000-team credit summary: 8,000 cells, half a second): each column
    measures only its longest texts instead, when the model is reset (the read-only models
    take new rows only that way) or the font changes.
    """

    def fit_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        columns = FittedColumns(self)
        for column in range(1, model.columnCount()):
            columns.fit(column, _plain_looks(model, column))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_columns()


# A cell as it is drawn: its text, its font (None: the view's), whether it has an icon, and
# how to reach its index (made only for the cells that are asked).
CellLook = tuple[str, QFont | None, bool, Callable[[], QModelIndex]]


def _plain_looks(model: QAbstractItemModel, column: int) -> Iterator[CellLook]:
    """A read-only table's cells in ``column``: plain text in the view's font, no icons (what
    its models show), each distinct text once; one call into the model per cell."""
    seen: set[str] = set()
    for row in range(model.rowCount()):
        text = model.index(row, column).data()
        text = "" if text is None else str(text)
        if text not in seen:
            seen.add(text)
            yield (text, None, False, partial(model.index, row, column))


# The widest text of each look (font key, icon or not): its advance and how to reach its cell.
_Widest = dict[tuple[str, bool], tuple[float, Callable[[], QModelIndex]]]


class FittedColumns:
    """A view's columns as wide as their widest cells, widened as cells change.

    :meth:`fit` sizes a column to all its cells (and its title); :meth:`widen` looks only at
    the cells that changed and widens the column when one is wider than any it was fitted
    to, never narrowing it: columns that jump back and forth as figures change are hard to
    read. Of each look a cell can have (its font, an icon or none), only the cell whose text
    is widest in that font asks the delegate: asking every cell (as sizing to contents does)
    is a Python call per cell and role. Text widths are fractional, as text is laid out ("54
    notes" and "57 notes" tie in whole pixels, yet the wider one would be cut short), and
    each look's widest is kept, so a check-in costs a few text measurements.
    """

    def __init__(self, view: QTreeView | QTableView) -> None:
        self.view = view
        self._widest: dict[int, dict[tuple[str, bool], float]] = {}
        self._fonts: dict[tuple[str, str], QFontMetricsF] = {}  # by the view's and cell's font

    def fit(self, column: int, cells: Iterable[CellLook]) -> None:
        widest = self._widest_by_look(cells)
        self._widest[column] = {look: advance for look, (advance, _) in widest.items()}
        header = self._header()
        header.resizeSection(column, max(header.sectionSizeHint(column), self._asked_width(widest)))

    def widen(self, column: int, cells: Iterable[CellLook]) -> None:
        """Widen ``column`` for ``cells``, changed since it was fitted (:meth:`fit` first)."""
        known = self._widest.setdefault(column, {})
        grown = {
            look: found
            for look, found in self._widest_by_look(cells).items()
            if found[0] > known.get(look, -1.0)
        }
        if not grown:
            return
        for look, (advance, _) in grown.items():
            known[look] = advance
        width = self._asked_width(grown)
        header = self._header()
        if width > header.sectionSize(column):
            header.resizeSection(column, width)

    def _header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def _widest_by_look(self, cells: Iterable[CellLook]) -> _Widest:
        base = self.view.font()
        base_key = base.key()
        widest: _Widest = {}
        for text, font, decorated, index in cells:
            font_key = font.key() if font is not None else ""
            metrics = self._fonts.get((base_key, font_key))
            if metrics is None:
                # What the delegate draws with: the cell's font over the view's.
                drawn = font.resolve(base) if font is not None else base
                metrics = self._fonts[(base_key, font_key)] = QFontMetricsF(drawn)
            advance = metrics.horizontalAdvance(text)
            look = (font_key, decorated)
            found = widest.get(look)
            if found is None or advance > found[0]:
                widest[look] = (advance, index)
        return widest

    def _asked_width(self, widest: _Widest) -> int:
        return max(
            (self.view.sizeHintForIndex(index()).width() for _, index in widest.values()),
            default=0,
        )


def fit_height(view: QTableView | QTreeView, rows: int) -> None:
    """Make ``view`` exactly tall enough for its header and ``rows`` rows."""
    if isinstance(view, QTableView):
        header_height = view.horizontalHeader().sizeHint().height()
    else:
        header_height = view.header().sizeHint().height()
    # Every row is row_height() tall: the views use RoomyDelegate (and uniform row heights).
    height = header_height + rows * row_height(view) + 2 * view.frameWidth()
    view.setFixedHeight(height)


class LazyPage(QWidget):
    """A page behind others in the workspace: it reads the plan only while it is on show.

    ``refresh()`` starts with ``if self.hidden_for_now(): return``; a page hidden at the time
    is marked stale and refreshed once, when it is next shown, however many changes came
    meanwhile.
    """

    _stale = False

    def refresh(self) -> None:
        raise NotImplementedError

    def hidden_for_now(self) -> bool:
        if not self.isVisible():
            self._stale = True
            return True
        self._stale = False
        return False

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)


def commit_cell_being_edited(focus: QWidget) -> None:
    """Store the cell whose editor holds ``focus``, as leaving it would, and close the editor.

    An editor made of several widgets commits only when the focus leaves all of them, which
    clearing the focus of the one typed in does not do."""
    widget: QWidget | None = focus
    while widget is not None and not isinstance(widget, QAbstractItemView):
        widget = widget.parentWidget()
    if widget is None or widget.state() != QAbstractItemView.State.EditingState:
        return
    index = widget.currentIndex()
    editor = widget.indexWidget(index)
    if editor is None:
        return
    delegate = widget.itemDelegateForIndex(index)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
