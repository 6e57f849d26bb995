"""Is it really better? XmR process behaviour charts and run-chart rules.

A measure that moves from one month to the next has not necessarily changed: every process
wobbles. This module tells a signal from that noise the way NHS England's "Making Data Count"
made standard:

* :func:`xmr` draws the limits of an XmR (individuals and moving range) chart, applies four
  rules for special-cause variation in order of precedence, and names each point's type
  (improvement, concern, neutral high or low, or common cause);
* :func:`xmr_summary` reads the chart as a whole: the variation verdict from the latest point
  and the assurance verdict against a target;
* :func:`run_chart` applies Anhøj's two run-chart rules (an unusually long run, unusually few
  crossings of the median), and :func:`anhoej_thresholds` gives their published thresholds.

Everything is vectorised with numpy, so a chart of a million points takes well under a second.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "POINT_TYPES",
    "RULES",
    "IrregularDatesWarning",
    "RunChart",
    "TrialLimitsWarning",
    "XmrSummary",
    "anhoej_thresholds",
    "run_chart",
    "xmr",
    "xmr_summary",
]

Direction = Literal["increase", "decrease", "neutral"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: Process limits sit this many mean moving ranges from the mean (3 / 1.128, rounded).
LIMIT_FACTOR = 2.66
#: Near limits sit two thirds of the way out to the process limits.
NEAR_FACTOR = LIMIT_FACTOR * 2 / 3
#: Moving ranges at or above this many mean moving ranges are screened out of the limits.
SCREEN_FACTOR = 3.267
#: Points in a trend (six strict steps up or down in a row).
TREND_POINTS = 7
#: Points in a shift (all on one side of the mean).
SHIFT_POINTS = 7
#: Fewer baseline points than this give trial limits.
MIN_POINTS = 12

#: The special-cause rules, in order of precedence: when several fire on a point, the first
#: one decides the point's type.
RULES: tuple[str, ...] = ("outside_limits", "trend", "two_in_three", "shift")
#: Every value of the ``point_type`` column.
POINT_TYPES: tuple[str, ...] = (
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
    "common_cause",
)

_VARIATION_TEXT = {
    "special_cause_improvement": "special cause variation: improvement",
    "special_cause_concern": "special cause variation: concern",
    "special_cause_neutral_high": "special cause variation: unusually high (neutral)",
    "special_cause_neutral_low": "special cause variation: unusually low (neutral)",
    "common_cause": "common cause variation: no signal, the process is only wobbling",
}
_ASSURANCE_TEXT = {
    "consistent_pass": "will reliably hit the target",
    "consistent_fail": "will reliably miss the target",
    "inconsistent": "will hit and miss the target at random",
}


class TrialLimitsWarning(UserWarning):
    """The limits rest on fewer than 12 points, so they are trial limits."""


class IrregularDatesWarning(UserWarning):
    """The dates have gaps: points are charted in order as if none were missing."""


# --------------------------------------------------------------------------- validation


def _check_frame(data: Any, func: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"{func}() expects a pandas DataFrame as data, got {type(data).__name__}")
    if data.empty:
        raise ValueError(
            f"{func}() got an empty DataFrame (columns {list(data.columns)}); "
            "expected one row per point in time"
        )
    return data


def _column(data: pd.DataFrame, name: str, argument: str, expected: str) -> pd.Series:
    if not isinstance(name, str):
        raise ValueError(f"{argument} must be a column name, got {name!r}; expected {expected}")
    if name not in data.columns:
        raise ValueError(
            f"{argument}={name!r} is not a column of the frame; the frame has columns "
            f"{list(data.columns)}; expected {expected}"
        )
    if list(data.columns).count(name) > 1:
        raise ValueError(f"{argument}={name!r} names more than one column; expected {expected}")
    return data[name]


def _values(data: pd.DataFrame, value: str) -> FloatArray:
    expected = "a numeric column of the measure to chart"
    column = _column(data, value, "value", expected)
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise ValueError(
            f"value column {value!r} has dtype {dtype}; expected {expected} "
            "(convert it with pandas.to_numeric first)"
        )
    y = column.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(y)
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(
            f"value column {value!r} has {int(bad.sum())} missing or infinite value(s), the "
            f"first at row {first} (index {data.index[first]!r}); expected a finite number for "
            "every point: drop or fill them first"
        )
    return y


@dataclass(frozen=True)
class _Axis:
    """The x axis as numbers that can be compared: ns since the epoch, or plain numbers."""

    numbers: FloatArray
    kind: Literal["datetime", "numeric", "position"]
    tz: Any = None


def _axis(data: pd.DataFrame, date: str | None) -> _Axis:
    n = len(data)
    if date is None:
        return _Axis(np.arange(n, dtype=np.float64), "position")
    expected = "a column of dates (datetime64 or Period) or ordered numbers, one per point"
    column = _column(data, date, "date", expected)
    if column.isna().any():
        first = int(np.argmax(column.isna().to_numpy()))
        raise ValueError(
            f"date column {date!r} has {int(column.isna().sum())} missing value(s), the first "
            f"at row {first}; expected {expected}"
        )
    tz = None
    if isinstance(column.dtype, pd.PeriodDtype):
        column = column.dt.to_timestamp()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        tz = getattr(column.dtype, "tz", None)
        if tz is not None:
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        ns = column.astype("datetime64[ns]").to_numpy().view(np.int64)
        numbers = ns.astype(np.float64)
        kind: Literal["datetime", "numeric"] = "datetime"
    elif pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
        column.dtype
    ):
        numbers = column.to_numpy(dtype=np.float64)
        kind = "numeric"
    else:
        raise ValueError(
            f"date column {date!r} has dtype {column.dtype}; expected {expected} "
            "(convert text with pandas.to_datetime first)"
        )
    steps = np.diff(numbers)
    if (steps <= 0).any():
        first = int(np.argmax(steps <= 0))
        what = "repeats" if steps[first] == 0 else "goes back in time"
        raise ValueError(
            f"date column {date!r} must be strictly increasing, but it {what} at row "
            f"{first + 1} ({column.iloc[first]!r} then {column.iloc[first + 1]!r}); sort the "
            "frame by date and aggregate duplicate dates first"
        )
    if len(steps) >= 2:
        typical = float(np.median(steps))
        gaps = steps > 1.5 * typical
        if gaps.any():
            first = int(np.argmax(gaps))
            warnings.warn(
                f"date column {date!r} has {int(gaps.sum())} gap(s) longer than 1.5 times the "
                f"usual spacing, the first between {column.iloc[first]!r} and "
                f"{column.iloc[first + 1]!r}; points are charted in order as if nothing were "
                "missing. Fill or aggregate the series to a regular period to avoid this.",
                IrregularDatesWarning,
                stacklevel=3,
            )
    return _Axis(numbers, kind, tz)


def _position_of(axis: _Axis, when: Any) -> int:
    """Return the first position at or after ``when`` on the axis."""
    if axis.kind == "position":
        if isinstance(when, bool) or not isinstance(when, int | np.integer):
            raise ValueError(
                f"rebase_at={when!r}: without a date column, rebase points are row positions "
                "(integers); pass date=... to rebase at dates"
            )
        return int(when)
    if axis.kind == "datetime":
        try:
            if isinstance(when, pd.Period):
                when = when.to_timestamp()
            stamp = pd.Timestamp(when)
        except (TypeError, ValueError) as error:
            raise ValueError(f"rebase_at={when!r} is not a date: {error}") from None
        if stamp.tzinfo is None and axis.tz is not None:
            stamp = stamp.tz_localize(axis.tz)
        if stamp.tzinfo is not None:
            if axis.tz is None:
                raise ValueError(f"rebase_at={when!r} has a time zone but the date column has none")
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        number = float(stamp.as_unit("ns").value)
    else:
        if isinstance(when, bool) or not isinstance(when, int | float | np.number):
            raise ValueError(f"rebase_at={when!r}: the date column is numeric; expected numbers")
        number = float(when)
    return int(np.searchsorted(axis.numbers, number, side="left"))


def _segment_starts(axis: _Axis, rebase_at: Any, n: int) -> IntArray:
    if rebase_at is None:
        return np.zeros(1, dtype=np.int64)
    items: Iterable[Any]
    if isinstance(rebase_at, str) or not isinstance(rebase_at, Iterable):
        items = [rebase_at]
    else:
        items = rebase_at
    starts = [0]
    for when in items:
        position = _position_of(axis, when)
        if position <= 0 or position >= n:
            raise ValueError(
                f"rebase_at={when!r} falls outside the series (it would start a segment at row "
                f"{position} of {n}); expected a date after the first point and on or before "
                "the last"
            )
        starts.append(position)
    ordered = sorted(starts)
    if len(set(ordered)) != len(ordered):
        raise ValueError(
            f"rebase_at={rebase_at!r} gives two rebase points that start at the same row; "
            "expected distinct dates with at least one point between them"
        )
    return np.asarray(ordered, dtype=np.int64)


def _check_improvement(improvement: Any) -> Direction:
    allowed = get_args(Direction)
    if improvement not in allowed:
        raise ValueError(
            f"improvement={improvement!r} is not one of {list(allowed)}: say whether an "
            "increase or a decrease is good, or 'neutral' when neither is"
        )
    return improvement  # type: ignore[no-any-return]


def _check_target(target: Any) -> float | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, int | float | np.number):
        raise ValueError(f"target={target!r} must be a number (or None for no target)")
    if not math.isfinite(float(target)):
        raise ValueError(f"target={target!r} must be a finite number")
    return float(target)


# --------------------------------------------------------------------------- run helpers


def _run_lengths(keys: npt.NDArray[np.int64]) -> IntArray:
    """Length of the run of equal keys each element belongs to; 0 where the key is 0."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    change = np.empty(len(keys), dtype=np.bool_)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    run_id = np.cumsum(change) - 1
    lengths = np.bincount(run_id).astype(np.int64)
    out: IntArray = lengths[run_id]
    out[keys == 0] = 0
    return out


