"""Improving by a fixed rate each iteration, and its inverses; Wright's learning curve."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.analytics.improvement._common import (
    _finite,
    _number,
    _period_index,
    _periods,
    _positive,
    _rate,
)


def compound(rate: float, periods: int, *, start: float = 1.0) -> pd.Series:
    """Return the trajectory of improving by ``rate`` every iteration.

    ``value[t] = start * (1 + rate) ** t``: each iteration builds on the last, like interest
    on interest. A negative rate is the mirror image: a steady decline.

    Parameters
    ----------
    rate : float
        Change per iteration as a fraction (0.01 is 1% better; -0.01 is 1% worse). Must be
        greater than -1.
    periods : int
        Number of iterations (>= 0).
    start : float, default 1.0
        The value at period 0.

    Returns
    -------
    pandas.Series
        ``periods + 1`` values named ``"value"``, indexed by ``period`` 0..periods.

    Raises
    ------
    ValueError
        If ``rate <= -1``, ``periods`` is negative or not whole, or ``start`` is not finite.

    See Also
    --------
    iterations_to_target : the inverse, how many iterations reach a target.

    Examples
    --------
    >>> round(float(compound(0.01, 52).iloc[-1]), 4)
    1.6777
    >>> round(float(compound(-0.01, 365).iloc[-1]), 4)
    0.0255
    """
    rate = _rate(rate)
    periods = _periods(periods)
    start = _finite(start, "start")
    steps = np.arange(periods + 1, dtype=np.float64)
    return pd.Series(
        start * np.power(1.0 + rate, steps), index=_period_index(periods), name="value"
    )


def iterations_to_target(rate: float, target: float, *, start: float = 1.0) -> float:
    """Return how many iterations at ``rate`` take ``start`` to ``target``.

    The inverse of :func:`compound`: ``log(target / start) / log(1 + rate)``. The answer is
    fractional; round it up (``math.ceil``) for whole iterations.

    Parameters
    ----------
    rate : float
        Change per iteration as a fraction; greater than -1 and not 0.
    target : float
        The value to reach (> 0).
    start : float, default 1.0
        The value now (> 0).

    Returns
    -------
    float
        Iterations needed (0.0 when ``target == start``).

    Raises
    ------
    ValueError
        If ``rate <= -1``, ``start`` or ``target`` is not positive, or ``rate`` moves away
        from ``target`` (or is 0) so it is never reached.

    Examples
    --------
    >>> round(iterations_to_target(0.01, 2.0), 2)
    69.66
    >>> round(iterations_to_target(0.01, 1.6777), 1)
    52.0
    """
    rate = _rate(rate)
    target = _positive(target, "target")
    start = _positive(start, "start")
    if target == start:
        return 0.0
    direction = "above" if target > start else "below"
    if rate == 0 or (target > start) != (rate > 0):
        raise ValueError(
            f"target {target:g} is {direction} start {start:g}, but rate {rate:g} never gets "
            f"there: rate must be {'positive' if target > start else 'negative'}"
        )
    return math.log(target / start) / math.log1p(rate)


def doubling_time(rate: float, *, exact: bool = True) -> float:
    """Return how many iterations at ``rate`` double a measure.

    Parameters
    ----------
    rate : float
        Improvement per iteration as a fraction (> 0).
    exact : bool, default True
        True: ``ln 2 / ln(1 + rate)``. False: the rule-of-72 estimate ``72 / (100 * rate)``,
        the mental arithmetic shortcut (close for rates of a few percent).

    Returns
    -------
    float
        Iterations to double.

    Raises
    ------
    ValueError
        If ``rate`` is not positive (nothing doubles without growth).

    Examples
    --------
    >>> round(doubling_time(0.01), 2)
    69.66
    >>> doubling_time(0.01, exact=False)
    72.0
    """
    rate = _rate(rate)
    if rate <= 0:
        raise ValueError(f"rate must be positive for a measure to double; got {rate!r}")
    if exact:
        return math.log(2.0) / math.log1p(rate)
    return 72.0 / (100.0 * rate)


def learning_curve(first: float, learning_rate: float, units: int | Sequence[float]) -> pd.Series:
    """Return the cost (or time) of each unit under Wright's law.

    Every doubling of the cumulative units made multiplies the unit cost by
    ``learning_rate``: ``cost(n) = first * n ** log2(learning_rate)``.

    Parameters
    ----------
    first : float
        Cost of the first unit (> 0), in any unit (minutes, pounds, hours).
    learning_rate : float
        The curve's percentage as a fraction, in (0, 1]: 0.8 is an "80% curve".
    units : int or sequence of float
        An int ``n`` gives units 1..n; a sequence gives those unit numbers (each >= 1).

    Returns
    -------
    pandas.Series
        Cost per unit named ``"cost"``, indexed by ``unit``.

    Raises
    ------
    ValueError
        If ``first`` is not positive, ``learning_rate`` is outside (0, 1], or ``units`` is
        empty or holds a unit below 1.

    Examples
    --------
    >>> learning_curve(50, 0.8, [1, 2, 4]).round(6).tolist()
    [50.0, 40.0, 32.0]
    """
    first = _positive(first, "first")
    learning_rate = _number(learning_rate, "learning_rate")
    if not 0 < learning_rate <= 1:
        raise ValueError(
            f"learning_rate must be in (0, 1] (0.8 is an 80% curve); got {learning_rate!r}"
        )
    if isinstance(units, int | np.integer) and not isinstance(units, bool):
        unit_numbers = np.arange(1, _periods(units, "units", minimum=1) + 1, dtype=np.float64)
    else:
        try:
            unit_numbers = np.asarray(units, dtype=np.float64).ravel()
        except (TypeError, ValueError) as error:
            raise ValueError(f"units must be a whole number or numbers; got {units!r}") from error
        if unit_numbers.size == 0:
            raise ValueError("units is empty; expected a whole number or unit numbers >= 1")
        if not np.all(np.isfinite(unit_numbers)) or np.any(unit_numbers < 1):
            raise ValueError(f"units must all be finite and >= 1; got {units!r}")
    exponent = math.log2(learning_rate)
    whole = bool(np.all(unit_numbers == np.round(unit_numbers)))
    index = pd.Index(unit_numbers.astype(np.int64) if whole else unit_numbers, name="unit")
    return pd.Series(first * np.power(unit_numbers, exponent), index=index, name="cost")
