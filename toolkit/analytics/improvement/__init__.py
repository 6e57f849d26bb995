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

The code lives in themed modules, re-exported here:
:mod:`toolkit.analytics.improvement.compounding`, :mod:`toolkit.analytics.improvement.big_bang`,
:mod:`toolkit.analytics.improvement.bounded`, :mod:`toolkit.analytics.improvement.simulation` and
:mod:`toolkit.analytics.improvement.fitting`.
"""

from __future__ import annotations

from toolkit.analytics.improvement.big_bang import BigBangComparison, big_bang_vs_iterative
from toolkit.analytics.improvement.bounded import gap_closing, half_life_to_reach
from toolkit.analytics.improvement.compounding import (
    compound,
    doubling_time,
    iterations_to_target,
    learning_curve,
)
from toolkit.analytics.improvement.fitting import HalfLifeFit, RateFit, fit_half_life, fit_rate
from toolkit.analytics.improvement.simulation import simulate

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
