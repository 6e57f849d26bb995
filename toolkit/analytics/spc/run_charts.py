"""Run charts: Anhøj's two rules, an unusually long run and too few crossings of the median."""

from __future__ import annotations

import functools
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics.spc.inputs import TrialLimitsWarning, _axis, _check_frame, _values
from toolkit.analytics.spc.rules import _run_lengths, _sides


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
    data: Any,
    *,
    value: str,
    date: str | None = None,
    baseline: int | None = None,
) -> RunChart:
    """Apply Anhøj's run-chart rules around the median.

    Points on the median are not useful observations: they neither extend nor break a run and
    are not crossings. Missing values are treated the same way (the median is of the values
    that exist). A run is a sequence of useful points on the same side of the median; a
    crossing is a step between useful points on opposite sides.

    Parameters
    ----------
    data : DataFrame
        One row per point in time, in date order: pandas, polars, pyarrow, or another frame
        narwhals reads (lazy ones are collected). ``points`` is a pandas DataFrame whatever
        the input.
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
    frame = _check_frame(data, "run_chart", (value, date))
    y = _values(frame, value)
    _axis(frame, date)
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
    median = float(np.nanmedian(y[:baseline]))
    side = _sides(y, np.full(n, median)).astype(np.int64)
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
    points = pd.DataFrame(columns, index=frame.pandas.index)
    if date is not None:
        points.insert(0, "date", frame.pandas[date])
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
