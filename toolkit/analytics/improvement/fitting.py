"""Estimate a team's own compound rate or gap half-life from data, with confidence intervals.

Least squares on logarithms, with Student t intervals from a small built-in table (no scipy).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics.improvement._common import FloatArray, _finite, _number

# Two-sided Student t critical values for 1..30 degrees of freedom, computed by numerical
# integration of the t density and checked against published tables (12.706, 4.303, ... for
# 95%). Beyond 30 degrees of freedom the Cornish-Fisher expansion of the t quantile around the
# normal one (Abramowitz and Stegun 26.7.5) agrees with the exact value to five decimals.
_T_TABLE: dict[float, tuple[float, ...]] = {
    0.90: (
        6.3138, 2.9200, 2.3534, 2.1318, 2.0150, 1.9432, 1.8946, 1.8595, 1.8331, 1.8125,
        1.7959, 1.7823, 1.7709, 1.7613, 1.7531, 1.7459, 1.7396, 1.7341, 1.7291, 1.7247,
        1.7207, 1.7171, 1.7139, 1.7109, 1.7081, 1.7056, 1.7033, 1.7011, 1.6991, 1.6973,
    ),
    0.95: (
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
    ),
    0.99: (
        63.6567, 9.9248, 5.8409, 4.6041, 4.0321, 3.7074, 3.4995, 3.3554, 3.2498, 3.1693,
        3.1058, 3.0545, 3.0123, 2.9768, 2.9467, 2.9208, 2.8982, 2.8784, 2.8609, 2.8453,
        2.8314, 2.8188, 2.8073, 2.7969, 2.7874, 2.7787, 2.7707, 2.7633, 2.7564, 2.7500,
    ),
}  # fmt: skip
_Z: dict[float, float] = {0.90: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489}


@dataclass(frozen=True)
class RateFit:
    """A compound rate estimated from data by :func:`fit_rate`.

    Attributes
    ----------
    rate : float
        Estimated change per period as a fraction (0.01 is 1% per period).
    ci_low, ci_high : float
        The confidence interval for ``rate``.
    confidence : float
        Confidence level of the interval (0.95 by default).
    n : int
        Number of observations used.
    r_squared : float
        Share of the variation of log(value) the straight line explains.
    fitted : pandas.Series
        The fitted trajectory, on the series' own index.
    """

    rate: float
    ci_low: float
    ci_high: float
    confidence: float
    n: int
    r_squared: float
    fitted: pd.Series


@dataclass(frozen=True)
class HalfLifeFit:
    """A gap half-life estimated from data by :func:`fit_half_life`.

    Attributes
    ----------
    half_life : float
        Periods to close half the remaining gap to the ceiling (``inf`` when the gap is not
        shrinking).
    ci_low, ci_high : float
        The confidence interval for ``half_life`` (``ci_high`` is ``inf`` when the data
        cannot rule out a gap that is not shrinking).
    confidence : float
        Confidence level of the interval.
    ceiling : float
        The ceiling the gap is measured to.
    n : int
        Number of observations used.
    r_squared : float
        Share of the variation of log(gap) the straight line explains.
    fitted : pandas.Series
        The fitted metric, on the series' own index.
    """

    half_life: float
    ci_low: float
    ci_high: float
    confidence: float
    ceiling: float
    n: int
    r_squared: float
    fitted: pd.Series


def _t_critical(df: int, confidence: float) -> float:
    """Two-sided Student t critical value: a table to 30 df, Cornish-Fisher beyond."""
    if df <= 30:
        return _T_TABLE[confidence][df - 1]
    z = _Z[confidence]
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def _observations(series: Any, name: str = "series") -> tuple[pd.Series, FloatArray]:
    """Return the non-missing values of ``series`` and the period each was observed at.

    The period is the index when it is numeric and strictly increasing (so gaps count),
    otherwise the position (0, 1, 2, ...), e.g. for a DatetimeIndex of regular periods.
    """
    if isinstance(series, pd.DataFrame):
        raise ValueError(
            f"{name} must be one column (a Series); got a DataFrame with columns "
            f"{list(series.columns)}: pass data['column']"
        )
    if not isinstance(series, pd.Series):
        try:
            series = pd.Series(np.asarray(series))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{name} must be a sequence of numbers; got {series!r}") from error
    if series.empty:
        raise ValueError(f"{name} is empty; expected at least 3 numbers")
    if pd.api.types.is_bool_dtype(series.dtype) or not pd.api.types.is_numeric_dtype(series.dtype):
        raise ValueError(f"{name} must be numeric; got dtype {series.dtype}")
    index = series.index
    if (
        pd.api.types.is_numeric_dtype(index.dtype)
        and index.is_monotonic_increasing
        and index.is_unique
    ):
        x_all = index.to_numpy(dtype=np.float64)
    else:
        x_all = np.arange(len(series), dtype=np.float64)
    mask = series.notna().to_numpy()
    observed = series[mask].astype(np.float64)
    x = x_all[mask]
    if len(observed) < 3:
        raise ValueError(f"{name} needs at least 3 non-missing numbers to fit; got {len(observed)}")
    if not np.all(np.isfinite(observed.to_numpy())):
        raise ValueError(f"{name} must hold finite numbers; found inf")
    return observed, x


def _loglinear(
    x: FloatArray, log_y: FloatArray, confidence: float
) -> tuple[float, float, float, float, float]:
    """Least-squares line through (x, log_y): slope, intercept, slope SE, t critical, R^2."""
    n = x.size
    x_mean = x.mean()
    sxx = float(np.sum((x - x_mean) ** 2))
    y_mean = log_y.mean()
    slope = float(np.sum((x - x_mean) * (log_y - y_mean)) / sxx)
    intercept = float(y_mean - slope * x_mean)
    residuals = log_y - (intercept + slope * x)
    sse = float(np.sum(residuals**2))
    sst = float(np.sum((log_y - y_mean) ** 2))
    se = math.sqrt(sse / (n - 2) / sxx)
    r_squared = 1.0 - sse / sst if sst > 0 else 1.0
    return slope, intercept, se, _t_critical(n - 2, confidence), r_squared


def _confidence(confidence: float) -> float:
    value = _number(confidence, "confidence")
    for supported in _T_TABLE:
        if math.isclose(value, supported):
            return supported
    raise ValueError(f"confidence must be one of 0.90, 0.95 or 0.99; got {confidence!r}")


def fit_rate(series: pd.Series | Sequence[float], *, confidence: float = 0.95) -> RateFit:
    """Estimate the compound rate per period of observed data, with a confidence interval.

    Fits a straight line to ``log(value)`` against period by least squares: the slope ``b``
    gives ``rate = exp(b) - 1``. The interval is ``exp(b +/- t * se(b)) - 1`` with the
    Student t critical value for ``n - 2`` degrees of freedom, taken from a small built-in
    table up to 30 degrees of freedom and from the Cornish-Fisher expansion beyond (accurate
    to about 1e-5), so no scipy is needed.

    Parameters
    ----------
    series : pandas.Series or sequence of float
        Positive observations, one per period, in time order. A numeric increasing index is
        taken as the period (gaps allowed); any other index counts positions. Missing values
        are skipped.
    confidence : {0.90, 0.95, 0.99}, default 0.95
        Confidence level of the interval.

    Returns
    -------
    RateFit
        ``rate``, ``ci_low``, ``ci_high``, ``confidence``, ``n``, ``r_squared`` and the
        ``fitted`` trajectory.

    Raises
    ------
    ValueError
        If ``series`` is empty, non-numeric, has fewer than 3 values, or holds a value
        <= 0 (a compound rate needs logarithms); or ``confidence`` is unsupported.

    Notes
    -----
    The interval assumes the observations scatter independently around a steady trend
    (measurement noise, week-to-week variation). If instead each period's random gain
    carries over into all later periods (a random walk, as in :func:`simulate`), the
    residuals are correlated and the interval is too narrow; then estimate the rate from the
    period-on-period changes, ``series.pct_change()``, instead.

    Examples
    --------
    >>> from toolkit.analytics.improvement import compound
    >>> fit = fit_rate(compound(0.02, 20, start=50))
    >>> round(fit.rate, 6), fit.n
    (0.02, 21)
    """
    confidence = _confidence(confidence)
    observed, x = _observations(series)
    values = observed.to_numpy()
    if np.any(values <= 0):
        raise ValueError(
            f"series must be positive to fit a compound rate (it takes logarithms); "
            f"smallest value is {values.min()!r}"
        )
    if np.ptp(x) == 0:
        raise ValueError("series must span more than one period")
    slope, intercept, se, t_crit, r_squared = _loglinear(x, np.log(values), confidence)
    fitted = pd.Series(np.exp(intercept + slope * x), index=observed.index, name="fitted")
    return RateFit(
        rate=math.expm1(slope),
        ci_low=math.expm1(slope - t_crit * se),
        ci_high=math.expm1(slope + t_crit * se),
        confidence=confidence,
        n=int(values.size),
        r_squared=r_squared,
        fitted=fitted,
    )


def fit_half_life(
    series: pd.Series | Sequence[float], *, ceiling: float, confidence: float = 0.95
) -> HalfLifeFit:
    """Estimate how fast a bounded metric closes its gap to ``ceiling``, from data.

    Fits a straight line to ``log(ceiling - value)`` against period; a slope ``b < 0`` gives
    ``half_life = -ln 2 / b``. The interval maps the slope's Student t interval (see
    :func:`fit_rate`) through the same formula.

    Parameters
    ----------
    series : pandas.Series or sequence of float
        Observations of the metric, one per period, every one below ``ceiling``.
    ceiling : float
        The best the metric can be (100 for a percentage).
    confidence : {0.90, 0.95, 0.99}, default 0.95
        Confidence level of the interval.

    Returns
    -------
    HalfLifeFit
        ``half_life``, ``ci_low``, ``ci_high``, ``confidence``, ``ceiling``, ``n``,
        ``r_squared`` and the ``fitted`` metric.

    Raises
    ------
    ValueError
        If ``series`` is empty, non-numeric or has fewer than 3 values, or a value is at or
        above ``ceiling`` (the gap must be positive to take its logarithm).

    Examples
    --------
    >>> from toolkit.analytics.improvement import gap_closing
    >>> fit = fit_half_life(gap_closing(90, ceiling=100, half_life=3, periods=12), ceiling=100)
    >>> round(fit.half_life, 6)
    3.0
    """
    confidence = _confidence(confidence)
    ceiling = _finite(ceiling, "ceiling")
    observed, x = _observations(series)
    values = observed.to_numpy()
    if np.any(values >= ceiling):
        raise ValueError(
            f"ceiling {ceiling:g} must be above every value of series (largest is "
            f"{values.max():g}): the gap to the ceiling must be positive"
        )
    if np.ptp(x) == 0:
        raise ValueError("series must span more than one period")
    slope, intercept, se, t_crit, r_squared = _loglinear(x, np.log(ceiling - values), confidence)

    def half_life_of(b: float) -> float:
        return -math.log(2.0) / b if b < 0 else math.inf

    fitted = pd.Series(ceiling - np.exp(intercept + slope * x), index=observed.index, name="fitted")
    return HalfLifeFit(
        half_life=half_life_of(slope),
        ci_low=half_life_of(slope - t_crit * se),
        ci_high=half_life_of(slope + t_crit * se),
        confidence=confidence,
        ceiling=ceiling,
        n=int(values.size),
        r_squared=r_squared,
        fitted=fitted,
    )
