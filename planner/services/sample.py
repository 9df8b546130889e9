"""The sample organisation: a B2B time-tracking product for freelancers.

A newcomer's first window shows a plan worth reading: teams on every funnel stage with mixed
disciplines (one team deliberately without data skills, one person over-allocated), objectives
with check-ins, a company objective the team objectives align to, and attribution notes. Dates
follow the current quarter so the sample always looks like work in progress.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from planner.domain.periods import quarter_of
from planner.domain.values import (
    Commitment,
    Confidence,
    InteractionMode,
    KeyResultKind,
    OutcomeCategory,
    ThresholdDirection,
    TopologyType,
    TouchKind,
)
from planner.services.attribution import ContributionInput
from planner.services.newplan import create_plan
from planner.services.plan import Plan

PLAN_NAME = "Tally — time tracking for freelancers"

# name, stage, type, colour, mission, persona
TEAMS = [
    (
        "Reach",
        "Acquisition",
        TopologyType.STREAM_ALIGNED,
        "#3A7BD5",
        "Bring freelancers who bill by the hour to Tally.",
        "Independent designers and developers",
    ),
    (
        "First Hour",
        "Activation",
        TopologyType.STREAM_ALIGNED,
        "#2E9E6A",
        "Get every new freelancer to a tracked, billable hour on day one.",
        "A freelancer signing up between two client projects",
    ),
    (
        "Integrations",
        "Activation",
        TopologyType.PLATFORM,
        "#7A5BD5",
        "Connect Tally to the calendars and tools freelancers already use.",
        "Teams inside Tally that build on calendar and invoicing data",
    ),
    (
        "Daily Habit",
        "Retention",
        TopologyType.STREAM_ALIGNED,
        "#E08A2E",
        "Make tracking time a habit that takes seconds a day.",
        "A freelancer three weeks in, juggling four clients",
    ),
    (
        "Word of Mouth",
        "Referral",
        TopologyType.STREAM_ALIGNED,
        "#D5507A",
        "Turn happy freelancers into the reason their peers sign up.",
        "A freelancer who just sent a clean invoice",
    ),
    (
        "Plans & Billing",
        "Revenue",
        TopologyType.STREAM_ALIGNED,
        "#2E8FA8",
        "Grow revenue from freelancers who team up.",
        "A small collective sharing one account",
    ),
]

# name, email, home discipline, [(team, discipline, allocation %)]
PEOPLE = [
    ("Amara Okafor", "amara@tally.example", "Product", [("First Hour", "Product", 100)]),
    ("Jonas Weber", "jonas@tally.example", "Engineering", [("First Hour", "Engineering", 100)]),
    ("Mei Lin", "mei@tally.example", "Engineering", [("First Hour", "Engineering", 100)]),
    (
        "Sofia Rossi",
        "sofia@tally.example",
        "UX/UI design",
        [("First Hour", "UX/UI design", 60), ("Daily Habit", "UX/UI design", 40)],
    ),
    (
        "Priya Nair",
        "priya@tally.example",
        "Data",
        [("First Hour", "Data", 60), ("Reach", "Data", 50)],
    ),
    (
        "Tom Becker",
        "tom@tally.example",
        "Customer support",
        [("First Hour", "Customer support", 100)],
    ),
    ("Lucas Martin", "lucas@tally.example", "Product", [("Reach", "Product", 100)]),
    (
        "Hannah Kim",
        "hannah@tally.example",
        "Marketing",
        [("Reach", "Marketing", 70), ("Word of Mouth", "Marketing", 30)],
    ),
    ("Diego Alvarez", "diego@tally.example", "Engineering", [("Reach", "Engineering", 100)]),
    (
        "Nora Lindqvist",
        "nora@tally.example",
        "UX/UI design",
        [("Reach", "UX/UI design", 50), ("Word of Mouth", "UX/UI design", 50)],
    ),
    ("Kwame Mensah", "kwame@tally.example", "Engineering", [("Integrations", "Engineering", 100)]),
    ("Elif Demir", "elif@tally.example", "Engineering", [("Integrations", "Engineering", 100)]),
    (
        "Ravi Shah",
        "ravi@tally.example",
        "Data",
        [("Integrations", "Data", 50), ("Plans & Billing", "Data", 50)],
    ),
    (
        "Claire Dubois",
        "claire@tally.example",
        "Product",
        [("Integrations", "Product", 50), ("Daily Habit", "Product", 50)],
    ),
    ("Owen Price", "owen@tally.example", "Engineering", [("Daily Habit", "Engineering", 100)]),
    (
        "Lea Schmidt",
        "lea@tally.example",
        "Customer support",
        [("Daily Habit", "Customer support", 100)],
    ),
    ("Marta Kowalska", "marta@tally.example", "Product", [("Word of Mouth", "Product", 100)]),
    ("Sam Taylor", "sam@tally.example", "Engineering", [("Word of Mouth", "Engineering", 100)]),
    ("Ana Costa", "ana@tally.example", "Data", [("Word of Mouth", "Data", 50)]),
    ("Felix Braun", "felix@tally.example", "Product", [("Plans & Billing", "Product", 100)]),
    ("Yuki Tanaka", "yuki@tally.example", "Engineering", [("Plans & Billing", "Engineering", 100)]),
    ("Grace Mwangi", "grace@tally.example", "Sales", [("Plans & Billing", "Sales", 100)]),
    (
        "Isabel Ruiz",
        "isabel@tally.example",
        "UX/UI design",
        [("Plans & Billing", "UX/UI design", 50), ("Integrations", "UX/UI design", 50)],
    ),
]

INTERACTIONS = [
    (
        "Integrations",
        "First Hour",
        InteractionMode.X_AS_A_SERVICE,
        "Calendar import during onboarding",
    ),
    ("Reach", "Word of Mouth", InteractionMode.COLLABORATION, "Shared landing pages for invites"),
    ("Integrations", "Plans & Billing", InteractionMode.X_AS_A_SERVICE, "Invoice export API"),
]

COMPANY_OBJECTIVE = "Become the time tracker freelancers trust from their first day"
COMPANY_KEY_RESULTS: list[
    tuple[str, KeyResultKind, float, float, str, list[tuple[int, float, int]]]
] = [
    (
        "Grow weekly active freelancers from 12,000 to 20,000",
        KeyResultKind.INCREASE,
        12000,
        20000,
        "freelancers",
        [(14, 12900, 6), (42, 14800, 6)],
    ),
    (
        "Raise NPS from 31 to 45",
        KeyResultKind.INCREASE,
        31,
        45,
        "points",
        [(30, 36, 5), (45, 38, 6)],
    ),
]

# team, objective, owner, commitment, key results:
#   (title, kind, start, target, unit, direction, owner, [(days into the period, value, conf)])
KeyResultSpec = tuple[
    str,
    KeyResultKind,
    float | None,
    float | None,
    str,
    ThresholdDirection | None,
    str,
    list[tuple[int, float, int]],
]
OBJECTIVES: list[tuple[str, str, str, Commitment, list[KeyResultSpec]]] = [
    (
        "First Hour",
        "Improve the onboarding experience",
        "Amara Okafor",
        Commitment.COMMITTED,
        [
            (
                "Reduce time from sign-up to live demo from 24 h to 1 h",
                KeyResultKind.DECREASE,
                24,
                1,
                "h",
                None,
                "Jonas Weber",
                [(10, 20, 6), (24, 14, 6), (38, 10, 7)],
            ),
            (
                "Increase the share of new users who track today's hours from 20 % to 60 %",
                KeyResultKind.INCREASE,
                20,
                60,
                "%",
                None,
                "Sofia Rossi",
                [(10, 24, 5), (24, 31, 6), (38, 38, 6)],
            ),
            (
                "Ship the guided first-timer tour",
                KeyResultKind.MILESTONE,
                None,
                None,
                "",
                None,
                "Mei Lin",
                [(30, 0, 7), (44, 0, 8)],
            ),
        ],
    ),
    (
        "Reach",
        "Make Tally the first result freelancers find",
        "Lucas Martin",
        Commitment.COMMITTED,
        [
            (
                "Grow weekly trial sign-ups from 400 to 900",
                KeyResultKind.INCREASE,
                400,
                900,
                "sign-ups",
                None,
                "Hannah Kim",
                [(14, 450, 6), (35, 610, 7)],
            ),
            (
                "Lower cost per trial from €38 to €22",
                KeyResultKind.DECREASE,
                38,
                22,
                "€",
                None,
                "Lucas Martin",
                [(14, 36, 5), (35, 31, 5)],
            ),
        ],
    ),
    (
        "Integrations",
        "Connect Tally to the tools freelancers already use",
        "Claire Dubois",
        Commitment.ASPIRATIONAL,
        [
            (
                "Ship 3 calendar integrations",
                KeyResultKind.INCREASE,
                0,
                3,
                "shipped",  # a unit that reads right for 1 as for 3
                None,
                "Kwame Mensah",
                [(28, 1, 4)],
            ),
        ],
    ),
    (
        "Daily Habit",
        "Make tracking a daily habit",
        "Claire Dubois",
        Commitment.COMMITTED,
        [
            (
                "Raise week-4 retention from 35 % to 50 %",
                KeyResultKind.INCREASE,
                35,
                50,
                "%",
                None,
                "Owen Price",
                [(21, 37, 5), (42, 41, 5)],
            ),
            (
                "Keep monthly churn at most 2 %",
                KeyResultKind.THRESHOLD,
                None,
                2,
                "%",
                ThresholdDirection.AT_MOST,
                "Lea Schmidt",
                [(21, 2.4, 4), (42, 1.9, 6)],
            ),
        ],
    ),
    (
        "Word of Mouth",
        "Turn happy freelancers into advocates",
        "Marta Kowalska",
        Commitment.COMMITTED,
        [
            (
                "Increase invites sent per active user from 0.2 to 0.5",
                KeyResultKind.INCREASE,
                0.2,
                0.5,
                "invites",
                None,
                "Sam Taylor",
                [(20, 0.26, 6), (43, 0.31, 6)],
            ),
            (
                "Launch the referral reward programme",
                KeyResultKind.MILESTONE,
                None,
                None,
                "",
                None,
                "Marta Kowalska",
                [(33, 1, 9)],
            ),
        ],
    ),
    (
        "Plans & Billing",
        "Grow revenue from teams of freelancers",
        "Felix Braun",
        Commitment.COMMITTED,
        [
            (
                "Increase trial-to-paid conversion from 8 % to 12 %",
                KeyResultKind.INCREASE,
                8,
                12,
                "%",
                None,
                "Grace Mwangi",
                [(15, 8.4, 6), (36, 9.6, 6)],
            ),
            (
                "Grow expansion MRR from €4,000 to €10,000",
                KeyResultKind.INCREASE,
                4000,
                10000,
                "€",
                None,
                "Felix Braun",
                [(15, 4600, 5), (36, 5900, 5)],
            ),
        ],
    ),
]

CUSTOMERS = [
    (
        "Studio Nord",
        "Agency (10–50 people)",
        "Ingrid Holm, managing partner",
        "Per Sandberg, designer",
        "",
    ),
    (
        "Orbit Dev Collective",
        "Collective (5–10 freelancers)",
        "Rafael Gomez, founder",
        "The whole collective",
        "",
    ),
    ("Lena Brandt Consulting", "Solo freelancer", "Lena Brandt", "Lena Brandt", ""),
]

# customer, days into the period, category, outcome, story, evidence, linked key result,
# confidence, [(team, touch, share)], unattributed share
NoteSpec = tuple[
    str, int, OutcomeCategory, str, str, str, str, Confidence, list[tuple[str, TouchKind, int]], int
]
NOTES: list[NoteSpec] = [
    (
        "Studio Nord",
        12,
        OutcomeCategory.ONBOARDING_COMPLETED,
        "Onboarded all 14 designers within a day",
        "Their office manager called support on day one; Tom stayed on the phone while she invited "
        "the team. The new project templates did the rest, and the sales walkthrough the week "
        "before had set expectations.",
        "Support call log; 14 accounts tracked hours on day one.",
        "Reduce time from sign-up to live demo from 24 h to 1 h",
        Confidence.MEDIUM,
        [
            ("First Hour", TouchKind.CUSTOMER_SUPPORT, 50),
            ("First Hour", TouchKind.PRODUCT_UX, 30),
            ("Plans & Billing", TouchKind.SALES, 20),
        ],
        0,
    ),
    (
        "Orbit Dev Collective",
        29,
        OutcomeCategory.UPGRADE,
        "Upgraded to the team plan",
        "They upgraded the week the Google Calendar import shipped, after a call with sales "
        "about shared invoicing.",
        "Upgrade date matches the integration release; sales notes.",
        "Grow expansion MRR from €4,000 to €10,000",
        Confidence.LOW,
        [("Plans & Billing", TouchKind.SALES, 40), ("Integrations", TouchKind.PRODUCT_UX, 40)],
        20,
    ),
    (
        "Lena Brandt Consulting",
        35,
        OutcomeCategory.REFERRAL,
        "Referred three colleagues",
        "Lena used the new invite link after reading the 'bill your first client' guide.",
        "Three sign-ups with her referral code.",
        "Increase invites sent per active user from 0.2 to 0.5",
        Confidence.HIGH,
        [
            ("Word of Mouth", TouchKind.PRODUCT_UX, 60),
            ("Reach", TouchKind.MARKETING, 25),
            ("Daily Habit", TouchKind.EDUCATION_CONTENT, 15),
        ],
        0,
    ),
]


def create_sample_plan(path: Path, today: date | None = None) -> Plan:
    """Create ``path`` holding the sample organisation; returns the open plan."""
    today = today or date.today()
    plan = create_plan(path, PLAN_NAME, today)
    try:
        _fill(plan, today)
    except BaseException:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan


def _fill(plan: Plan, today: date) -> None:
    quarter = quarter_of(today)
    period = next(p for p in plan.periods.list() if p.name == quarter.name)

    def day(offset: int) -> date | None:
        """The date ``offset`` days into the quarter, or None while it is still to come."""
        when = quarter.start + timedelta(days=offset)
        return when if when <= today else None

    teams = _add_teams(plan)
    people = _add_people(plan, teams)
    key_results = _add_okrs(plan, period.id, teams, people, day)
    _add_notes(plan, teams, key_results, lambda offset: day(offset) or today)


def _add_teams(plan: Plan) -> dict[str, uuid.UUID]:
    stages = {stage.name: stage.id for stage in plan.stages.list()}
    teams: dict[str, uuid.UUID] = {}
    for name, stage, topology, color, mission, persona in TEAMS:
        edit = plan.apply(plan.teams.create(stages[stage], name, mission, persona, topology, color))
        teams[name] = edit.id
    for source, target, mode, note in INTERACTIONS:
        plan.apply(plan.interactions.create(teams[source], teams[target], mode, note))
    return teams


def _add_people(plan: Plan, teams: dict[str, uuid.UUID]) -> dict[str, uuid.UUID]:
    disciplines = {discipline.name: discipline.id for discipline in plan.disciplines.list()}
    people: dict[str, uuid.UUID] = {}
    for name, email, home, memberships in PEOPLE:
        person = plan.apply(plan.people.create(name, email, disciplines[home]))
        people[name] = person.id
        for team, discipline, allocation in memberships:
            plan.apply(
                plan.memberships.create(teams[team], person.id, disciplines[discipline], allocation)
            )
    return people


def _add_okrs(
    plan: Plan,
    period_id: uuid.UUID,
    teams: dict[str, uuid.UUID],
    people: dict[str, uuid.UUID],
    day: Callable[[int], date | None],
) -> dict[str, uuid.UUID]:
    company = plan.apply(
        plan.objectives.create(period_id, COMPANY_OBJECTIVE, owner_id=people["Amara Okafor"])
    )
    key_results: dict[str, uuid.UUID] = {}
    for title, kind, baseline, goal, unit, checkins in COMPANY_KEY_RESULTS:
        result = plan.apply(plan.key_results.create(company.id, title, kind, baseline, goal, unit))
        _check_in(plan, result.id, checkins, day)
    for team, title, owner, commitment, results in OBJECTIVES:
        objective = plan.apply(
            plan.objectives.create(
                period_id,
                title,
                team_id=teams[team],
                parent_id=company.id,
                commitment=commitment,
                owner_id=people[owner],
            )
        )
        for kr_title, kind, start, target, unit, direction, kr_owner, checkins in results:
            result = plan.apply(
                plan.key_results.create(
                    objective.id,
                    kr_title,
                    kind,
                    start,
                    target,
                    unit,
                    direction,
                    owner_id=people[kr_owner],
                )
            )
            key_results[kr_title] = result.id
            _check_in(plan, result.id, checkins, day)
    return key_results


def _check_in(
    plan: Plan,
    key_result_id: uuid.UUID,
    checkins: list[tuple[int, float, int]],
    day: Callable[[int], date | None],
) -> None:
    for offset, value, confidence in checkins:
        when = day(offset)
        if when is not None:
            plan.apply(plan.check_ins.create(key_result_id, when, value, confidence))


def _add_notes(
    plan: Plan,
    teams: dict[str, uuid.UUID],
    key_results: dict[str, uuid.UUID],
    day: Callable[[int], date],
) -> None:
    customers: dict[str, uuid.UUID] = {}
    for name, segment, decision_maker, user_contact, notes in CUSTOMERS:
        created = plan.apply(
            plan.customers.create(name, segment, decision_maker, user_contact, notes)
        )
        customers[name] = created.id
    for customer, offset, category, outcome, story, evidence, kr, confidence, parts, rest in NOTES:
        plan.apply(
            plan.notes.create(
                day(offset),
                customers[customer],
                category,
                outcome,
                [ContributionInput(teams[team], touch, share) for team, touch, share in parts],
                story=story,
                evidence=evidence,
                key_result_id=key_results[kr],
                confidence=confidence,
                unattributed_share=rest,
            )
        )
