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


def journal_entries(plan: Plan) -> list[JournalEntry]:
    """Every note, newest first, with names resolved for display."""
    with plan.session() as session:
        teams = {
            row.id: (row.name, row.stage_id)
            for row in session.execute(select(Team.id, Team.name, Team.stage_id))
        }
        shares: dict[uuid.UUID, list[ShareRow]] = defaultdict(list)
        for part in session.scalars(select(Contribution).order_by(Contribution.position)):
            name, stage_id = teams.get(part.team_id, ("", None)) if part.team_id else ("", None)
            shares[part.note_id].append(
                ShareRow(part.id, part.team_id, name, stage_id, part.touch, part.share, part.note)
            )
        query = (
            select(AttributionNote, Customer.name, KeyResult.title, Team.stage_id)
            .join(Customer, AttributionNote.customer_id == Customer.id)
            .outerjoin(KeyResult, AttributionNote.key_result_id == KeyResult.id)
            .outerjoin(Objective, KeyResult.objective_id == Objective.id)
            .outerjoin(Team, Objective.team_id == Team.id)
            .order_by(AttributionNote.on_date.desc(), Customer.name)
        )
        return [
            JournalEntry(
                id=note.id,
                on_date=note.on_date,
                customer_id=note.customer_id,
                customer=customer,
                outcome_category=note.outcome_category,
                outcome=note.outcome,
                story=note.story,
                evidence=note.evidence,
                confidence=note.confidence,
                key_result_id=note.key_result_id,
                key_result=key_result or "",
                stage_id=stage_id,
                unattributed_share=note.unattributed_share,
                shares=tuple(shares[note.id]),
            )
            for note, customer, key_result, stage_id in session.execute(query)
        ]


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
