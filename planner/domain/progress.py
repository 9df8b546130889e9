"""Progress, grade and on-track rules for key results, objectives and their roll-ups.

Everything here is a pure function of plain values so the rules can be tested in isolation
and reused by every view (key result, objective, team, stage, plan) without recomputation:

* a key result's progress comes from its kind, its start and target and its check-ins
  (:func:`key_result_progress`);
* an objective's progress is the weighted mean of its key results' clamped progress
  (:func:`objective_progress`, or :func:`objective_progress_from_facts` for convenience);
* team, stage and plan progress is the plain mean of their objectives' progress
  (:func:`mean_progress`);
* the grade is the clamped progress on Google's 0.0-1.0 scale, rounded half up to one decimal
  (:func:`grade`, :func:`grade_band`);
* "on track" compares progress with the elapsed share of the period
  (:func:`elapsed_share`, :func:`on_track`).

Confidence (0-10 per check-in) is deliberately kept out of progress and grade: it is the
owner's forecast, not a measurement, so it is only reported (:func:`latest_confidence`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import assert_never

from planner.domain.values import KeyResultKind, ThresholdDirection

__all__ = [
    "CheckInPoint",
    "GradeBand",
    "KeyResultFacts",
    "Progress",
    "ProgressError",
    "current_value",
    "elapsed_share",
    "format_progress",
    "grade",
    "grade_band",
    "key_result_progress",
    "latest_checkin",
    "latest_confidence",
    "mean_progress",
    "objective_progress",
    "objective_progress_from_facts",
    "on_track",
]

MIN_CONFIDENCE = 0
MAX_CONFIDENCE = 10
DEFAULT_TOLERANCE = 0.1
# The furthest raw progress goes (a hundred thousand billion per cent): where the division
# overflows, as it can for a huge move over a tiny span.
RAW_LIMIT = 1e15
NO_PROGRESS = "—"

# Highest grade (in tenths) of each band: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.
_RED_MAX_TENTHS = 3
_YELLOW_MAX_TENTHS = 6

# Progress values come out of float arithmetic, so a value meant as 0.65 may arrive as
# 0.6499999999999999. Rounding to this many decimals first removes that noise, so the
# half-up rule applies to the value the user sees rather than to its binary approximation.
_NOISE_DECIMALS = 9
# Enough digits to quantize any finite float to _NOISE_DECIMALS without InvalidOperation
# (the largest float has 309 integer digits).
_DECIMAL_CONTEXT = Context(prec=400)


# Defined before the classes because Progress validates with it.
def _clamp(value: float) -> float:
    return min(max(value, 0.0), 1.0)


class ProgressError(ValueError):
    """Raised when progress cannot be computed from the given facts."""


class GradeBand(StrEnum):
    """Colour band of a grade on Google's 0.0-1.0 scale."""

    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"


@dataclass(frozen=True, slots=True)
class CheckInPoint:
    """One check-in of a key result.

    Attributes:
        on: Day of the check-in.
        value: Measured value; for milestones 1 means done and 0 not done.
        confidence: Owner's confidence of reaching the target, 0-10, if given.

    Raises:
        ProgressError: If ``value`` is not finite or ``confidence`` is outside 0-10.
    """

    on: date
    value: float
    confidence: int | None = None

    def __post_init__(self) -> None:
        if not math.isfinite(self.value):
            raise ProgressError(f"check-in value must be a finite number, got {self.value!r}")
        if self.confidence is not None and not (
            MIN_CONFIDENCE <= self.confidence <= MAX_CONFIDENCE
        ):
            raise ProgressError(
                f"confidence must be between {MIN_CONFIDENCE} and {MAX_CONFIDENCE}, "
                f"got {self.confidence}"
            )


