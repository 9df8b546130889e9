"""The attribution journal: notes as rows to read and filter, and credit summaries."""

from __future__ import annotations

import uuid
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from typing import Any, Protocol, TypeVar, overload

from sqlalchemy import String, select, type_coerce

from planner.domain.attribution import (
    CreditSummary,
    NoteCounts,
    NoteFacts,
    ShareFacts,
    credit_problems,
    tally,
)
from planner.domain.health import Finding, Severity
from planner.domain.values import Confidence, OutcomeCategory, TouchKind
from planner.services.plan import Plan
from planner.store.models import (
    AttributionNote,
    Contribution,
    Customer,
    KeyResult,
    Objective,
    Team,
)


@dataclass(frozen=True)
class ShareRow:
    id: uuid.UUID
    team_id: uuid.UUID | None
    team_name: str  # "" when the team was deleted
    stage_id: uuid.UUID | None
    touch: TouchKind
    share: float
    note: str


@dataclass(frozen=True)
class JournalEntry:
    id: uuid.UUID
    on_date: date
    customer_id: uuid.UUID
    customer: str
    outcome_category: OutcomeCategory
    outcome: str
    story: str
    evidence: str
    confidence: Confidence
    key_result_id: uuid.UUID | None
    key_result: str
    stage_id: uuid.UUID | None  # the linked key result's stage, when it has one
    unattributed_share: float
    shares: tuple[ShareRow, ...]

    @property
    def teams(self) -> str:
        return ", ".join(dict.fromkeys(row.team_name or "(deleted team)" for row in self.shares))

    def facts(self) -> NoteFacts:
        return NoteFacts(
            tuple(ShareFacts(r.team_id, r.stage_id, r.touch, r.share) for r in self.shares),
            self.unattributed_share,
        )

    def search_text(self) -> str:
        """What a search looks in, as one case-folded text."""
        return _search_text(
            [self.customer, self.outcome, self.story, self.evidence, self.key_result],
            [(row.team_name, row.note) for row in self.shares],
        )


class _Credited(Protocol):
    """A share as a filter sees it: the credited team and its stage."""

    @property
    def team_id(self) -> uuid.UUID | None: ...

    @property
    def stage_id(self) -> uuid.UUID | None: ...


def _search_text(fields: list[str], shares: list[tuple[str, str]]) -> str:
    """What a search looks in, case-folded: a note's ``fields`` (customer, outcome, story,
    evidence, key result), then its shares' team names, then their notes."""
    return " ".join(fields + [name for name, _ in shares] + [note for _, note in shares]).casefold()


@dataclass(frozen=True)
class JournalFilter:
    """Which notes to show; every criterion left empty matches all."""

    start: date | None = None
    end: date | None = None
    team_id: uuid.UUID | None = None
    stage_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = None
    outcome: OutcomeCategory | None = None
    text: str = ""

    def dates_only(self) -> bool:
        """True when only the dates narrow: a note's date alone decides whether it matches."""
        return (
            self.team_id is None
            and self.stage_id is None
            and self.customer_id is None
            and self.outcome is None
            and not self.text.split()
        )

    def dates_match(self, on_date: date) -> bool:
        return (self.start is None or on_date >= self.start) and (
            self.end is None or on_date <= self.end
        )

    def matches(self, entry: JournalEntry) -> bool:
        return (
            self.dates_match(entry.on_date)
            and self.fields_match(
                entry.customer_id, entry.outcome_category, entry.stage_id, entry.shares
            )
            and self.text_matches(entry.search_text)
        )

    def fields_match(
        self,
        customer_id: uuid.UUID,
        outcome: OutcomeCategory,
        stage_id: uuid.UUID | None,
        shares: Sequence[_Credited],
    ) -> bool:
        """Whether a note about ``customer_id`` on ``outcome``, linked to a key result of
        ``stage_id`` and crediting ``shares``, passes the criteria other than dates and text."""
        if self.customer_id is not None and customer_id != self.customer_id:
            return False
        if self.outcome is not None and outcome is not self.outcome:
            return False
        if self.team_id is not None and all(r.team_id != self.team_id for r in shares):
            return False
        return (
            self.stage_id is None
            or self.stage_id == stage_id
            or any(r.stage_id == self.stage_id for r in shares)
        )

    def text_matches(self, search_text: Callable[[], str]) -> bool:
        """Whether every word typed is in the case-folded text ``search_text()`` gives (asked
        for only when words were typed)."""
        words = self.text.casefold().split()
        if not words:
            return True
        haystack = search_text()
        return all(word in haystack for word in words)