def _trend(y: FloatArray, segment: IntArray) -> tuple[BoolArray, IntArray]:
    """Points in a run of TREND_POINTS or more strictly rising (or falling) values."""
    n = len(y)
    flag = np.zeros(n, dtype=np.bool_)
    direction = np.zeros(n, dtype=np.int64)
    if n < TREND_POINTS:
        return flag, direction
    step = np.sign(np.diff(y)).astype(np.int64)
    step[segment[1:] != segment[:-1]] = 0  # a trend never crosses a rebase
    keys = step * (segment[1:] + 1)
    long = _run_lengths(keys) >= TREND_POINTS - 1
    # A step joins the point before it and the point after it. Where a rising trend ends at a
    # peak that starts a falling trend, the peak keeps the direction of the trend that arrives.
    flag[1:] |= long
    direction[1:] = np.where(long, step, 0)
    starts = long & ~flag[:-1]
    flag[:-1] |= long
    direction[:-1] = np.where(starts & (direction[:-1] == 0), step, direction[:-1])
    return flag, direction


def _two_in_three(near_side: IntArray, segment: IntArray) -> BoolArray:
    """Points beyond a near limit with another beyond it on the same side in a window of 3."""
    n = len(near_side)
    flag = np.zeros(n, dtype=np.bool_)
    if n < 3:
        return flag
    same_segment = segment[2:] == segment[:-2]
    for side in (1, -1):
        beyond = (near_side == side).astype(np.int8)
        window = beyond[:-2] + beyond[1:-1] + beyond[2:]
        hit = (window >= 2) & same_segment  # hit[i]: the window starting at point i fires
        covered = np.zeros(n, dtype=np.bool_)
        covered[:-2] |= hit
        covered[1:-1] |= hit
        covered[2:] |= hit
        flag |= covered & (beyond == 1)
    return flag


