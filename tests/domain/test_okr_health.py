"""OKR health rules on plain facts."""

from __future__ import annotations

import uuid
from datetime import date

from planner.domain.health import Severity
from planner.domain.okr_health import (
    CHECK_IN_RULES,
    OUTLINE_RULES,
    KeyResultHealth,
    ObjectiveFacts,
    OkrFacts,
    check_okrs,
)
from planner.domain.values import KeyResultKind

Q4 = (date(2026, 10, 1), date(2026, 12, 31))


def facts(objectives, key_results, teams=(), today=date(2026, 11, 16)) -> OkrFacts:  # type: ignore[no-untyped-def]
    return OkrFacts("2026 Q4", *Q4, today, list(teams), objectives, key_results)


def result(objective: uuid.UUID, title: str = "KR", **kw) -> KeyResultHealth:  # type: ignore[no-untyped-def]
    values = {"kind": KeyResultKind.INCREASE, "unit": "%", "last_check_in": date(2026, 11, 10)}
    values.update(kw)
    return KeyResultHealth(uuid.uuid4(), title, objective, **values)


def test_objective_sizes_team_counts_units_staleness_and_alignment() -> None:
    team, idle_team, company = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    empty = ObjectiveFacts(uuid.uuid4(), "Empty", team, company)
    crowded = ObjectiveFacts(uuid.uuid4(), "Crowded", team, None)
    top = ObjectiveFacts(company, "Company", None, None)
    found = check_okrs(
        facts(
            [empty, crowded, top],
            [result(crowded.id, f"KR {i}") for i in range(6)]
            + [
                result(company, "No unit", unit=" "),
                result(company, "Quiet", last_check_in=date(2026, 10, 20)),
                result(company, "Never", last_check_in=None),
                result(
                    company,
                    "Done",
                    kind=KeyResultKind.MILESTONE,
                    unit="",
                    last_check_in=date(2026, 10, 2),
                    finished=True,
                ),
            ],
            teams=[(team, "First Hour"), (idle_team, "Idle")],
        )
    )
    summary = {(f.rule, f.subject_name): f for f in found}
    assert summary[("objective-without-key-results", "Empty")].message == "has no key result"
    assert "has 6 key results" in summary[("objective-too-many-key-results", "Crowded")].message
    assert summary[("team-without-objectives", "Idle")].message == "has no objective in 2026 Q4"
    assert ("team-without-objectives", "First Hour") not in summary
    assert ("key-result-without-unit", "No unit") in summary
    assert "since 2026-10-20" in summary[("stale-check-in", "Quiet")].message
    assert "since the period began" in summary[("stale-check-in", "Never")].message
    assert ("stale-check-in", "Done") not in summary  # a finished milestone needs no check-in
    assert ("key-result-without-unit", "Done") not in summary  # milestones have no unit
    unaligned = summary[("objective-not-aligned", "Crowded")]
    assert unaligned.severity is Severity.WARNING
    assert ("objective-not-aligned", "Empty") not in summary
    assert ("objective-not-aligned", "Company") not in summary


def test_staleness_is_only_judged_while_the_period_runs() -> None:
    company = ObjectiveFacts(uuid.uuid4(), "Company", None, None)
    old = [result(company.id, last_check_in=date(2026, 10, 2))]
    assert [f.rule for f in check_okrs(facts([company], old, today=date(2027, 2, 1)))] == []
    assert [f.rule for f in check_okrs(facts([company], old))] == ["stale-check-in"]


def test_a_check_in_dated_after_today_is_a_finding_naming_its_date() -> None:
    company = ObjectiveFacts(uuid.uuid4(), "Company", None, None)
    typo = [result(company.id, "Typo", last_check_in=date(2062, 11, 26))]
    found = check_okrs(facts([company], typo))
    assert [(f.rule, f.subject_name) for f in found] == [("future-check-in", "Typo")]
    assert found[0].message.startswith("has a check-in dated 2062-11-26, after today")


def test_a_team_with_more_than_five_objectives_is_told_to_focus() -> None:
    team = uuid.uuid4()
    objectives = [ObjectiveFacts(uuid.uuid4(), f"O{i}", team, uuid.uuid4()) for i in range(6)]
    found = check_okrs(
        facts(objectives, [result(o.id) for o in objectives], teams=[(team, "Busy")])
    )
    assert [(f.rule, f.message) for f in found] == [
        ("team-too-many-objectives", "has 6 objectives in 2026 Q4; focus on 5 at most")
    ]


def test_the_outline_rules_never_read_check_ins() -> None:
    # The service keeps their findings across check-ins: they must not depend on them.
    team, company = uuid.uuid4(), uuid.uuid4()
    objectives = [
        ObjectiveFacts(uuid.uuid4(), "Empty", team, company),
        ObjectiveFacts(uuid.uuid4(), "Alone", team, None),
        ObjectiveFacts(company, "Company", None, None),
    ]
    results = [result(company, f"KR {i}", last_check_in=date(2026, 10, 1 + i)) for i in range(7)]
    results.append(result(company, "No unit", unit="", finished=True))
    checked = facts(objectives, results, teams=[(team, "First Hour")])
    unchecked = facts(
        objectives,
        [r._replace(last_check_in=None, finished=False) for r in results],
        teams=[(team, "First Hour")],
    )
    found = check_okrs(checked, OUTLINE_RULES)
    assert {f.rule for f in found} >= {
        "objective-without-key-results",
        "objective-too-many-key-results",
        "key-result-without-unit",
        "objective-not-aligned",
    }
    assert found == check_okrs(unchecked, OUTLINE_RULES)
    assert check_okrs(checked, CHECK_IN_RULES) != check_okrs(unchecked, CHECK_IN_RULES)


def test_an_objective_aligned_to_a_team_objective_is_a_finding() -> None:
    # The app aligns only to company objectives; an imported plan may hold another link.
    team = uuid.uuid4()
    leader = ObjectiveFacts(uuid.uuid4(), "Team's own", team, None)
    follower = ObjectiveFacts(uuid.uuid4(), "Follows a team", team, leader.id)
    found = check_okrs(facts([leader, follower], [result(leader.id), result(follower.id)]))
    [finding] = [f for f in found if f.rule == "objective-aligned-to-team-objective"]
    assert (finding.subject_name, finding.severity) == ("Follows a team", Severity.WARNING)
    assert finding.message == "is aligned to a team's objective, not to a plan-level one"
