"""The attribution journal: notes as rows to read and filter, and credit summaries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from planner.domain.attribution import (
    CreditSummary,
    NoteFacts,
    ShareFacts,
    note_problems,
    summarise,
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
            self.id,
            tuple(ShareFacts(r.team_id, r.stage_id, r.touch, r.share) for r in self.shares),
            self.unattributed_share,
        )


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

    def matches(self, entry: JournalEntry) -> bool:
        if self.start is not None and entry.on_date < self.start:
            return False
        if self.end is not None and entry.on_date > self.end:
            return False
        if self.customer_id is not None and entry.customer_id != self.customer_id:
            return False
        if self.outcome is not None and entry.outcome_category is not self.outcome:
            return False
        if self.team_id is not None and all(r.team_id != self.team_id for r in entry.shares):
            return False
        if (
            self.stage_id is not None
            and self.stage_id != entry.stage_id
            and all(r.stage_id != self.stage_id for r in entry.shares)
        ):
            return False
        return self._text_matches(entry)

    def _text_matches(self, entry: JournalEntry) -> bool:
        words = self.text.casefold().split()
        if not words:
            return True
        haystack = " ".join(
            [entry.customer, entry.outcome, entry.story, entry.evidence, entry.key_result]
            + [row.team_name for row in entry.shares]
            + [row.note for row in entry.shares]
        ).casefold()
        return all(word in haystack for word in words)


@dataclass(frozen=True)
class Journal:
    entries: tuple[JournalEntry, ...]
    summary: CreditSummary = field(default_factory=CreditSummary)


def journal_entries(plan: Plan) -> tuple[JournalEntry, ...]:
    """Every note, newest first, with names resolved for display.

    Read once per change of the plan and shared (the journal, the dashboard's credit chart and
    the health report all start from it).
    """
    return plan.remember(journal_entries, lambda: _read_entries(plan))


def _read_entries(plan: Plan) -> tuple[JournalEntry, ...]:
    # Plain columns rather than ORM entities: a large plan has thousands of notes.
    with plan.session() as session:
        teams = {
            row.id: (row.name, row.stage_id)
            for row in session.execute(select(Team.id, Team.name, Team.stage_id))
        }
        shares: dict[uuid.UUID, list[ShareRow]] = defaultdict(list)
        parts = select(
            Contribution.id,
            Contribution.note_id,
            Contribution.team_id,
            Contribution.touch,
            Contribution.share,
            Contribution.note,
        ).order_by(Contribution.position)
        for part_id, note_id, team_id, touch, share, note in session.execute(parts):
            name, stage_id = teams.get(team_id, ("", None)) if team_id else ("", None)
            shares[note_id].append(ShareRow(part_id, team_id, name, stage_id, touch, share, note))
        query = (
            select(
                AttributionNote.id,
                AttributionNote.on_date,
                AttributionNote.customer_id,
                Customer.name,
                AttributionNote.outcome_category,
                AttributionNote.outcome,
                AttributionNote.story,
                AttributionNote.evidence,
                AttributionNote.confidence,
                AttributionNote.key_result_id,
                KeyResult.title,
                Team.stage_id,
                AttributionNote.unattributed_share,
            )
            .join(Customer, AttributionNote.customer_id == Customer.id)
            .outerjoin(KeyResult, AttributionNote.key_result_id == KeyResult.id)
            .outerjoin(Objective, KeyResult.objective_id == Objective.id)
            .outerjoin(Team, Objective.team_id == Team.id)
            .order_by(AttributionNote.on_date.desc(), Customer.name)
        )
        return tuple(
            JournalEntry(
                id=row[0],
                on_date=row[1],
                customer_id=row[2],
                customer=row[3],
                outcome_category=row[4],
                outcome=row[5],
                story=row[6],
                evidence=row[7],
                confidence=row[8],
                key_result_id=row[9],
                key_result=row[10] or "",
                stage_id=row[11],
                unattributed_share=row[12],
                shares=tuple(shares[row[0]]),
            )
            for row in session.execute(query)
        )


def journal(plan: Plan, where: JournalFilter | None = None) -> Journal:
    """The notes that match, and the credit summary over exactly those notes."""
    where = where or JournalFilter()
    entries = tuple(entry for entry in journal_entries(plan) if where.matches(entry))
    return Journal(entries, summarise(entry.facts() for entry in entries))


def notes_for_key_result(plan: Plan, key_result_id: uuid.UUID) -> list[JournalEntry]:
    return [entry for entry in journal_entries(plan) if entry.key_result_id == key_result_id]


def attribution_findings(plan: Plan) -> list[Finding]:
    """Notes whose credit needs a look, as warnings for the health report."""
    findings = []
    for entry in journal_entries(plan):
        name = f"{entry.customer}: {entry.outcome}"
        for rule, message in note_problems(entry.facts()):
            findings.append(Finding(rule, Severity.WARNING, "note", entry.id, name, message))
    return findings