# --------------------------------------------------------------------------- xmr


def xmr(
    data: pd.DataFrame,
    *,
    value: str,
    date: str | None = None,
    improvement: Direction = "increase",
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Any = None,
    screen_outliers: bool = True,
) -> pd.DataFrame:
    """Compute an XmR process behaviour chart in the "Making Data Count" style.

    The centre line is the mean; the process limits sit 2.66 mean moving ranges either side of
    it and the near limits two thirds of the way out. Four rules find special-cause variation,
    in order of precedence (the first that fires on a point decides its type):

    1. ``outside_limits``: a point above the upper or below the lower process limit;
    2. ``trend``: seven points in a row each strictly higher (or lower) than the one before;
       a tie breaks the trend;
    3. ``two_in_three``: two of three consecutive points beyond the same near limit (a point
       beyond a process limit is beyond the near limit too; the third point may be anywhere);
    4. ``shift``: seven points in a row on the same side of the mean; a point on the mean
       breaks the run.

    A point flagged by a rule takes its direction from the side of the mean it is on, except
    under a trend, where the direction of the trend decides.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per point in time, in date order.
    value : str
        The numeric column to chart (for example a monthly median time to resolve).
    date : str, optional
        The column of dates (datetime64 or Period) or ordered numbers. It must be strictly
        increasing. Gaps longer than 1.5 times the usual spacing raise an
        :class:`IrregularDatesWarning`: the points are charted in order regardless, so fill or
        aggregate to a regular period first. Without it, points are numbered by row.
    improvement : {"increase", "decrease", "neutral"}, default "increase"
        Which direction is good; "neutral" labels signals high or low instead.
    target : float, optional
        A target the measure should meet; kept for :func:`xmr_summary` and the plot.
    fix_after : int, optional
        Compute the limits from the first ``fix_after`` points of each segment only and apply
        them to the rest, so later points are judged against the baseline. At least 2.
    rebase_at : date, int or sequence of them, optional
        Start a new segment, with limits of its own, at the first point on or after each date
        (row positions when there is no ``date`` column). Rebase only at a known change in the
        process, after a rule has confirmed it.
    screen_outliers : bool, default True
        Drop moving ranges of at least 3.267 mean moving ranges before computing the limits,
        so one freak jump does not widen them.

    Returns
    -------
    pandas.DataFrame
        One row per point with the input's index: ``date`` (when given), ``value``,
        ``moving_range`` (missing at the start of each segment), ``segment`` (0, 1, ... from
        each rebase), ``mean``, ``lpl``, ``upl``, ``near_lpl``, ``near_upl``, a boolean column
        per rule (``outside_limits``, ``trend``, ``two_in_three``, ``shift``),
        ``special_cause`` (any rule fired), ``rule`` (the rule that decided the point's type,
        missing for common cause) and ``point_type`` (one of :data:`POINT_TYPES`). The
        settings are kept in ``.attrs`` for :func:`xmr_summary` and ``plot_xmr``.

    Raises
    ------
    ValueError
        If ``data`` is not a non-empty DataFrame, a column is missing or of the wrong type,
        a value is missing or infinite, the dates are not strictly increasing, or an argument
        is impossible (an unknown ``improvement``, ``fix_after`` below 2, a rebase date
        outside the series, a segment of one point).

    Warns
    -----
    TrialLimitsWarning
        When a segment's limits rest on fewer than 12 points.
    IrregularDatesWarning
        When the dates have gaps.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"minutes": [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15]})
    >>> chart = xmr(frame, value="minutes", improvement="decrease")
    >>> round(float(chart["upl"].iloc[0]), 2)
    9.36
    >>> chart["point_type"].iloc[-1]
    'special_cause_concern'
    """
    data = _check_frame(data, "xmr")
    y = _values(data, value)
    improvement = _check_improvement(improvement)
    target = _check_target(target)
    if fix_after is not None and (
        isinstance(fix_after, bool) or not isinstance(fix_after, int | np.integer) or fix_after < 2
    ):
        raise ValueError(
            f"fix_after={fix_after!r} must be a whole number of points, at least 2 (limits need "
            "a moving range), or None to use every point"
        )
    n = len(y)
    axis = _axis(data, date)
    starts = _segment_starts(axis, rebase_at, n)
    ends = np.append(starts[1:], n)
    lengths = ends - starts
    if (lengths < 2).any():
        short = int(starts[int(np.argmax(lengths < 2))])
        raise ValueError(
            f"the segment starting at row {short} has a single point; a segment needs at least "
            f"2 points for a moving range (the series has {n} point(s)): rebase later or not at "
            "all"
        )
    segment = np.repeat(np.arange(len(starts), dtype=np.int64), lengths)

    moving_range = np.empty(n, dtype=np.float64)
    moving_range[0] = np.nan
    moving_range[1:] = np.abs(np.diff(y))
    moving_range[starts] = np.nan

    seg_mean = np.empty(len(starts))
    seg_amr = np.empty(len(starts))
    trial: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        stop = end if fix_after is None else min(end, start + int(fix_after))
        seg_mean[i] = y[start:stop].mean()
        ranges = moving_range[start + 1 : stop]
        amr = float(ranges.mean())
        if screen_outliers and amr > 0:
            amr = float(ranges[ranges < SCREEN_FACTOR * amr].mean())
        seg_amr[i] = amr
        if stop - start < MIN_POINTS:
            trial.append((start, stop - start))
    if trial:
        where = ", ".join(f"segment from row {s} ({k} points)" for s, k in trial)
        warnings.warn(
            f"limits rest on fewer than {MIN_POINTS} points ({where}): they are trial limits, "
            "likely to move as more data arrive",
            TrialLimitsWarning,
            stacklevel=2,
        )

    mean = seg_mean[segment]
    half = LIMIT_FACTOR * seg_amr[segment]
    near = NEAR_FACTOR * seg_amr[segment]
    lpl, upl = mean - half, mean + half
    near_lpl, near_upl = mean - near, mean + near

    side = np.sign(y - mean).astype(np.int64)
    near_side = np.where(y > near_upl, 1, np.where(y < near_lpl, -1, 0)).astype(np.int64)
    outside = (y > upl) | (y < lpl)
    trend, trend_direction = _trend(y, segment)
    two = _two_in_three(near_side, segment)
    shift = _run_lengths(side * (segment + 1)) >= SHIFT_POINTS

    flags = [outside, trend, two, shift]
    rule_code = np.select(flags, [0, 1, 2, 3], default=-1).astype(np.int8)
    direction = np.select(flags, [side, trend_direction, near_side, side], default=0)
    if improvement == "neutral":
        by_direction = np.where(direction > 0, 2, 3)
    else:
        good = 1 if improvement == "increase" else -1
        by_direction = np.where(direction == good, 0, 1)
    type_code: npt.NDArray[np.int8] = np.where(rule_code < 0, 4, by_direction).astype(np.int8)

    columns: dict[str, Any] = {
        "value": y,
        "moving_range": moving_range,
        "segment": segment,
        "mean": mean,
        "lpl": lpl,
        "upl": upl,
        "near_lpl": near_lpl,
        "near_upl": near_upl,
        "outside_limits": outside,
        "trend": trend,
        "two_in_three": two,
        "shift": shift,
        "special_cause": rule_code >= 0,
        "rule": pd.Categorical.from_codes(rule_code, dtype=pd.CategoricalDtype(list(RULES))),
        "point_type": pd.Categorical.from_codes(
            type_code, dtype=pd.CategoricalDtype(list(POINT_TYPES))
        ),
    }
    chart = pd.DataFrame(columns, index=data.index)
    if date is not None:
        chart.insert(0, "date", data[date])
    chart.attrs.update(
        kind="xmr",
        value=value,
        date=date,
        improvement=improvement,
        target=target,
        fix_after=fix_after,
        trial_limits=bool(trial),
    )
    return chart


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class XmrSummary:
    """What an XmR chart says as a whole, as the "Making Data Count" icons show it.

    Attributes
    ----------
    variation : str
        The latest point's type (one of :data:`POINT_TYPES`).
    assurance : str or None
        ``"consistent_pass"`` (the whole range between the process limits meets the target),
        ``"consistent_fail"`` (none of it does), ``"inconsistent"`` (the target lies between
        the limits), or None without a target or when improvement is neutral.
    improvement : str
        Which direction is good.
    target : float or None
        The target judged against.
    latest : float
        The latest value.
    mean, lpl, upl : float
        The latest segment's mean and process limits.
    trial_limits : bool
        True when the limits rest on fewer than 12 points.
    """

    variation: str
    assurance: str | None
    improvement: str
    target: float | None
    latest: float
    mean: float
    lpl: float
    upl: float
    trial_limits: bool

    @property
    def variation_text(self) -> str:
        """The variation verdict in words."""
        return _VARIATION_TEXT[self.variation]

    @property
    def assurance_text(self) -> str:
        """The assurance verdict in words (says so when there is none)."""
        if self.assurance is None:
            if self.target is None:
                return "no target, so no assurance"
            return "no assurance: with a neutral measure, neither side of the target is better"
        return _ASSURANCE_TEXT[self.assurance]

    def __str__(self) -> str:
        text = f"Variation: {self.variation_text}. Assurance: {self.assurance_text}"
        if self.assurance is not None:
            text += f" (target {self.target:g}; process limits {self.lpl:.4g} to {self.upl:.4g})"
        text += "."
        if self.trial_limits:
            text += " Trial limits: fewer than 12 points."
        return text


