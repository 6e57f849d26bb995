"""Bounded metrics: close the gap to a ceiling by half every half-life (Schneiderman).

A change success rate or SLA attainment cannot compound past 100%: what improves is the gap.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from toolkit.analytics.improvement._common import _finite, _period_index, _periods, _positive


def gap_closing(start: float, *, ceiling: float, half_life: float, periods: int) -> pd.Series:
    """Return a bounded metric closing half its gap to ``ceiling`` every ``half_life``.

    A change success rate cannot compound past 100%: what improves is the gap. Following
    Schneiderman's half-life model, ``gap(t) = (ceiling - start) * 0.5 ** (t / half_life)``
    and the metric is ``ceiling - gap(t)``.

    Parameters
    ----------
    start : float
        The metric now, below ``ceiling`` (any unit: 90 for 90%, or 0.9).
    ceiling : float
        The best the metric can be (100 for a percentage).
    half_life : float
        Periods to close half of the remaining gap (> 0; ``math.inf`` for no progress).
    periods : int
        Horizon in periods (>= 0).

    Returns
    -------
    pandas.Series
        The metric each period, named ``"value"``, indexed by ``period``.

    Raises
    ------
    ValueError
        If ``ceiling`` is not above ``start``, ``half_life`` is not positive or ``periods`` is
        negative.

    See Also
    --------
    half_life_to_reach : the half-life a target and deadline need.

    Examples
    --------
    >>> gap_closing(90, ceiling=100, half_life=3, periods=6).tolist()[::3]
    [90.0, 95.0, 97.5]
    """
    start = _finite(start, "start")
    ceiling = _finite(ceiling, "ceiling")
    if ceiling <= start:
        raise ValueError(
            f"ceiling {ceiling:g} is not above start {start:g}; the ceiling is the best the "
            "metric can be, so it must be above start (with no gap there is nothing to close)"
        )
    half_life = _positive(half_life, "half_life", allow_inf=True)
    periods = _periods(periods)
    t = np.arange(periods + 1, dtype=np.float64)
    gap = (ceiling - start) * np.power(0.5, t / half_life)
    return pd.Series(ceiling - gap, index=_period_index(periods), name="value")


def half_life_to_reach(start: float, target: float, *, ceiling: float, periods: float) -> float:
    """Return the half-life that takes a bounded metric from ``start`` to ``target`` in time.

    The inverse of :func:`gap_closing`: ``periods * ln 2 / ln(gap_now / gap_at_target)``.

    Parameters
    ----------
    start : float
        The metric now (below ``target``).
    target : float
        Where it must be after ``periods`` (below ``ceiling``: reaching the ceiling itself
        would take infinitely many halvings).
    ceiling : float
        The best the metric can be (100 for a percentage).
    periods : float
        Time allowed (> 0), in the unit the half-life comes back in.

    Returns
    -------
    float
        The half-life needed, in periods.

    Raises
    ------
    ValueError
        Unless ``start < target < ceiling`` and ``periods > 0``.

    Examples
    --------
    >>> half_life_to_reach(90, 97.5, ceiling=100, periods=6)
    3.0
    """
    start = _finite(start, "start")
    target = _finite(target, "target")
    ceiling = _finite(ceiling, "ceiling")
    periods = _positive(periods, "periods")
    if ceiling < start:
        raise ValueError(f"ceiling {ceiling:g} is below start {start:g}")
    if not start < target < ceiling:
        raise ValueError(
            f"target must be above start ({start:g}) and below ceiling ({ceiling:g}); "
            f"got {target:g}"
        )
    return periods * math.log(2.0) / math.log((ceiling - start) / (ceiling - target))
