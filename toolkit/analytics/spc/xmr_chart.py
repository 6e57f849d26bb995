"""The XmR process behaviour chart: limits, rebasing, the four rules and each point's type."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from toolkit.analytics.spc.inputs import (
    Direction,
    IntArray,
    TrialLimitsWarning,
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
    SHIFT_POINTS,
    _run_lengths,
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
    with np.errstate(over="ignore", invalid="ignore"):
        lpl, upl = mean - half, mean + half
        near_lpl, near_upl = mean - near, mean + near
    if not (np.all(np.isfinite(lpl)) and np.all(np.isfinite(upl))):
        raise ValueError(
            f"value: the limits of {value!r} overflow (values or moving ranges near "
            f"{np.finfo(float).max:.1e}); rescale the values, e.g. to thousands or millions"
        )

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
