"""Compound improvement: small iterations compound like interest, a big bang fades.

Pure numpy/pandas models behind lesson 02. Every trajectory is a :class:`pandas.Series` (or a
DataFrame of them) indexed by ``period`` from 0 (the starting point) to ``periods``; a period is
one iteration of whatever cadence a team works at (a week, a sprint, a month).

- :func:`compound`, :func:`iterations_to_target`, :func:`doubling_time`: improving by a
  fixed rate each iteration, and its inverses.
- :func:`big_bang_vs_iterative`: a one-off step change that decays back, against steady
  small iterations.
- :func:`gap_closing`, :func:`half_life_to_reach`: bounded metrics (change success rate,
  SLA attainment) close the gap to their ceiling by half every half-life.
- :func:`learning_curve`: Wright's law.
- :func:`simulate`: Monte Carlo of uncertain gains with setbacks, as percentile bands.
- :func:`fit_rate`, :func:`fit_half_life`: estimate a team's own rate or half-life from data.

Impossible input raises :class:`ValueError` naming the argument and what was expected.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any, Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "BigBangComparison",
    "HalfLifeFit",
    "RateFit",
    "big_bang_vs_iterative",
    "compound",
    "doubling_time",
    "fit_half_life",
    "fit_rate",
    "gap_closing",
    "half_life_to_reach",
    "iterations_to_target",
    "learning_curve",
    "simulate",
]

FloatArray = npt.NDArray[np.float64]

#: The percentile bands :func:`simulate` reports unless told otherwise.
DEFAULT_PERCENTILES: tuple[float, ...] = (5.0, 25.0, 50.0, 75.0, 95.0)

#: Default half-life of a big-bang change, in periods (a quarter, when a period is a week).
DEFAULT_BIG_BANG_HALF_LIFE = 13.0

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


# --------------------------------------------------------------------------- validation


def _number(value: object, name: str) -> float:
    """Return ``value`` as a float (not NaN; inf allowed), or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number; got {value!r} ({type(value).__name__})")
    number = float(value)
    if math.isnan(number):
        raise ValueError(f"{name} must be a number; got NaN")
    return number


def _rate(value: object, name: str = "rate") -> float:
    rate = _number(value, name)
    if not math.isfinite(rate) or rate <= -1:
        raise ValueError(
            f"{name} must be a finite number greater than -1 (a change per period of "
            f"-100% or worse is impossible); got {value!r}"
        )
    return rate


def _positive(value: object, name: str, *, allow_inf: bool = False) -> float:
    number = _number(value, name)
    if number <= 0 or (math.isinf(number) and not allow_inf):
        expected = "a positive number" + (" (inf allowed)" if allow_inf else "")
        raise ValueError(f"{name} must be {expected}; got {value!r}")
    return number


def _finite(value: object, name: str) -> float:
    number = _number(value, name)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return number


def _periods(value: object, name: str = "periods", *, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number; got {value!r} ({type(value).__name__})")
    if int(value) < minimum:
        what = "negative" if minimum == 0 else f"below {minimum}"
        raise ValueError(f"{name} must be a whole number >= {minimum}; got {value!r} ({what})")
    return int(value)


def _probability(value: object, name: str) -> float:
    number = _number(value, name)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} must be a probability between 0 and 1; got {value!r}")
    return number


def _period_index(periods: int) -> pd.RangeIndex:
    return pd.RangeIndex(periods + 1, name="period")


# --------------------------------------------------------------------------- compounding


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


# --------------------------------------------------------------------------- big bang


@dataclass(frozen=True)
class BigBangComparison:
    """A one-off big-bang change against steady small iterations.

    Attributes
    ----------
    trajectories : pandas.DataFrame
        Columns ``big_bang`` and ``iterative``: the level of the measure each period.
    cumulative : pandas.DataFrame
        Same columns: the running total of the gain above ``start`` (level minus start,
        summed over periods), the value each approach has delivered so far.
    break_even : int or None
        First period at which the iterative approach has delivered at least as much in total
        as the big bang (``cumulative``), or None if not within the horizon.
    level_crossing : int or None
        First period at which the iterative level is at least the big bang's, or None.
    """

    trajectories: pd.DataFrame
    cumulative: pd.DataFrame
    break_even: int | None
    level_crossing: int | None


