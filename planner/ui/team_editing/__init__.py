"""Editing a team's shape: members and allocations, interactions with other teams, the team's
details and whole-team actions, the people directory, and the plan's stages and disciplines.

Every widget takes the open :class:`~planner.ui.document.PlanDocument` and changes the plan
only through it, one undoable step per edit.

The names below are imported from their modules when first asked for: the window needs the
team actions to open a plan, and the directories' dialogs only when someone opens them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.lazy import names_from

if TYPE_CHECKING:
    from .details import TeamDetailsEditor
    from .interactions import InteractionsModel, InteractionsPanel
    from .members import MembersModel, MembersPanel
    from .people import PeopleDirectoryDialog, PeopleModel
    from .stages_disciplines import StagesDisciplinesDialog
    from .team_actions import TeamActions

_MODULES = {
    "TeamDetailsEditor": "details",
    "InteractionsModel": "interactions",
    "InteractionsPanel": "interactions",
    "MembersModel": "members",
    "MembersPanel": "members",
    "PeopleDirectoryDialog": "people",
    "PeopleModel": "people",
    "StagesDisciplinesDialog": "stages_disciplines",
    "TeamActions": "team_actions",
}

__all__ = [
    "InteractionsModel",
    "InteractionsPanel",
    "MembersModel",
    "MembersPanel",
    "PeopleDirectoryDialog",
    "PeopleModel",
    "StagesDisciplinesDialog",
    "TeamActions",
    "TeamDetailsEditor",
]


__getattr__ = names_from(__name__, _MODULES)
