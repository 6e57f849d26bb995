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
