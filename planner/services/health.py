"""The plan's health report: facts gathered in a few queries, judged by the domain's rules."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from planner.domain.health import Finding, TeamFacts, TopologyFacts, check_topology
from planner.domain.okr_health import (
    CHECK_IN_RULES,
    OUTLINE_RULES,
    KeyResultHealth,
    ObjectiveFacts,
    OkrFacts,
    check_okrs,
)
from planner.domain.values import KeyResultKind
from planner.services.journal import attribution_findings
from planner.services.plan import Plan
from planner.services.rollup import KeyResultStatus, PeriodProgress, period_progress
from planner.store.models import (
    Discipline,
    Interaction,
    Membership,
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
    outline = _okr_outline(plan, period_id)
    return _facts(outline, today, outline.key_result_health(progress.key_results))


def okr_findings(
    plan: Plan, period_id: uuid.UUID, today: date, progress: PeriodProgress | None = None
) -> list[Finding]:
    """``check_okrs(okr_facts(...))``, with the findings that read only the outline kept until
    it changes: after a check-in only the check-in rules judge the key results again."""
    facts = okr_facts(plan, period_id, today, progress)
    return [*_outline_findings(plan, period_id, facts), *check_okrs(facts, CHECK_IN_RULES)]


def _outline_findings(plan: Plan, period_id: uuid.UUID, facts: OkrFacts) -> tuple[Finding, ...]:
    def judge() -> tuple[Finding, ...]:
        # Read through the kept outline, so its tables are this model's: the outline rules
        # read only the outline's part of the facts, never their check-ins.
        _okr_outline(plan, period_id)
        return tuple(check_okrs(facts, OUTLINE_RULES))

    return plan.remember((_outline_findings, period_id, facts.today), judge)


def _facts(outline: _OkrOutline, today: date, key_results: Sequence[KeyResultHealth]) -> OkrFacts:
    name, start, end = outline.period
    return OkrFacts(name, start, end, today, outline.teams, outline.objectives, key_results)


@dataclass
class _MadeHealth:
    """The statuses an outline's key result health was last made from, and that health."""

    statuses: dict[uuid.UUID, KeyResultStatus] | None = None
    health: tuple[KeyResultHealth, ...] = ()
    places: dict[uuid.UUID, int] | None = None  # each key result's place in the outline


@dataclass(frozen=True)
class _OkrOutline:
    """What the OKR rules read besides check-ins: kept until one of its tables changes, so a
    check-in only looks up each key result's latest check-in again."""

    period: tuple[str, date, date]  # name, start, end
    teams: tuple[tuple[uuid.UUID, str], ...]
    objectives: tuple[ObjectiveFacts, ...]
    key_results: tuple[tuple[uuid.UUID, str, uuid.UUID, KeyResultKind, str], ...]
    _made: _MadeHealth = field(default_factory=_MadeHealth, compare=False, repr=False)

    def key_result_health(
        self, statuses: dict[uuid.UUID, KeyResultStatus]
    ) -> tuple[KeyResultHealth, ...]:
        """Each key result's health facts from its status in a roll-up, in outline order.

        A check-in's roll-up is the previous one with a few statuses replaced (the same key
        results, in the same order): only the key results whose status changed are made
        again. A large plan has thousands of key results, and making each one's facts after
        every check-in cost more than the rest of the report."""
        made = self._made
        changed = _changed_statuses(made.statuses, statuses) if made.statuses else None
        if changed is None or len(changed) > len(statuses) // 4:
            health = tuple(_health(entry, statuses.get(entry[0])) for entry in self.key_results)
        else:
            changing = list(made.health)
            if made.places is None:
                made.places = {entry[0]: i for i, entry in enumerate(self.key_results)}
            for result_id in changed:
                index = made.places.get(result_id)
                if index is not None:
                    changing[index] = _health(self.key_results[index], statuses[result_id])
            health = tuple(changing)  # handed out and kept: nobody may change it
        made.statuses, made.health = statuses, health
        return health


def _changed_statuses(
    before: dict[uuid.UUID, KeyResultStatus], after: dict[uuid.UUID, KeyResultStatus]
) -> list[uuid.UUID] | None:
    """The key results whose status is another object in ``after`` than in ``before``; None
    unless both hold the same key results in the same order (compared by identity: the ids
    come from the plan's id cache, and comparing thousands of UUIDs by value is slow)."""
    if after is before:
        return []
    if len(after) != len(before):
        return None
    changed = []
    for (result_id, status), (was_id, was) in zip(after.items(), before.items(), strict=True):
        if result_id is not was_id:
            return None
        if status is not was:
            changed.append(result_id)
    return changed


def _health(
    entry: tuple[uuid.UUID, str, uuid.UUID, KeyResultKind, str], status: KeyResultStatus | None
) -> KeyResultHealth:
    result_id, title, objective_id, kind, unit = entry
    last = status.last_check_in if status is not None else None
    # A milestone whose latest check-in says "done" needs no more check-ins.
    finished = (
        kind is KeyResultKind.MILESTONE
        and status is not None
        and last is not None
        and status.current is not None
        and status.current >= 1
    )
    return KeyResultHealth(result_id, title, objective_id, kind, unit, last, finished)


def _okr_outline(plan: Plan, period_id: uuid.UUID) -> _OkrOutline:
    return plan.remember((_okr_outline, period_id), lambda: _read_okr_outline(plan, period_id))


def _read_okr_outline(plan: Plan, period_id: uuid.UUID) -> _OkrOutline:
    """From the lists the plan keeps (the window's OKR trees read the same ones), not a query
    of its own: the period's objectives and key results are thousands of rows."""
    period = plan.periods.get(period_id)  # NotFoundError, a LookupError, when there is none
    stage_order = {stage.id: index for index, stage in enumerate(plan.stages.list())}
    teams = tuple(
        (team.id, team.name)
        for team in sorted(plan.teams.list(), key=lambda team: stage_order[team.stage_id])
    )
    listed = plan.objectives.list(period_id=period_id)
    objectives = tuple(ObjectiveFacts(o.id, o.title, o.team_id, o.parent_id) for o in listed)
    objective_order = {objective.id: index for index, objective in enumerate(listed)}
    # Each objective's key results together, in the objectives' order (sorted() keeps the
    # key results' own order within each).
    results = sorted(
        plan.key_results.in_period(period_id),
        key=lambda result: objective_order[result.objective_id],
    )
    key_results = tuple((r.id, r.title, r.objective_id, r.kind, r.unit) for r in results)
    return _OkrOutline(
        (period.name, period.start_date, period.end_date), teams, objectives, key_results
    )


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
        findings.extend(okr_findings(plan, period_id, today, progress))
    findings.extend(attribution_findings(plan))
    return findings
