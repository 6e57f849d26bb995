"""Benchmark: the vectorised Monte Carlo of ``toolkit.analytics.improvement.simulate``.

Simulates 100,000 paths x 52 periods (1% mean gain per period, 1% standard deviation, a 5%
chance per period of a setback losing 10%) and reports the p5/p25/p50/p75/p95 bands and mean.
The baseline does the same model as a plain Python loop over paths (the ``random`` module,
one period at a time) and the same percentiles by sorting, measured in the same process.

Run it alone with ``python benchmarks/bench_improvement.py`` or with the others through
``python -m benchmarks``.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.analytics.improvement import simulate

PATHS = 100_000
PERIODS = 52
MODEL: dict[str, float] = {
    "rate": 0.01,
    "rate_sd": 0.01,
    "setback_prob": 0.05,
    "setback_size": 0.1,
    "start": 1.0,
}
PERCENTILES = (5.0, 25.0, 50.0, 75.0, 95.0)


def python_loop(paths: int, periods: int, *, seed: int = 7) -> list[list[float]]:
    """Simulate the same model with a plain Python loop over paths; return bands per period.

    Each returned row is ``[p5, p25, p50, p75, p95, mean]`` for one period, with the same
    linear-interpolation percentiles as ``simulate``.
    """
    rnd = random.Random(seed)
    gauss, uniform = rnd.gauss, rnd.random
    rate, rate_sd = MODEL["rate"], MODEL["rate_sd"]
    setback_prob, keep = MODEL["setback_prob"], 1.0 - MODEL["setback_size"]
    start = MODEL["start"]
    columns = [[start] * paths] + [[0.0] * paths for _ in range(periods)]
    for path in range(paths):
        value = start
        for period in range(1, periods + 1):
            factor = 1.0 + rate + rate_sd * gauss(0.0, 1.0)
            if uniform() < setback_prob:
                factor *= keep
            factor = max(factor, 0.01)
            value *= factor
            columns[period][path] = value
    rows = []
    for column in columns:
        ordered = sorted(column)
        row = []
        for q in PERCENTILES:
            position = q / 100.0 * (paths - 1)
            below = int(position)
            above = min(below + 1, paths - 1)
            row.append(ordered[below] + (ordered[above] - ordered[below]) * (position - below))
        row.append(sum(column) / paths)
        rows.append(row)
    return rows


def _best_of(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def run(repeats: int = 7, baseline_repeats: int = 2) -> list[dict[str, Any]]:
    """Time ``simulate`` against the Python loop; return one row per measurement.

    Parameters
    ----------
    repeats : int, default 7
        Repeats of the vectorised run (the best is reported).
    baseline_repeats : int, default 2
        Repeats of the Python loop (it takes seconds each).

    Returns
    -------
    list of dict
        Rows with name, seconds, baseline, baseline_seconds, ratio and target.

    Raises
    ------
    RuntimeError
        If the two implementations disagree on the final median by more than 1%, so the
        comparison would be meaningless.
    """
    seconds, bands = _best_of(
        lambda: simulate(paths=PATHS, periods=PERIODS, seed=7, **MODEL), repeats
    )
    baseline_seconds, rows = _best_of(lambda: python_loop(PATHS, PERIODS), baseline_repeats)
    vector_median = float(bands["p50"].iloc[-1])
    loop_median = rows[-1][2]
    if abs(vector_median / loop_median - 1) > 0.01:
        raise RuntimeError(
            f"simulate and the Python loop disagree: final median {vector_median:.4f} "
            f"vs {loop_median:.4f}"
        )
    return [
        {
            "name": f"simulate {PATHS // 1000}k paths x {PERIODS} periods",
            "seconds": seconds,
            "baseline": "python loop over paths",
            "baseline_seconds": baseline_seconds,
            "ratio": baseline_seconds / seconds,
            "target": "< 0.5 s and >= 50x",
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['name']}: {row['seconds']:.3f} s; {row['baseline']}: "
            f"{row['baseline_seconds']:.2f} s; ratio {row['ratio']:.0f}x "
            f"(target {row['target']})"
        )
