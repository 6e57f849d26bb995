"""The special-cause rules of an XmR chart, the constants behind its limits, and runs.

:func:`_run_lengths` measures runs of equal keys; the shift rule and run charts use it too.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from toolkit.analytics.spc.inputs import BoolArray, FloatArray, IntArray

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


def _run_lengths(keys: npt.NDArray[np.int64] | npt.NDArray[np.int8]) -> IntArray:
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


def _long_runs(keys: npt.NDArray[np.int8], starts: IntArray, min_length: int) -> BoolArray:
    """Elements in a run of at least ``min_length`` equal, non-zero keys.

    A run never crosses a segment start (``starts``, the first position of each segment).
    Works on run boundaries, so it allocates little more than one flag per element.
    """
    n = len(keys)
    if n == 0:
        return np.zeros(0, dtype=np.bool_)
    change = np.empty(n, dtype=np.bool_)
    change[0] = True
    np.not_equal(keys[1:], keys[:-1], out=change[1:])
    change[starts[starts < n]] = True
    bounds = np.append(np.flatnonzero(change), n)
    del change
    lengths = np.diff(bounds)
    long = (lengths >= min_length) & (keys[bounds[:-1]] != 0)
    flags: BoolArray = np.repeat(long, lengths)
    return flags


def _sides(y: FloatArray, centre: FloatArray) -> npt.NDArray[np.int8]:
    """+1 above the centre, -1 below it, 0 on it or where the value is missing."""
    side = np.zeros(len(y), dtype=np.int8)
    side[y > centre] = 1
    side[y < centre] = -1
    return side


def _shift(side: npt.NDArray[np.int8], starts: IntArray) -> BoolArray:
    """Points in a run of SHIFT_POINTS or more on the same side of the mean.

    As ``ptd_seven_point_one_side_mean`` and ``ptd_part_of_seven_trend`` in NHSRplotthedots:
    a point on the mean (side 0) or a missing value breaks the run.
    """
    return _long_runs(side, starts, SHIFT_POINTS)


def _trend(y: FloatArray, starts: IntArray) -> tuple[BoolArray, npt.NDArray[np.int8]]:
    """Points in a trend of TREND_POINTS or more strictly rising (or falling) values.

    As ``ptd_seven_point_trend`` and ``ptd_part_of_seven_trend`` in NHSRplotthedots: a tie
    or a missing value breaks a trend. The direction of each point follows
    ``ptd_special_cause_type``: where the point and the next are both in a trend, the step to
    the next point decides (so a peak shared by a rising and a falling trend is labelled
    falling); otherwise the step from the previous point. A step of zero there (a tie between
    two trends) reads as decreasing, as it does in the R code.
    """
    n = len(y)
    flag = np.zeros(n, dtype=np.bool_)
    direction = np.zeros(n, dtype=np.int8)
    if n < TREND_POINTS:
        return flag, direction
    diff = y[1:] - y[:-1]  # NaN next to a missing value
    step = np.zeros(n - 1, dtype=np.int8)
    step[diff > 0] = 1
    step[diff < 0] = -1
    # Step j joins points j and j + 1; a step never crosses a segment start.
    crossing = starts[starts > 0] - 1
    step[crossing] = 0
    long = _long_runs(step, np.zeros(1, dtype=np.int64), TREND_POINTS - 1)
    flag[1:] |= long
    flag[:-1] |= long
    same_segment = np.ones(n - 1, dtype=np.bool_)
    same_segment[crossing] = False
    right = np.zeros(n, dtype=np.bool_)
    right[:-1] = flag[:-1] & flag[1:] & same_segment
    sign = np.sign(diff)
    chosen = np.zeros(n, dtype=np.float64)
    chosen[1:] = sign  # the step from the previous point
    chosen[:-1][right[:-1]] = sign[right[:-1]]  # the step to the next point
    direction[flag] = np.where(chosen[flag] == 1, 1, -1)
    return flag, direction


def _two_in_three(
    close: BoolArray, side: npt.NDArray[np.int8], segment_start: BoolArray
) -> BoolArray:
    """Points close to a limit in a window of three with two such points, all on one side.

    As ``ptd_two_in_three`` and ``ptd_part_of_two_in_three`` in NHSRplotthedots: "close"
    means beyond a near limit but not beyond the process limit; the three points of the
    window must all lie on the same side of the mean (none on it, none missing); only the
    close points of a window that fires are flagged. ``segment_start`` marks the first point
    of each segment: a window never spans two.
    """
    n = len(close)
    flag = np.zeros(n, dtype=np.bool_)
    if n < 3:
        return flag
    near = close.astype(np.int8)
    count = near[:-2] + near[1:-1] + near[2:]
    sides = side[:-2] + side[1:-1] + side[2:]
    hit = (count >= 2) & ((sides == 3) | (sides == -3))
    hit &= ~segment_start[1:-1] & ~segment_start[2:]  # hit[i]: the window starting at i fires
    covered = np.zeros(n, dtype=np.bool_)
    covered[:-2] |= hit
    covered[1:-1] |= hit
    covered[2:] |= hit
    flag = covered & close
    return flag