def _first_period(mask: pd.Series) -> int | None:
    hits = mask.to_numpy().nonzero()[0]
    return int(mask.index[hits[0]]) if hits.size else None


def big_bang_vs_iterative(
    *,
    step: float = 0.2,
    rate: float = 0.01,
    periods: int = 52,
    half_life: float | None = None,
    time_constant: float | None = None,
    delay: int = 0,
    backsliding: float = 0.0,
    start: float = 1.0,
) -> BigBangComparison:
    """Compare a one-off step change that fades with steady small iterations.

    The big bang lands at period ``delay`` as a jump of ``step`` and then decays back toward
    the starting level, ``start * (1 + step * decay(t - delay))``, with ``decay`` either
    ``0.5 ** (t / half_life)`` or ``exp(-t / time_constant)``. The iterative approach
    improves by ``rate`` every period from period 0, while ``backsliding`` loses that
    fraction of the level every period (old habits creeping back): its net factor per period
    is ``(1 + rate) * (1 - backsliding)``.

    Parameters
    ----------
    step : float, default 0.2
        Size of the big-bang change as a fraction of ``start`` (> -1).
    rate : float, default 0.01
        Iterative improvement per period (> -1).
    periods : int, default 52
        Horizon in periods (>= 0).
    half_life : float, optional
        Periods for half of the big-bang gain to fade (> 0; ``math.inf`` for no fade).
    time_constant : float, optional
        Alternative to ``half_life``: periods for the gain to fade to 1/e (about 37%).
        Give one or the other; with neither, the half-life is 13 periods.
    delay : int, default 0
        Periods before the big bang lands (a big project takes time to deliver).
    backsliding : float, default 0.0
        Fraction of the iterative level lost each period, in [0, 1).
    start : float, default 1.0
        The level at period 0 (> 0).

    Returns
    -------
    BigBangComparison
        Both trajectories, their cumulative gains, the break-even period and the period
        at which the levels cross.

    Raises
    ------
    ValueError
        Naming the argument, for ``step`` or ``rate`` <= -1, a non-positive ``half_life``
        or ``time_constant`` (or both given), negative ``periods`` or ``delay``,
        ``backsliding`` outside [0, 1) or a non-positive ``start``.

    Examples
    --------
    >>> result = big_bang_vs_iterative(step=0.2, rate=0.01, half_life=13, periods=104)
    >>> result.break_even, result.level_crossing
    (23, 11)
    """
    step = _rate(step, "step")
    rate = _rate(rate)
    periods = _periods(periods)
    delay = _periods(delay, "delay")
    start = _positive(start, "start")
    backsliding = _number(backsliding, "backsliding")
    if not 0 <= backsliding < 1:
        raise ValueError(
            f"backsliding must be in [0, 1) (a fraction lost per period); got {backsliding!r}"
        )
    if half_life is not None and time_constant is not None:
        raise ValueError("give half_life or time_constant, not both")
    if time_constant is not None:
        decay_per_period = math.exp(
            -1.0 / _positive(time_constant, "time_constant", allow_inf=True)
        )
    else:
        chosen = DEFAULT_BIG_BANG_HALF_LIFE if half_life is None else half_life
        decay_per_period = 0.5 ** (1.0 / _positive(chosen, "half_life", allow_inf=True))

    t = np.arange(periods + 1, dtype=np.float64)
    since_landing = t - delay
    landed = since_landing >= 0
    fade = np.where(landed, np.power(decay_per_period, np.where(landed, since_landing, 0.0)), 0.0)
    big_bang = start * (1.0 + step * fade)
    iterative = start * np.power((1.0 + rate) * (1.0 - backsliding), t)

    index = _period_index(periods)
    trajectories = pd.DataFrame({"big_bang": big_bang, "iterative": iterative}, index=index)
    cumulative = (trajectories - start).cumsum()
    return BigBangComparison(
        trajectories=trajectories,
        cumulative=cumulative,
        break_even=_first_period(cumulative["iterative"] >= cumulative["big_bang"]),
        level_crossing=_first_period(trajectories["iterative"] >= trajectories["big_bang"]),
    )


