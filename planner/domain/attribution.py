"""Credit on customer success: the share rules and the summary math, as pure functions.

A note shares 100 % of the credit for one customer outcome among teams and kinds of touch;
what nobody earned is said out loud as the unattributed share. Summaries add shares up over
notes, so a team's credit reads in percentage points: 250 means "two and a half outcomes' worth".
"""

from __future__ import annotations

import math
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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
    return tally(notes).summary()


@dataclass(frozen=True)
class NoteCounts:
    """How many notes gave each team (stage, kind of touch) any credit: 80 points from one
    note reads differently from 80 points from eight."""

    by_team: Counter[uuid.UUID]
    by_stage: Counter[uuid.UUID]
    by_touch: Counter[TouchKind]


def count_notes(notes: Iterable[NoteFacts]) -> NoteCounts:
    return tally(notes).counts()


# A note as :func:`tally` reads it, by place: (shares, unattributed), each share (team,
# stage, touch, points). NoteFacts is one; so is a plain tuple keyed by any names.
TallyNote = tuple[Iterable[tuple[Any, Any, Any, float]], float]


@dataclass
class Tally:
    """Credit summed over notes, and the notes counted that credit each team, stage and kind
    of touch, keyed as the notes name them (a team None: deleted since)."""

    notes: int = 0
    unattributed: float = 0.0
    deleted_teams: float = 0.0
    by_team: dict[Any, float] = field(default_factory=dict)
    by_stage: dict[Any, float] = field(default_factory=dict)
    by_touch: dict[Any, float] = field(default_factory=dict)
    grid: dict[Any, dict[Any, float]] = field(default_factory=dict)  # team → touch → points
    team_notes: dict[Any, int] = field(default_factory=dict)
    stage_notes: dict[Any, int] = field(default_factory=dict)
    touch_notes: dict[Any, int] = field(default_factory=dict)

    def summary(
        self,
        teams: Mapping[Any, uuid.UUID] | None = None,
        stages: Mapping[Any, uuid.UUID] | None = None,
        touches: Mapping[Any, TouchKind] | None = None,
    ) -> CreditSummary:
        """The sums, keyed by the ids ``teams``, ``stages`` and ``touches`` give for the
        notes' own keys (none given: the notes' keys are those ids already)."""
        team, stage, touch = _renamer(teams), _renamer(stages), _renamer(touches)
        return CreditSummary(
            notes=self.notes,
            by_team={team(key): points for key, points in self.by_team.items()},
            by_stage={stage(key): points for key, points in self.by_stage.items()},
            by_touch={touch(key): points for key, points in self.by_touch.items()},
            by_team_and_touch={
                team(key): {touch(kind): points for kind, points in row.items()}
                for key, row in self.grid.items()
            },
            unattributed=self.unattributed,
            deleted_teams=self.deleted_teams,
        )

    def counts(
        self,
        teams: Mapping[Any, uuid.UUID] | None = None,
        stages: Mapping[Any, uuid.UUID] | None = None,
        touches: Mapping[Any, TouchKind] | None = None,
    ) -> NoteCounts:
        team, stage, touch = _renamer(teams), _renamer(stages), _renamer(touches)
        return NoteCounts(
            Counter({team(key): count for key, count in self.team_notes.items()}),
            Counter({stage(key): count for key, count in self.stage_notes.items()}),
            Counter({touch(key): count for key, count in self.touch_notes.items()}),
        )


def _renamer(names: Mapping[Any, Any] | None) -> Callable[[Any], Any]:
    return names.__getitem__ if names is not None else _same


def _same(key: Any) -> Any:
    return key


def tally(notes: Iterable[TallyNote]) -> Tally:
    """Sum ``notes``' credit and count the notes crediting each team, stage and touch, in one
    pass and by place: a large plan's journal tallies tens of thousands of notes from its
    rows, keyed by its stored ids, without making facts of them."""
    by_team: dict[Any, float] = defaultdict(float)
    by_stage: dict[Any, float] = defaultdict(float)
    by_touch: dict[Any, float] = defaultdict(float)
    grid: dict[Any, dict[Any, float]] = defaultdict(lambda: defaultdict(float))
    # Counted once per note: the last note that credited a key is kept, so a second share of
    # one note is not counted again.
    team_notes: dict[Any, int] = defaultdict(int)
    stage_notes: dict[Any, int] = defaultdict(int)
    touch_notes: dict[Any, int] = defaultdict(int)
    last_team: dict[Any, int] = {}
    last_stage: dict[Any, int] = {}
    last_touch: dict[Any, int] = {}
    count, unattributed, deleted = 0, 0.0, 0.0
    for shares, rest in notes:
        count += 1
        unattributed += rest
        for team, stage, touch, points in shares:
            by_touch[touch] += points
            if last_touch.get(touch) != count:
                last_touch[touch] = count
                touch_notes[touch] += 1
            if team is None:
                deleted += points
                continue
            by_team[team] += points
            grid[team][touch] += points
            if last_team.get(team) != count:
                last_team[team] = count
                team_notes[team] += 1
            if stage is not None:
                by_stage[stage] += points
                if last_stage.get(stage) != count:
                    last_stage[stage] = count
                    stage_notes[stage] += 1
    return Tally(
        count,
        unattributed,
        deleted,
        dict(by_team),
        dict(by_stage),
        dict(by_touch),
        {team: dict(row) for team, row in grid.items()},
        dict(team_notes),
        dict(stage_notes),
        dict(touch_notes),
    )


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