@dataclass(frozen=True, slots=True)
class KeyResultFacts:
    """Everything needed to compute one key result's progress.

    Validation is done when progress is computed (:func:`key_result_progress`,
    :func:`objective_progress`), not on construction, so that a half-filled key result can
    still be represented while it is being edited.

    Attributes:
        kind: How the key result is measured.
        start: Baseline value (metrics only).
        target: Target value (metrics and thresholds).
        weight: Relative weight within its objective; must be > 0.
        direction: Which side of the target a threshold must stay on (thresholds only).
        checkins: Check-ins in any order; see :func:`latest_checkin` for which one counts.
    """

    kind: KeyResultKind
    start: float | None
    target: float | None
    weight: float = 1.0
    direction: ThresholdDirection | None = None
    checkins: tuple[CheckInPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Progress:
    """Progress of one key result.

    Attributes:
        raw: Unclamped fraction of the way from start to target; 1.2 means 120 %
            over-achievement, below 0 means regression.
        clamped: ``raw`` clamped to [0, 1]; this is what grades and roll-ups use.

    Raises:
        ProgressError: If ``raw`` is not finite or ``clamped`` is not ``raw`` clamped to
            [0, 1]. Both are stored (rather than deriving one) because views show both, and
            the check keeps them from disagreeing; use :meth:`of` to build one from ``raw``.
    """

    raw: float
    clamped: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.raw):
            raise ProgressError(f"progress must be a finite number, got {self.raw!r}")
        if self.clamped != _clamp(self.raw):
            raise ProgressError(
                f"clamped progress {self.clamped!r} is not raw progress {self.raw!r} "
                "clamped to [0, 1]"
            )

    @classmethod
    def of(cls, raw: float) -> Progress:
        """Build a progress from its raw value.

        Args:
            raw: Unclamped progress fraction.

        Returns:
            The progress with ``clamped`` derived from ``raw``.
        """
        return cls(raw=raw, clamped=_clamp(raw))

    @property
    def percent(self) -> int:
        """Clamped progress in percent, rounded half up (0-100)."""
        return int(_round_half_up(self.clamped * 100, 0))

    @property
    def raw_percent(self) -> int:
        """Raw progress in percent, rounded half away from zero (may be < 0 or > 100)."""
        return int(_round_half_up(self.raw * 100, 0))

    @property
    def over_achieved(self) -> bool:
        """Whether the target was passed (raw progress above 1)."""
        return self.raw > 1

    @property
    def regressed(self) -> bool:
        """Whether the value moved away from the target past the start (raw below 0)."""
        return self.raw < 0


_ZERO = Progress(raw=0.0, clamped=0.0)
_DONE = Progress(raw=1.0, clamped=1.0)


def latest_checkin(checkins: Iterable[CheckInPoint]) -> CheckInPoint | None:
    """Return the latest check-in.

    "Latest" means the greatest date; several check-ins on the same day are resolved by the
    order given, the last one winning, so a same-day correction entered after the original
    replaces it.

    Args:
        checkins: Check-ins in any order.

    Returns:
        The latest check-in, or ``None`` if there are none.
    """
    latest: CheckInPoint | None = None
    for point in checkins:
        # ">=" rather than ">" is what makes the last of same-day check-ins win.
        if latest is None or point.on >= latest.on:
            latest = point
    return latest


def latest_confidence(checkins: Iterable[CheckInPoint]) -> int | None:
    """Return the confidence of the latest check-in that has one.

    Confidence is optional per check-in, so a newer check-in without one does not erase the
    last stated confidence. Same latest rule as :func:`latest_checkin`.

    Args:
        checkins: Check-ins in any order.

    Returns:
        The confidence (0-10), or ``None`` if no check-in has one.
    """
    point = latest_checkin(c for c in checkins if c.confidence is not None)
    return None if point is None else point.confidence


def current_value(facts: KeyResultFacts) -> float | None:
    """Return the key result's current value.

    Args:
        facts: The key result.

    Returns:
        The value of the latest check-in; without check-ins, the start value for metric key
        results (nothing has moved yet) and ``None`` for thresholds and milestones (nothing
        has been measured yet).
    """
    point = latest_checkin(facts.checkins)
    if point is not None:
        return point.value
    if facts.kind in (KeyResultKind.INCREASE, KeyResultKind.DECREASE):
        return facts.start
    return None


