"""The credit section of the note editor: contribution rows, the unattributed share and the
live total that says whether the credit is whole."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.values import TouchKind
from planner.ui.actions import make_action
from planner.ui.journal.contributions import (
    ChoiceDelegate,
    ContributionDraft,
    ContributionsModel,
    CreditTotal,
    credit_total,
)
from planner.ui.journal.labels import percent, status_style, touch_name
from planner.ui.widgets import RoomyDelegate, fit_height, row_height

# The table keeps room for this many rows, so adding the first ones does not push the form.
MIN_ROWS = 3
UNATTRIBUTED_WIDTH = 64


class CreditEditor(QWidget):
    """Rows of team + kind of touch + share + note, the unattributed share, and the total line
    ("Credit: 80 % + unattributed 20 % = 100 %"). ``changed`` follows every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ContributionsModel(self)
        self.model.edited.connect(self._on_edited)
        self.model.modelReset.connect(self._fit)
        self.model.rowsInserted.connect(self._fit)
        self.model.rowsRemoved.connect(self._fit)

        self.view = QTableView(self)
        self.view.setObjectName("contributionsTable")
        self.view.setModel(self.model)
        self.view.setItemDelegate(RoomyDelegate(self.view))
        for column in (ContributionsModel.TEAM, ContributionsModel.TOUCH):
            self.view.setItemDelegateForColumn(
                column, ChoiceDelegate(ContributionsModel.ValueRole, self.view)
            )
        # Spreadsheet-like: typing over a cell edits it, F2 or a double-click opens it.
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(row_height(self.view))
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(ContributionsModel.TEAM, QHeaderView.ResizeMode.Stretch)
        # Wide enough for the longest kind of touch from the start: no jump on the first row.
        header.setSectionResizeMode(ContributionsModel.TOUCH, QHeaderView.ResizeMode.Fixed)
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(touch_name(touch)) for touch in TouchKind)
        header.resizeSection(ContributionsModel.TOUCH, widest + 24)
        header.setSectionResizeMode(ContributionsModel.SHARE, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(ContributionsModel.NOTE, QHeaderView.ResizeMode.Stretch)
        share_width = self.fontMetrics().horizontalAdvance("100.5 %") + 36
        header.resizeSection(ContributionsModel.SHARE, share_width)
        self.view.setToolTip(
            self.tr("Who earned this outcome: one row per team and kind of touch, with its share")
        )

        # Keyed actions act on the table only: Delete or Insert in a text field edit text.
        table_only = Qt.ShortcutContext.WidgetShortcut
        self.add_action = make_action(
            self.view,
            self.tr("Add Row"),
            self.tr("Add a contribution: a team, how it touched the customer, its share (Insert)"),
            self.add_row,
            QKeySequence(Qt.Key.Key_Insert),
            table_only,
        )
        self.remove_action = make_action(
            self.view,
            self.tr("Remove Row"),
            self.tr("Remove the selected contribution (Delete)"),
            self.remove_row,
            QKeySequence(Qt.Key.Key_Delete),
            table_only,
        )
        self.fill_action = make_action(
            self,
            self.tr("Leave the Rest Unattributed"),
            self.tr("Say out loud that no team earned the rest of the credit"),
            self.fill_unattributed,
        )
        self.view.addActions([self.add_action, self.remove_action])

        self.unattributed_edit = QLineEdit(self)
        self.unattributed_edit.setObjectName("unattributedShare")
        self.unattributed_edit.setFixedWidth(UNATTRIBUTED_WIDTH)
        self.unattributed_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.unattributed_edit.setPlaceholderText("0")
        self.unattributed_edit.setToolTip(
            self.tr("The share of credit no team earned (or nobody can tell), in percent")
        )
        self.unattributed_edit.textEdited.connect(lambda _text: self._on_edited())
        unattributed_label = QLabel(self.tr("&Unattributed:"), self)
        unattributed_label.setBuddy(self.unattributed_edit)

        self.total_label = QLabel(self)
        self.total_label.setObjectName("creditTotal")
        self.total_label.setWordWrap(True)
        self.total_label.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        self.buttons: list[QToolButton] = []
        for action in (self.add_action, self.remove_action, self.fill_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable with Tab
            buttons.addWidget(button)
            self.buttons.append(button)
        buttons.addStretch(1)

        totals = QHBoxLayout()
        totals.addWidget(unattributed_label)
        totals.addWidget(self.unattributed_edit)
        totals.addWidget(QLabel(self.tr("%"), self))
        totals.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        layout.addLayout(totals)
        layout.addWidget(self.total_label)
        self._fit()
        self._update()

    # ---- what it holds --------------------------------------------------------------------

    def set_teams(self, teams: Sequence[tuple[uuid.UUID, str]]) -> None:
        self.model.set_teams(teams)

    def set_credit(self, drafts: list[ContributionDraft], unattributed: str) -> None:
        """Show a note's rows; not an edit, so ``changed`` stays quiet."""
        self.model.set_drafts(drafts)  # a reset: ``edited`` is for the person's edits only
        self.unattributed_edit.setText(unattributed)
        self._update()

    def tab_order(self) -> list[QWidget]:
        return [self.view, *self.buttons, self.unattributed_edit]

    def drafts(self) -> list[ContributionDraft]:
        return self.model.drafts()

    def unattributed_text(self) -> str:
        return self.unattributed_edit.text().strip()

    def total(self) -> CreditTotal:
        return credit_total(self.drafts(), self.unattributed_text())

    # ---- actions --------------------------------------------------------------------------

    def add_row(self) -> None:
        """A row for the next team, pre-filled with whatever credit is still to give."""
        total = self.total()
        left = max(total.remainder, 0.0) if not total.problem else 0.0
        share = percent(left).removesuffix(" %") if left else ""
        row = self.model.add(ContributionDraft(None, None, TouchKind.PRODUCT_UX, share))
        index = self.model.index(row, ContributionsModel.TEAM)
        self.view.setCurrentIndex(index)
        if self.view.isVisible():
            self.view.setFocus()
            self.view.edit(index)  # the team is what a new row needs first

    def remove_row(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        self.model.remove(row)
        if self.model.rowCount():
            next_row = min(row, self.model.rowCount() - 1)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(next_row, index.column()),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )

    def fill_unattributed(self) -> None:
        """Put whatever the shares leave of 100 % into the unattributed share."""
        total = credit_total(self.drafts(), "")
        if total.problem:
            self._update()
            return
        self.unattributed_edit.setText(percent(max(total.remainder, 0.0)).removesuffix(" %"))
        self._on_edited()

    # ---- the total line -------------------------------------------------------------------

    def _on_edited(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        self.remove_action.setEnabled(self.model.rowCount() > 0)
        total = self.total()
        if total.problem:
            self._show_total(total.problem, ok=False)
            return
        line = self.tr("Credit: {shares} + unattributed {rest} = {total}").format(
            shares=percent(total.shares),
            rest=percent(total.unattributed),
            total=percent(total.total),
        )
        if not self.model.rowCount() and not total.unattributed:
            self._show_total(self.tr("No credit given yet: add the teams that earned it."), ok=None)
        elif total.whole:
            self._show_total(line, ok=True)
        elif total.remainder > 0:
            self._show_total(
                self.tr("{line}, {left} still to give").format(
                    line=line, left=percent(total.remainder)
                ),
                ok=False,
            )
        else:
            self._show_total(
                self.tr("{line}, {over} over").format(line=line, over=percent(-total.remainder)),
                ok=False,
            )
        self.fill_action.setEnabled(0 < total.remainder + total.unattributed <= 100)

    def _show_total(self, text: str, ok: bool | None) -> None:
        self.total_label.setText(text)
        # Colour repeats what the words say ("still to give", "over"); it is not the only cue.
        self.total_label.setStyleSheet(status_style(self, ok))

    def _fit(self) -> None:
        fit_height(self.view, max(self.model.rowCount(), MIN_ROWS))
