"""Share rules and credit summary math."""

from __future__ import annotations

import math
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.attribution import (
    NoteFacts,
    ShareFacts,
    check_share_total,
    count_notes,
    note_problems,
    summarise,
)
from planner.domain.validation import ValidationError
from planner.domain.values import TouchKind

TEAMS = [uuid.UUID(int=i) for i in range(1, 5)]
STAGES = {team: uuid.UUID(int=100 + i % 2) for i, team in enumerate(TEAMS)}

shares = st.builds(
    lambda team, touch, share: ShareFacts(team, STAGES.get(team) if team else None, touch, share),
    st.sampled_from([*TEAMS, None]),
    st.sampled_from(list(TouchKind)),
    st.floats(0, 100, allow_nan=False),
)
notes = st.builds(
    lambda parts, rest: NoteFacts(tuple(parts), rest),
    st.lists(shares, max_size=5),
    st.floats(0, 100, allow_nan=False),
)


@given(st.lists(notes, max_size=20))
def test_summary_totals_equal_the_sum_of_note_shares(batch: list[NoteFacts]) -> None:
    summary = summarise(batch)
    given_total = sum(p.share for n in batch for p in n.shares) + sum(n.unattributed for n in batch)
    assert summary.notes == len(batch)
    assert math.isclose(summary.total, given_total, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(
        sum(summary.by_touch.values()),
        sum(p.share for n in batch for p in n.shares),
        rel_tol=1e-9,
        abs_tol=1e-6,
    )
    for team in TEAMS:
        expected = sum(p.share for n in batch for p in n.shares if p.team_id == team)
        assert math.isclose(summary.by_team.get(team, 0), expected, abs_tol=1e-6)
        assert math.isclose(
            sum(summary.by_team_and_touch.get(team, {}).values()), expected, abs_tol=1e-6
        )
    assert math.isclose(sum(summary.by_stage.values()), sum(summary.by_team.values()), abs_tol=1e-6)


@given(st.lists(notes, max_size=20))
def test_each_note_counts_once_for_every_team_stage_and_touch_it_credits(
    batch: list[NoteFacts],
) -> None:
    counts = count_notes(batch)
    for team in TEAMS:
        assert counts.by_team[team] == sum(any(p.team_id == team for p in n.shares) for n in batch)
    for stage in set(STAGES.values()):
        credited = [any(p.stage_id == stage for p in n.shares) for n in batch]
        assert counts.by_stage[stage] == sum(credited)
    for touch in TouchKind:
        assert counts.by_touch[touch] == sum(any(p.touch is touch for p in n.shares) for n in batch)
    assert None not in counts.by_team and None not in counts.by_stage


@given(st.lists(st.integers(0, 100), min_size=1, max_size=6))
def test_whole_credit_is_accepted_and_anything_else_refused(parts: list[int]) -> None:
    total = sum(parts)
    if total <= 100:
        check_share_total([float(p) for p in parts], 100.0 - total)
    with pytest.raises(ValidationError, match="add up to"):
        check_share_total([float(p) for p in parts], 100.0 - total + 5)


def test_messages_say_which_way_the_shares_are_off() -> None:
    with pytest.raises(ValidationError, match="add up to 120 %, over 100 %"):
        check_share_total([60, 60], 0)
    with pytest.raises(ValidationError, match="add up to 90 %, under 100 %"):
        check_share_total([50, 40], 0)
    with pytest.raises(ValidationError, match="-10 % is negative"):
        check_share_total([110, -10], 0)
    check_share_total([], 0)  # a draft without credit yet
    check_share_total([33.33, 33.33, 33.34], 0)


def test_note_problems_name_each_issue() -> None:
    team = TEAMS[0]
    assert note_problems(NoteFacts((), 0)) == [
        ("note-without-contributions", "gives no team any credit")
    ]
    lopsided = NoteFacts((ShareFacts(team, None, TouchKind.SALES, 70),), 0)
    assert note_problems(lopsided) == [("note-shares-not-100", "shares add up to 70 %, not 100 %")]
    orphan = NoteFacts((ShareFacts(None, None, TouchKind.SALES, 100),), 0)
    assert [rule for rule, _ in note_problems(orphan)] == ["note-credits-deleted-team"]
