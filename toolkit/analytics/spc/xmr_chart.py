"""The XmR process behaviour chart: limits, rebasing, the four rules and each point's type."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any, overload

import numpy as np
import pandas as pd

from toolkit.analytics.spc.inputs import (
    Direction,
    FloatArray,
    IntArray,
    TrialLimitsWarning,
    _as_kind,
    _Axis,
    _axis,
    _check_frame,
    _check_improvement,
    _check_target,
    _values,
)
from toolkit.analytics.spc.rules import (
    LIMIT_FACTOR,
    MIN_POINTS,
    NEAR_FACTOR,
    POINT_TYPES,
    RULES,
    SCREEN_FACTOR,
    _shift,
    _sides,
    _trend,
    _two_in_three,
)


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


@overload
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
) -> pd.DataFrame: ...


@overload
def xmr(
    data: Any,
    *,
    value: str,
    date: str | None = None,
    improvement: Direction = "increase",
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Any = None,
    screen_outliers: bool = True,
) -> Any: ...


def xmr(
    data: Any,
    *,
    value: str,
    date: str | None = None,
    improvement: Direction = "increase",
    target: float | None = None,
    fix_after: int | None = None,
    rebase_at: Any = None,
    screen_outliers: bool = True,
) -> Any:
    """Compute an XmR process behaviour chart in the "Making Data Count" style.

    The centre line is the mean; the process limits sit 2.66 mean moving ranges either side of
    it and the near limits two thirds of the way out. Four rules find special-cause variation,
    exactly as NHSRplotthedots (the NHS-R Community's reference implementation) applies them,
    in order of precedence (the first that fires on a point decides its type):

    1. ``outside_limits``: a point above the upper or below the lower process limit;
    2. ``trend``: seven points in a row each strictly higher (or lower) than the one before;
       a tie breaks the trend;
    3. ``two_in_three``: two of three consecutive points *close to* the same limit (beyond
       the near limit but not beyond the process limit), with all three points on the same
       side of the mean; only the close points are flagged;
    4. ``shift``: seven points in a row on the same side of the mean; a point on the mean
       breaks the run.

    A point flagged by a rule takes its direction from the side of the mean it is on, except
    under a trend, where the trend decides: where a point and the next are both in a trend,
    the step to the next point (so a peak shared by a rising and a falling trend counts as
    falling), otherwise the step from the previous point. Rules never look across a rebase.

    Missing values keep their place as gaps, as in NHSRplotthedots: the mean is of the values
    that exist, a moving range next to a missing value is missing, the limits come from the
    moving ranges that exist, and a missing value breaks every run (no trend, shift or
    two-in-three window spans it). A missing point is common cause.

    One deliberate difference: when every moving range is zero (a constant series), the R
    code's screening leaves the limits undefined; here they stay at zero width. No point is
    flagged either way.

    Parameters
    ----------
    data : DataFrame
        One row per point in time, in date order: pandas, polars, pyarrow, or another frame
        narwhals reads (lazy frames such as a DuckDB relation are collected).
    value : str
        The numeric column to chart (for example a monthly median time to resolve).
    date : str, optional
        The column of dates (datetime64 or Period) or ordered numbers. It must be strictly
        increasing. Gaps longer than 1.5 times the usual spacing raise an
        :class:`IrregularDatesWarning`: the points are charted in order regardless, so fill or
        aggregate to a regular period first. A daily series of working days (Monday to
        Friday) is regular: its spacing is counted in business days. Without it, points are
        numbered by row.
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
    DataFrame
        The caller's kind of frame: pandas for pandas, polars for polars, pyarrow for pyarrow (other
        kinds get pandas). One row per point, with the input's index for pandas: ``date`` (when
        given), ``value``, ``moving_range`` (missing at the start of each segment), ``segment`` (0,
        1, ... from each rebase), ``mean``, ``lpl``, ``upl``, ``near_lpl``, ``near_upl``, a boolean
        column per rule (``outside_limits``, ``trend``, ``two_in_three``, ``shift``),
        ``special_cause`` (any rule fired), ``rule`` (the rule that decided the point's type,
        missing for common cause) and ``point_type`` (one of :data:`POINT_TYPES`). A pandas chart
        keeps the settings in ``.attrs`` for :func:`xmr_summary` and ``plot_xmr``.

    Raises
    ------
    ValueError
        If ``data`` is not a non-empty DataFrame, a column is missing or of the wrong type,
        a value is infinite, a segment has no two consecutive values, the dates are not
        strictly increasing, or an argument is impossible (an unknown ``improvement``,
        ``fix_after`` below 2, a rebase date outside the series, a segment of one point).

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
    frame = _check_frame(data, "xmr", (value, date))
    y = _values(frame, value)
    # The sums behind the mean and the average moving range reach n * 2 * max|y|, and the
    # limits 6.4 * max|y|: refuse values whose sums or limits would overflow to inf.
    finite = np.abs(y[np.isfinite(y)])
    largest = float(finite.max()) if finite.size else 0.0
    if largest > np.finfo(float).max / (2 * len(y) + 8):
        raise ValueError(
            f"value: the limits of {value!r} overflow (a value of {largest:.3g} is near the "
            f"largest number, {np.finfo(float).max:.1e}); rescale the values, e.g. to "
            "thousands or millions"
        )
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
    axis = _axis(frame, date)
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

    # A moving range next to a missing value is missing (NaN propagates), as in the R code.
    moving_range = np.empty(n, dtype=np.float64)
    moving_range[0] = np.nan
    np.subtract(y[1:], y[:-1], out=moving_range[1:])
    np.abs(moving_range, out=moving_range)
    moving_range[starts] = np.nan

    seg_mean, seg_amr, trial = _segment_limits(
        y, moving_range, starts, ends, fix_after, screen_outliers
    )
    if trial:
        where = ", ".join(f"segment from row {s} ({k} points)" for s, k in trial)
        warnings.warn(
            f"limits rest on fewer than {MIN_POINTS} points ({where}): they are trial limits, "
            "likely to move as more data arrive",
            TrialLimitsWarning,
            stacklevel=2,
        )

    mean = seg_mean[segment]
    amr = seg_amr[segment]
    with np.errstate(over="ignore", invalid="ignore"):
        lpl = mean - LIMIT_FACTOR * amr
        upl = mean + LIMIT_FACTOR * amr
        near_lpl = mean - NEAR_FACTOR * amr
        near_upl = mean + NEAR_FACTOR * amr
    del amr
    if np.isinf(lpl).any() or np.isinf(upl).any():
        raise ValueError(
            f"value: the limits of {value!r} overflow (values or moving ranges near "
            f"{np.finfo(float).max:.1e}); rescale the values, e.g. to thousands or millions"
        )

    # ptd_spc_standard: outside the limits, the side of the mean, close to the limits.
    outside = (y > upl) | (y < lpl)
    side = _sides(y, mean)
    close = ~outside & ((y < near_lpl) | (y > near_upl))
    is_start = np.zeros(n, dtype=np.bool_)
    is_start[starts] = True
    trend, trend_direction = _trend(y, starts)
    two = _two_in_three(close, side, is_start)
    del close, is_start
    shift = _shift(side, starts)

    # ptd_special_cause_type: the first rule in RULES that fires decides the point's type;
    # beyond a limit, two in three and a shift take the side of the mean, a trend its own
    # direction.
    rule_code = np.full(n, -1, dtype=np.int8)
    direction = np.zeros(n, dtype=np.int8)
    for code, (fired, way) in reversed(
        list(enumerate([(outside, side), (trend, trend_direction), (two, side), (shift, side)]))
    ):
        rule_code[fired] = code
        direction[fired] = way[fired]
    del trend_direction
    direction[(rule_code >= 0) & (direction == 0)] = -1  # "Below" where not above, as in R
    type_code = np.full(n, 4, dtype=np.int8)
    special = rule_code >= 0
    if improvement == "neutral":
        type_code[special & (direction > 0)] = 2
        type_code[special & (direction < 0)] = 3
    else:
        good = 1 if improvement == "increase" else -1
        type_code[special & (direction == good)] = 0
        type_code[special & (direction != good)] = 1
    del direction

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
        "special_cause": special,
        "rule": pd.Categorical.from_codes(rule_code, dtype=pd.CategoricalDtype(list(RULES))),
        "point_type": pd.Categorical.from_codes(
            type_code, dtype=pd.CategoricalDtype(list(POINT_TYPES))
        ),
    }
    if date is not None:
        columns = {"date": frame.pandas[date], **columns}
    chart = pd.DataFrame(columns, index=frame.pandas.index, copy=False)
    chart.attrs.update(
        kind="xmr",
        value=value,
        date=date,
        improvement=improvement,
        target=target,
        fix_after=fix_after,
        trial_limits=bool(trial),
    )
    return _as_kind(chart, frame.kind, {"date": frame.dtypes.get(date)} if date else None)