# --------------------------------------------------------------------------- bounded metrics


def gap_closing(start: float, *, ceiling: float, half_life: float, periods: int) -> pd.Series:
    """Return a bounded metric closing half its gap to ``ceiling`` every ``half_life``.

    A change success rate cannot compound past 100%: what improves is the gap. Following
    Schneiderman's half-life model, ``gap(t) = (ceiling - start) * 0.5 ** (t / half_life)``
    and the metric is ``ceiling - gap(t)``.

    Parameters
    ----------
    start : float
        The metric now, at or below ``ceiling`` (any unit: 90 for 90%, or 0.9).
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
        If ``ceiling`` is below ``start``, ``half_life`` is not positive or ``periods`` is
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
    if ceiling < start:
        raise ValueError(
            f"ceiling {ceiling:g} is below start {start:g}; the ceiling is the best the metric "
            "can be, so it must be at least start"
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


# --------------------------------------------------------------------------- simulation


def _generator(seed: int | None, rng: np.random.Generator | None) -> np.random.Generator:
    if rng is not None:
        if seed is not None:
            raise ValueError("give seed or rng, not both")
        if not isinstance(rng, np.random.Generator):
            raise ValueError(f"rng must be a numpy.random.Generator; got {type(rng).__name__}")
        return rng
    return np.random.default_rng(seed)


def _bernoulli_positions(
    generator: np.random.Generator, size: int, prob: float
) -> npt.NDArray[np.intp]:
    """Return the sorted positions in ``range(size)`` where a Bernoulli(``prob``) trial hits.

    Draws the gaps between hits (geometric) instead of one uniform per position: the same
    process, but only about ``size * prob`` draws.
    """
    chunks: list[npt.NDArray[np.intp]] = []
    last = -1
    batch = int(size * prob * 1.1) + 64
    while True:
        # A gap beyond `size` means no further hit; clipping keeps the running sum from
        # overflowing when prob is tiny and the draws are huge.
        gaps = np.minimum(generator.geometric(prob, size=batch), size + 1)
        hits = last + np.cumsum(gaps, dtype=np.intp)
        chunks.append(hits[hits < size])
        if hits[-1] >= size:
            return np.concatenate(chunks)
        last = int(hits[-1])


def _fill_standard_normal(
    generator: np.random.Generator,
    out: npt.NDArray[np.float32],
    uniforms: npt.NDArray[np.float32],
) -> None:
    """Fill ``out`` with independent standard normal draws.

    The Box-Muller transform of single-precision uniforms (``uniforms`` is scratch space of
    ``2 * ceil(out.size / 2)``): about twice as fast as numpy's float32 ziggurat here, and
    exact apart from cutting the tails off beyond 5.7 standard deviations.
    """
    pairs = (out.size + 1) // 2
    generator.random(out=uniforms, dtype=np.float32)
    radius, angle = uniforms[:pairs], uniforms[pairs:]
    np.subtract(1.0, radius, out=radius)  # (0, 1], so the logarithm is finite
    np.log(radius, out=radius)
    radius *= -2.0
    np.sqrt(radius, out=radius)
    angle *= 2.0 * math.pi
    np.cos(angle, out=out[:pairs])
    out[:pairs] *= radius
    rest = out.size - pairs
    np.sin(angle[:rest], out=out[pairs:])
    out[pairs:] *= radius[:rest]


@overload
def simulate(
    *,
    rate: float = ...,
    rate_sd: float = ...,
    periods: int = ...,
    paths: int = ...,
    setback_prob: float = ...,
    setback_size: float = ...,
    start: float = ...,
    distribution: Literal["normal", "uniform"] = ...,
    percentiles: Sequence[float] = ...,
    seed: int | None = ...,
    rng: np.random.Generator | None = ...,
    return_paths: Literal[False] = ...,
) -> pd.DataFrame: ...
@overload
def simulate(
    *,
    rate: float = ...,
    rate_sd: float = ...,
    periods: int = ...,
    paths: int = ...,
    setback_prob: float = ...,
    setback_size: float = ...,
    start: float = ...,
    distribution: Literal["normal", "uniform"] = ...,
    percentiles: Sequence[float] = ...,
    seed: int | None = ...,
    rng: np.random.Generator | None = ...,
    return_paths: Literal[True],
) -> tuple[pd.DataFrame, FloatArray]: ...
def simulate(
    *,
    rate: float = 0.01,
    rate_sd: float = 0.01,
    periods: int = 52,
    paths: int = 10_000,
    setback_prob: float = 0.0,
    setback_size: float = 0.1,
    start: float = 1.0,
    distribution: Literal["normal", "uniform"] = "normal",
    percentiles: Sequence[float] = DEFAULT_PERCENTILES,
    seed: int | None = None,
    rng: np.random.Generator | None = None,
    return_paths: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, FloatArray]:
    """Simulate many uncertain improvement paths at once and summarise them as bands.

    Each period every path draws a gain with mean ``rate`` and standard deviation
    ``rate_sd``; with probability ``setback_prob`` it also suffers a setback that loses
    ``setback_size`` of its level (a failed change, a key person leaving). Paths compound
    their gains like :func:`compound`. A per-period factor is floored at 0.01 so that an
    extreme draw cannot make a level zero or negative.

    Vectorised across paths: each period draws, compounds and sorts all paths at once (a
    loop of ``periods`` numpy steps, never a loop over paths), in single precision, whose 7
    significant digits are far finer than the Monte Carlo error. Normal gains come from the
    Box-Muller transform (tails beyond 5.7 standard deviations are cut off). A seed gives
    the same result every time.

    Parameters
    ----------
    rate : float, default 0.01
        Mean gain per period as a fraction (> -1).
    rate_sd : float, default 0.01
        Standard deviation of the gain per period (>= 0).
    periods : int, default 52
        Horizon in periods (>= 0).
    paths : int, default 10_000
        Number of simulated paths (>= 1).
    setback_prob : float, default 0.0
        Chance of a setback in any one period, in [0, 1].
    setback_size : float, default 0.1
        Fraction of the level a setback loses, in [0, 1).
    start : float, default 1.0
        Level at period 0 (> 0).
    distribution : {"normal", "uniform"}, default "normal"
        Shape of the gain distribution (uniform: mean +/- sqrt(3) standard deviations).
    percentiles : sequence of float, default (5, 25, 50, 75, 95)
        Percentiles (0..100) to report each period.
    seed : int, optional
        Seed for a new ``numpy.random.default_rng``. Give ``seed`` or ``rng``, not both.
    rng : numpy.random.Generator, optional
        Generator to draw from (advanced: share one across calls).
    return_paths : bool, default False
        Also return the raw paths, an array of shape ``(paths, periods + 1)``.

    Returns
    -------
    pandas.DataFrame or tuple of (pandas.DataFrame, numpy.ndarray)
        Bands indexed by ``period``: one column per percentile (``p5``, ``p25``, ``p50``,
        ``p75``, ``p95``) and ``mean``; with ``return_paths`` also the paths.

    Raises
    ------
    ValueError
        Naming the argument, for ``rate <= -1``, a negative ``rate_sd``, ``periods`` or
        ``paths`` out of range, a probability or size out of range, percentiles outside
        0..100, an unknown distribution, or both ``seed`` and ``rng``.

    Examples
    --------
    >>> bands = simulate(rate=0.01, rate_sd=0.0, periods=52, paths=10, seed=1)
    >>> round(float(bands.loc[52, "p50"]), 4)
    1.6777
    >>> list(bands.columns)
    ['p5', 'p25', 'p50', 'p75', 'p95', 'mean']
    """
    rate = _rate(rate)
    rate_sd = _number(rate_sd, "rate_sd")
    if not 0 <= rate_sd < math.inf:
        raise ValueError(f"rate_sd must be a finite number >= 0; got {rate_sd!r}")
    periods = _periods(periods)
    paths = _periods(paths, "paths", minimum=1)
    setback_prob = _probability(setback_prob, "setback_prob")
    setback_size = _number(setback_size, "setback_size")
    if not 0 <= setback_size < 1:
        raise ValueError(
            f"setback_size must be in [0, 1) (a fraction of the level); got {setback_size!r}"
        )
    start = _positive(start, "start")
    if distribution not in ("normal", "uniform"):
        raise ValueError(f"distribution must be 'normal' or 'uniform'; got {distribution!r}")
    try:
        qs = np.asarray(percentiles, dtype=np.float64).ravel()
    except (TypeError, ValueError) as error:
        raise ValueError(f"percentiles must be numbers in 0..100; got {percentiles!r}") from error
    if qs.size == 0 or not np.all((qs >= 0) & (qs <= 100)):
        raise ValueError(
            f"percentiles must be a non-empty list of numbers in 0..100; got {percentiles!r}"
        )
    generator = _generator(seed, rng)

    # One period at a time across all paths: each step works on a few rows of `paths`
    # numbers that stay in the CPU cache, and only the bands are kept unless the caller
    # asks for the paths. Single precision (7 significant digits, far finer than the Monte
    # Carlo error) halves the memory traffic and the cost of drawing and sorting.
    position = qs / 100.0 * (paths - 1)
    below = np.floor(position).astype(np.intp)
    above = np.minimum(below + 1, paths - 1)
    weight = position - below
    bands = np.empty((periods + 1, qs.size), dtype=np.float64)
    mean = np.empty(periods + 1, dtype=np.float64)
    bands[0], mean[0] = start, start
    level = np.full(paths, start, dtype=np.float32)
    factor = np.empty(paths, dtype=np.float32)
    ordered = np.empty(paths, dtype=np.float32)
    kept = np.empty((periods + 1, paths), dtype=np.float32) if return_paths else None
    if kept is not None:
        kept[0] = start
    spread = rate_sd if distribution == "normal" else rate_sd * math.sqrt(12.0)
    centre = 1.0 + rate if distribution == "normal" else 1.0 + rate - 0.5 * spread
    setbacks = setback_prob > 0 and setback_size > 0
    uniforms = np.empty(2 * ((paths + 1) // 2), dtype=np.float32)
    for period in range(1, periods + 1):
        if distribution == "normal":
            _fill_standard_normal(generator, factor, uniforms)
        else:
            generator.random(out=factor, dtype=np.float32)
        factor *= spread
        factor += centre
        if setbacks:
            factor[_bernoulli_positions(generator, paths, setback_prob)] *= 1.0 - setback_size
        np.maximum(factor, 0.01, out=factor)
        level *= factor
        if kept is not None:
            kept[period] = level
        mean[period] = level.mean(dtype=np.float64)
        ordered[:] = level
        ordered.sort()
        low = ordered[below].astype(np.float64)
        bands[period] = low + (ordered[above] - low) * weight

    columns = {f"p{q:g}": bands[:, i] for i, q in enumerate(qs)}
    columns["mean"] = mean
    frame = pd.DataFrame(columns, index=_period_index(periods))
    if kept is not None:
        return frame, kept.T.astype(np.float64)
    return frame


# --------------------------------------------------------------------------- fitting


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
