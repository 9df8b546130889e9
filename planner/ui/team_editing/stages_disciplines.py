"""The plan's funnel stages and disciplines, side by side, in one window."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QVBoxLayout, QWidget

from planner.domain.text import plural
from planner.services.plan import Changes
from planner.ui import dialogs
from planner.ui.document import PlanDocument, follow_changes
from planner.ui.navigator_edits import delete_stage, unused_name
from planner.ui.navigator_model import StageRow, TeamRow

from .base import Row, attempt
from .lists import DisciplinesModel, ListSection, StagesModel

_SHOWN_TABLES = ("stage", "team", "discipline", "membership", "person")


class StagesDisciplinesDialog(QDialog):
    """Stages (add, rename, reorder, remove: a stage's teams always move to another stage
    first) and disciplines (add, rename, reorder, remove, and whether every team should have
    each). Not modal: the plan can be edited beside it. ``status(text)`` carries feedback."""

    status = Signal(str)

    def __init__(self, document: PlanDocument | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stages and Disciplines"))
        self.setObjectName("stagesDisciplines")
        self._document: PlanDocument | None = None
        self._stage_rows: list[StageRow] = []

        self.stages = ListSection(
            StagesModel(self),
            self.tr("Funnel stages"),
            self.tr(
                "From first touch to revenue, top to bottom. Drag or press Ctrl+Up/Down to reorder."
            ),
            (self.tr("Stage"), self.tr("stage")),
            self,
        )
        self.stages.setObjectName("stagesSection")
        self.stages.on_add = self.add_stage
        self.stages.on_remove = self.remove_stage
        self.stages.on_reorder = self.reorder_stages
        self.disciplines = ListSection(
            DisciplinesModel(self),
            self.tr("Disciplines"),
            self.tr(
                "Tick the disciplines every team should have: teams without one are "
                "flagged on the board."
            ),
            (self.tr("Discipline"), self.tr("discipline")),
            self,
        )
        self.disciplines.setObjectName("disciplinesSection")
        self.disciplines.on_add = self.add_discipline
        self.disciplines.on_remove = self.remove_discipline
        self.disciplines.on_reorder = self.reorder_disciplines
        for section in (self.stages, self.disciplines):
            section.model.edit_requested.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)

        sections = QHBoxLayout()
        sections.setSpacing(24)
        sections.addWidget(self.stages, 1)
        sections.addWidget(self.disciplines, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(sections, 1)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 120, 460)
        self.set_document(document)

    # ---- the document ---------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches(*_SHOWN_TABLES):
            self.refresh()

    def refresh(self) -> None:
        document = self._document
        editable = document is not None and not document.read_only
        stage_rows: list[Row] = []
        discipline_rows: list[Row] = []
        self._stage_rows = []
        if document is not None:
            plan = document.plan
            teams = plan.teams.list()
            for stage in plan.stages.list():
                own = tuple(TeamRow(t.id, t.name, None) for t in teams if t.stage_id == stage.id)
                self._stage_rows.append(StageRow(stage.id, stage.name, None, own))
                stage_rows.append(
                    Row(
                        stage.id,
                        (stage.name, str(len(own))),
                        (stage.name, len(own)),
                        tips=("", ", ".join(team.name for team in own)),
                    )
                )
            used = Counter(m.discipline_id for m in plan.memberships.list())
            for discipline in plan.disciplines.list():
                tip = (
                    self.tr("Every team should have {name}").format(name=discipline.name)
                    if discipline.required
                    else self.tr("Not required: tick to expect {name} in every team").format(
                        name=discipline.name
                    )
                )
                count = used[discipline.id]
                # In words beside the tick too: an empty box can be faint on some palettes.
                required = self.tr("Yes") if discipline.required else self.tr("No")
                discipline_rows.append(
                    Row(
                        discipline.id,
                        (discipline.name, required, str(count)),
                        (discipline.name, discipline.required, count),
                        tips=(
                            "",
                            tip,
                            self.tr("Team members who bring {name}").format(name=discipline.name),
                        ),
                    )
                )
        self.stages.set_rows(stage_rows, editable)
        self.disciplines.set_rows(discipline_rows, editable)

    # ---- stages ---------------------------------------------------------------------------

    def add_stage(self) -> uuid.UUID | None:
        document = self._document
        if document is None:
            return None
        name = unused_name(self.tr("New stage"), [row.name for row in self._stage_rows])
        edit = attempt(document, lambda: document.plan.stages.create(name), self.stages.message)
        if edit is None:
            return None
        self.stages.select(edit.id, rename=True)
        return edit.id

    def remove_stage(self, stage_id: uuid.UUID) -> bool:
        """Remove a stage; when it has teams, ask which stage takes them (none is lost)."""
        document = self._document
        if document is None:
            return False
        self.stages.message.clear()
        edit = delete_stage(self, document, self._stage_rows, stage_id)
        if edit is None:
            return False
        self.status.emit(
            self.tr("{what}: done. Edit ▸ Undo brings it back.").format(what=edit.label)
        )
        return True

    def reorder_stages(self, ids: list[uuid.UUID]) -> bool:
        document = self._document
        if document is None:
            return False
        return (
            attempt(document, lambda: document.plan.stages.reorder(ids), self.stages.message)
            is not None
        )

    # ---- disciplines ----------------------------------------------------------------------

    def add_discipline(self) -> uuid.UUID | None:
        document = self._document
        if document is None:
            return None
        taken = [row.cells[0] for row in self.disciplines.model.rows()]
        name = unused_name(self.tr("New discipline"), taken)
        edit = attempt(
            document, lambda: document.plan.disciplines.create(name), self.disciplines.message
        )
        if edit is None:
            return None
        self.disciplines.select(edit.id, rename=True)
        return edit.id

    def remove_discipline(self, discipline_id: uuid.UUID) -> bool:
        """Remove a discipline; asks first when people or team members have it."""
        document = self._document
        if document is None:
            return False
        plan = document.plan
        discipline = plan.disciplines.get(discipline_id)
        people = plan.people.count(discipline_id=discipline_id)
        members = plan.memberships.count(discipline_id=discipline_id)
        if people or members:
            question = self.tr(
                "{name} is the home discipline of {people} and is brought to teams by {members}. "
                "They will have no discipline. Remove {name}? Edit ▸ Undo brings it back."
            ).format(
                name=discipline.name,
                people=plural(people, self.tr("person"), self.tr("people")),
                members=plural(members, self.tr("member")),
            )
            if not dialogs.ask_yes_no(self, self.tr("Remove Discipline"), question):
                return False
        edit = attempt(
            document, lambda: plan.disciplines.delete(discipline_id), self.disciplines.message
        )
        return edit is not None

    def reorder_disciplines(self, ids: list[uuid.UUID]) -> bool:
        document = self._document
        if document is None:
            return False
        return (
            attempt(
                document, lambda: document.plan.disciplines.reorder(ids), self.disciplines.message
            )
            is not None
        )

    def set_required(self, discipline_id: uuid.UUID, required: bool) -> bool:
        document = self._document
        if document is None:
            return False
        name = self.disciplines.model.rows()[self.disciplines.model.row_of(discipline_id)].cells[0]
        label = (
            self.tr("Require {name} in every team")
            if required
            else self.tr("Stop requiring {name} in every team")
        ).format(name=name)
        update = document.plan.disciplines.update
        return (
            attempt(
                document,
                lambda: update(discipline_id, label, required=required),
                self.disciplines.message,
            )
            is not None
        )

    # ---- inline edits ---------------------------------------------------------------------

    def _on_edit(self, row_id: uuid.UUID, column: int, value: Any) -> None:
        document = self._document
        if document is None:
            return
        if self.stages.model.row_of(row_id) >= 0:
            attempt(
                document,
                lambda: document.plan.stages.update(row_id, name=value),
                self.stages.message,
            )
        elif column == DisciplinesModel.REQUIRED:
            self.set_required(row_id, bool(value))
        else:
            attempt(
                document,
                lambda: document.plan.disciplines.update(row_id, name=value),
                self.disciplines.message,
            )
