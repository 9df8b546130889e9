"""The board's rules as plain functions: where a card moved by keyboard lands, and the cards
with the document's progress. Kept apart from the widgets so they read (and test) alone."""

from __future__ import annotations

from collections.abc import Sequence


def move_target(
    sizes: Sequence[int], column: int, row: int, stage_step: int = 0, row_step: int = 0
) -> tuple[int, int] | None:
    """Where the card at (``column``, ``row``) goes: (column, index among that stage's other
    teams, as ``plan.teams.move`` counts), None when it cannot go that way.

    A card moved sideways keeps its height as far as the next stage allows, so moving a card
    back and forth returns it to where it was; up and down stay within the stage (the ends of
    a column are not a way into the next stage: that is what left and right are for).
    """
    if stage_step:
        target = column + stage_step
        if not 0 <= target < len(sizes):
            return None
        return target, min(row, sizes[target])
    wanted = row + row_step
    if row_step and 0 <= wanted < sizes[column]:
        return column, wanted
    return None
