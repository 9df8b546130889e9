"""The journal: filtering notes, summarising credit, revising a note's shares."""

from __future__ import annotations

from datetime import date

import pytest

from planner.domain.validation import ValidationError
from planner.domain.values import OutcomeCategory, TouchKind
from planner.services.attribution import ContributionInput
from planner.services.journal import (
    JournalFilter,
    attribution_findings,
    journal,
    notes_for_key_result,
)
from planner.services.plan import Plan


def team_id(plan: Plan, name: str):  # type: ignore[no-untyped-def]
    return next(t.id for t in plan.teams.list() if t.name == name)


def test_every_note_is_listed_newest_first_with_names(sample_plan: Plan) -> None:
    entries = journal(sample_plan).entries
    assert [e.customer for e in entries] == [
        "Lena Brandt Consulting",
        "Orbit Dev Collective",
        "Studio Nord",
    ]
    nord = entries[-1]
    assert nord.teams == "First Hour, Plans & Billing"
    assert nord.key_result.startswith("Reduce time from sign-up")
    assert [(s.team_name, s.touch, s.share) for s in nord.shares] == [
        ("First Hour", TouchKind.CUSTOMER_SUPPORT, 50),
        ("First Hour", TouchKind.PRODUCT_UX, 30),
        ("Plans & Billing", TouchKind.SALES, 20),
    ]


@pytest.mark.parametrize(
    ("where", "customers"),
    [
        (lambda p: JournalFilter(text="phone"), ["Studio Nord"]),
        (lambda p: JournalFilter(text="CALENDAR sales"), ["Orbit Dev Collective"]),
        (lambda p: JournalFilter(team_id=team_id(p, "Reach")), ["Lena Brandt Consulting"]),
        (lambda p: JournalFilter(outcome=OutcomeCategory.UPGRADE), ["Orbit Dev Collective"]),
        (
            lambda p: JournalFilter(start=date(2026, 11, 1), end=date(2026, 11, 30)),
            ["Lena Brandt Consulting"],
        ),
        (
            lambda p: JournalFilter(
                stage_id=next(s.id for s in p.stages.list() if s.name == "Revenue")
            ),
            ["Orbit Dev Collective", "Studio Nord"],
        ),
        (lambda p: JournalFilter(text="nothing like this"), []),
    ],
)
def test_filters(sample_plan: Plan, where, customers: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [e.customer for e in journal(sample_plan, where(sample_plan)).entries] == customers


def test_the_summary_covers_exactly_the_filtered_notes(sample_plan: Plan) -> None:
    everything = journal(sample_plan).summary
    assert everything.notes == 3
    assert everything.total == 300
    assert everything.unattributed == 20
    assert everything.by_team[team_id(sample_plan, "First Hour")] == 80
    assert everything.by_touch[TouchKind.SALES] == 60
    only_nord = journal(sample_plan, JournalFilter(text="Nord")).summary
    assert only_nord.total == 100
    assert team_id(sample_plan, "Word of Mouth") not in only_nord.by_team


def test_revising_a_share_keeps_credit_whole_and_undoes(sample_plan: Plan) -> None:
    nord = journal(sample_plan, JournalFilter(text="Nord")).entries[0]
    rows = [(s.id, ContributionInput(s.team_id, s.touch, s.share, s.note)) for s in nord.shares]
    support, ux, sales = rows
    with pytest.raises(ValidationError, match="add up to 110 %"):
        bigger_ux = (ux[0], ContributionInput(ux[1].team_id, ux[1].touch, 40))
        sample_plan.notes.revise(nord.id, [support, bigger_ux, sales])
    revised = [
        (support[0], ContributionInput(support[1].team_id, TouchKind.CUSTOMER_SUPPORT, 40)),
        ux,
        (None, ContributionInput(team_id(sample_plan, "Reach"), TouchKind.MARKETING, 10)),
        sales,
    ]
    edit = sample_plan.apply(sample_plan.notes.revise(nord.id, revised, story="Revised story"))
    after = journal(sample_plan, JournalFilter(text="Nord")).entries[0]
    assert [(s.team_name, s.share) for s in after.shares] == [
        ("First Hour", 40),
        ("First Hour", 30),
        ("Reach", 10),
        ("Plans & Billing", 20),
    ]
    assert after.story == "Revised story"
    sample_plan.revert(edit)
    assert journal(sample_plan, JournalFilter(text="Nord")).entries[0] == nord


def test_dropping_a_contribution_removes_it(sample_plan: Plan) -> None:
    nord = journal(sample_plan, JournalFilter(text="Nord")).entries[0]
    first, *_ = nord.shares
    edit = sample_plan.notes.revise(
        nord.id, [(first.id, ContributionInput(first.team_id, first.touch, 100))]
    )
    sample_plan.apply(edit)
    assert len(journal(sample_plan, JournalFilter(text="Nord")).entries[0].shares) == 1


def test_notes_linked_to_a_key_result(sample_plan: Plan) -> None:
    demo = next(kr for kr in sample_plan.key_results.list() if kr.title.startswith("Reduce time"))
    assert [e.customer for e in notes_for_key_result(sample_plan, demo.id)] == ["Studio Nord"]


def test_credit_to_a_deleted_team_is_a_warning(sample_plan: Plan) -> None:
    assert attribution_findings(sample_plan) == []
    sample_plan.apply(sample_plan.teams.delete(team_id(sample_plan, "Reach")))
    findings = attribution_findings(sample_plan)
    assert [(f.rule, f.subject_name) for f in findings] == [
        ("note-credits-deleted-team", "Lena Brandt Consulting: Referred three colleagues")
    ]


def test_a_note_needs_a_customer_and_whole_credit(sample_plan: Plan) -> None:
    customer = sample_plan.customers.list()[0]
    reach = team_id(sample_plan, "Reach")
    with pytest.raises(ValidationError, match="Customer: is required"):
        sample_plan.notes.create(date(2026, 11, 1), None, "renewal", "Renewed")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="add up to 120 %"):
        sample_plan.notes.create(
            date(2026, 11, 1),
            customer.id,
            "renewal",
            "Renewed",
            [ContributionInput(reach, "sales", 60), ContributionInput(reach, "marketing", 60)],
        )
    with pytest.raises(ValidationError, match="Share: must be from 0 % to 100 %"):
        sample_plan.notes.create(
            date(2026, 11, 1),
            customer.id,
            "renewal",
            "Renewed",
            [ContributionInput(reach, "sales", -10), ContributionInput(reach, "marketing", 110)],
        )
