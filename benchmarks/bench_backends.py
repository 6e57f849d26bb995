"""Benchmark: time to resolve on 10 million tickets, in pandas and in polars, with peak memory.

The tickets have zone-aware opened and resolved times (UTC), the shape of a real export, and
``time_to_resolve(data, hours=None, q=[0.5, 0.9])`` takes durations between instants and their
median and 90th percentile. Each library is measured against a plain baseline written in that
same library, in the same run: pandas ``(resolved - opened).dt.total_seconds() / 3600`` then
``Series.quantile``; polars ``(resolved - opened).dt.total_microseconds() / 3.6e9`` then
``quantile(..., "linear")``. The two answers are compared before any time is reported.

Each measurement runs in a fresh interpreter (so memory an earlier call freed but the
allocator kept cannot hide a peak): it builds the data, calls once on a small slice (imports
and first use are not measured), then reports the call's peak memory (the rise of the
resident set's high-water mark, reset just before through /proc/self/clear_refs, or what
``tracemalloc`` saw if larger) and, on a second call, its time. The size of the two time
columns is printed beside it. Set
``SMLAB_BENCH_ROWS`` to measure another size (the default, 10 million, takes about a minute
and some 1.5 GB on a 2-core machine).

Run it alone with ``python benchmarks/bench_backends.py`` or with the others through
``python -m benchmarks backends``.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.analytics.metrics import time_to_resolve

ROWS = int(os.environ.get("SMLAB_BENCH_ROWS", 10_000_000))
SEED = 20250330
QUANTILES = [0.5, 0.9]
MB = 1024 * 1024


def _times(rows: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    start = np.datetime64("2024-01-01T00:00", "us")
    opened = start + (rng.random(rows) * 730 * 86_400e6).astype("timedelta64[us]")
    wait = (np.exp(rng.normal(1.5, 1.2, rows)) * 3_600e6).astype("timedelta64[us]")
    return opened, opened + wait


def tickets(rows: int = ROWS) -> pd.DataFrame:
    """``rows`` tickets over two years, resolved after a log-normal wait (hours), in UTC."""
    opened, resolved = _times(rows)
    frame = pd.DataFrame({"opened_at": opened, "resolved_at": resolved})
    return frame.apply(lambda column: column.dt.tz_localize("UTC"))


def polars_tickets(rows: int = ROWS) -> pl.DataFrame:
    """The same tickets built straight into polars (no pandas copy held)."""
    opened, resolved = _times(rows)
    utc = pl.Datetime("us", "UTC")
    return pl.DataFrame(
        {"opened_at": pl.Series(opened).cast(utc), "resolved_at": pl.Series(resolved).cast(utc)}
    )


def _status(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def _peak_rise(function: Callable[[], Any]) -> int:
    """The rise of resident memory's high-water mark during one call, in bytes.

    The mark is reset first (writing 5 to /proc/self/clear_refs), so it is the call's own
    peak over what was resident before it; ``tracemalloc`` covers numpy and pandas buffers
    where the kernel figure cannot (a platform without /proc).
    """
    gc.collect()
    tracemalloc.start()
    try:
        Path("/proc/self/clear_refs").write_text("5")
        before = _status("VmRSS")
        function()
        rise = _status("VmHWM") - before
    except OSError:
        function()
        rise = 0
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return max(rise, traced)


def child(library: str, which: str, rows: int) -> dict[str, Any]:
    """In a fresh process: build the data, then one call's peak memory, time and answer."""
    data: Any = polars_tickets(rows) if library == "polars" else tickets(rows)
    baseline = polars_baseline if library == "polars" else pandas_baseline

    def call(frame: Any) -> list[float]:
        if which == "baseline":
            return baseline(frame)
        found = time_to_resolve(frame, hours=None, q=QUANTILES)
        values = found if library == "pandas" else found["hours"]
        return [float(value) for value in values]

    call(data.head(1000))  # imports and first-use costs are not measured
    peak = _peak_rise(lambda: call(data))
    begin = time.perf_counter()
    answer = call(data)
    seconds = time.perf_counter() - begin
    return {"seconds": seconds, "peak": peak, "answer": answer}


def measure(library: str, which: str, rows: int) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter, so no earlier call's memory hides a peak."""
    root = Path(__file__).resolve().parents[1]
    command = [sys.executable, "-m", "benchmarks.bench_backends", "--child", library, which]
    done = subprocess.run(
        [*command, str(rows)], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{library} {which} failed: {done.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def pandas_baseline(frame: pd.DataFrame) -> list[float]:
    hours = (frame["resolved_at"] - frame["opened_at"]).dt.total_seconds() / 3600.0
    return [float(value) for value in hours.quantile(QUANTILES)]


def polars_baseline(frame: pl.DataFrame) -> list[float]:
    hours = frame.select(
        ((pl.col("resolved_at") - pl.col("opened_at")).dt.total_microseconds() / 3.6e9).alias("h")
    )["h"]
    return [float(hours.quantile(q, "linear")) for q in QUANTILES]  # type: ignore[arg-type]


def run(rows: int = ROWS) -> list[dict[str, Any]]:
    """Time ``time_to_resolve`` on ``rows`` tickets in pandas and polars against baselines.

    Returns
    -------
    list of dict
        One row per library: name, seconds, baseline, baseline_seconds, ratio and a note
        with both peak memory rises and the size of the data.

    Raises
    ------
    RuntimeError
        If the toolkit and its baseline disagree.
    """
    data_mb = rows * 16 / MB
    results = []
    for library in ("pandas", "polars"):
        plain = measure(library, "baseline", rows)
        ours = measure(library, "toolkit", rows)
        if not np.allclose(ours["answer"], plain["answer"], rtol=1e-9):
            raise RuntimeError(f"{library}: toolkit {ours['answer']} vs plain {plain['answer']}")
        results.append(
            {
                "name": f"time_to_resolve p50/p90, {rows / 1e6:g}M rows, {library}",
                "seconds": ours["seconds"],
                "baseline": f"plain {library}",
                "baseline_seconds": plain["seconds"],
                "ratio": plain["seconds"] / ours["seconds"],
                "peak_mb": ours["peak"] / MB,
                "baseline_peak_mb": plain["peak"] / MB,
                "note": (
                    f"peak memory +{ours['peak'] / MB:.0f} MB (plain {library} "
                    f"+{plain['peak'] / MB:.0f} MB); the two time columns are {data_mb:.0f} MB"
                ),
            }
        )
    return results


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2], sys.argv[3], int(sys.argv[4]))))
        sys.exit(0)
    for row in run():
        print(
            f"{row['name']:<50} {row['seconds']:.2f} s vs {row['baseline_seconds']:.2f} s "
            f"({row['baseline']}); {row['note']}"
        )
