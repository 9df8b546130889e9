"""Customers and attribution notes: who earned a customer's success, and in what share."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planner.domain import validation as v
from planner.domain.attribution import check_share_total
from planner.domain.text import plural
from planner.domain.values import Confidence, OutcomeCategory, TouchKind
from planner.services.base import EntityService
from planner.services.edits import Batch, Create, Edit
from planner.services.records import AttributionNoteRecord, ContributionRecord, CustomerRecord
from planner.store.models import AttributionNote, Contribution, Customer, KeyResult, Team


class CustomerService(EntityService[CustomerRecord]):
    model = Customer
    record = CustomerRecord
    noun = "customer"
    ordered = False

    def create(
        self,
        name: str,
        segment: str = "",
        decision_maker: str = "",
        user_contact: str = "",
        notes: str = "",
    ) -> Create:
        return self._build_create(
            {
                "name": name,
                "segment": segment,
                "decision_maker": decision_maker,
                "user_contact": user_contact,
                "notes": notes,
            }
        )

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        values["name"] = v.require_text(values.get("name"), "Customer")
        for key, field in (
            ("segment", "Segment"),
            ("decision_maker", "Decision-maker"),
            ("user_contact", "User contact"),
        ):
            values[key] = v.optional_text(values.get(key), field, v.MAX_NAME_LENGTH)
        values["notes"] = v.optional_text(values.get("notes"), "Notes")
        self._ensure_unique(session, "name", values["name"], row_id, "Customer")

    def _check_delete(self, session: Session, values: Mapping[str, Any]) -> None:
        count = session.scalar(
            select(func.count())
            .select_from(AttributionNote)
            .where(AttributionNote.customer_id == values["id"])
        )
        if count:
            raise v.ValidationError(
                "Customer",
                f"'{values['name']}' has {plural(count, 'attribution note')}; delete them first",
            )


@dataclass(frozen=True)
class ContributionInput:
    """One share of credit as a person enters it."""

    team_id: uuid.UUID | None
    touch: TouchKind | str
    share: float | str
    note: str = ""


class AttributionNoteService(EntityService[AttributionNoteRecord]):
    model = AttributionNote
    record = AttributionNoteRecord
    noun = "attribution note"
    ordered = False

    def _order(self) -> list[Any]:
        return [AttributionNote.on_date.desc(), AttributionNote.id]

    def describe(self, values: Mapping[str, Any]) -> str:
        return f"note '{values.get('outcome', '')}'"

    def create(
        self,
        on_date: date,
        customer_id: uuid.UUID,
        outcome_category: OutcomeCategory | str,
        outcome: str,
        contributions: Sequence[ContributionInput] = (),
        story: str = "",
        evidence: str = "",
        key_result_id: uuid.UUID | None = None,
        confidence: Confidence | str = Confidence.MEDIUM,
        unattributed_share: float | str = 0.0,
    ) -> Batch:
        """A note and its contributions, as one edit; shares plus the unattributed remainder
        must add up to 100 % whenever any credit is given."""
        note = self._build_create(
            {
                "on_date": on_date,
                "customer_id": customer_id,
                "outcome_category": outcome_category,
                "outcome": outcome,
                "story": story,
                "evidence": evidence,
                "key_result_id": key_result_id,
                "confidence": confidence,
                "unattributed_share": unattributed_share,
            }
        )
        shares = self._plan.contributions
        parts = tuple(
            shares.create(note.id, part.team_id, part.touch, part.share, part.note, position=index)
            for index, part in enumerate(contributions)
        )
        check_share_total(
            [float(part.values["share"]) for part in parts],
            float(note.values["unattributed_share"]),
        )
        return Batch((note, *parts), note.label)

    def revise(
        self,
        note_id: uuid.UUID,
        contributions: Sequence[tuple[uuid.UUID | None, ContributionInput]],
        **fields: Any,
    ) -> Batch:
        """Edit a note and its contributions as one step.

        ``contributions`` is the whole new list: rows with an id are updated, rows without one
        are added, and the note's rows not listed are removed. The shares are checked as a
        whole, so credit is never half-edited.
        """
        note = self.update(note_id, **fields)
        unattributed = float(
            note.after.get("unattributed_share", self.get(note_id).unattributed_share)
        )
        shares = self._plan.contributions
        existing = {row.id for row in shares.list(note_id=note_id)}
        kept = {row_id for row_id, _ in contributions if row_id is not None}
        unknown = kept - existing
        if unknown:
            raise v.ValidationError("Contribution", "does not belong to this note")
        edits: list[Edit] = [note]
        values: list[float] = []
        for index, (row_id, part) in enumerate(contributions):
            if row_id is None:
                edit: Edit = shares.create(
                    note_id, part.team_id, part.touch, part.share, part.note, position=index
                )
                values.append(float(edit.values["share"]))  # type: ignore[union-attr]
            else:
                edit = shares.update(
                    row_id,
                    team_id=part.team_id,
                    touch=part.touch,
                    share=part.share,
                    note=part.note,
                    position=index,
                )
                values.append(v.parse_number(part.share, "Share"))
            edits.append(edit)
        edits.extend(shares.delete(row_id) for row_id in sorted(existing - kept))
        check_share_total(values, unattributed)
        return Batch(tuple(edits), f"Edit {self.describe(self._read_values(note_id))}")

    def _read_values(self, note_id: uuid.UUID) -> dict[str, Any]:
        with self._plan.session() as session:
            return self._read(session, note_id)

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        if not isinstance(values.get("on_date"), date):
            raise v.ValidationError("Date", "is required")
        if values.get("customer_id") is None:
            raise v.ValidationError("Customer", "is required")
        self._ensure_exists(session, Customer, values["customer_id"], "Customer")
        values["outcome_category"] = v.parse_choice(
            OutcomeCategory, values.get("outcome_category"), "Outcome"
        )
        values["outcome"] = v.require_text(values.get("outcome"), "Outcome")
        values["story"] = v.optional_text(values.get("story"), "Story")
        values["evidence"] = v.optional_text(values.get("evidence"), "Evidence")
        self._ensure_exists(session, KeyResult, values.get("key_result_id"), "Key result")
        values["confidence"] = v.parse_choice(
            Confidence, values.get("confidence") or Confidence.MEDIUM, "Confidence"
        )
        field = "Unattributed share"
        values["unattributed_share"] = v.validate_share(
            v.parse_number(values.get("unattributed_share", 0.0), field), field
        )


class ContributionService(EntityService[ContributionRecord]):
    model = Contribution
    record = ContributionRecord
    noun = "contribution"
    sibling_keys = ("note_id",)

    def describe(self, values: Mapping[str, Any]) -> str:
        return "contribution"

    def create(
        self,
        note_id: uuid.UUID,
        team_id: uuid.UUID | None,
        touch: TouchKind | str,
        share: float | str,
        note: str = "",
        position: int | None = None,
    ) -> Create:
        values: dict[str, Any] = {
            "note_id": note_id,
            "team_id": team_id,
            "touch": touch,
            "share": share,
            "note": note,
        }
        if position is not None:
            values["position"] = position
        return self._build_create(values)

    def _clean(self, session: Session, values: dict[str, Any], row_id: uuid.UUID | None) -> None:
        # The note may be created in the same edit, so it is not looked up here.
        if values.get("note_id") is None:
            raise v.ValidationError("Note", "is required")
        if values.get("team_id") is None and row_id is None:
            raise v.ValidationError("Team", "is required")
        self._ensure_exists(session, Team, values.get("team_id"), "Team")
        values["touch"] = v.parse_choice(TouchKind, values.get("touch"), "Touch")
        values["share"] = v.validate_share(v.parse_number(values.get("share", ""), "Share"))
        values["note"] = v.optional_text(values.get("note"), "Note", v.MAX_NAME_LENGTH)
