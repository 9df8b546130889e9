"""Read models of the team topology: the funnel board, members of a team, skills coverage."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from planner.domain.values import TopologyType
from planner.services.plan import Plan
from planner.services.rollup import PeriodProgress, period_progress
from planner.store.models import Discipline, Membership, Person, Stage, Team


@dataclass(frozen=True)
class TeamCard:
    id: uuid.UUID
    name: str
    stage_id: uuid.UUID
    topology: TopologyType | None
    color: str | None
    headcount: int
    disciplines: tuple[str, ...]  # present, in the plan's discipline order
    missing: tuple[str, ...]  # required but absent
    progress: float | None


@dataclass(frozen=True)
class StageColumn:
    id: uuid.UUID
    name: str
    teams: tuple[TeamCard, ...]
    progress: float | None
    # Where only some of the stage's teams are shown (a printout of chosen teams): how many
    # it has in all, whose progress ``progress`` is.
    teams_in_stage: int | None = None


@dataclass(frozen=True)
class MemberRow:
    membership_id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    discipline_id: uuid.UUID | None
    discipline_name: str
    allocation: float
    person_total: float  # across all teams, so over-allocation shows where it is edited


@dataclass(frozen=True)
class CoverageCell:
    headcount: int
    fte: float


@dataclass(frozen=True)
class Coverage:
    """Teams × disciplines: who covers which skill, and where required skills are missing."""

    disciplines: tuple[tuple[uuid.UUID, str, bool], ...]  # id, name, required
    stages: tuple[tuple[uuid.UUID, str], ...]
    teams: tuple[tuple[uuid.UUID, str, uuid.UUID], ...]  # id, name, stage id
    cells: dict[tuple[uuid.UUID, uuid.UUID], CoverageCell]  # (team, discipline)
    headcounts: dict[uuid.UUID, int]  # people per team, with or without a discipline

    def cell(self, team_id: uuid.UUID, discipline_id: uuid.UUID) -> CoverageCell:
        return self.cells.get((team_id, discipline_id), CoverageCell(0, 0.0))

    def stage_total(self, stage_id: uuid.UUID, discipline_id: uuid.UUID) -> CoverageCell:
        cells = [self.cell(t, discipline_id) for t, _, s in self.teams if s == stage_id]
        return CoverageCell(sum(c.headcount for c in cells), sum(c.fte for c in cells))


def board(
    plan: Plan,
    period_id: uuid.UUID | None,
    today: date | None = None,
    progress: PeriodProgress | None = None,
) -> list[StageColumn]:
    """The funnel board: stages left to right, each with its team cards.

    Pass the period's ``progress`` when the caller has it already (the app keeps one per
    change) rather than have it computed again.
    """
    coverage = skills_coverage(plan)
    if progress is None and period_id is not None:
        progress = period_progress(plan, period_id, today)
    with plan.session() as session:
        teams = session.execute(
            select(Team.id, Team.name, Team.stage_id, Team.topology, Team.color).order_by(
                Team.position, Team.name
            )
        ).all()
    by_stage: dict[uuid.UUID, list[TeamCard]] = defaultdict(list)
    for team in teams:
        cells = [(d, coverage.cell(team.id, d[0])) for d in coverage.disciplines]
        by_stage[team.stage_id].append(
            TeamCard(
                id=team.id,
                name=team.name,
                stage_id=team.stage_id,
                topology=team.topology,
                color=team.color,
                headcount=coverage.headcounts.get(team.id, 0),
                disciplines=tuple(d[1] for d, cell in cells if cell.headcount),
                missing=tuple(d[1] for d, cell in cells if d[2] and not cell.headcount),
                progress=progress.team(team.id) if progress else None,
            )
        )
    return [
        StageColumn(
            id=stage_id,
            name=name,
            teams=tuple(by_stage[stage_id]),
            progress=progress.stage(stage_id) if progress else None,
        )
        for stage_id, name in coverage.stages
    ]


def skills_coverage(plan: Plan) -> Coverage:
    with plan.session() as session:
        disciplines = tuple(
            (row.id, row.name, row.required)
            for row in session.execute(
                select(Discipline.id, Discipline.name, Discipline.required).order_by(
                    Discipline.position, Discipline.name
                )
            )
        )
        stages = tuple(
            (row.id, row.name)
            for row in session.execute(select(Stage.id, Stage.name).order_by(Stage.position))
        )
        teams = tuple(
            (row.id, row.name, row.stage_id)
            for row in session.execute(
                select(Team.id, Team.name, Team.stage_id)
                .join(Stage, Team.stage_id == Stage.id)
                .order_by(Stage.position, Team.position, Team.name)
            )
        )
        headcount: dict[tuple[uuid.UUID, uuid.UUID], int] = defaultdict(int)
        fte: dict[tuple[uuid.UUID, uuid.UUID], float] = defaultdict(float)
        people: dict[uuid.UUID, int] = defaultdict(int)
        query = select(Membership.team_id, Membership.discipline_id, Membership.allocation)
        for team_id, discipline_id, allocation in session.execute(query):
            people[team_id] += 1
            if discipline_id is None:
                continue
            headcount[(team_id, discipline_id)] += 1
            fte[(team_id, discipline_id)] += allocation / 100
    cells = {key: CoverageCell(count, fte[key]) for key, count in headcount.items()}
    return Coverage(disciplines, stages, teams, cells, dict(people))


def team_members(plan: Plan, team_id: uuid.UUID) -> list[MemberRow]:
    """A team's members, by discipline then name, each with their total over all teams."""
    return team_members_many(plan, [team_id])[team_id]


# SQLite's smallest limit on bound parameters in one statement, for long lists of ids.
_IDS_PER_QUERY = 900


def team_members_many(
    plan: Plan, team_ids: list[uuid.UUID] | tuple[uuid.UUID, ...]
) -> dict[uuid.UUID, list[MemberRow]]:
    """:func:`team_members` of many teams at once, in two queries per 900 teams rather than
    two per team; every asked team has an entry, empty when it has no members. Totals cover
    only the asked teams' people: summing every membership of the plan on each call made a
    200-team printout quadratic."""
    wanted = list(dict.fromkeys(team_ids))
    result: dict[uuid.UUID, list[MemberRow]] = {team_id: [] for team_id in wanted}
    with plan.session() as session:
        for start in range(0, len(wanted), _IDS_PER_QUERY):
            chunk = wanted[start : start + _IDS_PER_QUERY]
            people = select(Membership.person_id).where(Membership.team_id.in_(chunk))
            totals: dict[uuid.UUID, float] = {
                person_id: float(total)
                for person_id, total in session.execute(
                    select(Membership.person_id, func.sum(Membership.allocation))
                    .where(Membership.person_id.in_(people))
                    .group_by(Membership.person_id)
                )
            }
            query = (
                select(Membership, Person.name, Discipline.name)
                .join(Person, Membership.person_id == Person.id)
                .outerjoin(Discipline, Membership.discipline_id == Discipline.id)
                .where(Membership.team_id.in_(chunk))
                .order_by(Discipline.position, Person.name)
            )
            for membership, person_name, discipline_name in session.execute(query):
                result[membership.team_id].append(
                    MemberRow(
                        membership_id=membership.id,
                        person_id=membership.person_id,
                        person_name=person_name,
                        discipline_id=membership.discipline_id,
                        discipline_name=discipline_name or "",
                        allocation=membership.allocation,
                        person_total=totals[membership.person_id],
                    )
                )
    return result
