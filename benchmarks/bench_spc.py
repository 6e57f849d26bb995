"""How fast toolkit.analytics.spc is, side by side with pyqicharts (PyPI), on the same data.

pyqicharts (a Python port of R's qicharts2, with "Making Data Count"-style XmR rules and
Anhøj's run-chart rules) is the peer. It walks the rules point by point in Python and grows
faster than linearly, so its XmR table is timed on the first 2,000 points and, for the million-point
row, scaled up linearly: a lower bound on what it would really take. Its run-chart rules
compute their crossings threshold with a loop that grows about as n^3.5, so they are compared
on the first 1,000 points only. The same rows cross-check its
limits and run-chart figures against ours. Without pyqicharts installed, the rows say so.

Run with ``python -m benchmarks`` (all benchmarks) or ``python benchmarks/bench_spc.py``.
"""

from __future__ import annotations

import gc
import importlib.metadata
import time
import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics.spc import anhoej_thresholds, run_chart, xmr

N = 1_000_000
#: Points for the memory rows: ten million, as a long ticket history might give.
BIG_N = 10_000_000
PEER_N = 2_000
RUN_PEER_N = 1_000
REPEATS = 3
PEER = "pyqicharts"


def _best(func: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, Any]:
    """Best wall time of ``repeats`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def _data(n: int = N) -> pd.DataFrame:
    """A seeded noisy daily series with a real drop 60% of the way along."""
    rng = np.random.default_rng(20261122)
    values = rng.normal(50.0, 5.0, n)
    values[int(n * 0.6) :] -= 4.0
    return pd.DataFrame({"x": np.arange(n), "y": values})


def _peer() -> Any | None:
    try:
        import pyqicharts
    except ImportError:
        return None
    return pyqicharts


def _peer_label(detail: str) -> str:
    version = importlib.metadata.version(PEER)
    return f"{PEER} {version} {detail}"


def _xmr(frame: pd.DataFrame, *, screen: bool = True) -> pd.DataFrame:
    return xmr(frame, value="y", date="x", improvement="decrease", screen_outliers=screen)


def _peer_xmr(peer: Any, frame: pd.DataFrame) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table: pd.DataFrame = peer.qic_table(
            frame,
            x="x",
            y="y",
            chart="i",
            improvement="low is good",
            shift_points=7,
            trend_points=7,
        )
    return table


def _limits_note(ours: pd.DataFrame, theirs: pd.DataFrame) -> str:
    mean = float(ours["mean"].iloc[0])
    upl, peer_upl = float(ours["upl"].iloc[0]), float(theirs["ucl"].iloc[0])
    width_gap = abs((peer_upl - mean) / (upl - mean) - 1)
    same_mean = abs(float(theirs["centre"].iloc[0]) - mean) < 1e-9 * max(1.0, abs(mean))
    ours_out = ours["outside_limits"].to_numpy()
    theirs_out = (theirs["outside_ucl"] | theirs["outside_lcl"]).to_numpy(dtype=bool)
    return (
        f"cross-check on {len(ours):,} points: mean {'equal' if same_mean else 'DIFFERS'}; "
        f"limit width differs by {width_gap:.3%} (2.66 x mean moving range here, "
        f"3 / 1.128 = 2.6596 there); points beyond the limits: {int(ours_out.sum())} here, "
        f"{int(theirs_out.sum())} there, {int((ours_out != theirs_out).sum())} disagree"
    )


def _thresholds_note(peer: Any) -> str:
    """Anhøj thresholds from pyqicharts next to the published ones (RECIPES.md)."""
    differ = []
    for n in (10, 12, 15, 20, 24, 30, 52, 100):
        # n useful points around a median of 1 (an odd n needs two points on the median).
        k = n // 2
        values = np.array([0.0] * k + [1.0, 1.0] * (n % 2) + [2.0] * (n - k))
        result = peer.anhoej_rules(values)
        if result.n_used != n:
            return f"run-chart thresholds not compared: {result.n_used} useful points, not {n}"
        theirs = (result.expected_longest_run, result.lower_crossings_limit)
        if theirs != anhoej_thresholds(n):
            differ.append(
                f"n={n}: {theirs[0]}/{theirs[1]} vs {'/'.join(map(str, anhoej_thresholds(n)))}"
            )
    if not differ:
        return "run-chart thresholds agree with the published table"
    return "pyqicharts thresholds (longest run / crossings) differ from the published: " + (
        "; ".join(differ)
    )


def _peak(func: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall time and tracemalloc peak (bytes above the start) of one call, and its result."""
    gc.collect()
    tracemalloc.start()
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, float(peak), result