@dataclass(frozen=True)
class Journal:
    """The notes a filter lets through, newest first, and the credit summary over exactly those.

    ``notes`` makes each note's record when it is first asked for, ``entries`` makes them all;
    the summary is summed when first asked for (the journal opens on its notes, not on it).
    """

    notes: NoteList = field(default_factory=lambda: NoteList())

    @property
    def entries(self) -> tuple[JournalEntry, ...]:
        return tuple(self.notes)

    @cached_property
    def summary(self) -> CreditSummary:
        return self._credit[0]

    @cached_property
    def counts(self) -> NoteCounts:
        """How many of the notes credit each team, stage and kind of touch."""
        return self._credit[1]

    @cached_property
    def _credit(self) -> tuple[CreditSummary, NoteCounts]:
        return self.notes.credit()


def journal(plan: Plan, where: JournalFilter | None = None) -> Journal:
    """The notes that match, and the credit summary over exactly those notes."""
    notes = _notes(plan)
    return Journal(NoteList(notes, notes.matching(where or JournalFilter())))


def find_note(plan: Plan, note_id: uuid.UUID) -> JournalEntry | None:
    """The note ``note_id`` whatever the filters; None when the plan has no such note."""
    notes = _notes(plan)
    position = notes.position(note_id)
    return notes.entry(position) if position >= 0 else None


def notes_for_key_result(plan: Plan, key_result_id: uuid.UUID) -> list[JournalEntry]:
    notes = _notes(plan)
    return [notes.entry(index) for index in notes.linked_to(key_result_id)]


def attribution_findings(plan: Plan) -> list[Finding]:
    """Notes whose credit needs a look, as warnings for the health report; judged once per
    change of the notes."""
    return list(plan.remember(attribution_findings, lambda: tuple(_judge_notes(plan))))


def _judge_notes(plan: Plan) -> list[Finding]:
    notes = _notes(plan)
    findings = []
    for index, problems in notes.problems():
        entry = notes.entry(index)
        name = f"{entry.customer}: {entry.outcome}"
        for rule, message in problems:
            findings.append(Finding(rule, Severity.WARNING, "note", entry.id, name, message))
    return findings


# ---- reading ------------------------------------------------------------------------------

T = TypeVar("T")

# A team as a share names it: its id, its name ("" when deleted) and its stage.
_Team = tuple[uuid.UUID | None, str, uuid.UUID | None]
_NO_TEAM: _Team = (None, "", None)
_TOUCHES = {touch.value: touch for touch in TouchKind}
_OUTCOMES = {category.value: category for category in OutcomeCategory}
_CONFIDENCES = {level.value: level for level in Confidence}


def _stored(column: Any) -> Any:
    """``column`` as the database holds it, as text: keys, and names of closed vocabularies.

    Reading a key makes a ``uuid.UUID`` of it, which for every note and contribution was a
    fifth of reading the journal; keys that repeat (teams, customers) are made once each, and
    the notes' and contributions' own only for the notes on show.
    """
    return type_coerce(column, String)


def _as_stored(key: uuid.UUID) -> str:
    # How SQLAlchemy's Uuid keeps a key where the database has no uuid type (SQLite).
    return key.hex


def _notes(plan: Plan) -> _Notes:
    """Every note, read once per change of the plan and shared (the journal, the dashboard's
    credit chart and the health report all start from it)."""
    return plan.remember(_notes, lambda: _read_notes(plan))


