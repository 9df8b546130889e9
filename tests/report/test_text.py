"""Wrapping and wording: nothing is lost at a line end, and figures read the same everywhere."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from planner.domain.progress import Progress
from planner.domain.values import KeyResultKind, ThresholdDirection
from planner.report import style
from planner.report.text import (
    _words,
    amount,
    current_text,
    grade_text,
    number,
    period_label,
    target_text,
    trim_lines,
    wrap,
)
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.services.rollup import KeyResultStatus


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


def test_small_figures_keep_three_significant_digits_so_none_reads_as_zero() -> None:
    ratio = _record(KeyResultKind.DECREASE, start_value=0.004, target_value=0.001, unit="ratio")
    assert target_text(ratio) == "0.004 ratio → 0.001 ratio"
    assert [number(v) for v in (0.0025, 0.012, 0.018, 0.35, 0.1226, 12.25, 2.5)] == [
        "0.0025",
        "0.012",
        "0.018",
        "0.35",
        "0.123",
        "12.25",
        "2.5",
    ]


def test_a_key_result_nobody_checked_in_on_says_so_rather_than_its_start() -> None:
    revenue = _record(KeyResultKind.INCREASE, start_value=0, target_value=5000, unit="USD")
    before = KeyResultStatus(Progress.of(0.0), current=0.0, confidence=None, last_check_in=None)
    assert current_text(revenue, before) == "not checked in yet"
    after = KeyResultStatus(Progress.of(0.2), 1000.0, 7, date(2026, 11, 2))
    assert current_text(revenue, after) == "now 1,000 USD"


def test_a_period_is_named_with_its_dates() -> None:
    period = PeriodRecord(uuid.uuid4(), "2026 Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert period_label(period) == "2026 Q4 (1 Oct – 31 Dec 2026)"
    across = PeriodRecord(uuid.uuid4(), "FY", date(2026, 7, 1), date(2027, 6, 30))
    assert period_label(across) == "FY (1 Jul 2026 – 30 Jun 2027)"


def _wrap_measuring_every_line(text: str, fm: QFontMetricsF, width: float) -> list[str]:
    """Wrapping as it was done before lines were judged by their words' advances."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            candidate = f"{line} {word}" if line else word
            if fm.horizontalAdvance(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while fm.horizontalAdvance(word) > width and len(word) > 1:
                cut = next(
                    n for n in range(len(word), 0, -1) if fm.horizontalAdvance(word[:n]) <= width
                )
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


@pytest.mark.parametrize(
    ("size", "weight"), [(8, style.REGULAR), (10, style.SEMIBOLD), (18, style.BOLD)]
)
def test_lines_break_where_measuring_each_whole_line_breaks_them(
    size: float, weight: QFont.Weight
) -> None:
    style.ensure_gui_app()
    fm = style.metrics(size, weight)
    texts = [
        "Increase weekly active users from 35 to 17.5 · owner Hana Patel · raw 112 %",
        'AVATAR "quoted" T. Yves, L\'Wave — 2026-11-16 → 2027-01-01 (€4,000 → €10,000)',
        "Ünïcödé naïve café; Straße ﬁx ΑΒΓ Жж 12 % of 40 h\nnew paragraph  with  spaces",
        "x" * 90 + " tail",
    ]
    for text in texts:
        for width_mm in (12, 25, 33.3, 47, 61.7, 90):
            width = style.mm(width_mm)
            assert wrap(text, fm, width) == _wrap_measuring_every_line(text, fm, width)


def test_a_no_break_space_keeps_its_words_on_one_line() -> None:
    style.ensure_gui_app()
    fm = style.metrics(8)
    text = "now 6,650 sign-ups · raw\u00a01,250\u00a0% · owner Hannah Kim"
    for width_mm in (20, 25, 30, 35, 40, 45, 50, 60):
        lines = wrap(text, fm, style.mm(width_mm))
        assert any("raw\u00a01,250\u00a0%" in line for line in lines), width_mm


def test_a_title_cut_to_one_line_keeps_its_continued_mark() -> None:
    from planner.report.blocks import Text

    style.ensure_gui_app()
    title = "Make the product the one time tracker freelancers recommend " * 3
    for text in (title, "Short title", "Make the product the one time tracker freelancers"):
        block = Text(text.strip(), 9, max_lines=1, suffix=" (continued)")
        width = block.fm.horizontalAdvance("m") * 45
        lines = block.lines(width)
        assert len(lines) == 1 and lines[0].endswith(" (continued)")
        assert block.fm.horizontalAdvance(lines[0]) <= width
        assert text.strip().startswith(lines[0].removesuffix(" (continued)").removesuffix(" …"))
