"""What a printout shows, read once from the plan: the selection, the period and the figures.

Everything is read in a handful of queries for the whole plan (one roll-up of the period, one
list of objectives and of key results) so printing 200 team sheets costs about as much as
printing one; asking ``okr_tree`` team by team would recompute the period 200 times.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from planner.domain.attribution import CreditSummary, summarise
from planner.report.options import PrintOptions
from planner.services.base import NotFoundError
from planner.services.journal import JournalEntry, JournalFilter, journal
from planner.services.okr_tree import OkrTree, OkrTrees, okr_trees
from planner.services.plan import Plan
from planner.services.records import PeriodRecord, StageRecord, TeamRecord
from planner.services.rollup import PeriodProgress, period_progress
from planner.services.topology import (
    MemberRow,
    StageColumn,
    TeamCard,
    board,
    team_members_many,
)


@dataclass(frozen=True)
class Selection:
    """The plan's name, the period and the stages and teams to print, in funnel order."""

    plan_name: str
    period: PeriodRecord | None
    today: date
    stages: tuple[StageRecord, ...]
    teams: tuple[TeamRecord, ...]
    subset: bool  # only some teams or stages were asked for
    chosen_stages: frozenset[uuid.UUID] = frozenset()  # the stages asked for by name

    @property
    def team_ids(self) -> set[uuid.UUID]:
        return {team.id for team in self.teams}

    def stage_of(self, team: TeamRecord) -> StageRecord:
        return next(stage for stage in self.stages if stage.id == team.stage_id)


def select_content(plan: Plan, options: PrintOptions) -> Selection:
    """Resolve the options against the plan; unknown ids raise ValueError naming them."""
    stages = plan.stages.list()
    stage_ids = {stage.id for stage in stages}
    position = {stage.id: index for index, stage in enumerate(stages)}
    teams = sorted(plan.teams.list(), key=lambda t: (position[t.stage_id], t.position, t.name))
    known_teams = {team.id for team in teams}
    _refuse_unknown("team", options.team_ids, known_teams)
    _refuse_unknown("stage", options.stage_ids, stage_ids)
    subset = bool(options.team_ids or options.stage_ids)
    if subset:
        wanted_teams = set(options.team_ids)
        wanted_stages = set(options.stage_ids)
        teams = [t for t in teams if t.id in wanted_teams or t.stage_id in wanted_stages]
        shown = wanted_stages | {t.stage_id for t in teams}
        stages = [stage for stage in stages if stage.id in shown]
    return Selection(
        plan_name=plan.info.current().name,
        period=_period(plan, options),
        today=options.day,
        stages=tuple(stages),
        teams=tuple(teams),
        subset=subset,
        chosen_stages=frozenset(options.stage_ids),
    )


def _refuse_unknown(noun: str, asked: tuple[uuid.UUID, ...], known: set[uuid.UUID]) -> None:
    unknown = [str(item) for item in asked if item not in known]
    if unknown:
        raise ValueError(f"no {noun} with id {', '.join(unknown)} in this plan")


def _period(plan: Plan, options: PrintOptions) -> PeriodRecord | None:
    if options.period_id is None:
        return plan.periods.current(options.day)
    try:
        return plan.periods.get(options.period_id)
    except NotFoundError:
        raise ValueError(f"no period with id {options.period_id} in this plan") from None


@dataclass(frozen=True)
class TeamSheet:
    team: TeamRecord
    stage: StageRecord
    card: TeamCard
    members: tuple[MemberRow, ...]
    tree: OkrTree | None  # None when the plan has no period


def team_sheets(plan: Plan, selection: Selection) -> list[TeamSheet]:
    period_id = selection.period.id if selection.period else None
    trees = okr_trees(plan, period_id, selection.today) if period_id else OkrTrees()
    # The board's progress is the trees' roll-up of the same period: computed once, not twice.
    summary = trees.summary
    cards = {
        card.id: card
        for column in board(plan, period_id, selection.today, summary)
        for card in column.teams
    }
    members = team_members_many(plan, [team.id for team in selection.teams])
    stages = {stage.id: stage for stage in selection.stages}
    return [
        TeamSheet(
            team=team,
            stage=stages[team.stage_id],
            card=cards[team.id],
            members=tuple(members[team.id]),
            tree=trees.get(team.id) if period_id else None,
        )
        for team in selection.teams
    ]


def funnel(plan: Plan, selection: Selection) -> tuple[list[StageColumn], PeriodProgress | None]:
    """The board's columns for the selected stages, holding only the selected teams."""
    period_id = selection.period.id if selection.period else None
    wanted = selection.team_ids
    shown = {stage.id for stage in selection.stages}
    columns = [
        StageColumn(
            c.id, c.name, tuple(t for t in c.teams if t.id in wanted), c.progress, len(c.teams)
        )
        for c in board(plan, period_id, selection.today)
        if c.id in shown
    ]
    summary = period_progress(plan, period_id, selection.today) if period_id else None
    return columns, summary


@dataclass(frozen=True)
class Attribution:
    entries: tuple[JournalEntry, ...]
    summary: CreditSummary
    team_names: dict[uuid.UUID, str]
    stage_names: dict[uuid.UUID, str]


def attribution(plan: Plan, selection: Selection) -> Attribution:
    """The period's notes (all notes without a period), narrowed to the selected teams."""
    period = selection.period
    where = JournalFilter(period.start_date, period.end_date) if period else JournalFilter()
    entries = journal(plan, where).entries
    if selection.subset:
        # As the journal's filters choose them: a note crediting a chosen team, or (for a
        # chosen stage) linked to one of its key results.
        wanted, stages = selection.team_ids, selection.chosen_stages
        entries = tuple(
            e for e in entries if e.stage_id in stages or any(r.team_id in wanted for r in e.shares)
        )
    return Attribution(
        entries=entries,
        summary=summarise(entry.facts() for entry in entries),
        team_names={team.id: team.name for team in plan.teams.list()},
        stage_names={stage.id: stage.name for stage in plan.stages.list()},
    )
