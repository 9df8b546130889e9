"""Words on paper: wrapping to a width, and the wording of dates, values and grades."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtGui import QFontMetricsF

from planner.domain.progress import NO_PROGRESS, GradeBand, format_progress, grade, grade_band
from planner.domain.values import KeyResultKind, ThresholdDirection, TopologyType
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.services.rollup import KeyResultStatus

# English month names rather than strftime: Qt sets the C locale from the environment, and a
# printed sheet should not change language with the machine it was printed on.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PREFIX_UNITS = {"€", "$", "£", "¥"}
TOPOLOGY_NAMES = {
    TopologyType.STREAM_ALIGNED: "Stream-aligned",
    TopologyType.ENABLING: "Enabling",
    TopologyType.PLATFORM: "Platform",
    TopologyType.COMPLICATED_SUBSYSTEM: "Complicated subsystem",
}


def wrap(text: str, fm: QFontMetricsF, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``; a word longer than a line is broken, so
    nothing is ever clipped. Newlines in the text start new lines."""
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
            line = ""
            while fm.horizontalAdvance(word) > width and len(word) > 1:
                cut = _longest_prefix(word, fm, width)
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _words(paragraph: str) -> list[str]:
    """Words to wrap between; "12 %" stays one, so a per cent sign never starts a line."""
    words: list[str] = []
    for word in paragraph.split():
        if words and word.startswith("%"):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


def _longest_prefix(word: str, fm: QFontMetricsF, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if fm.horizontalAdvance(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def trim_lines(lines: list[str], count: int, fm: QFontMetricsF, width: float) -> list[str]:
    """At most ``count`` lines, the last ending in an ellipsis when text was left out."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    last = kept[-1]
    while last and fm.horizontalAdvance(last + " …") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + " …"
    return kept


def day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def short_day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]}"


def period_label(period: PeriodRecord | None) -> str:
    if period is None:
        return "no period"
    start, end = period.start_date, period.end_date
    first = short_day(start) if start.year == end.year else day(start)
    return f"{period.name} ({first} – {day(end)})"


def number(value: float) -> str:
    """12000 → "12,000"; 0.26 → "0.26"; 2.50 → "2.5"."""
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return NO_PROGRESS
    if unit in _PREFIX_UNITS:
        return f"{unit}{number(value)}"
    return f"{number(value)} {unit}".rstrip()


def percent(value: float | None) -> str:
    """Progress as printed in every % column: clamped, like the grade beside it."""
    return format_progress(None if value is None else min(max(value, 0.0), 1.0))


def grade_text(value: float | None) -> str:
    """ "0.6 yellow": the band spelled out, so the grade never depends on colour."""
    if value is None:
        return NO_PROGRESS
    return f"{grade(value):.1f} {grade_band(value).value}"


def band_of(value: float | None) -> GradeBand | None:
    return None if value is None else grade_band(value)


def confidence_text(value: int | None) -> str:
    return NO_PROGRESS if value is None else f"{value}/10"


def target_text(record: KeyResultRecord) -> str:
    """What the key result aims at: "24 h → 1 h", "at most 2 %", "milestone"."""
    unit = record.unit
    match record.kind:
        case KeyResultKind.INCREASE | KeyResultKind.DECREASE:
            return f"{amount(record.start_value, unit)} → {amount(record.target_value, unit)}"
        case KeyResultKind.THRESHOLD:
            side = "at most" if record.direction is ThresholdDirection.AT_MOST else "at least"
            return f"{side} {amount(record.target_value, unit)}"
        case _:
            return "milestone"


def current_text(record: KeyResultRecord, status: KeyResultStatus) -> str:
    if record.kind is KeyResultKind.MILESTONE:
        if status.last_check_in is None:
            return "not checked in yet"
        return "done" if status.progress.clamped >= 1 else "not done yet"
    if status.current is None:
        return "not checked in yet"
    return f"now {amount(status.current, record.unit)}"
