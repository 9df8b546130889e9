"""The plan's health report: facts gathered in a few queries, judged by the domain's rules."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select

from planner.domain.health import Finding, TeamFacts, TopologyFacts, check_topology
from planner.services.plan import Plan
from planner.store.models import Discipline, Interaction, Membership, Person, Stage, Team


def topology_facts(plan: Plan) -> TopologyFacts:
    with plan.session() as session:
        stages = [
            (row.id, row.name)
            for row in session.execute(select(Stage.id, Stage.name).order_by(Stage.position))
        ]
        members: dict[object, set[str]] = defaultdict(set)
        counts: dict[object, int] = defaultdict(int)
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


def health_report(plan: Plan) -> list[Finding]:
    return check_topology(topology_facts(plan))