def _assurance(improvement: str, target: float | None, lpl: float, upl: float) -> str | None:
    if target is None or improvement == "neutral":
        return None
    if improvement == "increase":
        if lpl >= target:
            return "consistent_pass"
        if upl < target:
            return "consistent_fail"
    else:
        if upl <= target:
            return "consistent_pass"
        if lpl > target:
            return "consistent_fail"
    return "inconsistent"


def xmr_summary(
    chart: pd.DataFrame,
    *,
    improvement: Direction | None = None,
    target: float | None = None,
) -> XmrSummary:
    """Give the variation and assurance verdicts of a chart made by :func:`xmr`.

    The variation verdict is the latest point's type. The assurance verdict compares the
    target with the latest segment's process limits: when improvement means an increase, a
    lower process limit at or above the target means the process will reliably hit it, an
    upper limit below it means it will reliably miss it, and a target between the limits
    means hit and miss at random (mirrored when a decrease is good).

    Parameters
    ----------
    chart : pandas.DataFrame
        The frame returned by :func:`xmr`.
    improvement : {"increase", "decrease", "neutral"}, optional
        Overrides the direction the chart was made with.
    target : float, optional
        Overrides the chart's target.

    Returns
    -------
    XmrSummary
        The verdicts; ``str()`` of it reads them as a sentence.

    Raises
    ------
    ValueError
        If ``chart`` does not have the columns :func:`xmr` makes, or an argument is impossible.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"rate": [97.0, 98, 99, 98, 97, 98, 99, 98, 97, 98, 99, 98]})
    >>> summary = xmr_summary(xmr(frame, value="rate", target=90))
    >>> summary.variation, summary.assurance
    ('common_cause', 'consistent_pass')
    """
    chart = _check_frame(chart, "xmr_summary")
    needed = ["value", "mean", "lpl", "upl", "point_type"]
    missing = [name for name in needed if name not in chart.columns]
    if missing:
        raise ValueError(
            f"chart lacks the column(s) {missing}; it has columns {list(chart.columns)}; "
            "expected the frame returned by toolkit.xmr"
        )
    chosen = chart.attrs.get("improvement", "increase") if improvement is None else improvement
    chosen = _check_improvement(chosen)
    goal = _check_target(chart.attrs.get("target") if target is None else target)
    last = chart.iloc[-1]
    lpl, upl = float(last["lpl"]), float(last["upl"])
    return XmrSummary(
        variation=str(last["point_type"]),
        assurance=_assurance(chosen, goal, lpl, upl),
        improvement=chosen,
        target=goal,
        latest=float(last["value"]),
        mean=float(last["mean"]),
        lpl=lpl,
        upl=upl,
        trial_limits=bool(chart.attrs.get("trial_limits", False)),
    )


