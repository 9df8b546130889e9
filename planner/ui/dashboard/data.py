"""What the dashboard's figures draw, read from the plan as plain values (no Qt, no matplotlib).

Print can call the same functions and hand the results to :mod:`planner.report.figures`.
"""

from __future__ import annotations

import uuid
from datetime import date

from planner.domain.progress import CheckInPoint, KeyResultFacts, key_result_progress
from planner.domain.values import TouchKind
from planner.report.figures import (
    KeyResultTrend,
    SkillsGrid,
    StageProgress,
    TeamProgress,
    Trends,
)
from planner.services.journal import JournalFilter, journal
from planner.services.okr_tree import OkrTree
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.services.rollup import PeriodProgress
from planner.services.topology import Coverage, skills_coverage

CREDIT_TEAMS = 10  # the chart shows this many teams with most credit


def stage_progress(coverage: Coverage, progress: PeriodProgress | None) -> list[StageProgress]:
    """Every stage with its teams (in board order) and their roll-ups for the period."""
    teams: dict[uuid.UUID, list[TeamProgress]] = {stage_id: [] for stage_id, _ in coverage.stages}
    for team_id, name, stage_id in coverage.teams:
        value = progress.team(team_id) if progress is not None else None
        teams.setdefault(stage_id, []).append(TeamProgress(name, value))
    return [
        StageProgress(
            name,
            progress.stage(stage_id) if progress is not None else None,
            tuple(teams.get(stage_id, [])),
        )
        for stage_id, name in coverage.stages
    ]


def skills_grid(coverage: Coverage) -> SkillsGrid:
    return SkillsGrid(
        teams=tuple(name for _, name, _ in coverage.teams),
        disciplines=tuple(name for _, name, _ in coverage.disciplines),
        required=tuple(required for _, _, required in coverage.disciplines),
        counts=tuple(
            tuple(coverage.cell(team_id, d_id).headcount for d_id, _, _ in coverage.disciplines)
            for team_id, _, _ in coverage.teams
        ),
    )


def trends(
    plan: Plan,
    period: PeriodRecord,
    trees: dict[uuid.UUID | None, OkrTree],
    team_names: dict[uuid.UUID, str],
    today: date,
    team_id: uuid.UUID | None = None,
    everyone: bool = True,
) -> Trends:
    """Each key result's progress after each of its check-ins in the period.

    ``everyone``: every team's key results and the plan level's; else only ``team_id``'s
    (None: the plan level's).
    """
    chosen = trees.items() if everyone else [(team_id, trees.get(team_id))]
    wanted: list[tuple[str, KeyResultRecord]] = []
    for owner, tree in chosen:
        if tree is None:
            continue
        name = team_names.get(owner, "") if owner is not None else "Plan"
        for objective in tree.objectives:
            for node in objective.key_results:
                wanted.append((name, node.record))
    ids = {record.id for _, record in wanted}
    points: dict[uuid.UUID, list[CheckInPoint]] = {i: [] for i in ids}
    for row in plan.check_ins.list():
        if row.key_result_id in points and period.start_date <= row.on_date <= period.end_date:
            points[row.key_result_id].append(CheckInPoint(row.on_date, row.value, row.confidence))
    result = []
    for name, record in wanted:
        history = points[record.id]
        series: list[tuple[date, float]] = []
        for day in sorted({p.on for p in history}):
            facts = KeyResultFacts(
                kind=record.kind,
                start=record.start_value,
                target=record.target_value,
                direction=record.direction,
                checkins=tuple(p for p in history if p.on <= day),
            )
            try:
                series.append((day, key_result_progress(facts).raw))
            except ValueError:  # a half-filled key result: no progress to draw
                break
        result.append(KeyResultTrend(record.title, name, tuple(series)))
    return Trends(period.start_date, period.end_date, today, tuple(result))


def credit_rows(
    plan: Plan, period: PeriodRecord, team_names: dict[uuid.UUID, str]
) -> list[tuple[str, dict[TouchKind, float]]]:
    """The rows of :func:`planner.report.chart.credit_chart` for the notes of the period."""
    summary = journal(plan, JournalFilter(start=period.start_date, end=period.end_date)).summary
    ranked = sorted(
        summary.by_team.items(),
        key=lambda item: (-item[1], team_names.get(item[0], "")),
    )
    return [
        (team_names.get(team_id, "(deleted team)"), summary.by_team_and_touch.get(team_id, {}))
        for team_id, _ in ranked[:CREDIT_TEAMS]
    ]


def coverage(plan: Plan) -> Coverage:
    return skills_coverage(plan)
