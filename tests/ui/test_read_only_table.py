"""Read-only tables (the overview's stages, the credit summary's tallies) fit their columns to
their widest text without measuring every cell of a long table."""

from __future__ import annotations

import uuid
from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTableView

from planner.ui.table_models import StagesTableModel, TableRow
from planner.ui.widgets import CellLook, FittedColumns, RoomyDelegate, read_only_table


def rows(texts: list[tuple[str, str]]) -> list[TableRow]:
    return [
        TableRow(uuid.uuid4(), (f"Stage {n}", teams, progress), (n, teams, progress))
        for n, (teams, progress) in enumerate(texts)
    ]


def cut_short(view: Any) -> list[str]:
    """The texts whose cell needs more width than its column has."""
    model = view.model()
    return [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(1, model.columnCount())
        if view.sizeHintForIndex(model.index(row, column)).width() > view.columnWidth(column)
    ]


# Digits of one length draw at different widths ("1" is narrow): the longest text by
# characters is not always the widest.
numbers = st.lists(
    st.tuples(
        st.integers(0, 99_999).map(lambda n: f"{n:,} points"),
        st.integers(0, 9_999).map(lambda n: f"{n:,} notes"),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=30, deadline=None)
@given(texts=numbers)
def test_no_text_is_cut_short(qapp: Any, texts: list[tuple[str, str]]) -> None:
    model = StagesTableModel()
    view = read_only_table(model)
    view.resize(600, 400)
    model.set_rows(rows(texts))
    assert cut_short(view) == []


def test_columns_refit_to_new_rows_and_a_larger_font(qtbot: Any) -> None:
    model = StagesTableModel()
    view = read_only_table(model)
    qtbot.addWidget(view)
    model.set_rows(rows([("1 point", "1 note")]))
    narrow = view.columnWidth(1)
    model.set_rows(rows([("1 point", "1 note"), ("111,111 points", "1,111 notes")]))
    assert view.columnWidth(1) > narrow
    assert cut_short(view) == []

    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    assert cut_short(view) == []
    # The header's title always fits too.
    assert view.columnWidth(2) >= view.horizontalHeader().sectionSizeHint(2)


# A cell's look: its text, whether its font is larger and bold, whether it has an icon.
looks = st.lists(
    st.tuples(st.text("aW1,. %", min_size=0, max_size=12), st.booleans(), st.booleans()),
    min_size=1,
    max_size=25,
)


def as_drawn(model: QStandardItemModel, rows: range) -> list[CellLook]:
    return [
        (
            model.index(row, 0).data() or "",
            font
            if isinstance(font := model.index(row, 0).data(Qt.ItemDataRole.FontRole), QFont)
            else None,
            model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None,
            partial(model.index, row, 0),
        )
        for row in rows
    ]


@settings(max_examples=40, deadline=None)
@given(cells=looks, split=st.integers(0, 25))
def test_a_column_fits_its_widest_cell_whatever_its_font_or_icon(
    qapp: Any, cells: list[tuple[str, bool, bool]], split: int
) -> None:
    """Fitted from the widest text of each look, a column is as wide as asking every cell
    would make it; and fitted to some cells, then widened for the others, it ends the same."""
    model = QStandardItemModel()
    icon = QPixmap(16, 16)
    icon.fill(QColor("red"))
    big = QFont()
    big.setPointSizeF(big.pointSizeF() * 1.6)
    big.setBold(True)
    for text, large, with_icon in cells:
        item = QStandardItem(text)
        if large:
            item.setFont(big)
        if with_icon:
            item.setIcon(icon)
        model.appendRow(item)
    view = QTableView()
    view.setItemDelegate(RoomyDelegate(view))
    view.setModel(model)
    header = view.horizontalHeader()
    every = max(view.sizeHintForIndex(model.index(row, 0)).width() for row in range(len(cells)))
    expected = max(every, header.sectionSizeHint(0))

    columns = FittedColumns(view)
    columns.fit(0, as_drawn(model, range(len(cells))))
    assert view.columnWidth(0) == expected

    split = min(split, len(cells))
    columns = FittedColumns(view)
    columns.fit(0, as_drawn(model, range(split)))
    columns.widen(0, as_drawn(model, range(split, len(cells))))
    assert view.columnWidth(0) == expected