# --------------------------------------------------------------------------- run charts


def anhoej_thresholds(n: int) -> tuple[int, int]:
    """Return Anhøj's run-chart thresholds for ``n`` useful observations.

    A run chart signals when its longest run is longer than the first number, or when it
    crosses the median fewer times than the second. The longest-run limit is
    ``round(log2(n)) + 3``; the crossings limit is the 5th percentile of a binomial
    distribution with ``n - 1`` trials and probability 0.5, computed exactly with integers.

    Parameters
    ----------
    n : int
        Useful observations: the points not on the median. At least 1.

    Returns
    -------
    tuple of int
        ``(longest_run_max, crossings_min)``.

    Raises
    ------
    ValueError
        If ``n`` is not a whole number of at least 1.

    Examples
    --------
    >>> anhoej_thresholds(24)
    (8, 8)
    """
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n={n!r} must be a whole number of useful observations, at least 1")
    n = int(n)
    return round(math.log2(n)) + 3, _crossings_min(n - 1)


#: Up to this many trials the crossings threshold is found with exact integer arithmetic.
EXACT_TRIALS = 20_000


@functools.lru_cache(maxsize=1024)
def _crossings_min(trials: int) -> int:
    """The 5th percentile of binomial(trials, 0.5): the smallest k with P(X <= k) >= 0.05."""
    if trials <= EXACT_TRIALS:
        # Exact: 20 * sum(C(m, i) for i <= k) >= 2 ** m, with C(m, 0) = math.comb(m, 0) = 1 and
        # each next coefficient from the exact integer recurrence C(m, k + 1) = C(m, k) (m - k)
        # / (k + 1), which is far faster than calling math.comb for every k.
        total, cumulative, term = 2**trials, 0, math.comb(trials, 0)
        for k in range(trials + 1):
            cumulative += term
            if 20 * cumulative >= total:
                return k
            term = term * (trials - k) // (k + 1)
        return trials  # pragma: no cover - the loop always returns by k = trials
    # Beyond that the integers get slow, so sum the probabilities in floating point from 20
    # standard deviations below the mean (the tail below is far smaller than 1e-80). It agrees
    # with the exact answer wherever both were computed (see the tests).
    half, sd = trials / 2, math.sqrt(trials) / 2
    low = int(half - 20 * sd)
    ks = np.arange(low, int(half) + 2)
    log_first = math.lgamma(trials + 1) - math.lgamma(low + 1) - math.lgamma(trials - low + 1)
    log_steps = np.log(trials - ks[:-1]) - np.log(ks[:-1] + 1)
    log_pmf = log_first + np.concatenate(([0.0], np.cumsum(log_steps))) - trials * math.log(2)
    cdf = np.cumsum(np.exp(log_pmf))
    return int(ks[int(np.argmax(cdf >= 0.05))])


