"""The customer directory: who the notes are about, edited in place, every change undoable.

In B2B the person who signs (the decision-maker) and the people who use the product every day
are often different; the directory keeps both, since attribution depends on whose success it was.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.validation import ValidationError
from planner.services.base import NotFoundError
from planner.services.plan import Changes
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument
from planner.ui.journal.labels import note_count, status_style
from planner.ui.table_models import TableModel, TableRow
from planner.ui.tree_model import AnyIndex
from planner.ui.widgets import Hint, RoomyDelegate, row_height

DIALOG_SIZE = (820, 420)


class CustomersModel(TableModel):
    """Customers with their segment and contacts, and how many notes are about each.

    Edits are not stored here: ``edit_requested(id, field, text)`` asks for them, and the
    rows come back through ``set_rows`` once the plan has changed (or said why not)."""

    NAME, SEGMENT, DECISION_MAKER, USER_CONTACT, NOTES = range(5)
    NUMERIC = frozenset({NOTES})
    FIELDS = {
        NAME: "name",
        SEGMENT: "segment",
        DECISION_MAKER: "decision_maker",
        USER_CONTACT: "user_contact",
    }
    edit_requested = Signal(object, str, str)

    def headers(self) -> list[str]:
        return [
            self.tr("Customer"),
            self.tr("Segment"),
            self.tr("Decision-maker"),
            self.tr("User contact"),
            self.tr("Notes"),
        ]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.FIELDS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            return self.rows()[index.row()].values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self._tooltip(index.column())
        return super().data(index, role)

    def _tooltip(self, column: int) -> str:
        return {
            self.NAME: self.tr("The customer's name (F2 to edit)"),
            self.SEGMENT: self.tr("What kind of customer: size, industry, plan…"),
            self.DECISION_MAKER: self.tr("Who decides to buy or renew"),
            self.USER_CONTACT: self.tr("Who uses the product day to day"),
            self.NOTES: self.tr("Attribution notes about this customer"),
        }[column]

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in self.FIELDS:
            return False
        row = self.rows()[index.row()]
        text = str(value)
        if text == row.values[index.column()]:
            return False
        self.edit_requested.emit(row.id, self.FIELDS[index.column()], text)
        return True

    def row_of(self, customer_id: uuid.UUID | None) -> int:
        return next((r for r, row in enumerate(self.rows()) if row.id == customer_id), -1)


class CustomersDialog(QDialog):
    """Add, edit in place and delete customers; a refusal is said in the dialog itself."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Customers"))
        self.setObjectName("customersDialog")
        self.document = document
        self.created: list[uuid.UUID] = []

        self.model = CustomersModel(self)
        # Queued: the change runs after the inline editor has closed (see the navigator).
        self.model.edit_requested.connect(self.edit_customer, Qt.ConnectionType.QueuedConnection)
        self.view = QTableView(self)
        self.view.setObjectName("customersTable")
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move in it
        self.view.setModel(self.model)
        self.view.setItemDelegate(RoomyDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(row_height(self.view))
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(CustomersModel.NOTES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CustomersModel.NOTES, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())

        self.add_action = make_action(
            self,
            self.tr("&Add Customer"),
            self.tr("Add a customer and type its name"),
            self.add_customer,
            QKeySequence(QKeySequence.StandardKey.New),
        )
        self.delete_action = make_action(
            self.view,
            self.tr("&Delete Customer"),
            self.tr("Delete the selected customer (only one without notes)"),
            self.delete_customer,
            QKeySequence(QKeySequence.StandardKey.Delete),
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.view.addAction(self.delete_action)
        self.undo_action = document.undo_stack.createUndoAction(self, self.tr("Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setToolTip(self.tr("Undo the last change"))
        self.addAction(self.undo_action)

        self.message = QLabel(self)
        self.message.setObjectName("customersMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.empty = Hint(self.tr("No customers yet. Add one to start recording their success."))

        tools = QHBoxLayout()
        for action in (self.add_action, self.delete_action, self.undo_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            tools.addWidget(button)
        tools.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(
            Hint(
                self.tr(
                    "The customers whose success you attribute. In B2B the person who decides "
                    "to buy and the people who use the product are often different: note both."
                )
            )
        )
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(*DIALOG_SIZE)

        document.changed.connect(self._on_changed)
        self.refresh()

    # ---- reading --------------------------------------------------------------------------

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("customer", "attribution_note"):
            self.refresh()

    def refresh(self) -> None:
        current = self.current_id()
        plan = self.document.plan
        counts = Counter(note.customer_id for note in plan.notes.list())
        rows = []
        for customer in plan.customers.list():
            cells = (
                customer.name,
                customer.segment,
                customer.decision_maker,
                customer.user_contact,
                note_count(counts[customer.id]),
            )
            values = (*cells[:4], counts[customer.id])
            rows.append(TableRow(customer.id, cells, values))
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.select(current)

    def current_id(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return index.data(CustomersModel.IdRole) if index.isValid() else None

    def select(self, customer_id: uuid.UUID | None, column: int = 0) -> None:
        row = self.model.row_of(customer_id)
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, column),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._update_actions()

    def _update_actions(self) -> None:
        writable = not self.document.read_only
        self.add_action.setEnabled(writable)
        self.delete_action.setEnabled(writable and self.current_id() is not None)

    # ---- editing --------------------------------------------------------------------------

    def _attempt(self, build: Any) -> Any:
        """Build an edit and push it; a refusal is shown here rather than in a second box."""
        self.message.hide()
        try:
            edit = build()
        except (ValidationError, NotFoundError) as error:
            self.message.setText(self.tr("Not changed: {reason}").format(reason=error))
            self.message.setStyleSheet(status_style(self, ok=False, bold=True))
            self.message.show()
            return None
        return edit if self.document.push(edit) else None

    def add_customer(self) -> uuid.UUID | None:
        names = {customer.name.casefold() for customer in self.document.plan.customers.list()}
        name, number = self.tr("New customer"), 1
        while name.casefold() in names:
            number += 1
            name = self.tr("New customer {number}").format(number=number)
        edit = self._attempt(lambda: self.document.plan.customers.create(name))
        if edit is None:
            return None
        self.created.append(edit.id)
        self.select(edit.id)
        if self.view.isVisible():
            self.view.setFocus()
            self.view.edit(self.view.currentIndex())  # type the real name straight away
        return edit.id  # type: ignore[no-any-return]

    def edit_customer(self, customer_id: uuid.UUID, field: str, text: str) -> None:
        plan = self.document.plan
        self._attempt(lambda: plan.customers.update(customer_id, **{field: text}))

    def delete_customer(self) -> None:
        customer_id = self.current_id()
        if customer_id is None:
            return
        row = self.view.currentIndex().row()
        if self._attempt(lambda: self.document.plan.customers.delete(customer_id)) is None:
            return
        if self.model.rowCount():
            self.select(self.model.rows()[min(row, self.model.rowCount() - 1)].id)

    def last_created(self) -> uuid.UUID | None:
        """The newest customer added while open that is still in the plan."""
        shown = {row.id for row in self.model.rows()}
        return next((cid for cid in reversed(self.created) if cid in shown), None)


def open_customers_dialog(parent: QWidget | None, document: PlanDocument) -> uuid.UUID | None:
    """Show the directory modally; returns the newest customer added meanwhile, if any.

    Callers look this up on the module when they call it, so tests can replace it (a modal
    ``exec()`` would never return in a test)."""
    dialog = CustomersDialog(document, parent)
    try:
        dialog.exec()
        return dialog.last_created()
    finally:
        dialog.document.changed.disconnect(dialog._on_changed)
        dialog.deleteLater()