def _read_notes(plan: Plan) -> _Notes:
    # Plain rows (Plan.rows): a large plan has tens of thousands of notes.
    with plan.rows() as connection:
        teams = {
            stored: (team_id, name, stage_id)
            for stored, team_id, name, stage_id in connection.execute(
                select(_stored(Team.id), Team.id, Team.name, Team.stage_id)
            )
        }
        parts = select(
            _stored(Contribution.note_id),
            _stored(Contribution.id),
            _stored(Contribution.team_id),
            _stored(Contribution.touch),
            Contribution.share,
            Contribution.note,
        ).order_by(Contribution.position)
        shares: dict[str, list[Any]] = defaultdict(list)
        for part in connection.execute(parts).all():
            shares[part[0]].append(part)
        query = (
            select(
                # In the order of the _ID … _STAGE_ID constants below, which read them by place.
                _stored(AttributionNote.id).label("id"),
                AttributionNote.on_date,
                AttributionNote.unattributed_share,
                _stored(AttributionNote.customer_id).label("customer_id"),
                Customer.name.label("customer"),
                _stored(AttributionNote.outcome_category).label("outcome_category"),
                AttributionNote.outcome,
                AttributionNote.story,
                AttributionNote.evidence,
                _stored(AttributionNote.confidence).label("confidence"),
                _stored(AttributionNote.key_result_id).label("key_result_id"),
                KeyResult.title.label("key_result"),
                _stored(Team.stage_id).label("stage_id"),
            )
            .join(Customer, AttributionNote.customer_id == Customer.id)
            .outerjoin(KeyResult, AttributionNote.key_result_id == KeyResult.id)
            .outerjoin(Objective, KeyResult.objective_id == Objective.id)
            .outerjoin(Team, Objective.team_id == Team.id)
            .order_by(AttributionNote.on_date.desc(), Customer.name)
        )
        return _Notes(connection.execute(query).all(), shares, teams)


# The columns of a note's row and a contribution's row, read by place: a row's field by name
# takes ten times as long, which tells with tens of thousands.
(
    _ID,
    _DATE,
    _UNATTRIBUTED,
    _CUSTOMER_ID,
    _CUSTOMER,
    _CATEGORY,
    _OUTCOME,
    _STORY,
    _EVIDENCE,
    _CONFIDENCE,
    _KEY_RESULT_ID,
    _KEY_RESULT,
    _STAGE_ID,
) = range(13)
_PART_ID, _PART_TEAM, _PART_TOUCH, _PART_SHARE, _PART_NOTE = range(1, 6)

# The fields of a record that a note's row holds as they are shown, read from the row alone.
_FIELDS: dict[str, Callable[[Any], Any]] = {
    "customer": lambda row: row[_CUSTOMER],
    "outcome": lambda row: row[_OUTCOME],
    "outcome_category": lambda row: _OUTCOMES[row[_CATEGORY]],
    "confidence": lambda row: _CONFIDENCES[row[_CONFIDENCE]],
    "key_result": lambda row: row[_KEY_RESULT] or "",
}