@dataclass(frozen=True)
class RunChart:
    """A run chart and what Anhøj's rules make of it.

    Attributes
    ----------
    points : pandas.DataFrame
        One row per point: ``date`` (when given), ``value``, ``median``, ``useful`` (not on the
        median), ``side`` (+1 above, -1 below, 0 on the median), ``run_length`` (of the run the
        point is in; 0 on the median) and ``long_run`` (part of a run longer than the limit).
    median : float
        The centre line.
    baseline : int
        How many points the median was computed from.
    n_useful : int
        Points not on the median.
    longest_run, longest_run_max : int
        The longest run of useful points on one side of the median, and the most expected.
    crossings, crossings_min : int
        How often the line crosses the median, and the fewest expected.
    """

    points: pd.DataFrame
    median: float
    baseline: int
    n_useful: int
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int

    @property
    def long_run_signal(self) -> bool:
        """True when the longest run is longer than expected by chance."""
        return self.longest_run > self.longest_run_max

    @property
    def few_crossings_signal(self) -> bool:
        """True when the line crosses the median fewer times than expected by chance."""
        return self.crossings < self.crossings_min

    @property
    def signal(self) -> bool:
        """True when either rule finds non-random variation."""
        return self.long_run_signal or self.few_crossings_signal

    def __str__(self) -> str:
        verdict = "non-random variation (a signal)" if self.signal else "random variation only"
        return (
            f"{verdict}: longest run {self.longest_run} (more than {self.longest_run_max} "
            f"signals), crossings {self.crossings} (fewer than {self.crossings_min} signals), "
            f"{self.n_useful} useful observations around a median of {self.median:.4g}."
        )


