"""Tests for toolkit.analytics.spc: XmR limits, the four rules and their precedence, run charts."""

from __future__ import annotations

import itertools
import math
import warnings
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.analytics import spc
from toolkit.analytics.spc import (
    POINT_TYPES,
    RULES,
    IrregularDatesWarning,
    RunChart,
    TrialLimitsWarning,
    anhoej_thresholds,
    run_chart,
    run_charts,
    xmr,
    xmr_summary,
)


def frame(values: list[float], **columns: object) -> pd.DataFrame:
    return pd.DataFrame({"v": [float(v) for v in values], **columns})


def chart_of(values: list[float], **kwargs: object) -> pd.DataFrame:
    """An XmR chart of ``values``; silent about trial limits for short hand-made series."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        return xmr(frame(values), value="v", **kwargs)  # type: ignore[arg-type]


def fired(chart: pd.DataFrame) -> dict[str, list[int]]:
    return {rule: np.flatnonzero(chart[rule].to_numpy()).tolist() for rule in RULES}


def limits(chart: pd.DataFrame, row: int = 0) -> tuple[float, ...]:
    columns = ["mean", "lpl", "upl", "near_lpl", "near_upl"]
    return tuple(float(v) for v in chart[columns].iloc[row])


# --------------------------------------------------------------------- published limits

# RECIPES.md: XmR with unscreened moving ranges -> (mean, LPL, UPL, near LPL, near UPL).
REFERENCE_LIMITS = [
    (list(range(1, 11)), (5.5, 2.84, 8.16, 3.72667, 7.27333)),
    ([1, 2, 3, 4, 5, 4, 3, 2, 1, 2], (2.7, 0.04, 5.36, 0.92667, 4.47333)),
    ([3, 1, 4, 1, 5, 9, 2], (3.571429, -6.625238, 13.768095, -3.226349, 10.369206)),
]


@pytest.mark.parametrize(("values", "expected"), REFERENCE_LIMITS)
def test_limits_match_published_values(values: list[float], expected: tuple[float, ...]) -> None:
    with pytest.warns(TrialLimitsWarning, match="trial limits"):
        chart = xmr(frame(values), value="v", screen_outliers=False)
    assert limits(chart) == pytest.approx(expected, abs=5e-6)
    # One segment, so every row carries the same limits.
    assert chart["upl"].nunique() == 1


def test_screening_drops_large_moving_ranges_before_the_limits() -> None:
    # Ten moving ranges of 1 and one of 30: the mean moving range 40/11 = 3.636 puts the
    # screen at 11.88, so the 30 is dropped and the limits use a mean moving range of 1.
    values = [10, 11] * 5 + [10, 40]
    mean = 155 / 12
    screened = chart_of(values)
    unscreened = chart_of(values, screen_outliers=False)
    assert float(screened["mean"].iloc[0]) == pytest.approx(mean)
    assert float(screened["upl"].iloc[0]) == pytest.approx(mean + 2.66)
    assert float(unscreened["upl"].iloc[0]) == pytest.approx(mean + 2.66 * 40 / 11)
    # Narrow screened limits (12.92 +- 2.66) put the 40 and every 10 outside; the wide
    # unscreened ones (12.92 +- 9.67) only the 40.
    assert np.flatnonzero(screened["outside_limits"]).tolist() == [0, 2, 4, 6, 8, 10, 11]
    assert np.flatnonzero(unscreened["outside_limits"]).tolist() == [11]


def test_screening_keeps_a_range_just_below_the_cut() -> None:
    # Ranges 1, 1, 1 and 3: mean 1.5, screen 4.9; nothing is dropped.
    chart = chart_of([0, 1, 0, 1, 4])
    assert float(chart["upl"].iloc[0]) == pytest.approx(1.2 + 2.66 * 1.5)


def test_moving_range_column_and_near_limits() -> None:
    chart = chart_of([3, 1, 4, 1, 5, 9, 2], screen_outliers=False)
    assert np.isnan(chart["moving_range"].iloc[0])
    assert chart["moving_range"].iloc[1:].tolist() == [2, 3, 3, 4, 4, 7]
    mean, lpl, upl, near_lpl, near_upl = limits(chart)
    assert near_upl - mean == pytest.approx((upl - mean) * 2 / 3)
    assert mean - near_lpl == pytest.approx((mean - lpl) * 2 / 3)


def test_constant_series_has_zero_width_limits_and_no_signal() -> None:
    chart = chart_of([7.0] * 14)
    assert limits(chart) == (7.0, 7.0, 7.0, 7.0, 7.0)
    assert not chart["special_cause"].any()
    assert set(chart["point_type"]) == {"common_cause"}


# --------------------------------------------------------------------- one rule each

BASE_UP = [10, 12] * 6  # ends on 12, above the mean of about 11
BASE_DOWN = [12, 10] * 6  # ends on 10, below it


def test_base_series_fires_nothing() -> None:
    chart = chart_of([10, 12] * 8)
    assert fired(chart) == {rule: [] for rule in RULES}
    assert chart["rule"].isna().all()
    assert set(chart["point_type"]) == {"common_cause"}


def test_a_point_beyond_a_limit_fires_only_outside_limits() -> None:
    chart = chart_of([*BASE_DOWN, 25, *([10, 12] * 6)])
    assert fired(chart) == {"outside_limits": [12], "trend": [], "two_in_three": [], "shift": []}
    assert chart["rule"].iloc[12] == "outside_limits"
    assert chart["point_type"].iloc[12] == "special_cause_improvement"
    assert chart["special_cause"].sum() == 1


def test_seven_rising_points_fire_only_trend() -> None:
    rising = [10.2, 10.5, 10.8, 11.1, 11.4, 11.7, 12.0]
    chart = chart_of([*BASE_UP, *rising, *([12, 10] * 6)])
    assert fired(chart) == {
        "outside_limits": [],
        "trend": list(range(12, 19)),
        "two_in_three": [],
        "shift": [],
    }
    assert set(chart["point_type"].iloc[12:19]) == {"special_cause_improvement"}


def test_six_rising_points_are_not_a_trend() -> None:
    chart = chart_of([*BASE_UP, 10.5, 10.8, 11.1, 11.4, 11.7, 12.0, *([12, 10] * 6)])
    assert not chart["special_cause"].any()


def test_a_tie_breaks_a_trend() -> None:
    values = [*BASE_UP, 10.2, 10.5, 10.8, 10.8, 11.1, 11.4, 11.7, 12.0, *([12, 10] * 6)]
    chart = chart_of(values)
    assert not chart["trend"].any()


def test_a_falling_trend_is_a_concern_when_increase_is_good() -> None:
    falling = [12, 11.6, 11.2, 10.8, 10.4, 10.0, 9.6]
    chart = chart_of([*BASE_DOWN, *falling, *([10, 12] * 6)])
    assert fired(chart)["trend"] == list(range(12, 19))
    assert set(chart["point_type"].iloc[12:19]) == {"special_cause_concern"}


def test_two_of_three_beyond_a_near_limit_fire_only_two_in_three() -> None:
    chart = chart_of([*([10, 12] * 10), 15.5, 12, 15.5, *([12, 10] * 10)])
    _, _, upl, _, near_upl = limits(chart)
    assert near_upl < 15.5 < upl  # beyond the near limit, inside the process limit
    assert fired(chart) == {
        "outside_limits": [],
        "trend": [],
        "two_in_three": [20, 22],
        "shift": [],
    }
    # Only the two points beyond the near limit are flagged, not the one between them.
    assert chart["point_type"].iloc[21] == "common_cause"


def test_two_beyond_a_near_limit_but_four_apart_fire_nothing() -> None:
    chart = chart_of([*([10, 12] * 10), 15.5, 12, 10, 15.5, *([12, 10] * 10)])
    assert not chart["special_cause"].any()


def test_two_in_three_on_the_low_side_of_a_neutral_measure() -> None:
    mirrored = [22 - v for v in [*([10, 12] * 10), 15.5, 12, 15.5, *([12, 10] * 10)]]
    chart = chart_of(mirrored, improvement="neutral")
    assert fired(chart)["two_in_three"] == [20, 22]
    assert set(chart["point_type"].iloc[[20, 22]]) == {"special_cause_neutral_low"}


def test_seven_points_above_the_mean_fire_only_shift() -> None:
    above = [11.6, 11.9, 11.6, 11.9, 11.6, 11.9, 11.6]
    chart = chart_of([*BASE_DOWN, *above, *([10, 12] * 6)])
    assert fired(chart) == {
        "outside_limits": [],
        "trend": [],
        "two_in_three": [],
        "shift": list(range(12, 19)),
    }
    assert set(chart["point_type"].iloc[12:19]) == {"special_cause_improvement"}
    lower_is_better = chart_of([*BASE_DOWN, *above, *([10, 12] * 6)], improvement="decrease")
    assert set(lower_is_better["point_type"].iloc[12:19]) == {"special_cause_concern"}


def test_six_points_above_the_mean_are_not_a_shift() -> None:
    chart = chart_of([*BASE_DOWN, 11.6, 11.9, 11.6, 11.9, 11.6, 11.9, *([10, 12] * 6)])
    assert not chart["special_cause"].any()


def test_a_point_on_the_mean_breaks_a_shift() -> None:
    # Exact binary fractions keep the mean at exactly 11.0, the value of row 15.
    block = [11.5, 11.75, 11.5, 11.0, 11.75, 11.5, 11.75, 11.5]
    values = [*BASE_DOWN, *block, *([10, 12, 10, 9.875] * 2), 10, 12, 10, 12]
    chart = chart_of(values)
    assert float(chart["mean"].iloc[0]) == 11.0
    assert not chart["shift"].any()
    values[15] = 11.25
    assert fired(chart_of(values))["shift"] == list(range(12, 20))


# --------------------------------------------------------------------- precedence


def test_trend_outranks_shift_and_its_direction_decides() -> None:
    # Seven rising points all below the mean: a rising trend (improvement when higher is
    # better) and a shift below the mean (a concern). The trend comes first.
    rising_below = [7.0, 7.3, 7.6, 7.9, 8.2, 8.5, 8.8]
    chart = chart_of([*BASE_DOWN, 12, *rising_below, 8.0, *([12, 10] * 6)])
    flags = fired(chart)
    assert flags["trend"] == list(range(13, 20))
    assert flags["shift"] == list(range(13, 21))
    assert (chart["rule"].iloc[13:20] == "trend").all()
    assert set(chart["point_type"].iloc[13:20]) == {"special_cause_improvement"}
    # Row 20 is in the shift only, so the side of the mean decides: a concern.
    assert chart["rule"].iloc[20] == "shift"
    assert chart["point_type"].iloc[20] == "special_cause_concern"


def test_outside_limits_outranks_trend_and_shift() -> None:
    # 25 is beyond the upper limit and also starts a falling trend inside a shift above the
    # mean. Being beyond the limit wins: high, so an improvement when higher is better; the
    # rest of the falling trend is a concern, though the shift alone would call it good.
    falling = [25, 14, 13.5, 13, 12.5, 12.2, 11.9]
    chart = chart_of([*([10, 12] * 10), *falling, *([12, 10] * 6)])
    flags = fired(chart)
    assert flags["outside_limits"] == [20]
    assert 20 in flags["trend"]
    assert 20 in flags["shift"]
    assert chart["rule"].iloc[20] == "outside_limits"
    assert chart["point_type"].iloc[20] == "special_cause_improvement"
    assert (chart["rule"].iloc[21:27] == "trend").all()
    assert set(chart["point_type"].iloc[21:27]) == {"special_cause_concern"}


def test_two_in_three_outranks_shift() -> None:
    above = [11.6, 11.9, 15.5, 11.9, 15.5, 11.9, 11.6]
    chart = chart_of([*([12, 10] * 10), *above, *([10, 12] * 10)])
    flags = fired(chart)
    assert flags["two_in_three"] == [22, 24]
    assert set(range(20, 27)) <= set(flags["shift"])
    assert chart["rule"].iloc[22] == "two_in_three"
    assert chart["rule"].iloc[21] == "shift"


def test_neutral_measures_say_high_or_low() -> None:
    values = [*BASE_DOWN, 25, *([10, 12] * 6)]
    assert chart_of(values, improvement="neutral")["point_type"].iloc[12] == (
        "special_cause_neutral_high"
    )
    low = [22 - v for v in values]
    assert chart_of(low, improvement="neutral")["point_type"].iloc[12] == (
        "special_cause_neutral_low"
    )
    assert chart_of(low, improvement="decrease")["point_type"].iloc[12] == (
        "special_cause_improvement"
    )


def test_columns_and_types() -> None:
    months = pd.date_range("2024-01-01", periods=14, freq="MS")
    data = pd.DataFrame({"month": months, "v": np.arange(14.0) % 3}, index=range(100, 114))
    chart = xmr(data, value="v", date="month")
    assert list(chart.columns) == [
        "date",
        "value",
        "moving_range",
        "segment",
        "mean",
        "lpl",
        "upl",
        "near_lpl",
        "near_upl",
        *RULES,
        "special_cause",
        "rule",
        "point_type",
    ]
    assert list(chart.index) == list(range(100, 114))
    assert (chart["date"] == months).all()
    assert list(chart["point_type"].cat.categories) == list(POINT_TYPES)
    assert chart.attrs["value"] == "v"
    assert chart.attrs["trial_limits"] is False


# --------------------------------------------------------------------- fix and rebase


def test_fix_after_uses_only_the_baseline() -> None:
    baseline = [10, 12] * 6
    later = [20, 21, 20, 21]
    fixed = chart_of([*baseline, *later], fix_after=12)
    head = chart_of(baseline)
    assert limits(fixed, -1) == pytest.approx(limits(head, 0))
    assert fixed["outside_limits"].iloc[12:].all()
    free = chart_of([*baseline, *later])
    assert float(free["mean"].iloc[0]) > float(fixed["mean"].iloc[0])


def test_fix_after_beyond_the_series_uses_everything() -> None:
    values = [10, 12] * 7
    assert limits(chart_of(values, fix_after=100)) == limits(chart_of(values))


def test_rebase_gives_each_segment_its_own_limits() -> None:
    months = pd.date_range("2024-01-01", periods=28, freq="MS")
    values = [20, 22] * 7 + [14, 15] * 7
    data = pd.DataFrame({"month": months, "hours": values})
    chart = xmr(data, value="hours", date="month", rebase_at="2025-03-01", improvement="decrease")
    assert chart["segment"].tolist() == [0] * 14 + [1] * 14
    assert float(chart["mean"].iloc[0]) == pytest.approx(21)
    assert float(chart["mean"].iloc[-1]) == pytest.approx(14.5)
    assert float(chart["upl"].iloc[-1]) == pytest.approx(14.5 + 2.66)
    # The jump between the segments is not a moving range of either.
    assert np.isnan(chart["moving_range"].iloc[14])
    assert not chart["special_cause"].any()
    # Without the rebase the same data show the change as a shift.
    whole = xmr(data, value="hours", date="month", improvement="decrease")
    assert whole["shift"].all()
    assert set(whole["point_type"].iloc[14:]) == {"special_cause_improvement"}


def test_rebase_by_position_and_several_dates() -> None:
    values = [10, 12] * 9
    by_position = chart_of(values, rebase_at=[6, 12])
    assert by_position["segment"].tolist() == [0] * 6 + [1] * 6 + [2] * 6
    data = frame(values, day=pd.date_range("2025-01-01", periods=18, freq="D"))
    with pytest.warns(TrialLimitsWarning, match="segment from row 6"):
        by_date = xmr(
            data, value="v", date="day", rebase_at=["2025-01-13", pd.Timestamp("2025-01-07")]
        )
    assert by_date["segment"].tolist() == by_position["segment"].tolist()


def test_rules_do_not_cross_a_rebase() -> None:
    rising = [1, 2, 3, 4, 5, 6, 7, 8]
    values = [*([10, 12] * 6), *rising, *([12, 10] * 6)]
    assert chart_of(values)["trend"].any()
    split = chart_of(values, rebase_at=16)
    assert not split["trend"].any()


def test_period_dates_and_numeric_dates_work() -> None:
    months = pd.period_range("2024-01", periods=13, freq="M")
    data = frame([10, 12] * 6 + [11], month=months)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        chart = xmr(data, value="v", date="month", rebase_at=pd.Period("2024-07", freq="M"))
        numbered = xmr(frame([10, 12] * 6, week=range(1, 13)), value="v", date="week", rebase_at=7)
    assert chart["segment"].tolist() == [0] * 6 + [1] * 7
    assert numbered["segment"].tolist() == [0] * 6 + [1] * 6


def test_time_zone_aware_dates() -> None:
    days = pd.date_range("2025-01-01", periods=28, freq="D", tz="Europe/London")
    data = frame([10, 12] * 14, day=days)
    chart = xmr(data, value="v", date="day", rebase_at="2025-01-15")
    assert chart["segment"].tolist() == [0] * 14 + [1] * 14
    aware = pd.Timestamp("2025-01-15 00:00", tz="UTC")
    assert xmr(data, value="v", date="day", rebase_at=aware)["segment"].iloc[14] == 1
    with pytest.raises(ValueError, match="time zone"):
        xmr(
            frame([10, 12] * 14, day=days.tz_localize(None)), value="v", date="day", rebase_at=aware
        )


# --------------------------------------------------------------------- warnings and errors


def test_twelve_points_give_no_trial_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = xmr(frame([10, 12] * 6), value="v")
    assert chart.attrs["trial_limits"] is False


def test_eleven_points_warn_of_trial_limits() -> None:
    with pytest.warns(TrialLimitsWarning, match=r"fewer than 12 points.*11 points"):
        chart = xmr(frame([10, 12] * 5 + [11]), value="v")
    assert chart.attrs["trial_limits"] is True


def test_a_missing_month_warns_and_is_charted_in_order() -> None:
    months = list(pd.date_range("2024-01-01", periods=14, freq="MS"))
    del months[5]
    data = frame([10, 12] * 6 + [11], month=months)
    with pytest.warns(IrregularDatesWarning, match="1 gap"):
        chart = xmr(data, value="v", date="month")
    assert len(chart) == 13


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        (frame([1, 2, 3]), {"value": "x"}, r"value='x' is not a column.*\['v'\]"),
        (frame([1, 2, 3]), {"value": "v", "date": "when"}, r"date='when' is not a column"),
        (pd.DataFrame({"v": ["a", "b", "c"]}), {"value": "v"}, r"dtype .*numeric"),
        (pd.DataFrame({"v": [True, False, True]}), {"value": "v"}, r"dtype bool"),
        (frame([1, float("inf"), 3]), {"value": "v"}, r"1 infinite value.*row 1"),
        (frame([float("nan")] * 3), {"value": "v"}, r"only missing ones"),
        (frame([1, float("nan"), 3]), {"value": "v"}, r"no two consecutive values"),
        (frame([1, 2, 3], d=[3, 2, 1]), {"value": "v", "date": "d"}, r"goes back in time"),
        (frame([1, 2, 3], d=[1, 1, 2]), {"value": "v", "date": "d"}, r"repeats"),
        (frame([1, 2, 3], d=["x", "y", "z"]), {"value": "v", "date": "d"}, r"to_datetime"),
        (frame([1, 2, 3]), {"value": "v", "improvement": "up"}, r"improvement='up'"),
        (frame([1, 2, 3]), {"value": "v", "fix_after": 1}, r"fix_after=1"),
        (frame([1, 2, 3]), {"value": "v", "target": "high"}, r"target='high'"),
        (frame([1, 2, 3]), {"value": "v", "rebase_at": 0}, r"outside the series"),
        (frame([1, 2, 3]), {"value": "v", "rebase_at": 2}, r"single point"),
        (frame([1, 2, 3]), {"value": "v", "rebase_at": [1, 1]}, r"same row"),
        (frame([1, 2, 3]), {"value": "v", "rebase_at": "2025-01-01"}, r"row positions"),
        (frame([1]), {"value": "v"}, r"single point"),
        (pd.DataFrame({"v": []}, dtype=float), {"value": "v"}, r"empty DataFrame"),
        ([1, 2, 3], {"value": "v"}, r"expects a dataframe .*got list"),
    ],
)
def test_bad_input_is_a_clear_error(data: object, kwargs: dict[str, object], match: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        with pytest.raises(ValueError, match=match):
            xmr(data, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------- summary

STABLE = [97.0, 98, 99, 98, 97, 98, 99, 98, 97, 98, 99, 98]  # mean 98, limits 98 +- 3.99


@pytest.mark.parametrize(
    ("improvement", "target", "assurance"),
    [
        ("increase", 90, "consistent_pass"),
        ("increase", 98, "inconsistent"),
        ("increase", 105, "consistent_fail"),
        ("decrease", 105, "consistent_pass"),
        ("decrease", 98, "inconsistent"),
        ("decrease", 90, "consistent_fail"),
        ("neutral", 90, None),
        ("increase", None, None),
    ],
)
def test_assurance_against_a_target(
    improvement: str, target: float | None, assurance: str | None
) -> None:
    chart = chart_of(STABLE, improvement=improvement, target=target)
    summary = xmr_summary(chart)
    assert summary.assurance == assurance
    assert summary.variation == "common_cause"
    assert summary.target == target


def test_assurance_at_the_limit_itself() -> None:
    chart = chart_of(STABLE)
    lpl, upl = float(chart["lpl"].iloc[0]), float(chart["upl"].iloc[0])
    assert xmr_summary(chart, target=lpl).assurance == "consistent_pass"
    assert xmr_summary(chart, target=upl).assurance == "inconsistent"
    assert xmr_summary(chart, target=upl, improvement="decrease").assurance == "consistent_pass"


def test_summary_reads_the_latest_point_and_segment() -> None:
    data = frame([20, 22] * 7 + [14, 15] * 6 + [9])
    chart = xmr(data, value="v", rebase_at=14, improvement="decrease", target=16)
    summary = xmr_summary(chart)
    assert summary.latest == 9
    assert summary.mean == pytest.approx(float(chart["mean"].iloc[-1]))
    assert summary.variation == "special_cause_improvement"
    assert summary.assurance == "inconsistent"
    text = str(summary)
    assert "improvement" in text
    assert "hit and miss" in text
    assert "target 16" in text


def test_summary_rejects_a_frame_that_is_not_a_chart() -> None:
    with pytest.raises(ValueError, match=r"lacks the column\(s\).*toolkit.xmr"):
        xmr_summary(frame([1, 2, 3]))


def test_summary_words_for_every_verdict() -> None:
    for kind in POINT_TYPES:
        summary = spc.XmrSummary(kind, None, "increase", None, 1, 1, 0, 2, True)
        assert summary.variation_text
        assert "Trial limits" in str(summary)
    assert (
        "no target"
        in spc.XmrSummary("common_cause", None, "increase", None, 1, 1, 0, 2, False).assurance_text
    )
    assert (
        "neutral"
        in spc.XmrSummary("common_cause", None, "neutral", 5.0, 1, 1, 0, 2, False).assurance_text
    )


# --------------------------------------------------------------------- run charts

# RECIPES.md: Anhøj thresholds (longest run max / crossings min).
ANHOEJ = [
    (10, 6, 2),
    (12, 7, 3),
    (15, 7, 4),
    (20, 7, 6),
    (24, 8, 8),
    (30, 8, 10),
    (52, 9, 20),
    (100, 10, 41),
]


@pytest.mark.parametrize(("n", "longest", "crossings"), ANHOEJ)
def test_anhoej_thresholds_match_published_values(n: int, longest: int, crossings: int) -> None:
    assert anhoej_thresholds(n) == (longest, crossings)


def naive_crossings_min(n: int) -> int:
    """The 5th percentile of binomial(n - 1, 0.5) straight from math.comb."""
    trials = n - 1
    cumulative = 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if cumulative * 20 >= 2**trials:
            return k
    raise AssertionError("unreachable")


def test_crossings_threshold_is_exact_for_every_small_n() -> None:
    for n in range(1, 400):
        assert anhoej_thresholds(n)[1] == naive_crossings_min(n), n


def test_large_n_float_path_agrees_with_the_exact_path(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = [400, 1001, 2048, 5000, 9999, 20_000]
    exact = [anhoej_thresholds(n)[1] for n in sizes]
    run_charts._crossings_min.cache_clear()
    monkeypatch.setattr(run_charts, "EXACT_TRIALS", 0)
    try:
        assert [anhoej_thresholds(n)[1] for n in sizes] == exact
    finally:
        run_charts._crossings_min.cache_clear()


def test_anhoej_thresholds_for_a_million_are_quick_and_plausible() -> None:
    longest, crossings = anhoej_thresholds(1_000_000)
    assert longest == round(math.log2(1_000_000)) + 3
    # Normal approximation: (n - 1) / 2 - 1.645 * sqrt(n - 1) / 2 = 499177.2
    assert abs(crossings - 499_177) <= 1


@pytest.mark.parametrize("n", [0, -3, 2.5, True])
def test_anhoej_thresholds_reject_impossible_n(n: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        anhoej_thresholds(n)  # type: ignore[arg-type]


def test_run_chart_counts_runs_and_crossings() -> None:
    chart = run_chart(frame(list(range(1, 13))), value="v")
    assert isinstance(chart, RunChart)
    assert chart.median == 6.5
    assert (chart.n_useful, chart.longest_run, chart.crossings) == (12, 6, 1)
    assert (chart.longest_run_max, chart.crossings_min) == (7, 3)
    assert not chart.long_run_signal
    assert chart.few_crossings_signal
    assert chart.signal
    assert "non-random" in str(chart)


def test_points_on_the_median_neither_break_runs_nor_cross() -> None:
    values = [1, 5, 3, 5, 3, 5, 5, 1, 3, 1, 5, 1, 3, 5]
    chart = run_chart(frame(values), value="v")
    assert chart.median == 3
    # Useful: 1 5 5 5 5 1 1 5 1 5 -> runs 1,4,2,1,1,1; crossings 5.
    assert chart.n_useful == 10
    assert chart.longest_run == 4
    assert chart.crossings == 5
    points = chart.points
    assert points["useful"].tolist() == [v != 3 for v in values]
    assert points["run_length"].tolist() == [1, 4, 0, 4, 0, 4, 4, 2, 0, 2, 1, 1, 0, 1]


def test_run_chart_baseline_and_long_run() -> None:
    values = [5, 7] * 6 + [3] * 9
    chart = run_chart(frame(values), value="v", baseline=12)
    assert chart.median == 6
    assert chart.baseline == 12
    assert chart.n_useful == 21
    assert chart.longest_run == 9
    assert chart.longest_run_max == 7
    assert chart.long_run_signal
    assert chart.points["long_run"].tolist() == [False] * 12 + [True] * 9


def test_few_useful_observations_warn() -> None:
    with pytest.warns(TrialLimitsWarning, match="only 6 useful observations"):
        chart = run_chart(frame([1, 5, 3, 5, 1, 3, 5, 1]), value="v")
    assert chart.n_useful == 6


def test_run_chart_with_random_noise_has_no_signal() -> None:
    values = [5, 6, 4, 7, 5, 3, 6, 4, 7, 5, 6, 3, 5, 7, 4, 6, 5, 3, 6, 4]
    chart = run_chart(
        frame(values, month=pd.date_range("2024-01-01", periods=20, freq="MS")),
        value="v",
        date="month",
    )
    assert not chart.signal
    assert "random variation only" in str(chart)
    assert (chart.points["date"].dt.year.iloc[0]) == 2024


@pytest.mark.parametrize(
    ("data", "kwargs", "match"),
    [
        (frame([1]), {"value": "v"}, "at least 2 points"),
        (frame([1, 2, 3]), {"value": "v", "baseline": 0}, "baseline=0"),
        (frame([1, 2, 3]), {"value": "v", "baseline": 1.5}, "whole number"),
        (frame([4, 4, 4]), {"value": "v"}, "equals the median"),
        (frame([1, 2, 3]), {"value": "w"}, r"value='w' is not a column"),
    ],
)
def test_run_chart_bad_input(data: pd.DataFrame, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        run_chart(data, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=2, max_size=60),
    offset=st.floats(-1e3, 1e3),
)
def test_limits_are_symmetric_and_move_with_the_data(values: list[float], offset: float) -> None:
    chart = chart_of(values)
    mean, lpl, upl, near_lpl, near_upl = limits(chart)
    assert mean - lpl == pytest.approx(upl - mean, rel=1e-9, abs=1e-6)
    assert lpl <= near_lpl <= mean <= near_upl <= upl
    moved = chart_of([v + offset for v in values])
    assert limits(moved) == pytest.approx(
        tuple(x + offset for x in limits(chart)), rel=1e-6, abs=1e-3
    )


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(0, 5), min_size=2, max_size=50))
def test_run_chart_agrees_with_a_plain_count(values: list[int]) -> None:
    median = float(np.median(values))
    sides = [1 if v > median else -1 for v in values if v != median]
    if not sides:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        chart = run_chart(frame(values), value="v")
    crossings = sum(a != b for a, b in itertools.pairwise(sides))
    longest, current = 1, 1
    for a, b in itertools.pairwise(sides):
        current = current + 1 if a == b else 1
        longest = max(longest, current)
    assert (chart.n_useful, chart.crossings, chart.longest_run) == (len(sides), crossings, longest)


# --------------------------------------------------------------------- NHSRplotthedots
#
# The reference is NHSRplotthedots 0.2.x, the NHS-R Community's R package for "Making Data
# Count": R/ptd_spc_standard.R (limits, relative_to_mean, close_to_limits) and
# R/ptd_calculate_point_type.R (the rules and the point type). The cases below port its
# tests/testthat files; `r_xmr` transcribes the R code line by line for the property test.


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _r_rules(
    y: list[float], rtm: list[int], close: list[int], outside: list[bool]
) -> tuple[list[str], list[int], list[int], list[int]]:
    """ptd_special_cause_type() for one group, with its helpers, for series without NA."""
    n = len(y)

    def seven_point_one_side_mean(v: list[int]) -> list[int]:  # ptd_seven_point_one_side_mean
        vp = [0] * 6 + v
        return [
            int(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0)
            for i in range(6, n + 6)
        ]

    def part_of_seven_trend(v: list[int]) -> list[int]:  # ptd_part_of_seven_trend
        vp = v + [0] * 6
        return [int(any(abs(vp[i + k]) == 1 for k in range(7))) for i in range(n)]

    def seven_point_trend(y: list[float]) -> list[int]:  # ptd_seven_point_trend
        if n < 7:
            return [0] * n
        out = [0] * 6
        for i in range(6, n):
            d = [_sign(y[i - k] - y[i - k - 1]) for k in range(6)]  # sign(diff(y[i - 0:6])) * -1
            out.append(1 if all(x == 1 for x in d) else -1 if all(x == -1 for x in d) else 0)
        return out

    def two_in_three(v: list[int], rtm: list[int]) -> list[int]:  # ptd_two_in_three
        vp, rp = [0, 0, *v, 0, 0], [0, 0, *rtm, 0, 0]
        return [
            int(
                any(
                    sum(vp[i + a : i + a + 3]) >= 2 and abs(sum(rp[i + a : i + a + 3])) == 3
                    for a in range(3)
                )
            )
            for i in range(n)
        ]

    part_trend = part_of_seven_trend(seven_point_trend(y))
    # ptd_part_of_two_in_three(v, x): v == 1 & abs(x) == 1, with x the close_to_limits column
    part_two = [
        int(v == 1 and abs(x) == 1) for v, x in zip(two_in_three(close, rtm), close, strict=True)
    ]
    part_shift = part_of_seven_trend(seven_point_one_side_mean(rtm))
    sdy = [_sign(y[i + 1] - y[i]) for i in range(n - 1)]
    nxt = [*part_trend[1:], 0]
    right, left = [*sdy, sdy[-1] if sdy else 0], [0, *sdy]
    sdy = [right[i] if (nxt[i] and part_trend[i]) else left[i] for i in range(n)]
    types = []
    for i in range(n):
        above = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            types.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif part_trend[i]:
            types.append(f"7 Point Trend ({'In' if sdy[i] == 1 else 'De'}creasing)")
        elif part_two[i]:
            types.append(f"2 in 3 {above} CL")
        elif part_shift[i]:
            types.append(f"7 Points {above} CL")
        else:
            types.append("Common Cause")
    return types, part_trend, part_two, part_shift


def _r_point_type(special_cause_type: str, improvement_direction: int) -> str:  # ptd_point_type
    v = (
        1
        if any(w in special_cause_type for w in ("Above", "Increasing"))
        else (-1 if any(w in special_cause_type for w in ("Below", "Decreasing")) else 0)
    )
    if improvement_direction == 0:
        return {1: "special_cause_neutral_high", -1: "special_cause_neutral_low"}.get(
            v, "common_cause"
        )
    return {1: "special_cause_improvement", -1: "special_cause_concern"}.get(
        v * improvement_direction, "common_cause"
    )


def r_xmr(
    y: list[float], groups: list[int], improvement_direction: int, screen: bool = True
) -> dict[str, list[object]]:
    """ptd_spc_standard() then ptd_calculate_point_type(), group by group (no NA, no fix)."""
    out: dict[str, list[object]] = {
        k: [] for k in ("mean", "upl", "type", "point_type", "trend", "two", "shift", "outside")
    }
    for g in sorted(set(groups)):
        v = [y[i] for i in range(len(y)) if groups[i] == g]
        mean = sum(v) / len(v)
        mr = [abs(b - a) for a, b in itertools.pairwise(v)]
        amr = sum(mr) / len(mr)
        if screen:
            mr = [m for m in mr if m < 3.267 * amr]
            amr = sum(mr) / len(mr) if mr else float("nan")
        lpl, upl = mean - 2.66 * amr, mean + 2.66 * amr
        nlpl, nupl = mean - 2 * (2.66 / 3) * amr, mean + 2 * (2.66 / 3) * amr
        outside = [x > upl or x < lpl for x in v]
        rtm = [_sign(x - mean) for x in v]
        close = [int(not o and (x < nlpl or x > nupl)) for x, o in zip(v, outside, strict=True)]
        types, trend, two, shift = _r_rules(v, rtm, close, outside)
        out["mean"] += [mean] * len(v)
        out["upl"] += [upl] * len(v)
        out["type"] += types
        out["point_type"] += [_r_point_type(t, improvement_direction) for t in types]
        out["trend"] += trend
        out["two"] += two
        out["shift"] += shift
        out["outside"] += outside
    return out


R_RULE = {
    "Above UCL": "outside_limits",
    "Below LCL": "outside_limits",
    "7 Point": "trend",
    "2 in 3": "two_in_three",
    "7 Points": "shift",
}


def _rule_of(r_type: str) -> str | None:
    for prefix in ("Above UCL", "Below LCL", "7 Points", "7 Point", "2 in 3"):
        if r_type.startswith(prefix):
            return R_RULE[prefix]
    return None


@settings(max_examples=300, deadline=None)
@given(
    values=st.one_of(
        st.lists(st.integers(0, 8), min_size=24, max_size=24),
        st.lists(
            st.floats(-50, 50, allow_nan=False).map(lambda v: round(v, 1)), min_size=24, max_size=24
        ),
    ),
    improvement=st.sampled_from(["increase", "decrease", "neutral"]),
    rebase=st.sampled_from([None, 8, 12]),
    screen=st.booleans(),
)
def test_random_series_agree_with_the_r_code_point_for_point(
    values: list[float], improvement: str, rebase: int | None, screen: bool
) -> None:
    y = [float(v) for v in values]
    if len(set(y[: rebase or 24])) == 1 or (rebase and len(set(y[rebase:])) == 1):
        y[0] += 1  # a constant segment has undefined limits in R (see test_constant_series...)
    groups = [0] * 24 if rebase is None else [0] * rebase + [1] * (24 - rebase)
    direction = {"increase": 1, "decrease": -1, "neutral": 0}[improvement]
    r = r_xmr(y, groups, direction, screen)
    chart = chart_of(y, improvement=improvement, rebase_at=rebase, screen_outliers=screen)
    assert chart["mean"].tolist() == pytest.approx(r["mean"], rel=1e-12, abs=1e-12)
    assert chart["upl"].tolist() == pytest.approx(r["upl"], rel=1e-12, abs=1e-12)
    assert chart["outside_limits"].tolist() == r["outside"]
    assert chart["trend"].astype(int).tolist() == r["trend"]
    assert chart["two_in_three"].astype(int).tolist() == r["two"]
    assert chart["shift"].astype(int).tolist() == r["shift"]
    assert chart["point_type"].tolist() == r["point_type"]
    rules = [None if pd.isna(v) else v for v in chart["rule"].tolist()]
    assert rules == [_rule_of(t) for t in r["type"]]


# test-ptd_calculate_point_type.R, "ptd_seven_point_one_side_mean works as expected" with
# ptd_part_of_seven_trend applied (its flags are the points in the run).
@pytest.mark.parametrize(
    ("sides", "expected"),
    [
        ([], []),
        ([1] * 6, [0] * 6),
        ([1] * 6 + [-1], [0] * 7),
        ([1] * 8 + [-1], [1] * 8 + [0]),
        ([-1] * 8 + [1], [1] * 8 + [0]),
    ],
)
def test_r_seven_point_one_side_mean(sides: list[int], expected: list[int]) -> None:
    side = np.array(sides, dtype=np.int8)
    flags = spc.rules._shift(side, np.zeros(1, dtype=np.int64))
    assert flags.astype(int).tolist() == expected


# test-ptd_calculate_point_type.R, "ptd_seven_point_trend works as expected": the R function
# marks the seventh point of a trend (1 rising, -1 falling); ptd_part_of_seven_trend then
# flags that point and the six before it.
@pytest.mark.parametrize(
    ("y", "r_end"),
    [
        ([], []),
        ([1, 2, 3, 4, 5, 6], [0] * 6),
        ([1, 2, 3, 3, 4, 5, 6], [0] * 7),
        ([1, 2, 3, 4, 5, 6, 7], [0] * 6 + [1]),
        ([2, 1, 2, 3, 4, 5, 6, 7, 3], [0] * 7 + [1, 0]),
        ([7, 6, 5, 4, 3, 2, 1], [0] * 6 + [-1]),
        ([2, 7, 6, 5, 4, 3, 2, 1, 3], [0] * 7 + [-1, 0]),
    ],
)
def test_r_seven_point_trend(y: list[float], r_end: list[int]) -> None:
    flags, direction = spc.rules._trend(np.array(y, dtype=float), np.zeros(1, dtype=np.int64))
    ends = [i for i, v in enumerate(r_end) if v]
    expected = [any(e - 6 <= i <= e for e in ends) for i in range(len(y))]
    assert flags.tolist() == expected
    assert set(direction[flags].tolist()) <= {r_end[e] for e in ends}


# test-ptd_calculate_point_type.R, "ptd_two_in_three works as expected" (same side) and "...
# when points are on opposite sides of the mean"; ptd_part_of_two_in_three keeps the close
# points of a window that fires, so the flags are (R result) & close.
@pytest.mark.parametrize(
    ("close", "rtm", "r_result"),
    [
        ([0, 0, 0], [0, 0, 0], [0, 0, 0]),
        ([1, 0, 1], [1, 1, 1], [1, 1, 1]),
        ([0, 1, 1], [1, 1, 1], [1, 1, 1]),
        ([1, 1, 0], [1, 1, 1], [1, 1, 1]),
        ([0, 0, 1, 0, 1, 0, 0], [1] * 7, [0, 0, 1, 1, 1, 0, 0]),
        ([0, 0, 1, 1, 0, 0, 0], [1] * 7, [0, 1, 1, 1, 1, 0, 0]),
        ([1, 0, 1], [1, -1, 1], [0, 0, 0]),
        ([0, 1, 1], [1, -1, 1], [0, 0, 0]),
        ([1, 1, 0], [1, -1, 1], [0, 0, 0]),
        ([0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], [0] * 7),
        ([0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], [0] * 7),
        # "ptd_part_of_two_in_three works as expected": cases h and i
        ([1, 0, 0, 1], [1] * 4, [0, 0, 0, 0]),
        ([1, 0, 0, 1, 1], [1] * 5, [0, 0, 1, 1, 1]),
    ],
)
def test_r_two_in_three(close: list[int], rtm: list[int], r_result: list[int]) -> None:
    n = len(close)
    start = np.zeros(n, dtype=np.bool_)
    start[:1] = True
    flags = spc.rules._two_in_three(
        np.array(close, dtype=bool), np.array(rtm, dtype=np.int8), start
    )
    assert flags.astype(int).tolist() == [r & c for r, c in zip(r_result, close, strict=True)]


# test-ptd_spc_standard.R: "it only reports special cause for 2 of 3 points close to limits
# when they are on the same side of the mean".
def test_r_two_close_points_on_opposite_sides_are_common_cause() -> None:
    data = [1.0, -1.0] * 8
    data[14], data[15] = 5.5, -5.5
    chart = xmr(
        pd.DataFrame({"data": data, "date": pd.date_range("2020-01-02", periods=16)}),
        value="data",
        date="date",
    )
    assert chart["point_type"].iloc[-2:].tolist() == ["common_cause", "common_cause"]


# R's rnorm(20) after set.seed(123), the data of test-ptd_spc_standard.R and test-ptd_spc.R.
RNORM_123 = [
    -0.56047565,
    -0.23017749,
    1.55870831,
    0.07050839,
    0.12928774,
    1.71506499,
    0.46091621,
    -1.26506123,
    -0.68685285,
    -0.44566197,
    1.22408180,
    0.35981383,
    0.40077145,
    0.11068272,
    -0.55584113,
    1.78691314,
    0.49785048,
    -1.96661716,
    0.70135590,
    -0.47279141,
]


def test_r_published_limits_of_the_rnorm_example() -> None:
    # _snaps/ptd_spc_standard.md and _snaps/ptd_spc.md print mean 0.142, lpl -3.01, upl 3.29
    # for all 20 points; per facet (10 points each) 0.0746 / -2.60 / 2.75 and 0.209 / -3.28
    # / 3.70; every point common cause.
    cases = [
        (RNORM_123, (0.142, -3.01, 3.29)),
        (RNORM_123[:10], (0.0746, -2.60, 2.75)),
        (RNORM_123[10:], (0.209, -3.28, 3.70)),
    ]
    for values, (mean, lpl, upl) in cases:
        chart = chart_of(values)
        assert float(chart["mean"].iloc[0]) == pytest.approx(mean, abs=5e-4 if mean < 0.1 else 5e-3)
        assert float(chart["lpl"].iloc[0]) == pytest.approx(lpl, abs=5e-3)
        assert float(chart["upl"].iloc[0]) == pytest.approx(upl, abs=5e-3)
        assert set(chart["point_type"]) == {"common_cause"}


def test_r_screening_changes_the_limits_of_the_rnorm_example() -> None:
    # test-ptd_spc_standard.R "it returns expected values": y[15] <- 10; screened and
    # unscreened limits differ from the original and each other, unscreened the wider.
    values = list(RNORM_123)
    values[14] = 10
    r1, r2, r3 = chart_of(RNORM_123), chart_of(values), chart_of(values, screen_outliers=False)
    for a, b in [(r1, r2), (r1, r3), (r2, r3)]:
        assert float(a["lpl"].iloc[0]) != float(b["lpl"].iloc[0])
        assert float(a["upl"].iloc[0]) != float(b["upl"].iloc[0])
    width = [float(c["upl"].iloc[0] - c["lpl"].iloc[0]) for c in (r2, r3)]
    assert width[1] > width[0]


def test_a_peak_shared_by_two_trends_is_labelled_as_the_r_code_does() -> None:
    # Rising for seven points then falling for seven: the peak (row 18) is in both trends;
    # ptd_special_cause_type reads the step to the next point, so the peak counts as falling
    # (a concern when up is good).
    up = [10.4, 10.6, 10.8, 11.0, 11.2, 11.4, 11.6]
    values = [*BASE_DOWN, *up, *up[-2::-1], *BASE_DOWN]
    chart = chart_of(values)
    assert (chart["rule"].iloc[12:25] == "trend").all()
    assert set(chart["point_type"].iloc[12:18]) == {"special_cause_improvement"}
    assert chart["point_type"].iloc[18] == "special_cause_concern"
    assert set(chart["point_type"].iloc[19:25]) == {"special_cause_concern"}


def test_a_point_beyond_a_limit_is_not_close_to_it() -> None:
    # One point beyond the process limit and one beyond the near limit: the first is not
    # "close", so two in three does not fire (the old rule counted it).
    chart = chart_of([*([10, 12] * 10), 25, 12, 15.5, *([12, 10] * 10)])
    _, _, upl, near_upl = (float(chart[c].iloc[0]) for c in ("mean", "lpl", "upl", "near_upl"))
    assert upl < 25
    assert near_upl < 15.5 < upl
    assert fired(chart)["two_in_three"] == []
    assert fired(chart)["outside_limits"] == [20]


# --------------------------------------------------------------------- missing values


def test_missing_values_keep_their_gap() -> None:
    values = [10.0, 12, 11, np.nan, 13, 10, 12, 11, 10, 12, 11, 13, 10]
    chart = chart_of(values)
    present = [v for v in values if not np.isnan(v)]
    ranges = [abs(b - a) for a, b in itertools.pairwise(values) if not np.isnan(a + b)]
    assert float(chart["mean"].iloc[0]) == pytest.approx(sum(present) / len(present))
    assert np.isnan(chart["moving_range"].iloc[3])
    assert np.isnan(chart["moving_range"].iloc[4])
    amr = sum(ranges) / len(ranges)
    assert float(chart["upl"].iloc[0]) == pytest.approx(sum(present) / len(present) + 2.66 * amr)
    assert chart["point_type"].iloc[3] == "common_cause"
    assert not chart["special_cause"].iloc[3]
    assert np.isnan(chart["value"].iloc[3])
    assert len(chart) == len(values)


@pytest.mark.parametrize(
    ("values", "fill"),
    [
        ([*BASE_DOWN, 11.6, 11.9, 11.6, np.nan, 11.9, 11.6, 11.9, 11.6, *BASE_DOWN], 11.75),
        ([*BASE_UP, 10.2, 10.5, 10.8, np.nan, 11.4, 11.7, 12.0, 12.3, *BASE_DOWN], 11.1),
        ([*([10, 12] * 10), 15.5, np.nan, 15.5, *([12, 10] * 10)], 12),
    ],
    ids=["shift", "trend", "two_in_three"],
)
def test_a_missing_value_breaks_every_run(values: list[float], fill: float) -> None:
    chart = chart_of(values)
    assert not chart["special_cause"].any()
    filled = chart_of([fill if np.isnan(v) else v for v in values])
    assert filled["special_cause"].any()  # the same series without the gap signals


# --------------------------------------------------------------------- any dataframe


def _backends(data: pd.DataFrame) -> dict[str, object]:
    import polars as pl
    import pyarrow as pa

    return {
        "polars": pl.from_pandas(data),
        "pyarrow": pa.Table.from_pandas(data, preserve_index=False),
        "polars-lazy": pl.from_pandas(data).lazy(),
    }


def test_polars_and_pyarrow_give_identical_charts() -> None:
    rng = np.random.default_rng(7)
    values = rng.normal(20, 3, 40)
    values[[5, 17]] = np.nan
    data = pd.DataFrame({"month": pd.date_range("2022-01-01", periods=40, freq="MS"), "v": values})
    expected = xmr(data, value="v", date="month", rebase_at="2023-06-01", improvement="decrease")
    for name, native in _backends(data).items():
        chart = xmr(native, value="v", date="month", rebase_at="2023-06-01", improvement="decrease")
        kind = "pyarrow" if name == "pyarrow" else "polars"
        assert type(chart).__module__.split(".")[0] == kind, name
        back = chart.to_pandas()
        pd.testing.assert_frame_equal(
            back.drop(columns=["date", "rule", "point_type"]),
            expected.drop(columns=["date", "rule", "point_type"]),
            check_dtype=False,
        )
        for column in ("rule", "point_type"):
            assert back[column].astype(object).where(back[column].notna(), None).tolist() == (
                expected[column].astype(object).where(expected[column].notna(), None).tolist()
            ), name
        summary = xmr_summary(chart, improvement="decrease", target=18)
        assert summary == xmr_summary(expected, target=18)
        runs = run_chart(native, value="v", date="month")
        assert str(runs) == str(run_chart(data, value="v", date="month"))


def test_calendar_dates_come_back_as_dates_in_polars_and_pyarrow() -> None:
    import polars as pl

    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(20)]
    native = pl.DataFrame({"day": days, "v": [10.0, 12.0, 11.0, 13.0] * 5})
    expected = xmr(
        pd.DataFrame({"day": pd.to_datetime(days), "v": native["v"]}), value="v", date="day"
    )

    charted = xmr(native, value="v", date="day")
    assert charted.schema["date"] == pl.Date
    assert charted["date"].to_list() == days
    arrow = xmr(native.to_arrow(), value="v", date="day")  # pyarrow's date32 was refused
    assert str(arrow.schema.field("date").type) == "date32[day]"
    assert arrow.column("date").to_pylist() == days
    assert charted["upl"].to_list() == pytest.approx(expected["upl"].tolist())
    timestamps = native.with_columns(pl.col("day").cast(pl.Datetime("us")))
    assert xmr(timestamps, value="v", date="day").schema["date"] == pl.Datetime("us")


def test_a_polars_chart_without_settings_needs_improvement_for_a_target() -> None:
    import polars as pl

    chart = xmr(pl.DataFrame({"v": [10.0, 12] * 6}), value="v")
    with pytest.raises(ValueError, match="pass improvement="):
        xmr_summary(chart, target=11)
    with pytest.raises(ValueError, match=r"value='w' is not a column.*\['v'\]"):
        xmr(pl.DataFrame({"v": [1.0, 2, 3]}), value="w")


# --------------------------------------------------------------------- irregular dates


def test_working_days_are_a_regular_series() -> None:
    days = pd.bdate_range("2025-01-06", periods=30)  # Monday to Friday, six weeks
    data = frame([10, 12] * 15, day=days)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xmr(data, value="v", date="day")
        run_chart(data, value="v", date="day")
    gappy = frame([10, 12] * 14 + [11], day=days.delete(12))  # a Wednesday is missing
    with pytest.warns(IrregularDatesWarning, match="1 gap"):
        xmr(gappy, value="v", date="day")


def test_xmr_signals_one_row_per_run() -> None:
    """A shift of twelve points is one signal, with its start, end and rules."""
    from toolkit.analytics.spc import xmr_signals

    values = [20.0, 22, 19, 21, 20, 23, 21, 20, 22, 19, 12, 11, 12, 10, 11, 12, 11, 10, 12, 11]
    weeks = pd.date_range("2025-01-06", periods=len(values), freq="W-MON")
    chart = xmr(
        pd.DataFrame({"w": weeks, "v": values}), value="v", date="w", improvement="decrease"
    )
    signals = xmr_signals(chart)
    lower = signals[signals["reading"] == "improvement"]
    assert len(lower) == 1
    row = lower.iloc[0]
    assert row["start"] == pd.Timestamp("2025-03-17")
    assert row["end"] == weeks[-1]
    assert row["points"] == 10
    assert "a run of eight or more points on one side of the mean" in row["rules"]


def test_xmr_signals_empty_for_a_stable_process() -> None:
    from toolkit.analytics.spc import xmr_signals

    chart = xmr(pd.DataFrame({"v": [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5]}), value="v")
    assert xmr_signals(chart).empty
    assert list(xmr_signals(chart).columns) == ["start", "end", "points", "reading", "rules"]


def test_xmr_signals_names_missing_columns() -> None:
    from toolkit.analytics.spc import xmr_signals

    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['rule', 'point_type'\]"):
        xmr_signals(pd.DataFrame({"v": [1.0]}))
