"""Hostile values through the services' create and update builders never crash the plan.

Hypothesis draws what a person (or a paste) could put in a field: any text, control characters
included, huge strings, numbers as floats, huge ints or text (NaN, inf, -0.0, locales' commas),
dates at the ends of the calendar. For teams, key results, check-ins, memberships and notes,
each edit is either refused with a ValidationError, leaving the plan exactly as it was, or
built, applied and then read back (and reverted, so the next example starts from the same plan).
Any other exception fails the test.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.validation import ValidationError
from planner.domain.values import Confidence, KeyResultKind, OutcomeCategory, TouchKind
from planner.services.attribution import ContributionInput
from planner.services.plan import Plan
from planner.services.rollup import period_progress
from tests.plans import open_copy
from tests.services.test_undo_property import contents

CONTROL = st.characters(min_codepoint=0, max_codepoint=0x1F) | st.sampled_from(
    ["\x7f", "\u200b", "\u202e", "\ufeff", "\u2028", "\ud7ff", "\U0010ffff"]
)
texts = st.one_of(
    st.text(max_size=60),
    st.text(CONTROL, max_size=20),
    st.text(st.characters(blacklist_categories=("Cs",)) | CONTROL, max_size=250),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "é", "\x00", " ", "😀"]), st.integers(1, 21_000)
    ),
    st.sampled_from(["", " ", "\t", "=cmd|'/c calc'!A1", "Team\n2", "a" * 200, "a" * 201]),
)
numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-0.0, 0.0, 1e308, -1e308, 5e-324, 100.0, 101.0, -1.0]),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e309",
            "-0",
            "12,5",
            "1.234,5",
            "1,234.5",
            "20 %",
            "\u221212",
            "",
            " ",
            "ten",
            "0x10",
            "1_000",
            "١٢",
        ]
    ),
    texts,
)
dates = st.dates() | st.none()
# The builders take confidence as an int or None (their signature); other types are out of
# contract (validate_confidence raises TypeError on text: see docs/performance.md).
confidences = st.none() | st.integers(-5, 15)


@pytest.fixture(scope="module")
def plan(sample_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Plan]:
    plan = open_copy(sample_file, tmp_path_factory.mktemp("fuzz-edits"))
    yield plan
    plan.close()


def attempt(plan: Plan, build: Callable[[], Any], progress: bool = False) -> None:
    """Build and apply an edit: refused whole, or applied and then reverted exactly. With
    ``progress``, whatever was applied leaves every key result's progress readable."""
    before = contents(plan)
    try:
        edit = build()
        plan.apply(edit)
    except ValidationError:
        assert contents(plan) == before
        return
    after = contents(plan)
    for table in after.values():
        for row in table:
            for value in row.values():
                assert not (isinstance(value, float) and not math.isfinite(value)), row
    if progress:
        for period in plan.periods.list():
            period_progress(plan, period.id)
    plan.revert(edit)
    assert contents(plan) == before


FUZZ = settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(name=texts, mission=texts, persona=texts, color=st.none() | texts, update=texts)
def test_teams(plan: Plan, name: Any, mission: Any, persona: Any, color: Any, update: Any) -> None:
    stage = plan.stages.list()[0].id
    attempt(plan, lambda: plan.teams.create(stage, name, mission, persona, None, color))
    team = plan.teams.list()[0].id
    attempt(plan, lambda: plan.teams.update(team, name=update))
    attempt(plan, lambda: plan.teams.update(team, mission=update, color=color))


@FUZZ
@given(
    title=texts,
    kind=st.sampled_from(list(KeyResultKind)) | texts,
    start=st.none() | numbers,
    target=st.none() | numbers,
    unit=texts,
    weight=numbers,
)
def test_key_results(
    plan: Plan, title: Any, kind: Any, start: Any, target: Any, unit: Any, weight: Any
) -> None:
    objective = next(o for o in plan.objectives.list() if o.team_id is not None).id
    attempt(
        plan,
        lambda: plan.key_results.create(objective, title, kind, start, target, unit, weight=weight),
        progress=True,
    )
    result = plan.key_results.list()[0].id
    attempt(
        plan,
        lambda: plan.key_results.update(result, start_value=start, target_value=target),
        progress=True,
    )
    attempt(plan, lambda: plan.key_results.update(result, weight=weight, title=title))


@FUZZ
@given(on_date=dates, value=numbers, confidence=confidences, note=texts)
def test_check_ins(plan: Plan, on_date: Any, value: Any, confidence: Any, note: Any) -> None:
    result = plan.key_results.list()[0].id
    attempt(
        plan, lambda: plan.check_ins.create(result, on_date, value, confidence, note), progress=True
    )
    check_in = plan.check_ins.list()[0].id
    attempt(plan, lambda: plan.check_ins.update(check_in, value=value, confidence=confidence))
    attempt(plan, lambda: plan.check_ins.update(check_in, on_date=on_date, note=note))


@FUZZ
@given(allocation=numbers, name=texts, email=texts)
def test_memberships(plan: Plan, allocation: Any, name: Any, email: Any) -> None:
    team = plan.teams.list()[0].id
    person = plan.people.list()[-1].id
    discipline = plan.disciplines.list()[0].id
    attempt(plan, lambda: plan.memberships.create(team, person, discipline, allocation))
    attempt(
        plan,
        lambda: plan.memberships.create_with_new_person(team, name, email, discipline, allocation),
    )
    member = plan.memberships.list()[0].id
    attempt(plan, lambda: plan.memberships.update(member, allocation=allocation))


@FUZZ
@given(
    on_date=dates,
    category=st.sampled_from(list(OutcomeCategory)) | texts,
    outcome=texts,
    story=texts,
    share=numbers,
    rest=numbers,
    touch=st.sampled_from(list(TouchKind)) | texts,
    confidence=st.sampled_from(list(Confidence)) | texts,
)
def test_notes(
    plan: Plan,
    on_date: Any,
    category: Any,
    outcome: Any,
    story: Any,
    share: Any,
    rest: Any,
    touch: Any,
    confidence: Any,
) -> None:
    customer = plan.customers.list()[0].id
    team = plan.teams.list()[0].id
    attempt(
        plan,
        lambda: plan.notes.create(
            on_date,
            customer,
            category,
            outcome,
            [ContributionInput(team, touch, share, story)],
            story=story,
            confidence=confidence,
            unattributed_share=rest,
        ),
    )
    note = plan.notes.list()[0].id
    attempt(plan, lambda: plan.notes.update(note, outcome=outcome, story=story))
    attempt(plan, lambda: plan.notes.update(note, on_date=on_date, unattributed_share=rest))


def test_the_sample_plan_has_what_the_fuzzers_edit(plan: Plan) -> None:
    assert plan.customers.list() and plan.teams.list() and plan.key_results.list()
    assert plan.check_ins.list() and plan.memberships.list() and plan.notes.list()
    assert date.today()  # the fixture's plan is a copy: the sample file is never changed
