"""Read models the plan keeps between edits always equal the same models read afresh.

A kept model is dropped only by an edit to a table it read. This property test applies
random edits across every kind of entity, and undoes some, and after each compares what the
views would be shown (health report, journal, skills coverage, lists) with what a second,
read-only opening of the same file reads from scratch.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.validation import ValidationError
from planner.report.dashboard_data import coverage
from planner.services.edits import Edit
from planner.services.health import health_report
from planner.services.journal import journal
from planner.services.plan import Plan
from tests.plans import open_copy, read_afresh
from tests.services.test_undo_property import MAKERS

TODAY = date(2026, 11, 26)


def views(plan: Plan) -> dict[str, Any]:
    notes = journal(plan)
    return {
        "health": health_report(plan, today=TODAY),
        "journal": (notes.entries, notes.summary, notes.counts),
        "coverage": coverage(plan),
        "teams": plan.teams.list(),
        "people": plan.people.list(),
        "key results": plan.key_results.list(),
    }


@settings(max_examples=6, deadline=None)
@given(data=st.data())
def test_kept_read_models_match_a_fresh_read_after_every_edit_and_undo(
    data: st.DataObject, sample_file: Path, tmp_path_factory: Any
) -> None:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("kept"))
    try:
        views(plan)  # everything kept from the start
        applied: list[Edit] = []
        for _ in range(data.draw(st.integers(4, 12), label="steps")):
            if applied and data.draw(st.booleans(), label="undo"):
                plan.revert(applied.pop())
            else:
                maker = data.draw(st.sampled_from(MAKERS))
                try:
                    edit = maker(plan, data)
                except ValidationError:
                    continue
                if edit is None:
                    continue
                applied.append(plan.apply(edit))
            assert views(plan) == read_afresh(plan.path, views)
    finally:
        plan.close()
