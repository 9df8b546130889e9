"""The small form that adds an interaction: the other team, who serves whom, mode and note."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain.values import InteractionMode, TopologyType
from planner.ui.widgets import Hint

from .texts import mode_choices, mode_tip


@dataclass(frozen=True)
class TeamChoice:
    id: uuid.UUID
    name: str
    topology: TopologyType | None = None


@dataclass(frozen=True)
class InteractionChoice:
    """What the person chose: ``outgoing`` means this team → the other team."""

    other_team_id: uuid.UUID
    outgoing: bool
    mode: InteractionMode
    note: str = ""


class InteractionDialog(QDialog):
    """Pick the other team, the direction, the mode and a note. Run it through
    :func:`planner.ui.team_editing.modal.ask_interaction`, never ``exec()`` directly."""

    def __init__(
        self, this_team: str, teams: Sequence[TeamChoice], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add Interaction"))
        self._this = this_team
        self._teams = list(teams)

        self.team = QComboBox(self)
        self.team.setToolTip(self.tr("The team this team works with"))
        for team in self._teams:
            self.team.addItem(team.name, team.id)
        self.direction = QComboBox(self)
        self.direction.setToolTip(
            self.tr("Which team provides or facilitates, and which team uses or learns")
        )
        self.mode = QComboBox(self)
        for text, mode in mode_choices():
            self.mode.addItem(text, mode)
            self.mode.setItemData(
                self.mode.count() - 1, mode_tip(mode), Qt.ItemDataRole.ToolTipRole
            )
        self.mode.setToolTip(self.tr("How the two teams interact (Team Topologies)"))
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("What flows between them, e.g. “Invoice export API”"))
        self.explanation = Hint()

        form = QFormLayout()
        form.addRow(self.tr("&With team:"), self.team)
        form.addRow(self.tr("&Direction:"), self.direction)
        form.addRow(self.tr("&Mode:"), self.mode)
        form.addRow(self.tr("&Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explanation)
        layout.addWidget(buttons)

        self.team.currentIndexChanged.connect(self._on_team_changed)
        self.mode.currentIndexChanged.connect(self._explain)
        self._on_team_changed()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _on_team_changed(self) -> None:
        other = self.team.currentText()
        self.direction.clear()
        self.direction.addItem(self.tr("{this} → {other}").format(this=self._this, other=other))
        self.direction.addItem(self.tr("{other} → {this}").format(this=self._this, other=other))
        # Propose what the other team's type suggests: a platform serves, an enabling team
        # facilitates; the person can change both.
        team = self._teams[self.team.currentIndex()] if self._teams else None
        kind = team.topology if team else None
        if kind is TopologyType.PLATFORM:
            self.direction.setCurrentIndex(1)
            self._set_mode(InteractionMode.X_AS_A_SERVICE)
        elif kind is TopologyType.ENABLING:
            self.direction.setCurrentIndex(1)
            self._set_mode(InteractionMode.FACILITATING)
        self._explain()

    def _set_mode(self, mode: InteractionMode) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))

    def _explain(self) -> None:
        mode = self.mode.currentData()
        self.explanation.setText(mode_tip(mode) if mode is not None else "")

    def choice(self) -> InteractionChoice | None:
        team_id = self.team.currentData()
        if team_id is None:
            return None
        return InteractionChoice(
            other_team_id=team_id,
            outgoing=self.direction.currentIndex() == 0,
            mode=self.mode.currentData(),
            note=self.note.text().strip(),
        )
