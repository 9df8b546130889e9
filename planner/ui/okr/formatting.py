"""How the OKR editors word and parse their figures: progress, grades, measures, numbers.

Pure functions of service records and nodes, shared by the tree, the check-in dialog and the
history, so a figure reads the same wherever it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from planner.domain.progress import DEFAULT_TOLERANCE, GradeBand, Progress, format_progress
from planner.domain.validation import parse_number
from planner.domain.values import Commitment, KeyResultKind, ThresholdDirection
from planner.services.okr_tree import KeyResultNode, ObjectiveNode
from planner.services.records import KeyResultRecord
from planner.ui.texts import format_number

# Text colours for good and bad news (on track, past the target / behind, refusals): darker
# than the progress bars' band colours on a light palette, lighter on a dark one, so the
# words keep a readable contrast either way.
_GOOD = {False: "#2E7D4F", True: "#7BC896"}  # keyed by "the palette is dark"
_BAD = {False: "#B3413A", True: "#F08A80"}


def status_colour(good: bool, palette: QPalette | None = None) -> QColor:
    """Green for good news, red for bad, legible on ``palette`` (default: the app's)."""
    palette = palette or QGuiApplication.palette()
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor((_GOOD if good else _BAD)[dark])


Node = ObjectiveNode | KeyResultNode


def _tr(text: str) -> str:
    return QCoreApplication.translate("okr", text)


def progress_parts(progress: Progress) -> tuple[str, str]:
    """The clamped percentage, and the raw one in brackets when it lies outside 0–100 %.

    ("100 %", "(120 %)") for an over-achieved key result, ("78 %", "") for a usual one. The
    raw figure has no bound, so it is grouped as the locale groups thousands: "(1,250 %)".
    """
    clamped = format_progress(progress.clamped)
    if progress.over_achieved or progress.regressed:
        return clamped, f"({raw_percent_text(progress)})"
    return clamped, ""


def raw_percent_text(progress: Progress) -> str:
    """How far along the way from start to target, unclamped: "120 %", "-1,250 %"."""
    return format_number(progress.raw_percent, "%")


def progress_text(progress: Progress) -> str:
    clamped, raw = progress_parts(progress)
    return f"{clamped} {raw}" if raw else clamped


def grade_text(grade: float | None) -> str:
    if grade is None:
        return "—"
    return QLocale().toString(grade, "f", 1)


def band_name(band: GradeBand) -> str:
    names = {
        GradeBand.RED: _tr("red (0.0–0.3): well short of the target"),
        GradeBand.YELLOW: _tr("yellow (0.4–0.6): progress, short of the target"),
        GradeBand.GREEN: _tr("green (0.7–1.0): delivered"),
    }
    return names[band]


def kind_name(kind: KeyResultKind) -> str:
    names = {
        KeyResultKind.INCREASE: _tr("Increase"),
        KeyResultKind.DECREASE: _tr("Decrease"),
        KeyResultKind.THRESHOLD: _tr("Threshold"),
        KeyResultKind.MILESTONE: _tr("Milestone"),
    }
    return names[kind]


def direction_name(direction: ThresholdDirection) -> str:
    if direction is ThresholdDirection.AT_MOST:
        return _tr("at most")
    return _tr("at least")


def commitment_choices() -> list[tuple[Commitment, str]]:
    return [
        (Commitment.COMMITTED, _tr("Committed")),
        (Commitment.ASPIRATIONAL, _tr("Aspirational")),
    ]


def measure_text(record: KeyResultRecord) -> str:
    """Start → target with the unit once at the end: "24 → 1 h", "≤ 2 %", "Milestone"."""
    if record.kind is KeyResultKind.MILESTONE:
        return _tr("Milestone")
    if record.target_value is None:
        return "—"
    target = format_number(record.target_value, record.unit)
    if record.kind is KeyResultKind.THRESHOLD:
        sign = "≤" if record.direction is ThresholdDirection.AT_MOST else "≥"
        return f"{sign} {target}"
    start = "—" if record.start_value is None else format_number(record.start_value)
    return f"{start} → {target}"


def value_text(record: KeyResultRecord, value: float | None) -> str:
    """A measured value as the key result reads it: "10 h", or "Done" / "Not yet"."""
    if record.kind is KeyResultKind.MILESTONE:
        if value is None:
            return "—"
        return _tr("Done") if value >= 1 else _tr("Not yet")
    return "—" if value is None else format_number(value, record.unit, record.target_value)


def on_track_text(on_track: bool | None) -> str:
    if on_track is None:
        return "—"
    return "✓" if on_track else _tr("behind")


def on_track_tooltip(progress: float | None, on_track: bool | None, elapsed: float) -> str:
    if on_track is None or progress is None:
        return _tr("No progress measured yet, so it cannot be compared with the calendar.")
    points = round(DEFAULT_TOLERANCE * 100)
    if on_track:
        template = _tr(
            "On track: {progress} done with {elapsed} of the period elapsed (on track means "
            "no more than {points} points behind the elapsed share)."
        )
    else:
        template = _tr(
            "Behind: {progress} done with {elapsed} of the period elapsed, more than {points} "
            "points behind the elapsed share."
        )
    return template.format(
        progress=format_progress(progress), elapsed=format_progress(elapsed), points=points
    )


def parse_decimal(text: str, field: str) -> float:
    """What the person typed as a number, read with their locale's decimal sign; raises the
    service's ValidationError (naming ``field``) when it is not one."""
    return parse_number(text, field, QLocale().decimalPoint())


def parse_optional(text: str, field: str) -> float | None:
    """As :func:`parse_decimal`, but an empty field means "no value" (the service then says
    whether the key result needs one)."""
    return None if not text.strip() else parse_decimal(text, field)


def title_text(node: Node) -> str:
    title = node.record.title
    if isinstance(node, ObjectiveNode):
        if node.record.commitment is Commitment.ASPIRATIONAL:
            return _tr("{title} (aspirational)").format(title=title)
        return title
    if node.record.weight != 1:
        return _tr("{title} (weight {weight})").format(
            title=title, weight=format_number(node.record.weight)
        )
    return title


def title_tooltip(node: Node, team_level: bool) -> str:
    lines = [node.record.title]
    if isinstance(node, ObjectiveNode):
        lines.append(dict(commitment_choices())[node.record.commitment])
        if team_level:
            lines.append(
                _tr("Aligned to: {parent}").format(parent=node.aligned_to)
                if node.aligned_to
                else _tr("Not aligned to a company objective")
            )
    else:
        lines.append(
            _tr("{kind} · weight {weight}").format(
                kind=kind_name(node.record.kind), weight=format_number(node.record.weight)
            )
        )
    lines.append(_tr("Enter or F2 edits; Ctrl+K checks in; Ctrl+Up/Down moves."))
    return "\n".join(lines)


def progress_tooltip(node: Node) -> str:
    if isinstance(node, ObjectiveNode):
        return _tr("{progress}: the weighted mean of its key results").format(
            progress=format_progress(node.progress)
        )
    progress = node.status.progress
    if progress.over_achieved:
        return _tr(
            "{raw} of the way: past the target. Grades and roll-ups count it as 100 %."
        ).format(raw=raw_percent_text(progress))
    if progress.regressed:
        return _tr(
            "{raw}: further from the target than at the start. Roll-ups count it as 0 %."
        ).format(raw=raw_percent_text(progress))
    return _tr("{progress} of the way from start to target").format(
        progress=raw_percent_text(progress)
    )


def confidence_text(node: Node) -> str:
    value = node.confidence if isinstance(node, ObjectiveNode) else node.status.confidence
    return "" if value is None else _tr("{value}/10").format(value=value)


def column_headers() -> list[tuple[str, str]]:
    return [
        (_tr("Objective / key result"), _tr("What the team wants, and how it measures it")),
        (_tr("Owner"), _tr("Who answers for it")),
        (_tr("Start → target"), _tr("Where the key result started and where it aims")),
        (_tr("Now"), _tr("The value of the latest check-in")),
        (
            _tr("Progress"),
            _tr("Share of the way from start to target; past the target in brackets"),
        ),
        (_tr("Grade"), _tr("0.0–1.0: 0.7 and above is green, 0.4–0.6 yellow, below red")),
        (_tr("Confidence"), _tr("The owner's latest confidence of making it, 0–10")),
        (_tr("On track"), _tr("Progress compared with the share of the period elapsed")),
    ]
