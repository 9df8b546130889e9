"""The rules a row from a JSON document must keep before it joins a plan.

An export the app wrote keeps them all; a document edited by hand or by another tool may not,
and a row that breaks them would later break the views (a key result whose start equals its
target has no progress). They are the domain's own validation rules, applied to the stored
values as they are: nothing is normalised, so an import stays lossless.

Rules that span two rows (a unique name, a row pointing at another) are checked by the
importer, which sees the whole document and the plan.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from planner.domain import validation as v
from planner.domain.values import KeyResultKind, ThresholdDirection

Row = Mapping[str, Any]


class RuleError(ValueError):
    """A row breaks a rule; ``column`` names the field, ``message`` says what is wrong."""

    def __init__(self, column: str, message: str) -> None:
        super().__init__(f"{column}: {message}")
        self.column = column
        self.message = message


def check_row(table: str, row: Row) -> None:
    """Raise :class:`RuleError` when ``row`` of ``table`` breaks a rule of the plan."""
    rule = _RULES.get(table)
    if rule is None:
        return
    try:
        rule(row)
    except v.ValidationError as error:
        # The domain names fields as forms show them; a document names its columns.
        raise RuleError(_COLUMNS.get(error.field, error.field), error.message) from None


_COLUMNS = {
    "Start": "start_value",
    "Target": "target_value",
    "Direction": "direction",
    "Weight": "weight",
    "Confidence": "confidence",
    "Allocation": "allocation",
    "Share": "share",
    "Colour": "color",
    "Email": "email",
    "End": "end_date",
}


def _named(column: str) -> Callable[[Row], None]:
    def rule(row: Row) -> None:
        v.require_text(row[column], column)

    return rule


def _team(row: Row) -> None:
    v.require_text(row["name"], "name")
    v.validate_color(row["color"])


def _person(row: Row) -> None:
    v.require_text(row["name"], "name")
    v.validate_email(row["email"])


def _membership(row: Row) -> None:
    v.validate_allocation(row["allocation"])


def _interaction(row: Row) -> None:
    if row["from_team_id"] == row["to_team_id"]:
        raise RuleError("to_team_id", "a team cannot interact with itself")


def _period(row: Row) -> None:
    v.require_text(row["name"], "name")
    v.validate_period(row["start_date"], row["end_date"])


def _objective(row: Row) -> None:
    v.require_text(row["title"], "title")
    if row["parent_id"] is not None and row["parent_id"] == row["id"]:
        raise RuleError("parent_id", "an objective cannot align to itself")


def _key_result(row: Row) -> None:
    v.require_text(row["title"], "title")
    kind: KeyResultKind = row["kind"]
    direction: ThresholdDirection | None = row["direction"]
    v.validate_key_result_values(kind, row["start_value"], row["target_value"], direction)
    v.validate_weight(row["weight"])


def _check_in(row: Row) -> None:
    v.validate_confidence(row["confidence"])


def _note(row: Row) -> None:
    v.require_text(row["outcome"], "outcome")
    v.validate_share(row["unattributed_share"], "unattributed_share")


def _contribution(row: Row) -> None:
    v.validate_share(row["share"], "share")


_RULES: dict[str, Callable[[Row], None]] = {
    "plan_info": _named("name"),
    "stage": _named("name"),
    "discipline": _named("name"),
    "person": _person,
    "team": _team,
    "membership": _membership,
    "interaction": _interaction,
    "period": _period,
    "objective": _objective,
    "key_result": _key_result,
    "check_in": _check_in,
    "customer": _named("name"),
    "attribution_note": _note,
    "contribution": _contribution,
}