def run_chart(
    data: pd.DataFrame,
    *,
    value: str,
    date: str | None = None,
    baseline: int | None = None,
) -> RunChart:
    """Apply Anhøj's run-chart rules around the median.

    Points on the median are not useful observations: they neither extend nor break a run and
    are not crossings. A run is a sequence of useful points on the same side of the median; a
    crossing is a step between useful points on opposite sides.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per point in time, in date order.
    value : str
        The numeric column to chart.
    date : str, optional
        The column of dates or ordered numbers; checked as in :func:`xmr`.
    baseline : int, optional
        Compute the median from the first ``baseline`` points only (then judge every point
        against it); all points by default.

    Returns
    -------
    RunChart
        The points, the median, the longest run and crossings with their thresholds, and the
        verdicts (``.signal``).

    Raises
    ------
    ValueError
        For the input errors :func:`xmr` names, for fewer than 2 points, a ``baseline`` out of
        range, or when every point lies on the median.

    Warns
    -----
    TrialLimitsWarning
        With fewer than 10 useful observations, when the rules have little power.

    Examples
    --------
    >>> import pandas as pd
    >>> chart = run_chart(pd.DataFrame({"v": [1.0, 5, 2, 6, 3, 7, 2, 8, 1, 9, 2, 7]}), value="v")
    >>> chart.crossings, chart.crossings_min, chart.signal
    (11, 3, False)
    """
    data = _check_frame(data, "run_chart")
    y = _values(data, value)
    _axis(data, date)
    n = len(y)
    if n < 2:
        raise ValueError(f"run_chart() needs at least 2 points; the frame has {n}")
    if baseline is None:
        baseline = n
    elif isinstance(baseline, bool) or not isinstance(baseline, int | np.integer):
        raise ValueError(f"baseline={baseline!r} must be a whole number of points or None")
    elif not 1 <= baseline <= n:
        raise ValueError(f"baseline={baseline!r} must be between 1 and the {n} points")
    baseline = int(baseline)
    median = float(np.median(y[:baseline]))
    side = np.sign(y - median).astype(np.int64)
    useful = side != 0
    n_useful = int(useful.sum())
    if n_useful == 0:
        raise ValueError(
            f"every value of column {value!r} equals the median {median:g}: there is nothing "
            "to analyse"
        )
    sides = side[useful]
    lengths = _run_lengths(sides)
    longest = int(lengths.max())
    crossings = int(np.count_nonzero(sides[1:] != sides[:-1]))
    longest_max, crossings_min = anhoej_thresholds(n_useful)
    if n_useful < 10:
        warnings.warn(
            f"only {n_useful} useful observations (points off the median): the run-chart rules "
            "need at least 10 to have much power",
            TrialLimitsWarning,
            stacklevel=2,
        )
    run_length = np.zeros(n, dtype=np.int64)
    run_length[useful] = lengths
    columns: dict[str, Any] = {
        "value": y,
        "median": np.full(n, median),
        "useful": useful,
        "side": side,
        "run_length": run_length,
        "long_run": run_length > longest_max,
    }
    points = pd.DataFrame(columns, index=data.index)
    if date is not None:
        points.insert(0, "date", data[date])
    points.attrs.update(kind="run", value=value, date=date)
    return RunChart(
        points=points,
        median=median,
        baseline=baseline,
        n_useful=n_useful,
        longest_run=longest,
        longest_run_max=longest_max,
        crossings=crossings,
        crossings_min=crossings_min,
    )