class _Notes:
    """Every note of the plan as read, in journal order, made into records and credit facts
    only when first asked for.

    A record (ids parsed, a ShareRow per contribution) costs several times what reading its
    row does, and a large plan has tens of thousands of notes: the journal opens on a
    screenful of records and needs no facts until its summary is shown; filtering by date
    needs the dates alone, other filters the rows and facts (``matching``), sorting a few
    fields (``field``). What was made is kept until the plan changes.
    """

    def __init__(
        self, rows: Sequence[Any], shares: dict[str, list[Any]], teams: dict[str, _Team]
    ) -> None:
        self._rows = rows
        self._shares = shares  # each note's contributions' rows, by the note's stored key
        self._teams = teams  # by stored key
        self._made: list[JournalEntry | None] = [None] * len(rows)
        self._search_texts: list[str | None] = [None] * len(rows)
        # What filters look at, by note: customer, kind of outcome, key result's stage.
        self._filter_fields: list[tuple[uuid.UUID, OutcomeCategory, uuid.UUID | None]] | None = None
        self._facts: list[NoteFacts] | None = None
        self._ids: dict[str, uuid.UUID] = {}
        self._positions: dict[str, int] | None = None
        self.dates: list[date] = [row[_DATE] for row in rows]

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, index: int) -> JournalEntry:
        made = self._made[index]
        if made is None:
            made = self._made[index] = self._make(index)
        return made

    def facts(self) -> list[NoteFacts]:
        """Every note's credit facts, in order."""
        if self._facts is None:
            teams, touches = self._teams, _TOUCHES
            self._facts = []
            for row in self._rows:
                shares = []
                for part in self._shares.get(row[_ID], ()):
                    team_id, _, stage_id = teams.get(part[_PART_TEAM], _NO_TEAM)
                    touch = touches[part[_PART_TOUCH]]
                    shares.append(ShareFacts(team_id, stage_id, touch, part[_PART_SHARE]))
                self._facts.append(NoteFacts(tuple(shares), row[_UNATTRIBUTED]))
        return self._facts

    def problems(self) -> Iterator[tuple[int, list[tuple[str, str]]]]:
        """Each note that ``note_problems`` finds fault with, by position, with its problems;
        judged on the rows, as making every note's facts would cost a large plan half a
        second."""
        teams = self._teams
        for index, row in enumerate(self._rows):
            parts = self._shares.get(row[_ID], ())
            problems = credit_problems(
                [part[_PART_SHARE] for part in parts],
                row[_UNATTRIBUTED],
                any(teams.get(part[_PART_TEAM], _NO_TEAM)[0] is None for part in parts),
            )
            if problems:
                yield index, problems

    def credit(self, positions: Sequence[int]) -> tuple[CreditSummary, NoteCounts]:
        """The credit summary of the notes at ``positions`` and the notes counted per team,
        stage and touch: :func:`tally` over the rows themselves, keyed by the stored ids
        (whose hashes strings keep; a UUID hashes in Python every time) and named after.
        50,000 notes have some 90,000 shares, and making a fact of each took most of the
        time."""
        rows, shares = self._rows, self._shares
        stage_of = {
            stored: str(stage_id) if stage_id is not None else None
            for stored, (_, _, stage_id) in self._teams.items()
        }
        notes = (
            (
                [
                    (team, stage_of[team], part[_PART_TOUCH], part[_PART_SHARE])
                    if (team := part[_PART_TEAM]) in stage_of
                    else (None, None, part[_PART_TOUCH], part[_PART_SHARE])
                    for part in shares.get(row[_ID], ())
                ],
                row[_UNATTRIBUTED],
            )
            for row in (rows[position] for position in positions)
        )
        sums = tally(notes)
        teams = {
            stored: team_id
            for stored, (team_id, _, _) in self._teams.items()
            if team_id is not None
        }
        stages = {str(stage): stage for _, _, stage in self._teams.values() if stage is not None}
        return sums.summary(teams, stages, _TOUCHES), sums.counts(teams, stages, _TOUCHES)

    def matching(self, where: JournalFilter) -> list[int]:
        """The positions of the notes ``where`` lets through, matched on their rows and credit
        facts rather than on records (``JournalFilter.matches`` does the same with a record)."""
        if where.dates_only():
            return [index for index, day in enumerate(self.dates) if where.dates_match(day)]
        facts = self.facts()
        if self._filter_fields is None:  # kept: each choice in the filters matches all again
            self._filter_fields = [
                (self._customer(row), _FIELDS["outcome_category"](row), self._key(row[_STAGE_ID]))
                for row in self._rows
            ]
        shown = []
        for index, (customer_id, outcome, stage_id) in enumerate(self._filter_fields):
            if (
                where.dates_match(self.dates[index])
                and where.fields_match(customer_id, outcome, stage_id, facts[index].shares)
                and where.text_matches(partial(self._search_text, index))
            ):
                shown.append(index)
        return shown

    def position(self, note_id: uuid.UUID) -> int:
        """Where note ``note_id`` is; -1 when it is not."""
        if self._positions is None:
            self._positions = {row[_ID]: index for index, row in enumerate(self._rows)}
        return self._positions.get(_as_stored(note_id), -1)

    def field(self, name: str) -> list[Any]:
        """Field ``name`` of every note's record, in order, read from the rows alone."""
        if name == "on_date":
            return self.dates
        read = _FIELDS[name]
        return [read(row) for row in self._rows]

    def team_names(self) -> list[tuple[str, ...]]:
        """For every note, the team name of each share, "" for a team deleted since."""
        names = {stored: name for stored, (_, name, _) in self._teams.items()}
        return [
            tuple(names.get(part[_PART_TEAM], "") for part in self._shares.get(row[_ID], ()))
            for row in self._rows
        ]

    def linked_to(self, key_result_id: uuid.UUID) -> list[int]:
        stored = _as_stored(key_result_id)
        return [index for index, row in enumerate(self._rows) if row[_KEY_RESULT_ID] == stored]

    def every_team_name(self) -> dict[uuid.UUID, str]:
        """Every team's name, as read with the notes."""
        return {team_id: name for team_id, name, _ in self._teams.values() if team_id is not None}

    def _key(self, stored: str | None) -> uuid.UUID | None:
        """The key ``stored`` stands for, made once per read: many notes name one customer."""
        if stored is None:
            return None
        key = self._ids.get(stored)
        if key is None:
            key = self._ids[stored] = uuid.UUID(stored)
        return key

    def _customer(self, row: Any) -> uuid.UUID:
        customer_id = self._key(row[_CUSTOMER_ID])
        assert customer_id is not None  # every note is about a customer
        return customer_id

    def _search_text(self, index: int) -> str:
        """What a search looks in for note ``index``, kept: typing a search matches every note
        again at each pause."""
        text = self._search_texts[index]
        if text is None:
            row = self._rows[index]
            shares = [
                (self._teams.get(part[_PART_TEAM], _NO_TEAM)[1], part[_PART_NOTE])
                for part in self._shares.get(row[_ID], ())
            ]
            fields = [row[_CUSTOMER], row[_OUTCOME], row[_STORY], row[_EVIDENCE]]
            text = _search_text([*fields, _FIELDS["key_result"](row)], shares)
            self._search_texts[index] = text
        return text

    def _make(self, index: int) -> JournalEntry:
        row = self._rows[index]
        shares = []
        for part in self._shares.get(row[_ID], ()):
            team_id, name, stage_id = self._teams.get(part[_PART_TEAM], _NO_TEAM)
            shares.append(
                ShareRow(
                    id=uuid.UUID(part[_PART_ID]),
                    team_id=team_id,
                    team_name=name,
                    stage_id=stage_id,
                    touch=_TOUCHES[part[_PART_TOUCH]],
                    share=part[_PART_SHARE],
                    note=part[_PART_NOTE],
                )
            )
        return JournalEntry(
            id=uuid.UUID(row[_ID]),
            on_date=row[_DATE],
            customer_id=self._customer(row),
            customer=row[_CUSTOMER],
            outcome_category=_FIELDS["outcome_category"](row),
            outcome=row[_OUTCOME],
            story=row[_STORY],
            evidence=row[_EVIDENCE],
            confidence=_FIELDS["confidence"](row),
            key_result_id=self._key(row[_KEY_RESULT_ID]),
            key_result=_FIELDS["key_result"](row),
            stage_id=self._key(row[_STAGE_ID]),
            unattributed_share=row[_UNATTRIBUTED],
            shares=tuple(shares),
        )


