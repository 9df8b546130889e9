"""A team's name, mission, persona, type and colour, each change one undoable step."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.services.base import NotFoundError
from planner.services.records import TeamRecord
from planner.ui.navigator_model import swatch

from . import modal
from .base import MessageLine, TeamPanel, attempt
from .texts import topology_choices

SWATCH_SIZE = 16
MISSION_LINES = 3


class TeamDetailsEditor(TeamPanel):
    """Edits what a team is for. Names and texts are stored when the field is left (or on
    Enter; Ctrl+Enter in the mission), Escape puts back what is stored; the type and colour
    are stored when picked. A refused value shows under its field and nothing is stored."""

    SHOWN_TABLES = ("team",)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._team: TeamRecord | None = None

        self.name = QLineEdit(self)
        self.name.setObjectName("teamName")
        self.name.setToolTip(self.tr("The team's name, unique in the plan"))
        self.name_message = MessageLine(self)
        self.mission = QPlainTextEdit(self)
        self.mission.setObjectName("teamMission")
        self.mission.setTabChangesFocus(True)
        self.mission.setPlaceholderText(self.tr("What the team is there to achieve"))
        self.mission.setToolTip(self.tr("Stored when you leave the field, or with Ctrl+Enter"))
        line = self.mission.fontMetrics().lineSpacing()
        self.mission.setFixedHeight(line * MISSION_LINES + 2 * self.mission.frameWidth() + 10)
        self.persona = QLineEdit(self)
        self.persona.setObjectName("teamPersona")
        self.persona.setPlaceholderText(self.tr("The customer the team serves, in one line"))
        self.persona.setToolTip(self.tr("The customer this team serves"))
        self.topology = QComboBox(self)
        self.topology.setObjectName("teamTopology")
        self.topology.setToolTip(self.tr("The team's type in Team Topologies"))
        for text, kind in topology_choices():
            self.topology.addItem(text, kind)
        self.color = QToolButton(self)
        self.color.setObjectName("teamColor")
        self.color.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.color.setToolTip(self.tr("Choose the colour that marks the team in the navigator"))
        self.clear_color = QToolButton(self)
        self.clear_color.setText(self.tr("Remove Colour"))
        self.clear_color.setToolTip(self.tr("Show the team without a colour"))
        self.clear_color.setAutoRaise(True)
        self.message = MessageLine(self)
        self._fields: dict[str, QWidget] = {
            "name": self.name,
            "persona": self.persona,
            "mission": self.mission,
        }

        colour_row = QHBoxLayout()
        colour_row.setContentsMargins(0, 0, 0, 0)
        colour_row.addWidget(self.color)
        colour_row.addWidget(self.clear_color)
        colour_row.addStretch(1)
        name_box = QVBoxLayout()
        name_box.setContentsMargins(0, 0, 0, 0)
        name_box.setSpacing(2)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_message)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        rows: list[tuple[str, QWidget, QWidget | QHBoxLayout | QVBoxLayout]] = [
            (self.tr("&Name:"), self.name, name_box),
            (self.tr("&Mission:"), self.mission, self.mission),
            (self.tr("&Persona:"), self.persona, self.persona),
            (self.tr("&Type:"), self.topology, self.topology),
            (self.tr("&Colour:"), self.color, colour_row),
        ]
        for text, buddy, field in rows:
            # Labels made here, not by the form: a label for a layout gets no buddy, and
            # without one it would show its "&" instead of a shortcut to the field.
            label = QLabel(text, self)
            label.setBuddy(buddy)
            form.addRow(label, field)
        form.addRow(self.message)

        self.name.editingFinished.connect(lambda: self.store("name", self.name.text()))
        self.persona.editingFinished.connect(lambda: self.store("persona", self.persona.text()))
        self.topology.activated.connect(
            lambda _row: self.store("topology", self.topology.currentData())
        )
        self.color.clicked.connect(self.choose_color)
        self.clear_color.clicked.connect(lambda: self.store("color", None))
        for field in (self.name, self.persona, self.mission):
            field.installEventFilter(self)
        self.refresh()

    # ---- the document and the team --------------------------------------------------------

    def set_team(self, team_id: uuid.UUID | None) -> None:
        self._team_id = team_id
        self._team = None  # every field shows the new team, whatever was being typed
        self.name_message.clear()
        self.message.clear()
        self.refresh()

    def refresh(self) -> None:
        document, team_id = self._document, self._team_id
        previous, team = self._team, None
        if document is not None and team_id is not None:
            try:
                team = document.plan.teams.get(team_id)
            except NotFoundError:
                team = None
        self._team = team
        editable = team is not None and document is not None and not document.read_only
        for widget in (self.name, self.mission, self.persona, self.topology, self.color):
            widget.setEnabled(editable)
        self.clear_color.setVisible(editable and team is not None and bool(team.color))
        fresh = previous is None
        # A field being typed in keeps its text: someone else's change must not overwrite it.
        if fresh or not self.name.isModified():
            self.name.setText(team.name if team else "")
        if fresh or not self.persona.isModified():
            self.persona.setText(team.persona if team else "")
        if fresh or not self.mission.document().isModified():
            self.mission.setPlainText(team.mission if team else "")
            self.mission.document().setModified(False)
        self.topology.setCurrentIndex(
            max(0, self.topology.findData(team.topology if team else None))
        )
        color = team.color if team else None
        self.color.setIcon(swatch(color, SWATCH_SIZE) if color else QIcon())
        self.color.setText(color if color else self.tr("Choose…"))

    # ---- editing --------------------------------------------------------------------------

    def store(self, field: str, value: Any) -> bool:
        """Store one of the team's fields as one undoable step; False when refused or the
        same as stored."""
        document, team = self._document, self._team
        if document is None or team is None:
            return False
        stored = getattr(team, field)
        message = self.name_message if field == "name" else self.message
        if value == stored or (isinstance(value, str) and value.strip() == stored):
            # Leaving a field unchanged (spaces around it aside): nothing to store.
            message.clear()
            self.revert(self._fields.get(field))
            return False
        edit = attempt(
            document, lambda: document.plan.teams.update(team.id, **{field: value}), message
        )
        if edit is None:
            if field not in self._fields:  # a choice, not typing: show what is stored again
                self.refresh()
            return False
        # Show what was stored (trimmed), and let later changes update the field again.
        self.revert(self._fields.get(field))
        return True

    def choose_color(self) -> bool:
        team = self._team
        if team is None:
            return False
        chosen = modal.choose_color(
            self, self.tr("Colour of {team}").format(team=team.name), team.color
        )
        return chosen is not None and self.store("color", chosen)

    def revert(self, field: QWidget | None) -> None:
        """Put back what is stored in ``field`` and forget its refusal."""
        team = self._team
        if team is None or field is None:
            return
        if isinstance(field, QLineEdit):
            stored = team.name if field is self.name else team.persona
            field.setText(stored)  # also marks it unmodified
        elif field is self.mission:
            # Only when different: resetting equal text would move the cursor to the start.
            if self.mission.toPlainText() != team.mission:
                self.mission.setPlainText(team.mission)
            self.mission.document().setModified(False)
        if field is self.name:
            self.name_message.clear()
        self.message.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape and isinstance(watched, QWidget):
                self.revert(watched)
                return True
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if (
                watched is self.mission
                and enter
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._store_mission()
                return True
        if event.type() == QEvent.Type.FocusOut and watched is self.mission:
            self._store_mission()
        return super().eventFilter(watched, event)

    def _store_mission(self) -> None:
        if self.mission.document().isModified():
            self.store("mission", self.mission.toPlainText())
