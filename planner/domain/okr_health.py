"""Health rules for a period's objectives and key results: pure functions over plain facts."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from planner.domain.health import Finding, Severity
from planner.domain.text import plural
from planner.domain.values import KeyResultKind

MAX_KEY_RESULTS = 5
MAX_OBJECTIVES = 5
STALE_AFTER = timedelta(weeks=3)


@dataclass(frozen=True)
class ObjectiveFacts:
    id: uuid.UUID
    title: str
    team_id: uuid.UUID | None
    parent_id: uuid.UUID | None


class KeyResultHealth(NamedTuple):
    """A named tuple rather than a frozen dataclass: the report makes one per key result
    after every change (32,000 on a large plan), and a tuple is made five times as fast."""

    id: uuid.UUID
    title: str
    objective_id: uuid.UUID
    kind: KeyResultKind
    unit: str
    last_check_in: date | None
    finished: bool = False  # a milestone done: nothing left to check in


@dataclass(frozen=True)
class OkrFacts:
    period_name: str
    period_start: date
    period_end: date
    today: date
    teams: Sequence[tuple[uuid.UUID, str]]
    objectives: Sequence[ObjectiveFacts]
    key_results: Sequence[KeyResultHealth]


def objective_sizes(facts: OkrFacts) -> Iterable[Finding]:
    counts = Counter(result.objective_id for result in facts.key_results)
    for objective in facts.objectives:
        count = counts[objective.id]
        if count == 0:
            yield _objective(objective, "objective-without-key-results", "has no key result")
        elif count > MAX_KEY_RESULTS:
            yield _objective(
                objective,
                "objective-too-many-key-results",
                f"has {plural(count, 'key result')}; keep it to {MAX_KEY_RESULTS} at most",
            )


def team_objective_counts(facts: OkrFacts) -> Iterable[Finding]:
    counts = Counter(o.team_id for o in facts.objectives if o.team_id is not None)
    for team_id, name in facts.teams:
        count = counts[team_id]
        if count == 0:
            yield Finding(
                "team-without-objectives",
                Severity.FAILURE,
                "team",
                team_id,
                name,
                f"has no objective in {facts.period_name}",
            )
        elif count > MAX_OBJECTIVES:
            yield Finding(
                "team-too-many-objectives",
                Severity.FAILURE,
                "team",
                team_id,
                name,
                f"has {plural(count, 'objective')} in {facts.period_name}; "
                f"focus on {MAX_OBJECTIVES} at most",
            )


def metrics_without_unit(facts: OkrFacts) -> Iterable[Finding]:
    metric = (KeyResultKind.INCREASE, KeyResultKind.DECREASE, KeyResultKind.THRESHOLD)
    for result in facts.key_results:
        if result.kind in metric and not result.unit.strip():
            yield _key_result(result, "key-result-without-unit", "has no unit")


def stale_check_ins(facts: OkrFacts) -> Iterable[Finding]:
    running = facts.period_start <= facts.today <= facts.period_end
    if not running:
        return
    for result in facts.key_results:
        if result.finished:
            continue
        since = result.last_check_in or facts.period_start
        if facts.today - since > STALE_AFTER:
            when = (
                f"since {result.last_check_in.isoformat()}"
                if result.last_check_in
                else "since the period began"
            )
            yield _key_result(
                result, "stale-check-in", f"has had no check-in for over 3 weeks ({when})"
            )


def future_check_ins(facts: OkrFacts) -> Iterable[Finding]:
    """A check-in dated after today (a slip of the keyboard, or an import) stands as the
    latest until that day, so every check-in made before then changes nothing shown."""
    for result in facts.key_results:
        if result.last_check_in is not None and result.last_check_in > facts.today:
            yield _key_result(
                result,
                "future-check-in",
                f"has a check-in dated {result.last_check_in.isoformat()}, after today: "
                "until then it hides every later check-in",
            )


def unaligned_objectives(facts: OkrFacts) -> Iterable[Finding]:
    team_of: dict[uuid.UUID | None, uuid.UUID | None] = {
        objective.id: objective.team_id for objective in facts.objectives
    }
    for objective in facts.objectives:
        if objective.team_id is not None and objective.parent_id is None:
            yield Finding(
                "objective-not-aligned",
                Severity.WARNING,
                "objective",
                objective.id,
                objective.title,
                "is not aligned to a plan-level objective",
            )
        elif team_of.get(objective.parent_id) is not None:  # the app aligns to company ones
            yield Finding(
                "objective-aligned-to-team-objective",
                Severity.WARNING,
                "objective",
                objective.id,
                objective.title,
                "is aligned to a team's objective, not to a plan-level one",
            )


def _objective(objective: ObjectiveFacts, rule: str, message: str) -> Finding:
    return Finding(rule, Severity.FAILURE, "objective", objective.id, objective.title, message)


def _key_result(result: KeyResultHealth, rule: str, message: str) -> Finding:
    return Finding(rule, Severity.FAILURE, "key result", result.id, result.title, message)


# The rules that read only the outline (objectives, key results, teams), and the one that reads
# check-ins: after a check-in, only the latter's findings can change.
OUTLINE_RULES = (
    objective_sizes,
    team_objective_counts,
    metrics_without_unit,
    unaligned_objectives,
)
CHECK_IN_RULES = (stale_check_ins, future_check_ins)
OKR_RULES = OUTLINE_RULES + CHECK_IN_RULES


def check_okrs(
    facts: OkrFacts, rules: Sequence[Callable[[OkrFacts], Iterable[Finding]]] = OKR_RULES
) -> list[Finding]:
    return [finding for rule in rules for finding in rule(facts)]
