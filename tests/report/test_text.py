"""Wrapping and wording: nothing is lost at a line end, and figures read the same everywhere."""

from __future__ import annotations

import uuid
from datetime import date

from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.report import style
from planner.report.text import amount, grade_text, period_label, target_text, trim_lines, wrap
from planner.services.records import KeyResultRecord, PeriodRecord


def test_wrapping_keeps_every_character_and_breaks_an_overlong_word() -> None:
    style.ensure_gui_app()
    fm = style.metrics(10)
    text = "Grow weekly trial sign-ups " + "x" * 120 + " from 400 to 900 %"
    lines = wrap(text, fm, style.mm(40))
    assert all(fm.horizontalAdvance(line) <= style.mm(40) for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line.startswith("%") for line in lines)


def test_trimmed_text_says_it_was_trimmed() -> None:
    style.ensure_gui_app()
    fm = style.metrics(9)
    lines = wrap("word " * 200, fm, style.mm(50))
    kept = trim_lines(lines, 3, fm, style.mm(50))
    assert len(kept) == 3 and kept[-1].endswith(" …")
    assert trim_lines(lines[:2], 3, fm, style.mm(50)) == lines[:2]


def _record(kind: KeyResultKind, **values: object) -> KeyResultRecord:
    fields: dict[str, object] = {
        "id": None,
        "objective_id": None,
        "title": "t",
        "kind": kind,
        "unit": "",
        "start_value": None,
        "target_value": None,
        "direction": None,
        "weight": 1.0,
        "owner_id": None,
        "position": 0,
    }
    fields.update(values)
    return KeyResultRecord(**fields)  # type: ignore[arg-type]


def test_targets_and_amounts_read_like_the_plan() -> None:
    metric = _record(KeyResultKind.INCREASE, start_value=4000, target_value=10000, unit="€")
    assert target_text(metric) == "€4,000 → €10,000"
    hours = _record(KeyResultKind.DECREASE, start_value=24, target_value=1, unit="h")
    assert target_text(hours) == "24 h → 1 h"
    churn = _record(
        KeyResultKind.THRESHOLD, target_value=2, unit="%", direction=ThresholdDirection.AT_MOST
    )
    assert target_text(churn) == "at most 2 %"
    assert target_text(_record(KeyResultKind.MILESTONE)) == "milestone"
    assert amount(0.26, "invites") == "0.26 invites"
    assert grade_text(0.61) == "0.6 yellow" and grade_text(None) == "—"


def test_a_period_is_named_with_its_dates() -> None:
    period = PeriodRecord(uuid.uuid4(), "2026 Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert period_label(period) == "2026 Q4 (1 Oct – 31 Dec 2026)"
    across = PeriodRecord(uuid.uuid4(), "FY", date(2026, 7, 1), date(2027, 6, 30))
    assert period_label(across) == "FY (1 Jul 2026 – 30 Jun 2027)"