def key_result_progress(facts: KeyResultFacts) -> Progress:
    """Compute one key result's progress.

    * Increase and decrease: ``(current - start) / (target - start)``. The same formula serves
      both directions because the sign of ``target - start`` carries the direction; this
      function does not check that the kind matches that sign (entry validation does).
      Without check-ins the current value is the start, so progress is 0.
    * Threshold: 1 when the latest check-in is on the right side of the target (``at_most``:
      value <= target, ``at_least``: value >= target), else 0.
    * Milestone: 1 when the latest check-in value is >= 1 (done), else 0.

    Args:
        facts: The key result.

    Returns:
        The raw and clamped progress.

    Raises:
        ProgressError: If a metric lacks start or target, has start equal to target, or its
            progress is not a finite number; or a threshold lacks target or direction.
    """
    match facts.kind:
        case KeyResultKind.INCREASE | KeyResultKind.DECREASE:
            return _metric_progress(facts)
        case KeyResultKind.THRESHOLD:
            return _threshold_progress(facts)
        case KeyResultKind.MILESTONE:
            point = latest_checkin(facts.checkins)
            return _DONE if point is not None and point.value >= 1 else _ZERO
        case _:
            assert_never(facts.kind)


def _metric_progress(facts: KeyResultFacts) -> Progress:
    start, target = facts.start, facts.target
    if start is None or target is None:
        raise ProgressError(f"a {facts.kind} key result needs both a start and a target value")
    if not (math.isfinite(start) and math.isfinite(target)):
        raise ProgressError("start and target values must be finite numbers")
    if start == target:
        raise ProgressError(
            f"start and target are both {start!r}: progress is undefined when there is "
            "nothing to move"
        )
    point = latest_checkin(facts.checkins)
    current = start if point is None else point.value
    raw = (current - start) / (target - start)
    if not math.isfinite(raw):  # the differences overflowed: halved, they cannot
        raw = (current / 2 - start / 2) / (target / 2 - start / 2)
    if not math.isfinite(raw):
        # Finite values can still overflow (a huge move over a tiny span, kept by an older
        # version that took any finite number). Reading a plan must never fail on it: the
        # progress is as far as a figure goes, in the direction of the move.
        forward = (current > start) == (target > start)
        raw = RAW_LIMIT if forward else -RAW_LIMIT
    # Beyond it too (a target of 1e-306): its percent would overflow where it is shown.
    return Progress.of(min(max(raw, -RAW_LIMIT), RAW_LIMIT))


def _threshold_progress(facts: KeyResultFacts) -> Progress:
    target, direction = facts.target, facts.direction
    if target is None or direction is None:
        raise ProgressError("a threshold key result needs both a target and a direction")
    point = latest_checkin(facts.checkins)
    # No check-in means "unknown", but it counts as not met (0) rather than None so that an
    # objective's weighted mean never has to decide what an unknown key result weighs: the
    # threshold has simply not been shown to be met yet.
    if point is None:
        return _ZERO
    match direction:
        case ThresholdDirection.AT_MOST:
            met = point.value <= target
        case ThresholdDirection.AT_LEAST:
            met = point.value >= target
        case _:
            assert_never(direction)
    return _DONE if met else _ZERO


