"""Long undo histories: 60–120 random edits across every kind of entity, undone all, redone all.

Reuses the edit makers of tests/services/test_undo_property.py (which checks short sequences
often); here few, long sequences: undoing every edit leaves the plan exactly as it started,
redoing every one leaves it exactly as it ended.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.domain.validation import ValidationError
from planner.services.edits import Edit
from tests.plans import open_copy
from tests.services.test_undo_property import MAKERS, contents


@settings(max_examples=5)
@given(data=st.data())
def test_long_histories_undo_and_redo_exactly(
    data: st.DataObject, sample_file: Path, tmp_path_factory: Any
) -> None:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("undo-depth"))
    try:
        start = contents(plan)
        applied: list[Edit] = []
        wanted = data.draw(st.integers(60, 120), label="edits")
        attempts = 0
        while len(applied) < wanted and attempts < 4 * wanted:
            attempts += 1
            maker = data.draw(st.sampled_from(MAKERS))
            try:
                edit = maker(plan, data)
            except ValidationError:
                continue  # the rules refused it: nothing to undo
            if edit is not None:
                applied.append(plan.apply(edit))
        end = contents(plan)
        assert len(applied) >= 60

        for edit in reversed(applied):
            plan.revert(edit)
        assert contents(plan) == start

        for edit in applied:
            plan.apply(edit)
        assert contents(plan) == end
    finally:
        plan.close()
