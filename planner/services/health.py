"""The plan's health report: facts gathered in a few queries, judged by the domain's rules."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from planner.domain.health import Finding, TeamFacts, TopologyFacts, check_topology
from planner.domain.okr_health import KeyResultHealth, ObjectiveFacts, OkrFacts, check_okrs
from planner.domain.values import KeyResultKind
from planner.services.journal import attribution_findings
from planner.services.plan import Plan
from planner.store.models import (
    CheckIn,
    Discipline,
    Interaction,
    KeyResult,
    Membership,
    Objective,
    Period,
    Person,
    Stage,
    Team,
)


def topology_facts(plan: Plan) -> TopologyFacts:
    with plan.session() as session:
        stages = [
            (row.id, row.name)
            for row in session.execute(select(Stage.id, Stage.name).order_by(Stage.position))
        ]
        members: dict[uuid.UUID, set[str]] = defaultdict(set)
        counts: dict[uuid.UUID, int] = defaultdict(int)
        query = select(Membership.team_id, Discipline.name).outerjoin(
            Discipline, Membership.discipline_id == Discipline.id
        )
        for team_id, discipline in session.execute(query):
            counts[team_id] += 1
            if discipline is not None:
                members[team_id].add(discipline)
        teams = [
            TeamFacts(row.id, row.name, row.stage_id, counts[row.id], frozenset(members[row.id]))
            for row in session.execute(
                select(Team.id, Team.name, Team.stage_id)
                .join(Stage, Team.stage_id == Stage.id)
                .order_by(Stage.position, Team.position)
            )
        ]
        required = list(
            session.scalars(
                select(Discipline.name).where(Discipline.required).order_by(Discipline.position)
            )
        )
        allocations = [
            (row.id, row.name, float(row.total))
            for row in session.execute(
                select(Person.id, Person.name, func.sum(Membership.allocation).label("total"))
                .join(Membership, Membership.person_id == Person.id)
                .group_by(Person.id, Person.name)
                .order_by(Person.name)
            )
        ]
        interactions = [
            (row.id, row.from_team_id, row.to_team_id)
            for row in session.execute(
                select(Interaction.id, Interaction.from_team_id, Interaction.to_team_id)
            )
        ]
    return TopologyFacts(stages, teams, required, allocations, interactions)


def okr_facts(plan: Plan, period_id: uuid.UUID, today: date) -> OkrFacts:
    with plan.session() as session:
        period = session.get(Period, period_id)
        if period is None:
            raise LookupError(f"no period with id {period_id}")
        teams = [
            (row.id, row.name)
            for row in session.execute(
                select(Team.id, Team.name)
                .join(Stage, Team.stage_id == Stage.id)
                .order_by(Stage.position, Team.position)
            )
        ]
        objectives = [
            ObjectiveFacts(row.id, row.title, row.team_id, row.parent_id)
            for row in session.execute(
                select(Objective.id, Objective.title, Objective.team_id, Objective.parent_id)
                .where(Objective.period_id == period_id)
                .order_by(Objective.position)
            )
        ]
        last = (
            select(CheckIn.key_result_id, func.max(CheckIn.on_date).label("last"))
            .group_by(CheckIn.key_result_id)
            .subquery()
        )
        # A milestone whose latest check-in says "done" needs no more check-ins.
        finished = set(
            session.scalars(
                select(CheckIn.key_result_id)
                .join(last, (last.c.key_result_id == CheckIn.key_result_id))
                .join(KeyResult, KeyResult.id == CheckIn.key_result_id)
                .where(
                    CheckIn.on_date == last.c.last,
                    KeyResult.kind == KeyResultKind.MILESTONE,
                    CheckIn.value >= 1,
                )
            )
        )
        key_results = [
            KeyResultHealth(
                row.id,
                row.title,
                row.objective_id,
                row.kind,
                row.unit,
                row.last,
                finished=row.id in finished,
            )
            for row in session.execute(
                select(
                    KeyResult.id,
                    KeyResult.title,
                    KeyResult.objective_id,
                    KeyResult.kind,
                    KeyResult.unit,
                    last.c.last,
                )
                .join(Objective, KeyResult.objective_id == Objective.id)
                .outerjoin(last, last.c.key_result_id == KeyResult.id)
                .where(Objective.period_id == period_id)
                .order_by(Objective.position, KeyResult.position)
            )
        ]
        return OkrFacts(
            period.name, period.start_date, period.end_date, today, teams, objectives, key_results
        )


def health_report(
    plan: Plan, period_id: uuid.UUID | None = None, today: date | None = None
) -> list[Finding]:
    """Every finding: topology, then the OKRs of ``period_id`` (default: the current period)."""
    today = today or date.today()
    findings = check_topology(topology_facts(plan))
    if period_id is None:
        current = plan.periods.current(today)
        period_id = current.id if current else None
    if period_id is not None:
        findings.extend(check_okrs(okr_facts(plan, period_id, today)))
    findings.extend(attribution_findings(plan))
    return findings
