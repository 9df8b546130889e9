"""The organisation edits the navigator offers, as functions of its rows and the document.

Kept apart from the widget so the rules (where a moved team lands, what a new item is called,
what deleting a stage with teams asks) read, and test, without a tree view.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from planner.domain.text import plural
from planner.services.edits import Edit
from planner.ui import dialogs
from planner.ui.document import PlanDocument
from planner.ui.navigator_model import StageRow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Navigator", text)


def unused_name(base: str, taken: Sequence[str]) -> str:
    """``base``, or ``base 2``, ``base 3`` … whichever no other item has (case ignored)."""
    lowered = {name.casefold() for name in taken}
    name, number = base, 1
    while name.casefold() in lowered:
        number += 1
        name = f"{base} {number}"
    return name


def team_place(stages: Sequence[StageRow], team_id: uuid.UUID) -> tuple[int, int] | None:
    """(stage row, team row) of a team, or None when it is not shown."""
    for stage_row, stage in enumerate(stages):
        for team_row, team in enumerate(stage.teams):
            if team.id == team_id:
                return stage_row, team_row
    return None


def move_target(
    stages: Sequence[StageRow], team_id: uuid.UUID, step: int
) -> tuple[uuid.UUID, int] | None:
    """Where a team moved ``step`` rows (-1 up, +1 down) lands: (stage id, index).

    Past the top of its stage it goes to the end of the stage before; past the bottom, to the
    start of the stage after: the funnel reads as one list. None at either end of the funnel.
    """
    place = team_place(stages, team_id)
    if place is None:
        return None
    stage_row, team_row = place
    wanted = team_row + step
    if 0 <= wanted < len(stages[stage_row].teams):
        return stages[stage_row].id, wanted
    if step < 0 and stage_row > 0:
        return stages[stage_row - 1].id, len(stages[stage_row - 1].teams)
    if step > 0 and stage_row < len(stages) - 1:
        return stages[stage_row + 1].id, 0
    return None


def delete_stage(
    parent: QWidget | None,
    document: PlanDocument,
    stages: Sequence[StageRow],
    stage_id: uuid.UUID,
) -> Edit | None:
    """Delete a stage; when it has teams, ask which stage takes them (no team is ever lost).

    Returns the applied edit, or None when refused or cancelled.
    """
    plan = document.plan
    stage = next(row for row in stages if row.id == stage_id)
    if not stage.teams:
        return document.attempt(lambda: plan.stages.delete(stage_id))
    others = [(row.id, row.name) for row in stages if row.id != stage_id]
    if not others:
        document.report(
            _tr(
                "'{stage}' is the only stage and still has teams; add another stage for them first."
            ).format(stage=stage.name)
        )
        return None
    target = dialogs.choose_stage(
        parent,
        _tr("Delete Stage"),
        _tr("'{stage}' has {teams}. Which stage should they move to?").format(
            stage=stage.name, teams=plural(len(stage.teams), _tr("team"), _tr("teams"))
        ),
        others,
    )
    if target is None:
        return None
    return document.attempt(lambda: plan.stages.delete(stage_id, move_teams_to=target))
