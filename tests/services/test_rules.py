"""What services accept, refuse (with which message), and what deletes take with them."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.validation import ValidationError
from planner.domain.values import KeyResultKind, TopologyType
from planner.services.plan import Plan


def team_named(plan: Plan, name: str):  # type: ignore[no-untyped-def]
    return next(team for team in plan.teams.list() if team.name == name)


def stage_named(plan: Plan, name: str):  # type: ignore[no-untyped-def]
    return next(stage for stage in plan.stages.list() if stage.name == name)


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (lambda p: p.teams.create(stage_named(p, "Activation").id, "   "), "Team name", "required"),
        (
            lambda p: p.teams.create(stage_named(p, "Activation").id, "reach"),
            "Team name",
            "already called",
        ),
        (
            lambda p: p.teams.create(stage_named(p, "Activation").id, "X", color="blue"),
            "Colour",
            "not a colour",
        ),
        (lambda p: p.stages.create("Revenue"), "Stage name", "already called"),
        # Names differ by more than A to Z case: "ÉQUIPE" is "Équipe", "STRASSE" "Straße".
        (
            lambda p: p.teams.create(stage_named(p, "Activation").id, "FIRST HOUR"),
            "Team name",
            "another team is already called 'First Hour'",
        ),
        (
            lambda p: p.apply(p.stages.create("Équipe")) and p.stages.create("ÉQUIPE"),
            "Stage name",
            "another stage is already called 'Équipe'",
        ),
        (
            lambda p: p.apply(p.disciplines.create("Straße")) and p.disciplines.create("STRASSE"),
            "Discipline name",
            "another discipline is already called 'Straße'",
        ),
        (
            lambda p: p.periods.create("Broken", date(2027, 3, 1), date(2027, 1, 1)),
            "End",
            "before the start",
        ),
        (lambda p: p.people.create("Ann", email="ann-at-example"), "Email", "not an email"),
        # A person is found by name in pickers and imports: one name, one person.
        (
            lambda p: p.people.create(p.people.list()[0].name.upper()),
            "Name",
            "another person is already called '",
        ),
        (
            lambda p: p.people.update(p.people.list()[1].id, name=p.people.list()[0].name.lower()),
            "Name",
            "another person is already called '",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_field(
    sample_plan: Plan,
    make,
    field: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    with pytest.raises(ValidationError) as refused:
        make(sample_plan)
    assert refused.value.field == field
    assert message in refused.value.message


def objective_of(plan: Plan, title: str):  # type: ignore[no-untyped-def]
    return next(o for o in plan.objectives.list() if o.title == title)


def test_key_result_values_are_checked(sample_plan: Plan) -> None:
    objective = objective_of(sample_plan, "Improve the onboarding experience")
    create = sample_plan.key_results.create
    with pytest.raises(ValidationError, match="equals the start"):
        create(objective.id, "Flat", KeyResultKind.INCREASE, 5, 5)
    with pytest.raises(ValidationError, match="'ten' is not a number"):
        create(objective.id, "Words", KeyResultKind.INCREASE, "ten", 20)
    with pytest.raises(ValidationError, match="choose 'decrease'"):
        create(objective.id, "Backwards", KeyResultKind.INCREASE, 20, 10)
    with pytest.raises(ValidationError, match="Weight: must be above 0"):
        create(objective.id, "Weightless", KeyResultKind.INCREASE, 1, 2, weight=0)
    # Decimal commas and percent signs as spreadsheets write them are read as numbers.
    edit = create(objective.id, "Locale", KeyResultKind.INCREASE, "12,5", "20 %")
    assert (edit.values["start_value"], edit.values["target_value"]) == (12.5, 20.0)


def test_check_in_confidence_outside_0_to_10_is_refused(sample_plan: Plan) -> None:
    result = sample_plan.key_results.list()[0]
    with pytest.raises(ValidationError, match="Confidence: must be from 0 to 10"):
        sample_plan.check_ins.create(result.id, date(2026, 11, 16), 3, confidence=11)


def test_an_objective_aligns_only_to_a_plan_level_objective(sample_plan: Plan) -> None:
    team_objective = objective_of(sample_plan, "Improve the onboarding experience")
    other = objective_of(sample_plan, "Make tracking a daily habit")
    with pytest.raises(ValidationError, match="plan-level"):
        sample_plan.objectives.update(other.id, parent_id=team_objective.id)


def test_refused_input_changes_nothing(sample_plan: Plan) -> None:
    before = sample_plan.teams.list()
    with pytest.raises(ValidationError):
        sample_plan.teams.update(before[0].id, name="")
    assert sample_plan.teams.list() == before


def test_deleting_a_stage_with_teams_asks_where_they_go_and_loses_none(
    sample_plan: Plan,
) -> None:
    activation, revenue = (
        stage_named(sample_plan, "Activation"),
        stage_named(sample_plan, "Revenue"),
    )
    with pytest.raises(ValidationError, match="still has 2 teams; choose a stage for them"):
        sample_plan.stages.delete(activation.id)
    edit = sample_plan.apply(sample_plan.stages.delete(activation.id, move_teams_to=revenue.id))
    assert [team.name for team in sample_plan.teams.list(stage_id=revenue.id)] == [
        "Plans & Billing",
        "First Hour",
        "Integrations",
    ]
    assert len(sample_plan.teams.list()) == 6
    sample_plan.revert(edit)
    assert [team.name for team in sample_plan.teams.list(stage_id=activation.id)] == [
        "First Hour",
        "Integrations",
    ]


def test_deleting_a_team_takes_its_members_and_okrs_and_keeps_credit_visible(
    sample_plan: Plan,
) -> None:
    team = team_named(sample_plan, "First Hour")
    edit = sample_plan.apply(sample_plan.teams.delete(team.id))
    assert sample_plan.memberships.list(team_id=team.id) == []
    assert sample_plan.objectives.list(team_id=team.id) == []
    # Attribution notes keep their credit, now pointing at no team, for the health check.
    orphaned = [c for c in sample_plan.contributions.list() if c.team_id is None]
    assert sum(c.share for c in orphaned) == 80
    sample_plan.revert(edit)
    assert len(sample_plan.memberships.list(team_id=team.id)) == 6
    assert [c.team_id for c in sample_plan.contributions.list()].count(team.id) == 2


def test_deleting_a_person_unlinks_what_they_own(sample_plan: Plan) -> None:
    owner = next(p for p in sample_plan.people.list() if p.name == "Amara Okafor")
    owned = [o.id for o in sample_plan.objectives.list() if o.owner_id == owner.id]
    edit = sample_plan.apply(sample_plan.people.delete(owner.id))
    assert all(sample_plan.objectives.get(i).owner_id is None for i in owned)
    sample_plan.revert(edit)
    assert all(sample_plan.objectives.get(i).owner_id == owner.id for i in owned)


def test_a_period_with_objectives_cannot_be_deleted(sample_plan: Plan) -> None:
    period = sample_plan.periods.containing(date(2026, 11, 16))
    assert period is not None and period.name == "2026 Q4"
    with pytest.raises(ValidationError, match="still holds 7 objectives"):
        sample_plan.periods.delete(period.id)


def test_moving_a_team_renumbers_both_stages(sample_plan: Plan) -> None:
    integrations = team_named(sample_plan, "Integrations")
    revenue = stage_named(sample_plan, "Revenue")
    sample_plan.apply(sample_plan.teams.move(integrations.id, revenue.id, 0))
    assert [(t.name, t.position) for t in sample_plan.teams.list(stage_id=revenue.id)] == [
        ("Integrations", 0),
        ("Plans & Billing", 1),
    ]
    activation = stage_named(sample_plan, "Activation")
    assert [(t.name, t.position) for t in sample_plan.teams.list(stage_id=activation.id)] == [
        ("First Hour", 0)
    ]


def test_names_of_choices_are_read_forgivingly(sample_plan: Plan) -> None:
    stage = stage_named(sample_plan, "Referral")
    edit = sample_plan.teams.create(stage.id, "Advocacy", topology="Stream-aligned")
    assert edit.values["topology"] is TopologyType.STREAM_ALIGNED
    with pytest.raises(ValidationError, match="'guild' is not one of: stream aligned"):
        sample_plan.teams.create(stage.id, "Guild", topology="guild")


def test_every_change_is_announced_once_with_the_tables_it_touched(sample_plan: Plan) -> None:
    heard = []
    sample_plan.subscribe(heard.append)
    team = team_named(sample_plan, "Reach")
    edit = sample_plan.apply(sample_plan.teams.delete(team.id))
    sample_plan.revert(edit)
    assert len(heard) == 2
    assert heard[0].touches("membership") and heard[0].touches("key_result")
    assert heard[1].undone


def test_a_listener_that_fails_neither_silences_the_others_nor_undoes_the_change(
    sample_plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[BaseException] = []
    monkeypatch.setattr("sys.excepthook", lambda _kind, error, _trace: reported.append(error))

    def broken_view(_changes: object) -> None:
        raise RuntimeError("a view could not show it")

    heard = []
    sample_plan.subscribe(broken_view)
    sample_plan.subscribe(heard.append)
    team = team_named(sample_plan, "Reach")
    sample_plan.apply(sample_plan.teams.update(team.id, name="Reach further"))  # no error
    assert len(heard) == 1  # the next listener heard it
    assert team_named(sample_plan, "Reach further").id == team.id  # the change is saved
    assert [str(error) for error in reported] == ["a view could not show it"]


@pytest.mark.parametrize(
    ("value", "stored", "message"),
    [("7", 7, None), ("", None, None), ("high", None, "not a whole number"), (7.5, None, "not a")],
)
def test_confidence_typed_as_text_is_read_or_refused(
    sample_plan: Plan, value: object, stored: int | None, message: str | None
) -> None:
    result = sample_plan.key_results.list()[0]
    if message is None:
        edit = sample_plan.check_ins.create(result.id, date(2026, 11, 16), 3, confidence=value)  # type: ignore[arg-type]
        assert edit.values["confidence"] == stored
    else:
        with pytest.raises(ValidationError, match=message):
            sample_plan.check_ins.create(result.id, date(2026, 11, 16), 3, confidence=value)  # type: ignore[arg-type]
