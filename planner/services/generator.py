"""Large, deterministic plans for measuring speed: N teams, their people and a full quarter.

Each team gets 4 objectives × 4 key results, 12 check-ins per key result and 25 attribution
notes; people are shared across teams the way real organisations share specialists. The same
N always gives the same organisation (names, numbers, structure), so benchmarks compare like
with like.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from planner.domain.periods import quarter_of
from planner.domain.text import plural
from planner.domain.values import (
    Commitment,
    Confidence,
    KeyResultKind,
    OutcomeCategory,
    TopologyType,
    TouchKind,
)
from planner.services.newplan import create_plan
from planner.services.plan import Plan
from planner.store.rows import insert_many

OBJECTIVES_PER_TEAM = 4
KEY_RESULTS_PER_OBJECTIVE = 4
CHECK_INS_PER_KEY_RESULT = 12
NOTES_PER_TEAM = 25
PEOPLE_PER_TEAM = 7

VERBS = ["Improve", "Grow", "Simplify", "Speed up", "Strengthen", "Open up", "Deepen"]
THINGS = [
    "onboarding",
    "trial conversion",
    "weekly habit",
    "invoicing",
    "team plans",
    "integrations",
    "referrals",
    "reporting",
    "mobile tracking",
    "support answers",
]
METRICS = [
    "sign-ups",
    "activation rate",
    "weekly active users",
    "retention",
    "NPS",
    "expansion revenue",
    "invites sent",
    "tickets solved",
    "time to value",
]
FIRST = [
    "Ada",
    "Ben",
    "Chloé",
    "Dev",
    "Emre",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jia",
    "Kofi",
    "Lena",
    "Mateo",
    "Nia",
    "Omar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
]
LAST = [
    "Adler",
    "Bauer",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Huber",
    "Ito",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Novak",
    "Okafor",
    "Patel",
    "Quist",
    "Rossi",
]


def create_large_plan(path: Path, teams: int, today: date | None = None, seed: int = 1) -> Plan:
    """Create ``path`` holding a generated organisation of ``teams`` teams."""
    if teams < 1:
        raise ValueError("a generated plan needs at least one team")
    today = today or date.today()
    plan = create_plan(path, f"Generated plan ({plural(teams, 'team')})", today)
    try:
        with plan.writing() as session:
            for table, rows in _generate(plan, teams, today, random.Random(seed)).items():
                insert_many(session, table, rows)
    except BaseException:
        plan.close()
        Path(path).unlink(missing_ok=True)
        raise
    return plan


def _generate(plan: Plan, count: int, today: date, rng: random.Random) -> dict[str, list[Any]]:
    stages = [stage.id for stage in plan.stages.list()]
    disciplines = [d.id for d in plan.disciplines.list()]
    period = plan.periods.current(today)
    assert period is not None
    quarter = quarter_of(period.start_date)
    now = datetime.now(UTC)
    ids = _Ids(rng)
    tables: dict[str, list[Any]] = {
        name: []
        for name in (
            "person",
            "team",
            "membership",
            "objective",
            "key_result",
            "check_in",
            "customer",
            "attribution_note",
            "contribution",
        )
    }
    people = []
    for index in range(count * PEOPLE_PER_TEAM // 2):
        person = ids.next()
        people.append(person)
        tables["person"].append(
            {
                "id": person,
                "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {index + 1}",
                "email": f"person{index + 1}@example.org",
                "discipline_id": rng.choice(disciplines),
                "version": 1,
                "updated_at": now,
            }
        )
    customers = []
    for index in range(max(10, count)):
        customer = ids.next()
        customers.append(customer)
        tables["customer"].append(
            {
                "id": customer,
                "name": f"Customer {index + 1:04d}",
                "segment": "Agency",
                "decision_maker": "",
                "user_contact": "",
                "notes": "",
                "version": 1,
                "updated_at": now,
            }
        )
    company = ids.next()
    tables["objective"].append(_objective(company, None, period.id, "Grow the business", 0, now))
    team_ids = []
    for index in range(count):
        team = ids.next()
        team_ids.append(team)
        tables["team"].append(
            {
                "id": team,
                "stage_id": stages[index % len(stages)],
                "name": f"Team {index + 1:04d}",
                "mission": f"{rng.choice(VERBS)} {rng.choice(THINGS)} for our customers.",
                "persona": "Freelancers who bill by the hour",
                "topology": rng.choice(list(TopologyType)),
                "color": None,
                "position": index // len(stages),
                "version": 1,
                "updated_at": now,
            }
        )
        members = rng.sample(people, min(PEOPLE_PER_TEAM, len(people)))
        for slot, person in enumerate(members):
            tables["membership"].append(
                {
                    "id": ids.next(),
                    "team_id": team,
                    "person_id": person,
                    "discipline_id": disciplines[slot % len(disciplines)],
                    "allocation": rng.choice([25.0, 50.0, 50.0, 100.0]),
                    "version": 1,
                    "updated_at": now,
                }
            )
        for number in range(OBJECTIVES_PER_TEAM):
            objective = ids.next()
            title = f"{rng.choice(VERBS)} {rng.choice(THINGS)} ({number + 1})"
            tables["objective"].append(
                _objective(objective, team, period.id, title, number, now, parent=company)
            )
            used: set[str] = set()  # metrics, so its key results' titles differ
            for position in range(KEY_RESULTS_PER_OBJECTIVE):
                _key_result(tables, ids, rng, objective, position, quarter.start, today, now, used)
    for team in team_ids:
        for _ in range(NOTES_PER_TEAM):
            note = ids.next()
            share = rng.choice([40.0, 50.0, 60.0, 100.0])
            tables["attribution_note"].append(
                {
                    "id": note,
                    "on_date": min(today, quarter.start + timedelta(rng.randrange(90))),
                    "customer_id": rng.choice(customers),
                    "outcome_category": rng.choice(list(OutcomeCategory)),
                    "outcome": "Outcome recorded in a workshop",
                    "story": "",
                    "evidence": "",
                    "key_result_id": None,
                    "confidence": rng.choice(list(Confidence)),
                    "unattributed_share": 0.0,
                    "version": 1,
                    "updated_at": now,
                }
            )
            parts = [(team, share)] + ([(rng.choice(team_ids), 100 - share)] if share < 100 else [])
            for position, (credited, value) in enumerate(parts):
                tables["contribution"].append(
                    {
                        "id": ids.next(),
                        "note_id": note,
                        "team_id": credited,
                        "touch": rng.choice(list(TouchKind)),
                        "share": value,
                        "note": "",
                        "position": position,
                        "version": 1,
                        "updated_at": now,
                    }
                )
    return tables


def _objective(
    row_id: uuid.UUID,
    team: uuid.UUID | None,
    period: uuid.UUID,
    title: str,
    position: int,
    now: datetime,
    parent: uuid.UUID | None = None,
) -> dict[str, Any]:
    return {
        "id": row_id,
        "team_id": team,
        "period_id": period,
        "parent_id": parent,
        "title": title,
        "description": "",
        "commitment": Commitment.COMMITTED,
        "owner_id": None,
        "position": position,
        "version": 1,
        "updated_at": now,
    }


def _key_result(
    tables: dict[str, list[Any]],
    ids: _Ids,
    rng: random.Random,
    objective: uuid.UUID,
    position: int,
    start_day: date,
    today: date,
    now: datetime,
    used: set[str],
) -> None:
    result = ids.next()
    start = float(rng.randrange(10, 100))
    increase = rng.random() < 0.7
    target = start * (1.5 if increase else 0.5)
    metric = rng.choice(METRICS)
    if metric in used:  # the next one not used yet: same draws, so the same plan otherwise
        metric = next(m for m in METRICS if m not in used)
    used.add(metric)
    tables["key_result"].append(
        {
            "id": result,
            "objective_id": objective,
            "title": f"{'Increase' if increase else 'Reduce'} {metric} "
            f"from {start:g} to {target:g}",
            "kind": KeyResultKind.INCREASE if increase else KeyResultKind.DECREASE,
            "unit": "%",
            "start_value": start,
            "target_value": target,
            "direction": None,
            "weight": 1.0,
            "owner_id": None,
            "position": position,
            "version": 1,
            "updated_at": now,
        }
    )
    value = start
    for week in range(CHECK_INS_PER_KEY_RESULT):
        value += (target - start) * rng.uniform(-0.02, 0.15)
        tables["check_in"].append(
            {
                "id": ids.next(),
                "key_result_id": result,
                "on_date": min(today, start_day + timedelta(weeks=week)),
                "value": round(value, 2),
                "confidence": rng.randrange(3, 10),
                "note": "",
                "recorded_at": now,
                "version": 1,
                "updated_at": now,
            }
        )


class _Ids:
    """UUIDs from the seeded generator rather than the system's, so runs are repeatable."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng

    def next(self) -> uuid.UUID:
        return uuid.UUID(int=self._rng.getrandbits(128), version=4)
