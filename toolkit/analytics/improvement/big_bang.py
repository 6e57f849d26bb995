"""A one-off big-bang change that decays back, against steady small iterations."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.analytics.improvement._common import _number, _period_index, _periods, _positive, _rate

#: Default half-life of a big-bang change, in periods (a quarter, when a period is a week).
DEFAULT_BIG_BANG_HALF_LIFE = 13.0


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
