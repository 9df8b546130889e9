"""What the dashboard's charts show, read from the plan as plain values (no Qt, no matplotlib).

The dashboard paints them; print hands the same progress, skills and credit values to
:mod:`planner.report.figures`.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from planner.domain.attribution import CreditSummary
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
from planner.services.okr_tree import KeyResultNode, OkrTree
from planner.services.plan import Plan
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.services.rollup import PeriodProgress
from planner.services.topology import Coverage, skills_coverage

CREDIT_TEAMS = 10  # the chart shows this many teams with most credit


# The most key results the trends chart draws in full; it shows those furthest behind.
TREND_PANELS = 9
# The most teams the progress and skills charts draw: beyond that bars and cells are too
# small to read, and drawing them takes seconds.
CHART_TEAMS = 30


def stage_progress(
    coverage: Coverage, progress: PeriodProgress | None, limit: int | None = None
) -> list[StageProgress]:
    """Every stage with its teams (in board order) and their roll-ups for the period.

    With ``limit``, a large plan shows only that many teams, those furthest behind, so the
    chart stays readable and quick; every stage keeps its own bar.
    """
    shown = shown_teams(coverage, progress, limit)
    teams: dict[uuid.UUID, list[TeamProgress]] = {stage_id: [] for stage_id, _ in coverage.stages}
    for team_id, name, stage_id in coverage.teams:
        if team_id not in shown:
            continue
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


def skills_grid(coverage: Coverage, limit: int | None = None) -> SkillsGrid:
    """Head-count per team and discipline; with ``limit``, the teams missing required skills
    first, so the gaps are what a large plan shows."""
    grid = SkillsGrid(
        teams=tuple(name for _, name, _ in coverage.teams),
        disciplines=tuple(name for _, name, _ in coverage.disciplines),
        required=tuple(required for _, _, required in coverage.disciplines),
        counts=tuple(
            tuple(coverage.cell(team_id, d).headcount for d, _, _ in coverage.disciplines)
            for team_id, _, _ in coverage.teams
        ),
    )
    return grid if limit is None else gaps_first(grid, limit)


def gaps_first(grid: SkillsGrid, limit: int) -> SkillsGrid:
    """At most ``limit`` of the grid's teams: those missing the most required disciplines
    (ties in the grid's order), kept in the grid's order."""
    if len(grid.teams) <= limit:
        return grid
    gaps = [_gaps(counts, grid.required) for counts in grid.counts]
    kept = sorted(sorted(range(len(gaps)), key=lambda row: -gaps[row])[:limit])
    return replace(
        grid,
        teams=tuple(grid.teams[row] for row in kept),
        counts=tuple(grid.counts[row] for row in kept),
    )


def missing_skills(grid: SkillsGrid) -> int:
    """How many required disciplines the grid's teams miss, counted per team."""
    return sum(_gaps(counts, grid.required) for counts in grid.counts)


def _gaps(counts: tuple[int, ...], required: tuple[bool, ...]) -> int:
    return sum(1 for count, need in zip(counts, required, strict=True) if need and not count)


def shown_teams(
    coverage: Coverage, progress: PeriodProgress | None, limit: int | None
) -> set[uuid.UUID]:
    """The teams a chart of at most ``limit`` teams shows: those furthest behind."""
    teams = [team_id for team_id, _, _ in coverage.teams]
    if limit is None or len(teams) <= limit:
        return set(teams)

    def value(team_id: uuid.UUID) -> float:
        measured = progress.team(team_id) if progress is not None else None
        return 2.0 if measured is None else measured

    return set(sorted(teams, key=value)[:limit])


def trends(
    plan: Plan,
    period: PeriodRecord,
    trees: dict[uuid.UUID | None, OkrTree],
    team_names: dict[uuid.UUID, str],
    today: date,
    team_id: uuid.UUID | None = None,
    everyone: bool = True,
    panels: int = TREND_PANELS,
) -> Trends:
    """Each key result's progress after each of its check-ins in the period.

    ``everyone``: every team's key results and the plan level's; else only ``team_id``'s
    (None: the plan level's).
    """
    chosen = trees.items() if everyone else [(team_id, trees.get(team_id))]
    wanted: list[tuple[str, KeyResultNode]] = []
    for owner, tree in chosen:
        if tree is None:
            continue
        name = team_names.get(owner, "") if owner is not None else "Plan"
        for objective in tree.objectives:
            wanted.extend((name, node) for node in objective.key_results)
    # Only the key results the chart draws need their whole history: the ones furthest behind
    # the pace. The rest are known by their latest check-in, which the tree already holds, so
    # a 200-team plan does not read its 38,400 check-ins to draw nine lines.
    pace = Trends(period.start_date, period.end_date, today).expected(min(today, period.end_date))
    drawn = {
        node.record.id
        for node in sorted(
            (node for _, node in wanted if node.status.last_check_in is not None),
            key=lambda node: pace - node.status.progress.raw,
            reverse=True,
        )[:panels]
    }
    result = []
    for name, node in wanted:
        record = node.record
        if record.id in drawn:
            series = _history(plan, record, period)
        elif node.status.last_check_in is not None and (
            period.start_date <= node.status.last_check_in <= period.end_date
        ):
            series = ((node.status.last_check_in, node.status.progress.raw),)
        else:
            series = ()
        result.append(KeyResultTrend(record.title, name, series))
    return Trends(period.start_date, period.end_date, today, tuple(result))


def _history(
    plan: Plan, record: KeyResultRecord, period: PeriodRecord
) -> tuple[tuple[date, float], ...]:
    """The key result's progress after each day with check-ins in the period."""
    history = [
        CheckInPoint(row.on_date, row.value, row.confidence)
        for row in plan.check_ins.list(key_result_id=record.id)
        if period.start_date <= row.on_date <= period.end_date
    ]
    series: list[tuple[date, float]] = []
    for day in sorted({point.on for point in history}):
        facts = KeyResultFacts(
            kind=record.kind,
            start=record.start_value,
            target=record.target_value,
            direction=record.direction,
            checkins=tuple(point for point in history if point.on <= day),
        )
        try:
            series.append((day, key_result_progress(facts).raw))
        except ValueError:  # a half-filled key result: no progress to draw
            break
    return tuple(series)


def credit_rows(
    plan: Plan,
    period: PeriodRecord,
    team_names: dict[uuid.UUID, str],
    limit: int = CREDIT_TEAMS,
) -> list[tuple[str, dict[TouchKind, float]]]:
    """The rows of :func:`planner.report.figures.credit_by_touch` for the notes of the
    period: the ``limit`` teams with most credit, most first."""
    summary = _period_summary(plan, period)
    ranked = sorted(
        summary.by_team.items(),
        key=lambda item: (-item[1], team_names.get(item[0], "")),
    )
    return [
        (team_names.get(team_id, "(deleted team)"), summary.by_team_and_touch.get(team_id, {}))
        for team_id, _ in ranked[:limit]
    ]


def credited_teams(plan: Plan, period: PeriodRecord) -> int:
    """How many teams have credit from the notes of the period."""
    return len(_period_summary(plan, period).by_team)


def _period_summary(plan: Plan, period: PeriodRecord) -> CreditSummary:
    return plan.remember(
        (_period_summary, period.id, period.start_date, period.end_date),
        lambda: journal(plan, JournalFilter(start=period.start_date, end=period.end_date)).summary,
    )


def coverage(plan: Plan) -> Coverage:
    """Who brings which discipline to which team; read once per change of the plan."""
    return plan.remember(coverage, lambda: skills_coverage(plan))
