"""Quick capture: creating an objective or a key result from one typed line, undoably."""

from __future__ import annotations

import uuid

from planner.services.edits import Create
from planner.ui.document import PlanDocument
from planner.ui.okr.edits import attempt
from planner.ui.workshop.keyline import KeyResultLine, LineError, parse_key_result_line


def add_objective(
    document: PlanDocument, period_id: uuid.UUID, team_id: uuid.UUID, title: str
) -> tuple[Create | None, str]:
    """Create an objective for the team in the period as one undoable step.

    Returns (the edit, "") or (None, why it was refused).
    """
    plan = document.plan
    return attempt(document, lambda: plan.objectives.create(period_id, title.strip(), team_id))


def add_key_result(
    document: PlanDocument, objective_id: uuid.UUID, text: str
) -> tuple[KeyResultLine | None, str]:
    """Read ``text`` (see :mod:`planner.ui.workshop.keyline`) and create the key result.

    Returns (what was read, "") or (None, why nothing was created).
    """
    try:
        line = parse_key_result_line(text)
    except LineError as error:
        return None, str(error)
    plan = document.plan
    edit, message = attempt(
        document,
        lambda: plan.key_results.create(
            objective_id, line.title, line.kind, line.start, line.target, line.unit
        ),
    )
    return (line, "") if edit is not None else (None, message)
