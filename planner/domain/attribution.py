"""Credit on customer success: the share rules and the summary math, as pure functions.

A note shares 100 % of the credit for one customer outcome among teams and kinds of touch;
what nobody earned is said out loud as the unattributed share. Summaries add shares up over
notes, so a team's credit reads in percentage points: 250 means "two and a half outcomes' worth".
"""

from __future__ import annotations

import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from planner.domain.validation import ValidationError
from planner.domain.values import TouchKind

WHOLE = 100.0
# Shares are typed as whole or decimal percents; this absorbs float rounding in their sum.
TOLERANCE = 0.01


def check_share_total(shares: Sequence[float], unattributed: float) -> None:
    """Refuse credit that is not whole: contributions plus the unattributed share make 100 %.

    A note with no contributions and nothing unattributed is a draft, and allowed.
    """
    if not shares and unattributed == 0:
        return
    for share in shares:
        if not math.isfinite(share) or share < 0:
            raise ValidationError("Share", f"{share:g} % is negative; shares are 0 % to 100 %")
    total = sum(shares) + unattributed
    if not math.isclose(total, WHOLE, abs_tol=TOLERANCE):
        over = "over" if total > WHOLE else "under"
        raise ValidationError(
            "Share",
            f"shares add up to {total:g} %, {over} 100 %; "
            "adjust them or leave the rest as unattributed",
        )


# Facts are tuples, not dataclasses: a large plan sums tens of thousands of them, and a tuple
# is made several times faster than a frozen dataclass.
class ShareFacts(NamedTuple):
    team_id: uuid.UUID | None  # None: the team was deleted since
    stage_id: uuid.UUID | None
    touch: TouchKind
    share: float


class NoteFacts(NamedTuple):
    shares: tuple[ShareFacts, ...]
    unattributed: float


@dataclass
class CreditSummary:
    notes: int = 0
    by_team: dict[uuid.UUID, float] = field(default_factory=dict)
    by_stage: dict[uuid.UUID, float] = field(default_factory=dict)
    by_touch: dict[TouchKind, float] = field(default_factory=dict)
    # Team and touch of every share, for the stacked chart: team → touch → points.
    by_team_and_touch: dict[uuid.UUID, dict[TouchKind, float]] = field(default_factory=dict)
    unattributed: float = 0.0
    deleted_teams: float = 0.0  # credit given to teams that no longer exist

    @property
    def total(self) -> float:
        return sum(self.by_team.values()) + self.deleted_teams + self.unattributed


def summarise(notes: Iterable[NoteFacts]) -> CreditSummary:
    by_team: dict[uuid.UUID, float] = defaultdict(float)
    by_stage: dict[uuid.UUID, float] = defaultdict(float)
    by_touch: dict[TouchKind, float] = defaultdict(float)
    grid: dict[uuid.UUID, dict[TouchKind, float]] = defaultdict(lambda: defaultdict(float))
    summary = CreditSummary()
    for note in notes:
        summary.notes += 1
        summary.unattributed += note.unattributed
        for part in note.shares:
            by_touch[part.touch] += part.share
            if part.team_id is None:
                summary.deleted_teams += part.share
                continue
            by_team[part.team_id] += part.share
            grid[part.team_id][part.touch] += part.share
            if part.stage_id is not None:
                by_stage[part.stage_id] += part.share
    summary.by_team = dict(by_team)
    summary.by_stage = dict(by_stage)
    summary.by_touch = dict(by_touch)
    summary.by_team_and_touch = {team: dict(touches) for team, touches in grid.items()}
    return summary


@dataclass(frozen=True)
class NoteCounts:
    """How many notes gave each team (stage, kind of touch) any credit: 80 points from one
    note reads differently from 80 points from eight."""

    by_team: Counter[uuid.UUID]
    by_stage: Counter[uuid.UUID]
    by_touch: Counter[TouchKind]


def count_notes(notes: Iterable[NoteFacts]) -> NoteCounts:
    # Each note's teams (stages, touches) listed once, then counted in one go: updating the
    # counters note by note took half again as long.
    teams: list[uuid.UUID] = []
    stages: list[uuid.UUID] = []
    touches: list[TouchKind] = []
    for note in notes:
        shares = note.shares
        teams.extend({part.team_id for part in shares if part.team_id is not None})
        stages.extend({part.stage_id for part in shares if part.stage_id is not None})
        touches.extend({part.touch for part in shares})
    return NoteCounts(Counter(teams), Counter(stages), Counter(touches))


def note_problems(note: NoteFacts) -> list[tuple[str, str]]:
    """Warnings about one note, as (rule, message) pairs."""
    return credit_problems(
        [part.share for part in note.shares],
        note.unattributed,
        any(part.team_id is None for part in note.shares),
    )


def credit_problems(
    shares: Sequence[float], unattributed: float, credits_deleted_team: bool
) -> list[tuple[str, str]]:
    """Warnings about a note with these shares, as (rule, message) pairs: the rules of
    :func:`note_problems` on plain values, which a whole journal's rows give without facts."""
    problems = []
    if not shares:
        problems.append(("note-without-contributions", "gives no team any credit"))
    total = sum(shares) + unattributed
    if shares and not math.isclose(total, WHOLE, abs_tol=TOLERANCE):
        problems.append(("note-shares-not-100", f"shares add up to {total:g} %, not 100 %"))
    if credits_deleted_team:
        problems.append(
            ("note-credits-deleted-team", "gives credit to a team that no longer exists")
        )
    return problems