class NoteList(Sequence[JournalEntry]):
    """Notes in journal order (newest first), each made into a record when first asked for.

    The journal shows a screenful of what may be tens of thousands of notes; the rest are made
    only if something asks for them (sorting by a column other than the date, say).
    """

    def __init__(self, notes: _Notes | None = None, positions: Sequence[int] = ()) -> None:
        self._notes = notes if notes is not None else _Notes((), {}, {})
        self._positions = positions  # ascending: journal order

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> JournalEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[JournalEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> JournalEntry | tuple[JournalEntry, ...]:
        if isinstance(index, slice):
            return tuple(self._notes.entry(position) for position in self._positions[index])
        return self._notes.entry(self._positions[index])

    def __iter__(self) -> Iterator[JournalEntry]:
        return (self._notes.entry(position) for position in self._positions)

    def field(self, name: str) -> list[Any]:
        """Field ``name`` of each note's record (``on_date``, ``customer``, ``outcome``,
        ``outcome_category``, ``confidence``, ``key_result``), in order, without making
        records: what sorting thousands of notes by a column needs."""
        return self._in_order(self._notes.field(name))

    def team_names(self) -> list[tuple[str, ...]]:
        """For each note, in order, the team name of each share ("" for a team deleted since),
        without making records."""
        return self._in_order(self._notes.team_names())

    def facts(self) -> list[NoteFacts]:
        """Each note's credit facts, in order, without making records."""
        return self._in_order(self._notes.facts())

    def credit(self) -> tuple[CreditSummary, NoteCounts]:
        """The credit summary of these notes and how many credit each team, stage and touch."""
        return self._notes.credit(self._positions)

    def index_of(self, note_id: uuid.UUID | None) -> int:
        """Where note ``note_id`` is in this list; -1 when it is not in it."""
        if note_id is None:
            return -1
        position = self._notes.position(note_id)
        index = bisect_left(self._positions, position)
        if position < 0 or index == len(self._positions) or self._positions[index] != position:
            return -1
        return index

    def every_team_name(self) -> dict[uuid.UUID, str]:
        """Every team's name, as read with the notes."""
        return self._notes.every_team_name()

    def _in_order(self, values: list[T]) -> list[T]:
        """Of ``values`` for every note read, those of this list's notes, in order."""
        return [values[position] for position in self._positions]