def _memory_rows(n: int = BIG_N) -> list[dict[str, Any]]:
    """xmr on ``n`` points from pandas and from polars, with peak memory, against numpy.

    The baseline is the least any XmR chart must do, in the same run: numpy's mean and mean
    absolute difference of the same array. The input's own size is in every note.
    """
    rng = np.random.default_rng(20261122)
    values = rng.normal(50.0, 5.0, n)
    frames: dict[str, Any] = {"pandas": pd.DataFrame({"y": values})}
    try:
        import polars as pl

        frames["polars"] = pl.DataFrame({"y": values})
    except ImportError:
        frames["polars"] = None
    size_mb = values.nbytes / 1e6
    base_seconds, base_peak, _ = _peak(lambda: (values.mean(), np.abs(np.diff(values)).mean()))
    rows: list[dict[str, Any]] = []
    for kind, data in frames.items():
        if data is None:
            rows.append(
                {
                    "name": f"xmr, {n:,} points, {kind}",
                    "seconds": None,
                    "baseline": "polars not installed",
                    "baseline_seconds": None,
                    "ratio": None,
                    "target": "",
                    "note": "",
                }
            )
            continue
        seconds, peak, chart = _peak(lambda data=data: xmr(data, value="y"))
        del chart
        rows.append(
            {
                "name": f"xmr, {n:,} points, {kind} in and out",
                "seconds": seconds,
                "baseline": "numpy mean and mean |diff| of the same array",
                "baseline_seconds": base_seconds,
                "ratio": seconds / base_seconds,
                "target": "peak memory near the output's size",
                "note": (
                    f"peak {peak / 1e6:,.0f} MB (baseline {base_peak / 1e6:,.0f} MB); input "
                    f"{size_mb:,.0f} MB; the chart itself holds about 8 input-sizes (value, "
                    "moving range, segment and five limit columns per point)"
                ),
            }
        )
    return rows


def run() -> list[dict[str, Any]]:
    """Time xmr and run_chart on a million points, and pyqicharts on the same data.

    Returns
    -------
    list of dict
        One row per comparison: name, seconds, baseline, baseline_seconds, ratio, target and a
        note with the cross-check of the peer's figures against ours.
    """
    frame = _data()
    head = frame.iloc[:PEER_N]
    peer = _peer()
    rows: list[dict[str, Any]] = []

    seconds, chart = _best(lambda: _xmr(frame))
    signals = int(chart["special_cause"].sum())
    # pyqicharts does not screen moving ranges by default, so neither do we for the cross-check.
    head_seconds, head_chart = _best(lambda: _xmr(head, screen=False))
    if peer is None:
        missing = f"{PEER} not installed (pip install {PEER}): no comparison"
        rows.append(
            {
                "name": f"xmr, all four rules, {N:,} points",
                "seconds": seconds,
                "baseline": missing,
                "baseline_seconds": None,
                "ratio": None,
                "target": "< 1 s",
                "note": f"{signals:,} special-cause points",
            }
        )
        rows.append(
            {
                "name": f"xmr, all four rules, {PEER_N:,} points",
                "seconds": head_seconds,
                "baseline": missing,
                "baseline_seconds": None,
                "ratio": None,
                "target": "faster than the peer",
                "note": "",
            }
        )
    else:
        peer_seconds, peer_table = _best(lambda: _peer_xmr(peer, head), repeats=2)
        scaled = peer_seconds * N / PEER_N
        rows.append(
            {
                "name": f"xmr, all four rules, {N:,} points",
                "seconds": seconds,
                "baseline": _peer_label(
                    f"qic_table(chart='i') on {PEER_N:,} of the points, scaled linearly to {N:,} "
                    "(a lower bound: it grows faster than linearly)"
                ),
                "baseline_seconds": scaled,
                "ratio": scaled / seconds,
                "target": "< 1 s",
                "note": f"{signals:,} special-cause points",
            }
        )
        rows.append(
            {
                "name": f"xmr, all four rules, first {PEER_N:,} points",
                "seconds": head_seconds,
                "baseline": _peer_label("qic_table(chart='i'), same points"),
                "baseline_seconds": peer_seconds,
                "ratio": peer_seconds / head_seconds,
                "target": "faster than the peer",
                "note": _limits_note(head_chart, peer_table),
            }
        )

    rows.extend(_memory_rows())
    run_seconds, _ = _best(lambda: run_chart(frame, value="y"))
    rows.append(
        {
            "name": f"run_chart, {N:,} points",
            "seconds": run_seconds,
            "baseline": (
                f"{PEER} not installed"
                if peer is None
                else f"{PEER}: not run at this size (its exact threshold loop grows about "
                "as n^3.5: about 1 s at 1,000 points)"
            ),
            "baseline_seconds": None,
            "ratio": None,
            "target": "< 1 s",
            "note": "",
        }
    )
    small = frame.iloc[:RUN_PEER_N]
    small_seconds, ours = _best(lambda: run_chart(small, value="y"))
    if peer is None:
        rows.append(
            {
                "name": f"run_chart, first {RUN_PEER_N:,} points",
                "seconds": small_seconds,
                "baseline": f"{PEER} not installed: no comparison",
                "baseline_seconds": None,
                "ratio": None,
                "target": "faster than the peer",
                "note": "",
            }
        )
    else:
        values = small["y"].to_numpy()
        peer_run, theirs = _best(lambda: peer.anhoej_rules(values), repeats=2)
        agree = (theirs.longest_run, theirs.crossings) == (ours.longest_run, ours.crossings)
        rows.append(
            {
                "name": f"run_chart, first {RUN_PEER_N:,} points",
                "seconds": small_seconds,
                "baseline": _peer_label("anhoej_rules, same points"),
                "baseline_seconds": peer_run,
                "ratio": peer_run / small_seconds,
                "target": "faster than the peer",
                "note": (
                    f"longest run {ours.longest_run} and crossings {ours.crossings} "
                    f"{'agree' if agree else 'DIFFER'}; " + _thresholds_note(peer)
                ),
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
