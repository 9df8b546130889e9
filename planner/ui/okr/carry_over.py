"""Carrying the period's unfinished objectives into a later period, moved or copied."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.progress import format_progress
from planner.services.carry_over import (
    CarryMode,
    carry_over,
    copied_before,
    unfinished_objectives,
)
from planner.services.edits import Batch
from planner.services.okr_tree import PLAN_LEVEL
from planner.services.records import PeriodRecord
from planner.ui.document import PlanDocument
from planner.ui.okr import modal
from planner.ui.okr.edits import MessageLabel, attempt
from planner.ui.texts import period_dates
from planner.ui.widgets import Hint

_ID_ROLE = Qt.ItemDataRole.UserRole


class CarryOverDialog(QDialog):
    """Unfinished objectives of the period on show (all ticked), the period to carry them into
    (the next one; "Create Next Period" when there is none), and move or copy.

    Accepting carries them over as one undoable step; ``carried`` holds that edit.
    """

    def __init__(self, document: PlanDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carryOverDialog")
        self.setWindowTitle(self.tr("Carry Over Unfinished Objectives"))
        self._document = document
        self.carried: Batch | None = None
        period = document.period()
        if period is None:
            raise LookupError("the document shows no period")
        self.period = period

        intro = QLabel(
            self.tr("Objectives of {period} not fully achieved yet:").format(period=period.name)
        )
        intro.setWordWrap(True)
        self.objectives = QListWidget()
        self.objectives.setObjectName("carryOverObjectives")
        self.objectives.setToolTip(self.tr("Space ticks or unticks the selected objective"))
        self.objectives.setWordWrap(True)
        self._fill_objectives()
        self.none_left = Hint(self.tr("Every objective of this period is achieved."))
        self.none_left.setVisible(self.objectives.count() == 0)

        self.target = QComboBox()
        self.target.setObjectName("carryOverTarget")
        self.target.setToolTip(self.tr("The period the objectives continue in"))
        self.create_next = QPushButton(self.tr("Create &Next Period"))
        self.create_next.setToolTip(
            self.tr("Add the period after the latest one (Undo removes it)")
        )
        self.create_next.clicked.connect(self.add_next_period)
        self.create_next.setAutoDefault(False)  # Enter carries over; it never adds a period
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Carry into:")))
        target_row.addWidget(self.target, 1)
        target_row.addWidget(self.create_next)

        self.copy_mode = QRadioButton(self.tr("&Copy: start afresh where they got to"))
        self.copy_mode.setToolTip(
            self.tr(
                "New objectives in the chosen period, metrics starting from their latest value; "
                "this period keeps its objectives and check-ins as they are."
            )
        )
        self.move_mode = QRadioButton(self.tr("&Move: continue them, with their check-ins"))
        self.move_mode.setToolTip(
            self.tr(
                "The objectives and their history leave this period for the chosen one. "
                "Alignments to company objectives that stay behind are cleared, as for a copy."
            )
        )
        self.copy_mode.setChecked(True)
        self.message = MessageLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Carry Over"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.objectives, 1)
        layout.addWidget(self.none_left)
        layout.addLayout(target_row)
        layout.addWidget(self.copy_mode)
        layout.addWidget(self.move_mode)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._fill_periods()
        self.resize(self.fontMetrics().horizontalAdvance("M") * 52, self.sizeHint().height())

    def _fill_objectives(self) -> None:
        document = self._document
        unfinished = set(unfinished_objectives(document.plan, self.period.id, document.today()))
        plan = document.plan
        teams = {team.id: team for team in plan.teams.list()}
        stages = {stage.id: place for place, stage in enumerate(plan.stages.list())}

        def funnel_order(owner: uuid.UUID | None) -> tuple[int, int, str]:
            # The company objectives first, then the teams stage by stage down the funnel.
            team = teams.get(owner) if owner is not PLAN_LEVEL else None
            if team is None:
                return (-1, 0, "")
            return (stages.get(team.stage_id, len(stages)), team.position, team.name)

        trees = document.okr_trees()
        for owner in sorted(trees, key=funnel_order):
            tree = trees[owner]
            for objective in tree.objectives:
                if objective.record.id not in unfinished:
                    continue
                team = teams.get(owner) if owner is not PLAN_LEVEL else None
                where = team.name if team is not None else self.tr("Company")
                item = QListWidgetItem(
                    self.tr("{team} · {title} — {progress}").format(
                        team=where,
                        title=objective.record.title,
                        progress=format_progress(objective.progress),
                    )
                )
                item.setData(_ID_ROLE, str(objective.record.id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.objectives.addItem(item)

    def _later_periods(self) -> list[PeriodRecord]:
        return [
            period
            for period in self._document.plan.periods.list()
            if period.start_date > self.period.start_date
        ]

    def _fill_periods(self, select: uuid.UUID | None = None) -> None:
        later = self._later_periods()
        self.target.clear()
        for period in later:
            self.target.addItem(period.name, str(period.id))
            self.target.setItemData(
                self.target.count() - 1, period_dates(period), Qt.ItemDataRole.ToolTipRole
            )
        if select is not None:
            self.target.setCurrentIndex(self.target.findData(str(select)))
        self.target.setEnabled(bool(later))
        self.target.setPlaceholderText(self.tr("No later period"))
        self.create_next.setVisible(not later)
        self.ok.setEnabled(bool(later) and self.objectives.count() > 0)

    def add_next_period(self) -> uuid.UUID | None:
        plan = self._document.plan
        edit, message = attempt(self._document, plan.periods.create_next)
        self.message.show_message(message)
        if edit is None:
            return None
        self._fill_periods(select=edit.id)
        return edit.id

    def chosen_objectives(self) -> list[uuid.UUID]:
        items = (self.objectives.item(row) for row in range(self.objectives.count()))
        return [
            uuid.UUID(item.data(_ID_ROLE))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def chosen_period(self) -> uuid.UUID | None:
        data = self.target.currentData()
        return uuid.UUID(data) if data else None

    def accept(self) -> None:
        document = self._document
        ids = self.chosen_objectives()
        to_period = self.chosen_period()
        if to_period is None:
            self.message.show_message(self.tr("Choose the period to carry them into."))
            return
        mode = CarryMode.MOVE if self.move_mode.isChecked() else CarryMode.COPY
        if mode is CarryMode.COPY and not self._copy_again(ids, to_period):
            return
        edit, message = attempt(
            document, lambda: carry_over(document.plan, ids, to_period, mode, document.today())
        )
        if edit is None:
            self.message.show_message(message)
            return
        self.carried = edit
        super().accept()

    def _copy_again_question(self, copied: list[uuid.UUID], to_period: uuid.UUID) -> str:
        plan = self._document.plan
        first = plan.objectives.get(copied[0]).title
        period = plan.periods.get(to_period).name
        if len(copied) == 1:
            return self.tr(
                "'{title}' is already in {period}: it was copied there before. "
                "Copy it again, as a second objective?"
            ).format(title=first, period=period)
        return self.tr(
            "'{title}' and {more} more are already in {period}: they were copied there before. "
            "Copy them again, as second objectives?"
        ).format(title=first, more=len(copied) - 1, period=period)

    def _copy_again(self, ids: list[uuid.UUID], to_period: uuid.UUID) -> bool:
        """Whether to go on when some chosen objectives were copied into ``to_period``
        already (asked; yes when none were)."""
        copied = copied_before(self._document.plan, ids, to_period)
        if not copied:
            return True
        question = self._copy_again_question(copied, to_period)
        return modal.confirm(self, self.tr("Copied Before"), question)


def open_carry_over(parent: QWidget | None, document: PlanDocument) -> Batch | None:
    """Ask which objectives to carry where; the applied edit, or None when cancelled."""
    if document.period() is None:
        return None
    dialog = CarryOverDialog(document, parent)
    try:
        modal.run_dialog(dialog)
        return dialog.carried
    finally:
        dialog.deleteLater()
