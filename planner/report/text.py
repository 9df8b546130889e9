"""Words on paper: wrapping to a width, and the wording of dates, values and grades."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QGlyphRun, QPainter, QTextLayout

from planner.domain.progress import NO_PROGRESS, GradeBand, format_progress, grade, grade_band
from planner.domain.text import number, plural
from planner.domain.values import KeyResultKind, ThresholdDirection, TopologyType
from planner.services.records import KeyResultRecord, PeriodRecord
from planner.services.rollup import KeyResultStatus
from planner.services.topology import StageColumn

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


class Measure:
    """Advances in one font, each string measured once, and wrapped lines per width.

    Measuring a string shapes it, which costs far more than adding numbers: a line is judged
    by the sum of its words' advances (with Inter and no contextual alternates, exactly what
    measuring the whole line gives), and measured whole only when that sum is within a
    hair of the width, so a line breaks exactly where measuring every candidate would.
    """

    def __init__(self, fm: QFontMetricsF, font: QFont | None = None) -> None:
        self.fm = fm
        self.font = font  # the font of ``fm``, needed only to draw
        self.space = fm.horizontalAdvance(" ")
        self.line_spacing = fm.lineSpacing()
        self.ascent = fm.ascent()
        # Room for kerning across a space, per word of a line, should a font have it.
        self._slack = fm.height() / 16
        self._advances: dict[str, float] = {}
        self._lines: dict[tuple[str, float], list[str]] = {}
        self._runs: dict[str, tuple[float, list[QGlyphRun]]] = {}
        self._elided: dict[tuple[str, float, Qt.TextElideMode], str] = {}

    def advance(self, text: str) -> float:
        found = self._advances.get(text)
        if found is None:
            found = self._advances[text] = self.fm.horizontalAdvance(text)
        return found

    def elided(
        self, text: str, width: float, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    ) -> str:
        """``text`` cut short with an ellipsis to fit ``width``, as Qt elides it."""
        key = (text, width, mode)
        found = self._elided.get(key)
        if found is None:
            found = self._elided[key] = self.fm.elidedText(text, mode, width)
        return found

    def draw(self, painter: QPainter, x: float, baseline: float, text: str) -> None:
        """``painter.drawText(QPointF(x, baseline), text)``, with ``text`` shaped only the
        first time: the same words and figures come back on every sheet."""
        found = self._runs.get(text)
        if found is None:
            found = self._runs[text] = self._shape(text)
        ascent, runs = found
        origin = QPointF(x, baseline - ascent)
        for run in runs:
            painter.drawGlyphRun(origin, run)

    def _shape(self, text: str) -> tuple[float, list[QGlyphRun]]:
        if self.font is None:
            raise ValueError("this Measure was made without its font: it cannot draw")
        layout = QTextLayout(text, self.font)
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        # The runs are placed on the line's baseline, its ascent below the layout's top.
        return line.ascent(), layout.glyphRuns()

    def wrap(self, text: str, width: float) -> list[str]:
        key = (text, width)
        found = self._lines.get(key)
        if found is None:
            found = self._lines[key] = self._wrap(text, width)
        return list(found)

    def _wrap(self, text: str, width: float) -> list[str]:
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, line_width, words = "", 0.0, 0
            for word in _words(paragraph):
                word_width = self.advance(word)
                if line:
                    candidate = f"{line} {word}"
                    estimate = line_width + self.space + word_width
                    if self._fits(candidate, estimate, words + 1, width):
                        line, line_width, words = candidate, estimate, words + 1
                        continue
                    lines.append(line)
                if word_width <= width:
                    line, line_width, words = word, word_width, 1
                    continue
                while self.advance(word) > width and len(word) > 1:
                    cut = _longest_prefix(word, self.fm, width)
                    lines.append(word[:cut])
                    word = word[cut:]
                line, line_width, words = word, self.advance(word), 1
            lines.append(line)
        return lines

    def _fits(self, candidate: str, estimate: float, words: int, width: float) -> bool:
        if abs(estimate - width) <= self._slack * words:
            return self.advance(candidate) <= width
        return estimate <= width


_measures: dict[int, Measure] = {}


def measure(fm: QFontMetricsF, font: QFont | None = None) -> Measure:
    """The shared :class:`Measure` of ``fm`` (one per metrics object, e.g. style.metrics);
    give ``font``, the font of ``fm``, to draw with it too."""
    found = _measures.get(id(fm))
    # The Measure holds its metrics, so their id cannot pass to another object meanwhile.
    if found is None or found.fm is not fm:
        if len(_measures) > 256:
            _measures.clear()
        found = _measures[id(fm)] = Measure(fm, font)
    elif found.font is None:
        found.font = font
    return found


def wrap(text: str, fm: QFontMetricsF, width: float) -> list[str]:
    """Lines of ``text`` no wider than ``width``; a word longer than a line is broken, so
    nothing is ever clipped. Newlines in the text start new lines."""
    return measure(fm).wrap(text, width)


def _words(paragraph: str) -> list[str]:
    """Words to wrap between; "12 %" stays one, so a per cent sign never starts a line, and
    a no-break space (U+00A0) binds the words around it."""
    words: list[str] = []
    for word in _BREAKS.split(paragraph):
        if not word:
            continue
        if words and word.startswith("%"):
            words[-1] = f"{words[-1]} {word}"
        else:
            words.append(word)
    return words


_BREAKS = re.compile(r"[^\S\u00a0]+")  # any white space but the no-break space


def _longest_prefix(word: str, fm: QFontMetricsF, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if fm.horizontalAdvance(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def trim_lines(
    lines: list[str], count: int, fm: QFontMetricsF, width: float, suffix: str = ""
) -> list[str]:
    """At most ``count`` lines, the last ending in an ellipsis (then ``suffix``) when text
    was left out."""
    if len(lines) <= count:
        if suffix:
            return trim_lines([*lines, ""], len(lines), fm, width, suffix)
        return lines
    kept = lines[:count]
    last = kept[-1]
    while last and fm.horizontalAdvance(last + " …" + suffix) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + " …" + suffix
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


def amount(value: float | None, unit: str, beside: float | None = None) -> str:
    """``value`` with its unit; read against ``beside`` (a target), with the decimals that
    tell the two apart."""
    if value is None:
        return NO_PROGRESS
    if unit in _PREFIX_UNITS:
        return f"{unit}{number(value, beside)}"
    return f"{number(value, beside)} {unit}".rstrip()


@lru_cache(maxsize=4096)  # the same figures recur on every sheet
def percent(value: float | None) -> str:
    """Progress as printed in every % column: clamped, like the grade beside it."""
    return format_progress(None if value is None else min(max(value, 0.0), 1.0))


@lru_cache(maxsize=4096)  # the same figures recur on every sheet
def grade_text(value: float | None) -> str:
    """ "0.6 yellow": the band spelled out, so the grade never depends on colour."""
    if value is None:
        return NO_PROGRESS
    return f"{grade(value):.1f} {grade_band(value).value}"


@lru_cache(maxsize=4096)  # the same figures recur on every sheet
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
    # Not "now 0 USD": a key result nobody checked in on has no figure yet, only a start.
    if status.last_check_in is None or status.current is None:
        return "not checked in yet"
    if record.kind is KeyResultKind.MILESTONE:
        return "done" if status.progress.clamped >= 1 else "not done yet"
    return f"now {amount(status.current, record.unit, record.target_value)}"


def stage_teams(column: StageColumn) -> str:
    """ "2 teams", or "1 of 2 teams" where a printout shows only some of a stage's teams (its
    progress beside it is the whole stage's)."""
    shown, total = len(column.teams), column.teams_in_stage
    if total is None or total == shown:
        return plural(shown, "team")
    return f"{shown} of {plural(total, 'team')}"
