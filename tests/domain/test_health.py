"""Topology health rules on plain facts."""

from __future__ import annotations

import uuid

from planner.domain.health import Severity, TeamFacts, TopologyFacts, check_topology

REQUIRED = ("Product", "Engineering", "UX/UI design", "Data")
FULL = frozenset(REQUIRED)


def ids(n: int) -> list[uuid.UUID]:
    return [uuid.uuid4() for _ in range(n)]


def test_a_healthy_topology_has_no_findings() -> None:
    stage, team, person = ids(3)
    facts = TopologyFacts(
        stages=[(stage, "Activation")],
        teams=[TeamFacts(team, "First Hour", stage, 5, FULL)],
        required_disciplines=REQUIRED,
        allocations=[(person, "Ann", 100.0)],
        interactions=[],
    )
    assert check_topology(facts) == []


def test_each_rule_names_its_subject() -> None:
    acquisition, activation, empty_stage, lean, big, person, link, gone = ids(8)
    facts = TopologyFacts(
        stages=[
            (acquisition, "Acquisition"),
            (activation, "Activation"),
            (empty_stage, "Referral"),
        ],
        teams=[
            TeamFacts(lean, "Lean", acquisition, 0),
            TeamFacts(big, "Big", activation, 11, FULL - {"Data"}),
        ],
        required_disciplines=REQUIRED,
        allocations=[(person, "Priya", 110.0)],
        interactions=[(link, big, gone)],
    )
    found = {(f.rule, f.subject_name, f.message) for f in check_topology(facts)}
    assert found == {
        (
            "team-missing-discipline",
            "Lean",
            "has no Product, Engineering, UX/UI design, Data skills",
        ),
        ("team-missing-discipline", "Big", "has no Data skills"),
        ("team-without-members", "Lean", "has no members"),
        ("team-too-large", "Big", "has 11 members; a team works best with at most 9"),
        ("stage-without-team", "Referral", "has no team"),
        ("person-over-allocated", "Priya", "is allocated 110 % across teams"),
        (
            "interaction-to-deleted-team",
            "Big",
            "has an interaction with a team that no longer exists",
        ),
    }
    assert all(f.severity is Severity.FAILURE for f in check_topology(facts))


def test_exactly_full_allocation_and_nine_members_are_fine() -> None:
    stage, team, person = ids(3)
    facts = TopologyFacts(
        stages=[(stage, "Revenue")],
        teams=[TeamFacts(team, "Nine", stage, 9, FULL)],
        required_disciplines=REQUIRED,
        allocations=[(person, "Exact", 60.0 + 40.0)],
        interactions=[],
    )
    assert check_topology(facts) == []
