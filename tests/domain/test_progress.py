"""Tests of the progress, grade and on-track rules."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from planner.domain.progress import (
    RAW_LIMIT,
    CheckInPoint,
    GradeBand,
    KeyResultFacts,
    Progress,
    ProgressError,
    current_value,
    elapsed_share,
    format_progress,
    grade,
    grade_band,
    key_result_progress,
    latest_checkin,
    latest_confidence,
    mean_progress,
    objective_progress,
    objective_progress_from_facts,
    on_track,
)
from planner.domain.values import KeyResultKind, ThresholdDirection

DAY = date(2024, 1, 1)
GRADES = {tenths / 10 for tenths in range(11)}
# The rules are simple arithmetic; 30 examples per property keeps the whole file well under
# three seconds while still exercising the boundaries Hypothesis favours.
FAST = settings(max_examples=30)

# Bounded so that (current - start) / (target - start) cannot overflow.
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
fractions = st.floats(min_value=0, max_value=1, allow_nan=False)
any_progress = st.floats(min_value=-10, max_value=10, allow_nan=False)
weights = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)
non_positive = st.floats(max_value=0, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
metric_kinds = st.sampled_from([KeyResultKind.INCREASE, KeyResultKind.DECREASE])
progresses = any_progress.map(Progress.of)
checkins = st.builds(
    CheckInPoint,
    on=days,
    value=values,
    confidence=st.none() | st.integers(min_value=0, max_value=10),
)


def metric(
    start: float,
    target: float,
    *values_: float,
    kind: KeyResultKind = KeyResultKind.INCREASE,
    weight: float = 1.0,
) -> KeyResultFacts:
    """A metric key result with one check-in per value, on consecutive days."""
    points = tuple(CheckInPoint(DAY + timedelta(days=i), v) for i, v in enumerate(values_))
    return KeyResultFacts(kind, start, target, weight=weight, checkins=points)


def threshold(target: float, direction: ThresholdDirection, *values_: float) -> KeyResultFacts:
    points = tuple(CheckInPoint(DAY + timedelta(days=i), v) for i, v in enumerate(values_))
    return KeyResultFacts(
        KeyResultKind.THRESHOLD, None, target, direction=direction, checkins=points
    )


def milestone(*values_: float) -> KeyResultFacts:
    points = tuple(CheckInPoint(DAY + timedelta(days=i), v) for i, v in enumerate(values_))
    return KeyResultFacts(KeyResultKind.MILESTONE, None, None, checkins=points)


# --- The design's worked examples -------------------------------------------------------------


def test_decrease_example_from_24_hours_to_1() -> None:
    progress = key_result_progress(metric(24, 1, 6, kind=KeyResultKind.DECREASE))

    assert math.isclose(progress.raw, (6 - 24) / (1 - 24))
    assert math.isclose(progress.raw, 0.7826, abs_tol=1e-4)
    assert progress.percent == 78
    assert grade(progress.clamped) == 0.8
    assert grade_band(progress.clamped) is GradeBand.GREEN
    assert format_progress(progress.clamped) == "78 %"


def test_increase_example_from_20_to_60() -> None:
    progress = key_result_progress(metric(20, 60, 30))

    assert math.isclose(progress.raw, 0.25)
    assert progress.percent == 25


# --- Metric key results ------------------------------------------------------------------------


@FAST
@given(start=values, target=values, current=values)
def test_decrease_and_increase_agree_on_mirrored_values(
    start: float, target: float, current: float
) -> None:
    assume(abs(target - start) > 1e-3)
    increase = key_result_progress(metric(start, target, current, kind=KeyResultKind.INCREASE))
    decrease = key_result_progress(metric(-start, -target, -current, kind=KeyResultKind.DECREASE))

    assert math.isclose(increase.raw, decrease.raw, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(increase.clamped, decrease.clamped, rel_tol=1e-9, abs_tol=1e-12)


@FAST
@given(kind=metric_kinds, start=values, target=values, current=values)
def test_metric_progress_is_the_share_of_the_way_from_start_to_target(
    kind: KeyResultKind, start: float, target: float, current: float
) -> None:
    assume(abs(target - start) > 1e-3)
    progress = key_result_progress(metric(start, target, current, kind=kind))

    assert math.isclose(progress.raw, (current - start) / (target - start))


@FAST
@given(kind=metric_kinds, start=values, target=values, current=values)
def test_clamped_is_raw_clamped_to_unit_interval(
    kind: KeyResultKind, start: float, target: float, current: float
) -> None:
    assume(abs(target - start) > 1e-3)
    progress = key_result_progress(metric(start, target, current, kind=kind))

    assert 0 <= progress.clamped <= 1
    assert progress.clamped == min(max(progress.raw, 0), 1)
    assert 0 <= progress.percent <= 100


@FAST
@given(raw=any_progress)
def test_over_achievement_and_regression_flags(raw: float) -> None:
    progress = Progress.of(raw)

    assert progress.over_achieved == (raw > 1)
    assert progress.regressed == (raw < 0)
    assert not (progress.over_achieved and progress.regressed)


@FAST
@given(kind=metric_kinds, start=values, target=values, beyond=st.floats(1e-3, 1e3))
def test_passing_the_target_is_over_achievement_and_going_back_is_regression(
    kind: KeyResultKind, start: float, target: float, beyond: float
) -> None:
    assume(abs(target - start) > 1e-3)
    step = beyond * (target - start)

    past = key_result_progress(metric(start, target, target + step, kind=kind))
    back = key_result_progress(metric(start, target, start - step, kind=kind))

    assert past.over_achieved and past.clamped == 1
    assert back.regressed and back.clamped == 0


def test_over_achievement_and_regression_examples() -> None:
    over = key_result_progress(metric(0, 10, 12))
    back = key_result_progress(metric(10, 5, 11, kind=KeyResultKind.DECREASE))

    assert math.isclose(over.raw, 1.2)
    assert over.raw_percent == 120 and over.percent == 100
    assert math.isclose(back.raw, -0.2)
    assert back.raw_percent == -20 and back.percent == 0


@FAST
@given(kind=metric_kinds, value=values, currents=st.lists(values, max_size=3))
def test_start_equal_to_target_is_refused(
    kind: KeyResultKind, value: float, currents: list[float]
) -> None:
    with pytest.raises(ProgressError, match="start and target"):
        key_result_progress(metric(value, value, *currents, kind=kind))


@pytest.mark.parametrize(("start", "target"), [(None, 10.0), (0.0, None), (None, None)])
def test_metric_without_start_or_target_is_refused(
    start: float | None, target: float | None
) -> None:
    with pytest.raises(ProgressError):
        key_result_progress(KeyResultFacts(KeyResultKind.INCREASE, start, target))


def test_progress_error_is_a_value_error() -> None:
    assert issubclass(ProgressError, ValueError)


@FAST
@given(kind=metric_kinds, start=values, target=values)
def test_metric_without_checkins_is_at_start(
    kind: KeyResultKind, start: float, target: float
) -> None:
    assume(start != target)
    facts = metric(start, target, kind=kind)
    progress = key_result_progress(facts)

    assert current_value(facts) == start
    assert progress.raw == 0 and progress.clamped == 0
    assert not progress.over_achieved and not progress.regressed


@FAST
@given(
    start=values,
    target=values,
    # Distinct dates, so that the order given cannot matter.
    points=st.lists(checkins, min_size=1, max_size=6, unique_by=lambda p: p.on),
)
def test_metric_uses_latest_checkin_whatever_the_order(
    start: float, target: float, points: list[CheckInPoint]
) -> None:
    assume(abs(target - start) > 1e-3)
    latest = max(points, key=lambda p: p.on)
    forward = KeyResultFacts(KeyResultKind.INCREASE, start, target, checkins=tuple(points))
    backward = KeyResultFacts(KeyResultKind.INCREASE, start, target, checkins=tuple(points[::-1]))

    assert current_value(forward) == current_value(backward) == latest.value
    assert key_result_progress(forward) == key_result_progress(backward)
    assert math.isclose(key_result_progress(forward).raw, (latest.value - start) / (target - start))


@pytest.mark.parametrize(
    ("start", "target", "current", "raw"),
    [
        (0, 1e-308, 1e308, RAW_LIMIT),
        (0, 1e-308, -1e308, -RAW_LIMIT),
        (1e-308, 0, -1e308, RAW_LIMIT),  # a decrease far past its target
        (-1e308, 1e308, 1e308, 1.0),  # the span itself overflows: still the whole way
        (0, 1e-306, 2, RAW_LIMIT),  # finite, but its percent would overflow
    ],
)
def test_progress_too_large_for_a_float_is_read_as_far_as_figures_go(
    start: float, target: float, current: float, raw: float
) -> None:
    # A plan an older version kept with such figures must still open.
    kind = KeyResultKind.DECREASE if target < start else KeyResultKind.INCREASE
    progress = key_result_progress(metric(start, target, current, kind=kind))
    assert progress.raw == raw and progress.clamped == min(max(raw, 0.0), 1.0)
    assert format_progress(progress.raw).endswith(" %")  # shown without overflowing


# --- Threshold and milestone key results -------------------------------------------------------


@FAST
@given(target=values, value=values, direction=st.sampled_from(ThresholdDirection))
def test_threshold_is_met_or_not_at_latest_checkin(
    target: float, value: float, direction: ThresholdDirection
) -> None:
    progress = key_result_progress(threshold(target, direction, value))
    met = value <= target if direction is ThresholdDirection.AT_MOST else value >= target

    assert progress.raw == progress.clamped == (1.0 if met else 0.0)


def test_threshold_examples() -> None:
    at_most, at_least = ThresholdDirection.AT_MOST, ThresholdDirection.AT_LEAST

    assert key_result_progress(threshold(2, at_most, 1.5)).clamped == 1
    assert key_result_progress(threshold(2, at_most, 2)).clamped == 1
    assert key_result_progress(threshold(2, at_most, 2.5)).clamped == 0
    assert key_result_progress(threshold(40, at_least, 40)).clamped == 1
    assert key_result_progress(threshold(40, at_least, 39)).clamped == 0
    # Only the latest check-in counts: met earlier, missed now.
    assert key_result_progress(threshold(2, at_most, 1, 3)).clamped == 0


@FAST
@given(target=values, direction=st.sampled_from(ThresholdDirection))
def test_threshold_without_checkins_is_not_met(
    target: float, direction: ThresholdDirection
) -> None:
    facts = threshold(target, direction)

    assert key_result_progress(facts).clamped == 0
    assert current_value(facts) is None


def test_threshold_without_target_or_direction_is_refused() -> None:
    with pytest.raises(ProgressError):
        key_result_progress(KeyResultFacts(KeyResultKind.THRESHOLD, None, 2.0))
    with pytest.raises(ProgressError):
        key_result_progress(
            KeyResultFacts(
                KeyResultKind.THRESHOLD, None, None, direction=ThresholdDirection.AT_MOST
            )
        )


@FAST
@given(value=values)
def test_milestone_is_done_when_latest_value_is_at_least_one(value: float) -> None:
    progress = key_result_progress(milestone(value))

    assert progress.clamped == (1.0 if value >= 1 else 0.0)


def test_milestone_examples() -> None:
    assert key_result_progress(milestone()).clamped == 0
    assert current_value(milestone()) is None
    assert key_result_progress(milestone(0)).clamped == 0
    assert key_result_progress(milestone(1)).clamped == 1
    assert key_result_progress(milestone(1, 0)).clamped == 0  # reopened
    assert key_result_progress(milestone(0, 1)).percent == 100


# --- Check-ins and confidence ------------------------------------------------------------------


@FAST
@given(points=st.lists(checkins, max_size=8))
def test_latest_checkin_has_the_greatest_date_and_last_wins_ties(
    points: list[CheckInPoint],
) -> None:
    latest = latest_checkin(points)

    if not points:
        assert latest is None
        return
    assert latest is not None
    greatest = max(p.on for p in points)
    assert latest.on == greatest
    assert latest is [p for p in points if p.on == greatest][-1]


def test_same_day_checkins_resolve_to_the_last_given() -> None:
    first = CheckInPoint(DAY, 1.0)
    correction = CheckInPoint(DAY, 2.0)
    older = CheckInPoint(DAY - timedelta(days=1), 3.0)

    assert latest_checkin([first, correction, older]) is correction
    assert latest_checkin([correction, first]) is first


@FAST
@given(points=st.lists(checkins, max_size=8))
def test_latest_confidence_skips_checkins_without_one(points: list[CheckInPoint]) -> None:
    rated = [p for p in points if p.confidence is not None]
    expected = latest_checkin(rated)

    assert latest_confidence(points) == (None if expected is None else expected.confidence)


def test_latest_confidence_examples() -> None:
    points = [
        CheckInPoint(DAY, 1.0, confidence=7),
        CheckInPoint(DAY + timedelta(days=2), 2.0),
        CheckInPoint(DAY + timedelta(days=1), 3.0, confidence=4),
    ]

    assert latest_confidence(points) == 4
    assert latest_confidence([]) is None
    assert latest_confidence([CheckInPoint(DAY, 1.0)]) is None


@FAST
@given(confidence=st.integers(min_value=0, max_value=10), value=values)
def test_confidence_does_not_affect_progress(confidence: int, value: float) -> None:
    rated = KeyResultFacts(
        KeyResultKind.INCREASE, 0, 10, checkins=(CheckInPoint(DAY, value, confidence),)
    )
    unrated = KeyResultFacts(KeyResultKind.INCREASE, 0, 10, checkins=(CheckInPoint(DAY, value),))

    assert key_result_progress(rated) == key_result_progress(unrated)


@pytest.mark.parametrize("confidence", [-1, 11])
def test_confidence_outside_zero_to_ten_is_refused(confidence: int) -> None:
    with pytest.raises(ProgressError, match="confidence"):
        CheckInPoint(DAY, 1.0, confidence)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_checkin_value_is_refused(value: float) -> None:
    with pytest.raises(ProgressError):
        CheckInPoint(DAY, value)


def test_inconsistent_progress_is_refused() -> None:
    with pytest.raises(ProgressError):
        Progress(raw=1.2, clamped=1.2)
    with pytest.raises(ProgressError):
        Progress(raw=math.nan, clamped=0.0)


# --- Objective roll-up -------------------------------------------------------------------------


def test_objective_without_key_results_has_no_progress() -> None:
    assert objective_progress([]) is None
    assert objective_progress_from_facts([]) is None
    assert objective_progress([(None, 1.0), (None, 2.0)]) is None


@FAST
@given(items=st.lists(st.tuples(progresses, weights), min_size=1, max_size=8))
def test_weighted_mean_lies_between_its_inputs(items: list[tuple[Progress, float]]) -> None:
    result = objective_progress(items)
    clamped = [p.clamped for p, _ in items]

    assert result is not None
    assert min(clamped) <= result <= max(clamped)
    assert 0 <= result <= 1


@FAST
@given(items=st.lists(progresses, min_size=1, max_size=8), weight=weights)
def test_equal_weights_give_the_plain_mean(items: list[Progress], weight: float) -> None:
    result = objective_progress((p, weight) for p in items)
    plain = sum(p.clamped for p in items) / len(items)

    assert result is not None
    assert math.isclose(result, plain, rel_tol=1e-9, abs_tol=1e-12)


@FAST
@given(
    items=st.lists(st.tuples(progresses, weights), min_size=1, max_size=8),
    factor=st.floats(min_value=1e-3, max_value=1e3),
)
def test_scaling_all_weights_changes_nothing(
    items: list[tuple[Progress, float]], factor: float
) -> None:
    original = objective_progress(items)
    scaled = objective_progress((p, w * factor) for p, w in items)

    assert original is not None and scaled is not None
    assert math.isclose(original, scaled, rel_tol=1e-9, abs_tol=1e-12)


@FAST
@given(
    items=st.lists(st.tuples(progresses, weights), max_size=5),
    bad=non_positive | st.sampled_from([math.nan, math.inf]),
    position=st.integers(min_value=0, max_value=5),
)
def test_non_positive_weight_is_refused(
    items: list[tuple[Progress, float]], bad: float, position: int
) -> None:
    bad_item: tuple[Progress | None, float] = (Progress.of(0.5), bad)
    mixed: list[tuple[Progress | None, float]] = list(items)
    mixed.insert(min(position, len(mixed)), bad_item)

    with pytest.raises(ProgressError, match="weight"):
        objective_progress(mixed)


def test_weight_of_key_result_without_progress_is_still_checked() -> None:
    with pytest.raises(ProgressError):
        objective_progress([(Progress.of(0.5), 1.0), (None, 0.0)])


def test_objective_uses_clamped_progress_and_weights() -> None:
    over = Progress.of(1.5)  # over-achievement cannot make up for the other key result
    behind = Progress.of(-0.5)
    half = Progress.of(0.5)

    assert objective_progress([(over, 1.0), (behind, 1.0)]) == 0.5
    result = objective_progress([(over, 3.0), (half, 1.0)])
    assert result is not None and math.isclose(result, (3 * 1.0 + 0.5) / 4)
    assert objective_progress([(half, 1.0), (None, 5.0)]) == 0.5


def test_objective_progress_from_facts_matches_the_roll_up() -> None:
    key_results = [
        metric(24, 1, 6, kind=KeyResultKind.DECREASE, weight=2.0),
        metric(20, 60, 30),
        threshold(2, ThresholdDirection.AT_MOST, 1.8),
        milestone(),
    ]
    expected = objective_progress((key_result_progress(kr), kr.weight) for kr in key_results)
    result = objective_progress_from_facts(key_results)

    assert result == expected
    assert result is not None
    assert math.isclose(result, (2 * 18 / 23 + 0.25 + 1 + 0) / 5)


# --- Team, stage and plan roll-up --------------------------------------------------------------


@FAST
@given(values_=st.lists(st.none() | fractions, max_size=10))
def test_mean_progress_skips_objectives_without_progress(values_: list[float | None]) -> None:
    known = [v for v in values_ if v is not None]
    result = mean_progress(values_)

    if not known:
        assert result is None
    else:
        assert result is not None
        assert math.isclose(result, sum(known) / len(known), rel_tol=1e-9, abs_tol=1e-12)
        assert min(known) <= result <= max(known)


def test_mean_progress_examples() -> None:
    assert mean_progress([]) is None
    assert mean_progress([None, None]) is None
    assert mean_progress([0.2, None, 0.6]) == pytest.approx(0.4)
    assert mean_progress([0.0, None]) == 0.0
    with pytest.raises(ProgressError):
        mean_progress([math.nan])


# --- Grades ------------------------------------------------------------------------------------


@FAST
@given(progress=any_progress)
def test_grade_is_a_tenth_between_zero_and_one(progress: float) -> None:
    result = grade(progress)
    clamped = min(max(progress, 0), 1)

    assert result in GRADES
    # Graded from the whole percent shown: at most half a tenth and half a percent away.
    assert abs(result - clamped) <= 0.055 + 1e-9


@FAST
@given(progress=any_progress)
def test_a_grade_agrees_with_the_percent_shown_beside_it(progress: float) -> None:
    shown = int(format_progress(min(max(progress, 0), 1)).removesuffix(" %"))
    assert grade(progress) == grade(shown / 100)
    assert grade_band(progress) is grade_band(shown / 100)


@FAST
@given(a=any_progress, b=any_progress)
def test_grade_and_band_are_monotone(a: float, b: float) -> None:
    low, high = sorted((a, b))
    order = [GradeBand.RED, GradeBand.YELLOW, GradeBand.GREEN]

    assert grade(low) <= grade(high)
    assert order.index(grade_band(low)) <= order.index(grade_band(high))


@pytest.mark.parametrize(
    ("progress", "expected_grade", "band"),
    [
        (-0.5, 0.0, GradeBand.RED),
        (0.0, 0.0, GradeBand.RED),
        (0.05, 0.1, GradeBand.RED),
        (0.25, 0.3, GradeBand.RED),
        (0.3, 0.3, GradeBand.RED),
        (0.34, 0.3, GradeBand.RED),
        (0.35, 0.4, GradeBand.YELLOW),
        (0.45, 0.5, GradeBand.YELLOW),
        (0.6, 0.6, GradeBand.YELLOW),
        (0.64, 0.6, GradeBand.YELLOW),
        (0.645, 0.7, GradeBand.GREEN),  # shown as 65 %
        (0.644, 0.6, GradeBand.YELLOW),  # shown as 64 %
        (0.345, 0.4, GradeBand.YELLOW),  # shown as 35 %
        (0.65, 0.7, GradeBand.GREEN),
        (0.6499999999999999, 0.7, GradeBand.GREEN),  # float noise from arithmetic
        (0.7, 0.7, GradeBand.GREEN),
        (0.95, 1.0, GradeBand.GREEN),
        (1.0, 1.0, GradeBand.GREEN),
        (1.7, 1.0, GradeBand.GREEN),
    ],
)
def test_grade_rounds_half_up_and_bands_follow_the_grade(
    progress: float, expected_grade: float, band: GradeBand
) -> None:
    assert grade(progress) == expected_grade
    assert grade_band(progress) is band


@FAST
@given(progress=any_progress)
def test_band_is_determined_by_the_grade(progress: float) -> None:
    result = grade(progress)
    expected = (
        GradeBand.RED if result <= 0.3 else GradeBand.YELLOW if result <= 0.6 else GradeBand.GREEN
    )

    assert grade_band(progress) is expected
    assert grade_band(result) is expected


@pytest.mark.parametrize("progress", [math.nan, math.inf])
def test_grade_of_non_finite_progress_is_refused(progress: float) -> None:
    with pytest.raises(ProgressError):
        grade(progress)
    with pytest.raises(ProgressError):
        grade_band(progress)


# --- Elapsed share and on track ----------------------------------------------------------------


@FAST
@given(start=days, length=st.integers(min_value=0, max_value=400), a=days, b=days)
def test_elapsed_share_is_monotone_and_within_unit_interval(
    start: date, length: int, a: date, b: date
) -> None:
    end = start + timedelta(days=length)
    earlier, later = sorted((a, b))
    share_earlier = elapsed_share(start, end, earlier)
    share_later = elapsed_share(start, end, later)

    assert 0 <= share_earlier <= share_later <= 1


@FAST
@given(start=days, length=st.integers(min_value=0, max_value=400), offset=st.integers(1, 1000))
def test_elapsed_share_is_zero_before_start_and_one_from_end(
    start: date, length: int, offset: int
) -> None:
    end = start + timedelta(days=length)

    assert elapsed_share(start, end, start - timedelta(days=offset)) == 0
    assert elapsed_share(start, end, end) == 1
    assert elapsed_share(start, end, end + timedelta(days=offset)) == 1


@FAST
@given(day=days)
def test_one_day_period_is_elapsed_on_its_day(day: date) -> None:
    assert elapsed_share(day, day, day) == 1
    assert elapsed_share(day, day, day + timedelta(days=1)) == 1
    assert elapsed_share(day, day, day - timedelta(days=1)) == 0


def test_elapsed_share_counts_days_inclusively() -> None:
    start, end = date(2024, 1, 1), date(2024, 1, 10)

    assert elapsed_share(start, end, start) == pytest.approx(0.1)
    assert elapsed_share(start, end, date(2024, 1, 5)) == pytest.approx(0.5)


@FAST
@given(start=days, back=st.integers(min_value=1, max_value=400), today=days)
def test_period_ending_before_it_starts_is_refused(start: date, back: int, today: date) -> None:
    with pytest.raises(ProgressError):
        elapsed_share(start, start - timedelta(days=back), today)


@FAST
@given(elapsed=fractions, tolerance=st.floats(min_value=0, max_value=0.5))
def test_no_progress_is_neither_on_nor_off_track(elapsed: float, tolerance: float) -> None:
    assert on_track(None, elapsed, tolerance) is None


@FAST
@given(progress=fractions, elapsed=fractions, tolerance=st.floats(min_value=0, max_value=0.5))
def test_on_track_when_progress_keeps_pace_within_tolerance(
    progress: float, elapsed: float, tolerance: float
) -> None:
    result = on_track(progress, elapsed, tolerance)

    if progress >= elapsed - tolerance:
        assert result is True
    elif not math.isclose(progress, elapsed - tolerance, abs_tol=1e-12):
        assert result is False


def test_on_track_examples() -> None:
    assert on_track(0.4, 0.5) is True  # exactly at the tolerance boundary
    assert on_track(0.39, 0.5) is False
    assert on_track(0.5, 0.5, tolerance=0) is True
    assert on_track(0.0, 0.0) is True
    assert on_track(1.0, 1.0) is True
    assert on_track(0.8, 1.0) is False


@pytest.mark.parametrize(("elapsed", "tolerance"), [(-0.1, 0.1), (1.1, 0.1), (0.5, -0.1)])
def test_on_track_refuses_bad_elapsed_or_tolerance(elapsed: float, tolerance: float) -> None:
    with pytest.raises(ProgressError):
        on_track(0.5, elapsed, tolerance)


# --- Formatting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (0.0, "0 %"), (0.78, "78 %"), (0.7826, "78 %"), (0.285, "29 %"), (1.2, "120 %")],
)
def test_format_progress(value: float | None, text: str) -> None:
    assert format_progress(value) == text


@FAST
@given(raw=any_progress)
def test_percent_matches_formatted_clamped_progress(raw: float) -> None:
    progress = Progress.of(raw)

    assert format_progress(progress.clamped) == f"{progress.percent} %"
    assert format_progress(progress.raw) == f"{progress.raw_percent} %"
    assert abs(progress.percent - progress.clamped * 100) <= 0.5 + 1e-6
