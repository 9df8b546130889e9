"""Health rules for a plan's team topology: pure functions over plain facts.

Each rule looks at facts the services gathered and returns findings that name the thing at
fault, so the Health panel can jump to it and ``planner check`` can print it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from planner.domain.text import plural

MAX_ALLOCATION = 100.0
# Team Topologies: a team works best at five to nine people.
MAX_TEAM_SIZE = 9


class Severity(StrEnum):
    FAILURE = "failure"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    subject: str  # "team", "stage", "person", "interaction", …
    subject_id: uuid.UUID | None
    subject_name: str
    message: str


@dataclass(frozen=True)
class TeamFacts:
    id: uuid.UUID
    name: str
    stage_id: uuid.UUID
    member_count: int
    disciplines: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class TopologyFacts:
    stages: Sequence[tuple[uuid.UUID, str]]
    teams: Sequence[TeamFacts]
    required_disciplines: Sequence[str]
    allocations: Sequence[tuple[uuid.UUID, str, float]]  # person id, name, total %
    interactions: Sequence[tuple[uuid.UUID, uuid.UUID, uuid.UUID]]  # id, from, to


def missing_disciplines(facts: TopologyFacts) -> Iterable[Finding]:
    for team in facts.teams:
        missing = [name for name in facts.required_disciplines if name not in team.disciplines]
        if missing:
            yield Finding(
                "team-missing-discipline",
                Severity.FAILURE,
                "team",
                team.id,
                team.name,
                f"has no {', '.join(missing)} skills",
            )


def stages_without_teams(facts: TopologyFacts) -> Iterable[Finding]:
    staffed = {team.stage_id for team in facts.teams}
    for stage_id, name in facts.stages:
        if stage_id not in staffed:
            yield Finding(
                "stage-without-team", Severity.FAILURE, "stage", stage_id, name, "has no team"
            )


def teams_without_members(facts: TopologyFacts) -> Iterable[Finding]:
    for team in facts.teams:
        if team.member_count == 0:
            yield Finding(
                "team-without-members",
                Severity.FAILURE,
                "team",
                team.id,
                team.name,
                "has no members",
            )


def oversized_teams(facts: TopologyFacts) -> Iterable[Finding]:
    for team in facts.teams:
        if team.member_count > MAX_TEAM_SIZE:
            yield Finding(
                "team-too-large",
                Severity.FAILURE,
                "team",
                team.id,
                team.name,
                f"has {plural(team.member_count, 'member')}; "
                f"a team works best with at most {MAX_TEAM_SIZE}",
            )


def over_allocated_people(facts: TopologyFacts) -> Iterable[Finding]:
    for person_id, name, total in facts.allocations:
        if total > MAX_ALLOCATION + 1e-9:
            yield Finding(
                "person-over-allocated",
                Severity.FAILURE,
                "person",
                person_id,
                name,
                f"is allocated {total:g} % across teams",
            )


def interactions_to_missing_teams(facts: TopologyFacts) -> Iterable[Finding]:
    names = {team.id: team.name for team in facts.teams}
    for interaction_id, source, target in facts.interactions:
        gone = [side for side in (source, target) if side not in names]
        if gone:
            known = names.get(source) or names.get(target) or "a deleted team"
            yield Finding(
                "interaction-to-deleted-team",
                Severity.FAILURE,
                "interaction",
                interaction_id,
                known,
                "has an interaction with a team that no longer exists",
            )


TOPOLOGY_RULES = (
    missing_disciplines,
    stages_without_teams,
    teams_without_members,
    oversized_teams,
    over_allocated_people,
    interactions_to_missing_teams,
)


def check_topology(facts: TopologyFacts) -> list[Finding]:
    return [finding for rule in TOPOLOGY_RULES for finding in rule(facts)]