def objective_progress(items: Iterable[tuple[Progress | None, float]]) -> float | None:
    """Compute an objective's progress from its key results' already computed progress.

    Takes ``(progress, weight)`` pairs rather than key results so that views which already
    show each key result's progress roll it up without recomputing it; see
    :func:`objective_progress_from_facts` to start from the facts instead.

    The result is the weighted mean of the clamped progress: over-achieving one key result
    cannot make up for another one. Pairs whose progress is ``None`` (not computable) are
    skipped, but their weight is still validated.

    Args:
        items: ``(progress, weight)`` per key result.

    Returns:
        A value in [0, 1], or ``None`` when there is no key result with progress (an objective
        without key results has no progress, which is not the same as 0).

    Raises:
        ProgressError: If a weight is not a finite number above 0.
    """
    total_weight = 0.0
    weighted_sum = 0.0
    lowest = math.inf
    highest = -math.inf
    for progress, weight in items:
        if not (math.isfinite(weight) and weight > 0):
            raise ProgressError(f"key result weight must be a number above 0, got {weight!r}")
        if progress is None:
            continue
        total_weight += weight
        weighted_sum += weight * progress.clamped
        lowest = min(lowest, progress.clamped)
        highest = max(highest, progress.clamped)
    if total_weight == 0:
        return None
    # Rounding can put the quotient an ulp outside its inputs' range (e.g. 1.0000000000000002);
    # a mean must never leave it, and in particular must stay within [0, 1].
    return min(max(weighted_sum / total_weight, lowest), highest)


def objective_progress_from_facts(key_results: Iterable[KeyResultFacts]) -> float | None:
    """Compute an objective's progress straight from its key results' facts.

    Convenience over :func:`key_result_progress` and :func:`objective_progress`.

    Args:
        key_results: The objective's key results.

    Returns:
        A value in [0, 1], or ``None`` for an objective without key results.

    Raises:
        ProgressError: As :func:`key_result_progress` and :func:`objective_progress`.
    """
    return objective_progress((key_result_progress(kr), kr.weight) for kr in key_results)


def mean_progress(values: Iterable[float | None]) -> float | None:
    """Compute team, stage or plan progress as the plain mean of objectives' progress.

    Each objective counts once whatever its number of key results. Objectives without
    progress (``None``) are skipped rather than counted as 0, so adding an empty objective
    does not drag the team down.

    Args:
        values: Objectives' progress.

    Returns:
        The mean of the values that are not ``None``, or ``None`` if there are none.

    Raises:
        ProgressError: If a value is not a finite number.
    """
    known: list[float] = []
    for value in values:
        if value is None:
            continue
        if not math.isfinite(value):
            raise ProgressError(f"progress must be a finite number, got {value!r}")
        known.append(value)
    if not known:
        return None
    # math.fsum keeps the sum exact so the mean of equal values is that value.
    mean = math.fsum(known) / len(known)
    return min(max(mean, min(known)), max(known))


def grade(progress: float) -> float:
    """Grade progress on Google's 0.0-1.0 scale.

    Args:
        progress: A progress fraction; values outside [0, 1] are clamped first.

    Returns:
        The clamped progress as a whole percent, then in tenths, each rounded half up: one
        of 0.0, 0.1, ..., 1.0. 0.65 grades 0.7 and 0.35 grades 0.4 (not banker's rounding),
        and so does 0.646, shown as 65 %: a grade always agrees with the percent beside it.

    Raises:
        ProgressError: If ``progress`` is not a finite number.
    """
    return _grade_tenths(progress) / 10


def grade_band(progress: float) -> GradeBand:
    """Return the colour band of a progress value's grade.

    The band follows the rounded grade, not the raw value, so that the colour always matches
    the grade shown next to it: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green.

    Args:
        progress: A progress fraction; values outside [0, 1] are clamped first.

    Returns:
        The band.

    Raises:
        ProgressError: If ``progress`` is not a finite number.
    """
    tenths = _grade_tenths(progress)
    if tenths <= _RED_MAX_TENTHS:
        return GradeBand.RED
    if tenths <= _YELLOW_MAX_TENTHS:
        return GradeBand.YELLOW
    return GradeBand.GREEN


