"""The plan's health report: facts gathered in a few queries, judged by the domain's rules."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from planner.domain.health import Finding, TeamFacts, TopologyFacts, check_topology
from planner.domain.okr_health import KeyResultHealth, ObjectiveFacts, OkrFacts, check_okrs
from planner.domain.values import KeyResultKind
from planner.services.journal import attribution_findings
from planner.services.plan import Plan
from planner.services.rollup import PeriodProgress, period_progress
from planner.store.models import (
    Discipline,
    Interaction,
    KeyResult,
    Membership,
    Objective,
    Person,
    Stage,
    Team,
)


def topology_facts(plan: Plan) -> TopologyFacts:
    with plan.rows() as connection:
        stages = [
            (row.id, row.name)
            for row in connection.execute(select(Stage.id, Stage.name).order_by(Stage.position))
        ]
        members: dict[uuid.UUID, set[str]] = defaultdict(set)
        counts: dict[uuid.UUID, int] = defaultdict(int)
        query = select(Membership.team_id, Discipline.name).outerjoin(
            Discipline, Membership.discipline_id == Discipline.id
        )
        for team_id, discipline in connection.execute(query):
            counts[team_id] += 1
            if discipline is not None:
                members[team_id].add(discipline)
        teams = [
            TeamFacts(row.id, row.name, row.stage_id, counts[row.id], frozenset(members[row.id]))
            for row in connection.execute(
                select(Team.id, Team.name, Team.stage_id)
                .join(Stage, Team.stage_id == Stage.id)
                .order_by(Stage.position, Team.position)
            )
        ]
        required = list(
            connection.scalars(
                select(Discipline.name).where(Discipline.required).order_by(Discipline.position)
            )
        )
        allocations = [
            (row.id, row.name, float(row.total))
            for row in connection.execute(
                select(Person.id, Person.name, func.sum(Membership.allocation).label("total"))
                .join(Membership, Membership.person_id == Person.id)
                .group_by(Person.id, Person.name)
                .order_by(Person.name)
            )
        ]
        interactions = [
            (row.id, row.from_team_id, row.to_team_id)
            for row in connection.execute(
                select(Interaction.id, Interaction.from_team_id, Interaction.to_team_id)
            )
        ]
    return TopologyFacts(stages, teams, required, allocations, interactions)


def okr_facts(
    plan: Plan, period_id: uuid.UUID, today: date, progress: PeriodProgress | None = None
) -> OkrFacts:
    """The period's OKRs as the rules judge them. ``progress``: the period's roll-up when the
    caller holds it already (the window does); it gives each key result's latest check-in."""
    if progress is None or progress.period_id != period_id:
        progress = period_progress(plan, period_id, today)
    statuses = progress.key_results
    outline = _okr_outline(plan, period_id)
    key_results = []
    for result_id, title, objective_id, kind, unit in outline.key_results:
        status = statuses.get(result_id)
        last = status.last_check_in if status is not None else None
        # A milestone whose latest check-in says "done" needs no more check-ins.
        finished = (
            kind is KeyResultKind.MILESTONE
            and status is not None
            and last is not None
            and status.current is not None
            and status.current >= 1
        )
        key_results.append(
            KeyResultHealth(result_id, title, objective_id, kind, unit, last, finished)
        )
    name, start, end = outline.period
    return OkrFacts(name, start, end, today, outline.teams, outline.objectives, key_results)


@dataclass(frozen=True)
class _OkrOutline:
    """What the OKR rules read besides check-ins: kept until one of its tables changes, so a
    check-in only looks up each key result's latest check-in again."""

    period: tuple[str, date, date]  # name, start, end
    teams: tuple[tuple[uuid.UUID, str], ...]
    objectives: tuple[ObjectiveFacts, ...]
    key_results: tuple[tuple[uuid.UUID, str, uuid.UUID, KeyResultKind, str], ...]


def _okr_outline(plan: Plan, period_id: uuid.UUID) -> _OkrOutline:
    return plan.remember((_okr_outline, period_id), lambda: _read_okr_outline(plan, period_id))


def _read_okr_outline(plan: Plan, period_id: uuid.UUID) -> _OkrOutline:
    period = plan.periods.get(period_id)  # NotFoundError, a LookupError, when there is none
    with plan.rows() as connection:
        teams = tuple(
            (row.id, row.name)
            for row in connection.execute(
                select(Team.id, Team.name)
                .join(Stage, Team.stage_id == Stage.id)
                .order_by(Stage.position, Team.position)
            )
        )
        objectives = tuple(
            ObjectiveFacts(row.id, row.title, row.team_id, row.parent_id)
            for row in connection.execute(
                select(Objective.id, Objective.title, Objective.team_id, Objective.parent_id)
                .where(Objective.period_id == period_id)
                .order_by(Objective.position)
            )
        )
        # Rows unpacked by place: a field by name costs ten times as much, for each key result.
        key_results = tuple(
            (result_id, title, objective_id, kind, unit)
            for result_id, title, objective_id, kind, unit in connection.execute(
                select(
                    KeyResult.id,
                    KeyResult.title,
                    KeyResult.objective_id,
                    KeyResult.kind,
                    KeyResult.unit,
                )
                .join(Objective, KeyResult.objective_id == Objective.id)
                .where(Objective.period_id == period_id)
                .order_by(Objective.position, KeyResult.position)
            )
        )
        dates = (period.name, period.start_date, period.end_date)
        return _OkrOutline(dates, teams, objectives, key_results)


def topology_findings(plan: Plan) -> tuple[Finding, ...]:
    """The findings on stages, teams, people and interactions, kept until one of them
    changes."""
    return plan.remember(topology_findings, lambda: tuple(check_topology(topology_facts(plan))))


def health_report(
    plan: Plan,
    period_id: uuid.UUID | None = None,
    today: date | None = None,
    progress: PeriodProgress | None = None,
) -> list[Finding]:
    """Every finding: topology, then the OKRs of ``period_id`` (default: the current period).
    ``progress``: that period's roll-up, when the caller holds it already."""
    today = today or date.today()
    findings = list(topology_findings(plan))
    if period_id is None:
        current = plan.periods.current(today)
        period_id = current.id if current else None
    if period_id is not None:
        findings.extend(check_okrs(okr_facts(plan, period_id, today, progress)))
    findings.extend(attribution_findings(plan))
    return findings
