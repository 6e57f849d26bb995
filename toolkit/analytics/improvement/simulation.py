"""Monte Carlo of uncertain gains with setbacks, summarised as percentile bands."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from toolkit.analytics.improvement._common import (
    FloatArray,
    _number,
    _period_index,
    _periods,
    _positive,
    _probability,
    _rate,
)

#: The percentile bands :func:`simulate` reports unless told otherwise.
DEFAULT_PERCENTILES: tuple[float, ...] = (5.0, 25.0, 50.0, 75.0, 95.0)


#: The most values (paths x periods) ``simulate`` holds at once: 4 bytes each, so 400 MB.
MAX_CELLS = 100_000_000


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
    if paths * (periods + 1) > MAX_CELLS:
        raise ValueError(
            f"paths * (periods + 1) = {paths * (periods + 1):,} values is more than the "
            f"{MAX_CELLS:,} a simulation may hold in memory; lower paths (got {paths:,}) or "
            f"periods (got {periods:,})"
        )
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
