"""Whole-team actions for the Team menu, the team page and the navigator's context menu."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from planner.domain.text import plural
from planner.services.base import NotFoundError
from planner.services.edits import Create
from planner.services.plan import Changes
from planner.services.records import TeamRecord
from planner.ui import dialogs
from planner.ui.actions import make_action
from planner.ui.document import PlanDocument, follow_changes


class TeamActions(QObject):
    """Duplicate Team (Ctrl+D), Move to Stage…, Delete Team…, acting on the team given to
    :meth:`set_team`. Questions go through :mod:`planner.ui.dialogs`, so tests answer them.

    ``team_created(id)`` names a duplicate so the caller can select it; ``status(text)``
    carries short feedback for the status bar.
    """

    team_created = Signal(object)
    status = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._document: PlanDocument | None = None
        self._team_id: uuid.UUID | None = None
        self.duplicate_action = make_action(
            self,
            self.tr("&Duplicate Team"),
            self.tr("Copy the team with its members, allocations, type and mission"),
            self.duplicate,
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D),
        )
        self.move_action = make_action(
            self,
            self.tr("&Move to Stage…"),
            self.tr("Move the team to another stage of the funnel"),
            self.move_to_stage,
        )
        self.delete_action = make_action(
            self,
            self.tr("De&lete Team…"),
            self.tr("Delete the team with its members and objectives (Undo brings it back)"),
            self.delete,
        )
        self._update_actions()

    def actions(self) -> list[QAction]:
        return [self.duplicate_action, self.move_action, self.delete_action]

    @property
    def team_id(self) -> uuid.UUID | None:
        return self._team_id

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = follow_changes(self._document, document, self._on_changed)
        self._team_id = None
        self._update_actions()

    def set_team(self, team_id: uuid.UUID | None) -> None:
        """The team the actions act on (None: they are disabled)."""
        self._team_id = team_id
        self._update_actions()

    def _on_changed(self, changes: Changes) -> None:
        if changes.touches("team", "stage"):
            self._update_actions()

    def _team(self) -> TeamRecord | None:
        if self._document is None or self._team_id is None:
            return None
        try:
            return self._document.plan.teams.get(self._team_id)
        except NotFoundError:
            return None

    def _update_actions(self) -> None:
        document = self._document
        team = self._team()
        editable = document is not None and not document.read_only and team is not None
        for action in self.actions():
            action.setEnabled(editable)
        if editable and document is not None:
            # The kept list of stages, not a count query on every change of team.
            self.move_action.setEnabled(len(document.plan.stages.list()) > 1)

    # ---- the actions ----------------------------------------------------------------------

    def duplicate(self) -> uuid.UUID | None:
        """Copy the team beside it; returns the copy's id (None when refused)."""
        document, team = self._document, self._team()
        if document is None or team is None:
            return None
        edit = document.attempt(lambda: document.plan.teams.duplicate(team.id))
        if edit is None:
            return None
        created = edit.edits[0]  # the team comes first, its memberships after it
        assert isinstance(created, Create)
        copy_id = created.id
        copy = document.plan.teams.get(copy_id)
        self.status.emit(
            self.tr("Duplicated {team} as {copy}. Edit ▸ Undo removes the copy.").format(
                team=team.name, copy=copy.name
            )
        )
        self.team_created.emit(copy_id)
        return copy_id

    def move_to_stage(self) -> bool:
        document, team = self._document, self._team()
        if document is None or team is None:
            return False
        plan = document.plan
        choices = [
            (stage.id, stage.name) for stage in plan.stages.list() if stage.id != team.stage_id
        ]
        if not choices:
            document.report(self.tr("The plan has no other stage to move the team to."))
            return False
        stage_id = dialogs.choose_stage(
            self._parent,
            self.tr("Move Team"),
            self.tr("Move {team} to which stage?").format(team=team.name),
            choices,
        )
        if stage_id is None:
            return False
        edit = document.attempt(lambda: plan.teams.move(team.id, stage_id))
        if edit is None:
            return False
        stage = dict(choices)[stage_id]
        self.status.emit(self.tr("Moved {team} to {stage}.").format(team=team.name, stage=stage))
        return True

    def delete(self) -> bool:
        """Delete the team after the person confirmed; undoable."""
        document, team = self._document, self._team()
        if document is None or team is None:
            return False
        if not delete_team(self._parent, document, team):
            return False
        self.status.emit(
            self.tr("Deleted {team}. Edit ▸ Undo brings it back.").format(team=team.name)
        )
        return True


def delete_team(parent: QWidget, document: PlanDocument, team: TeamRecord) -> bool:
    """Ask whether to delete ``team``, naming what goes with it, and delete it if so (one
    undoable step); True when deleted. Every way to delete a team asks this."""
    plan = document.plan
    parts = [
        plural(plan.memberships.count(team_id=team.id), parent.tr("member")),
        plural(plan.objectives.count(team_id=team.id), parent.tr("objective")),
    ]
    interactions = plan.interactions.count(from_team_id=team.id) + plan.interactions.count(
        to_team_id=team.id
    )
    if interactions:
        parts.append(plural(interactions, parent.tr("interaction")))
    question = parent.tr("Delete {team} with its {parts}? Edit ▸ Undo brings it all back.").format(
        team=team.name, parts=", ".join(parts)
    )
    if not dialogs.ask_yes_no(parent, parent.tr("Delete Team"), question):
        return False
    return document.attempt(lambda: plan.teams.delete(team.id)) is not None