def elapsed_share(start: date, end: date, today: date) -> float:
    """Return the share of a period that has elapsed by ``today``.

    Both ends are inclusive and a day counts as elapsed as soon as it starts, so the last day
    gives 1 and a one-day period (``start == end``) is fully elapsed on its day.

    Args:
        start: First day of the period.
        end: Last day of the period.
        today: The day to evaluate.

    Returns:
        A value in [0, 1]: 0 before the start, 1 from the end on.

    Raises:
        ProgressError: If ``end`` is before ``start``.
    """
    if end < start:
        raise ProgressError(f"period ends ({end}) before it starts ({start})")
    if today < start:
        return 0.0
    if today >= end:
        return 1.0
    return ((today - start).days + 1) / ((end - start).days + 1)


def on_track(
    progress: float | None, elapsed: float, tolerance: float = DEFAULT_TOLERANCE
) -> bool | None:
    """Tell whether progress keeps pace with the elapsed share of the period.

    Args:
        progress: Progress fraction, or ``None`` when there is none.
        elapsed: Elapsed share of the period, in [0, 1] (see :func:`elapsed_share`).
        tolerance: How far progress may lag behind the elapsed share and still be on track.

    Returns:
        ``None`` when there is no progress, else whether ``progress >= elapsed - tolerance``
        (the boundary itself counts as on track, allowing for float noise).

    Raises:
        ProgressError: If ``elapsed`` is outside [0, 1], ``tolerance`` is negative, or a value
            is not a finite number.
    """
    if not (math.isfinite(elapsed) and 0 <= elapsed <= 1):
        raise ProgressError(f"elapsed share must be between 0 and 1, got {elapsed!r}")
    if not (math.isfinite(tolerance) and tolerance >= 0):
        raise ProgressError(f"tolerance must be a number of at least 0, got {tolerance!r}")
    if progress is None:
        return None
    if not math.isfinite(progress):
        raise ProgressError(f"progress must be a finite number, got {progress!r}")
    threshold = elapsed - tolerance
    # isclose so that e.g. progress 0.4 at elapsed 0.5 counts as on track even when
    # 0.5 - 0.1 does not come out exactly as 0.4.
    return progress >= threshold or math.isclose(progress, threshold, abs_tol=1e-12)


# Views format the same few hundred figures after every change, and rounding half up goes
# through Decimal: the texts are kept.
@lru_cache(maxsize=4096)
def format_progress(value: float | None) -> str:
    """Format a progress fraction for display.

    Args:
        value: A progress fraction (0.78 for 78 %), or ``None``.

    Returns:
        ``"—"`` for ``None`` (no progress is not the same as 0 %), else the percentage rounded
        half up followed by a space and ``%``, e.g. ``"78 %"``. The value is not clamped, so
        raw progress shows as e.g. ``"120 %"``.

    Raises:
        ProgressError: If ``value`` is not a finite number.
    """
    if value is None:
        return NO_PROGRESS
    if not math.isfinite(value):
        raise ProgressError(f"progress must be a finite number, got {value!r}")
    return f"{int(_round_half_up(value * 100, 0))} %"


def _grade_tenths(progress: float) -> int:
    # Working in whole tenths keeps band comparisons exact instead of comparing floats.
    if not math.isfinite(progress):
        raise ProgressError(f"progress must be a finite number, got {progress!r}")
    # From the whole percent shown beside the grade, so the two always agree: 0.646 shows
    # "65 %" and grades 0.7, as 0.65 does (graded from 64.6 % it would read 0.6 yellow).
    percent = _round_half_up(_clamp(progress) * 100, 0)
    return int((percent / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _round_half_up(value: float, decimals: int) -> Decimal:
    # Python's round() is banker's rounding (0.65 -> 0.6 on a good day, and binary
    # representation makes it worse); the product rule is half up, half away from zero for
    # negatives. The first, half-even quantize only strips float noise (see _NOISE_DECIMALS).
    denoised = Decimal(value).quantize(
        Decimal(1).scaleb(-_NOISE_DECIMALS), rounding=ROUND_HALF_EVEN, context=_DECIMAL_CONTEXT
    )
    return denoised.quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_DECIMAL_CONTEXT
    )