def _segment_limits(
    y: FloatArray,
    moving_range: FloatArray,
    starts: IntArray,
    ends: IntArray,
    fix_after: int | None,
    screen_outliers: bool,
) -> tuple[FloatArray, FloatArray, list[tuple[int, int]]]:
    """Each segment's mean and mean moving range, as ``ptd_spc_standard`` computes them.

    The mean is of the values that exist; the mean moving range of the moving ranges that
    exist (none next to a missing value). Screening drops moving ranges of at least 3.267
    mean moving ranges. Returns the segments with trial limits too: (start, points).
    """
    seg_mean = np.empty(len(starts))
    seg_amr = np.empty(len(starts))
    trial: list[tuple[int, int]] = []
    for i, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        stop = end if fix_after is None else min(end, start + int(fix_after))
        values = y[start:stop]
        ranges = moving_range[start + 1 : stop]
        ranges = ranges[~np.isnan(ranges)]
        if len(ranges) == 0:
            raise ValueError(
                f"the segment starting at row {start} has no two consecutive values in its "
                f"first {stop - start} point(s), so no moving range to set limits from; fill "
                "the missing values or rebase elsewhere"
            )
        seg_mean[i] = float(np.nanmean(values))
        amr = float(ranges.mean())
        if screen_outliers and amr > 0:
            # In the R code a series of identical values screens out every moving range and
            # leaves the limits undefined (NaN); here they stay at zero width. The flags agree.
            amr = float(ranges[ranges < SCREEN_FACTOR * amr].mean())
        seg_amr[i] = amr
        if stop - start < MIN_POINTS:
            trial.append((start, stop - start))
    return seg_mean, seg_amr, trial
