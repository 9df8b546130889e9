"""What an import did, as counts a person can read and the one edit that undoes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from planner.domain.text import plural
from planner.services.edits import Batch

# How each kind of row is named in messages, in the order a summary lists them (parents first,
# as a person reads a plan). Keys are table names.
NOUNS: dict[str, tuple[str, str]] = {
    "plan_info": ("plan", "plans"),
    "stage": ("stage", "stages"),
    "discipline": ("discipline", "disciplines"),
    "person": ("person", "people"),
    "team": ("team", "teams"),
    "membership": ("membership", "memberships"),
    "interaction": ("interaction", "interactions"),
    "period": ("period", "periods"),
    "objective": ("objective", "objectives"),
    "key_result": ("key result", "key results"),
    "check_in": ("check-in", "check-ins"),
    "customer": ("customer", "customers"),
    "attribution_note": ("attribution note", "attribution notes"),
    "contribution": ("contribution", "contributions"),
    "row": ("row", "rows"),
}


def noun(kind: str) -> str:
    """How one row of ``kind`` (a table name) is called: ``noun("key_result")`` is "key
    result"."""
    return NOUNS.get(kind, (kind.replace("_", " "), ""))[0]


def count_of(kind: str, count: int) -> str:
    """``count_of("person", 2)`` is "2 people"."""
    singular, many = NOUNS.get(kind, (kind.replace("_", " "), kind.replace("_", " ") + "s"))
    return plural(count, singular, many)


@dataclass(frozen=True)
class ImportSummary:
    """The result of an import that was applied.

    Attributes:
        imported: How many units of the file were taken in (``unit``): key results for a
            sheet (one per row), rows for a JSON export.
        unit: ``"key_result"`` or ``"row"``.
        created: Rows created, by table name (``"team"``, ``"key_result"``, …).
        updated: Rows updated, by table name.
        unchanged: Units of the file the plan already held exactly (skipped).
        edit: The one edit that was applied; revert it (or push it on the undo stack) to
            take the whole import back.
    """

    imported: int
    unit: str
    created: Mapping[str, int] = field(default_factory=dict)
    updated: Mapping[str, int] = field(default_factory=dict)
    unchanged: int = 0
    edit: Batch = field(default_factory=lambda: Batch(()))

    def describe(self, verb: str = "Imported") -> str:
        """One line, e.g. "Imported 12 key results (3 teams, 4 objectives created; 2 key
        results updated)"; a preview says "Would import" instead."""
        parts = []
        created = _counts(self.created)
        if created:
            parts.append(f"{created} created")
        updated = _counts(self.updated)
        if updated:
            parts.append(f"{updated} updated")
        if self.unchanged:
            parts.append(f"{count_of(self.unit, self.unchanged)} already in the plan")
        detail = "; ".join(parts) if parts else "nothing to change"
        return f"{verb} {count_of(self.unit, self.imported)} ({detail})"


def _counts(counts: Mapping[str, int]) -> str:
    order = list(NOUNS)
    kinds = sorted(
        (kind for kind, count in counts.items() if count),
        key=lambda kind: (order.index(kind) if kind in order else len(order), kind),
    )
    return ", ".join(count_of(kind, counts[kind]) for kind in kinds)
