"""The skills chart's grid on a large plan: the teams missing the most required disciplines,
and the count of what is missing over every team."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from planner.report.dashboard_data import gaps_first, missing_skills
from planner.report.figures import SkillsGrid

REQUIRED = (True, False, True)


def grid(counts: list[tuple[int, int, int]]) -> SkillsGrid:
    return SkillsGrid(
        teams=tuple(f"Team {row}" for row in range(len(counts))),
        disciplines=("Product", "Data", "Design"),
        required=REQUIRED,
        counts=tuple(counts),
    )


def gaps(counts: tuple[int, ...]) -> int:
    return sum(1 for count, need in zip(counts, REQUIRED, strict=True) if need and not count)


def test_an_example() -> None:
    whole = grid([(1, 0, 1), (0, 0, 0), (1, 1, 0), (0, 2, 1), (2, 0, 0)])
    assert missing_skills(whole) == 0 + 2 + 1 + 1 + 1
    shown = gaps_first(whole, 3)
    assert shown.teams == ("Team 1", "Team 2", "Team 3")  # two gaps, then the first with one
    assert shown.counts == ((0, 0, 0), (1, 1, 0), (0, 2, 1))


@given(
    counts=st.lists(st.tuples(*[st.integers(0, 2)] * 3), max_size=40),
    limit=st.integers(0, 45),
)
def test_the_teams_shown_are_those_missing_most_in_plan_order(
    counts: list[tuple[int, int, int]], limit: int
) -> None:
    whole = grid(counts)
    shown = gaps_first(whole, limit)
    rows = [int(name.split()[1]) for name in shown.teams]
    assert len(rows) == min(limit, len(counts))
    assert rows == sorted(rows)  # in the plan's order
    assert shown.counts == tuple(counts[row] for row in rows)
    left_out = set(range(len(counts))) - set(rows)
    for out in left_out:  # nobody left out misses more, nor as much and comes earlier
        for row in rows:
            assert gaps(counts[out]) < gaps(counts[row]) or (
                gaps(counts[out]) == gaps(counts[row]) and out > row
            )
    assert missing_skills(whole) == sum(gaps(row) for row in counts)
