"""Editing a team's shape: members and allocations, interactions with other teams, the team's
details and whole-team actions, the people directory, and the plan's stages and disciplines.

Every widget takes the open :class:`~planner.ui.document.PlanDocument` and changes the plan
only through it, one undoable step per edit.
"""

from .details import TeamDetailsEditor
from .interactions import InteractionsModel, InteractionsPanel
from .members import MembersModel, MembersPanel
from .people import PeopleDirectoryDialog, PeopleModel
from .stages_disciplines import StagesDisciplinesDialog
from .team_actions import TeamActions

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
