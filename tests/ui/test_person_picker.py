"""The person picker on a team's page: lists the directory with each person's free time."""

from __future__ import annotations

import uuid
from typing import Any

from planner.services.records import PersonRecord
from planner.ui.team_editing.picker import PersonPicker


def people(count: int) -> list[PersonRecord]:
    return [
        PersonRecord(uuid.uuid4(), f"Person {n} with a rather long name", "", None)
        for n in range(count)
    ]


def test_lists_each_person_with_their_free_time(qtbot: Any) -> None:
    picker = PersonPicker()
    qtbot.addWidget(picker)
    listed = people(3)
    picker.set_people(listed, {listed[0].id: 60.0, listed[1].id: 100.0}, {})
    assert [picker.itemText(row) for row in range(picker.count())] == [
        "Person 0 with a rather long name — 40 % free",
        "Person 1 with a rather long name — fully allocated",
        "Person 2 with a rather long name — 100 % free",
    ]
    picker.setEditText("Person 2 with a rather long name")
    assert picker.picked() == listed[2].id


def test_a_large_directory_does_not_widen_it(qtbot: Any) -> None:
    """Sized by its least length, not by measuring every name (thousands in a large plan)."""
    small, large = PersonPicker(), PersonPicker()
    qtbot.addWidget(small)
    qtbot.addWidget(large)
    small.set_people(people(2), {}, {})
    large.set_people(people(3_000) + [PersonRecord(uuid.uuid4(), "X" * 120, "", None)], {}, {})
    for picker in (small, large):
        picker.show()  # a combo left to size itself measures its items when first shown
        qtbot.waitExposed(picker)
    assert large.sizeHint().width() == small.sizeHint().width()
