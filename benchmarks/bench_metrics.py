"""Benchmark: every service measure in ``toolkit.analytics.metrics`` on a million rows.

The data come from the course's own seeded generator (``toolkit.data.loaders.generate`` or, if
that is not importable, ``toolkit.data.synthetic.generate``) with a million incidents; the other
tables it makes are smaller (about 125k changes, 190k deployments, 380k survey answers), so
they are tiled to a million rows each, and every measure runs on a million rows. A small
vectorised builder stands in if neither generator is importable.

The baseline is a straightforward per-row Python implementation of the same measure (a
``for`` loop over the rows, dicts of counters and lists, ``statistics.median``), the way one
would write it without pandas. It runs on the first 100,000 rows, prepared as Python lists
before the clock starts, and its time is scaled by 10 to a million rows (its cost is linear
in the rows). Before the timings are reported the two implementations are compared on that
sample; a disagreement raises, so the ratio is never between two different answers.

Run it alone with ``python benchmarks/bench_metrics.py`` or with the others through
``python -m benchmarks``.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: make the checkout importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.analytics.metrics import (
    backlog,
    change_success_rate,
    csat,
    dora_four_keys,
    first_contact_resolution,
    happiness,
    nps,
    reopen_rate,
    sla_compliance,
    time_to_resolve,
    watermelon,
)

ROWS = 1_000_000
SAMPLE = 100_000
SEED = 20240401
TARGET = "< 2 s"


# --- data --------------------------------------------------------------------------------


def _tile(frame: pd.DataFrame, rows: int) -> pd.DataFrame:
    """Repeat ``frame``'s rows until it has ``rows`` rows."""
    return frame.iloc[np.arange(rows) % len(frame)].reset_index(drop=True)


def _generated(rows: int) -> dict[str, pd.DataFrame] | None:
    try:
        from toolkit.data.loaders import generate  # type: ignore[attr-defined]
    except ImportError:
        try:
            from toolkit.data.synthetic import generate
        except ImportError:
            return None
    tables: dict[str, pd.DataFrame] = generate(seed=SEED, incidents=rows)
    return tables


def _built(rows: int) -> dict[str, pd.DataFrame]:
    """A small vectorised stand-in with the agreed columns, used if no generator exists."""
    rng = np.random.default_rng(SEED)
    services = np.array([f"SVC-{i}" for i in range(8)])
    start = np.datetime64("2024-01-01T00:00", "m")
    opened = start + rng.integers(0, 730 * 24 * 60, rows).astype("timedelta64[m]")
    hours = rng.lognormal(2.0, 1.0, rows)
    open_now = rng.random(rows) < 0.01
    hours[open_now] = np.nan
    resolved = opened + (np.nan_to_num(hours) * 60).astype("timedelta64[m]")
    incidents = pd.DataFrame(
        {
            "service_id": rng.choice(services, rows),
            "opened_at": pd.to_datetime(opened),
            "resolved_at": pd.to_datetime(np.where(open_now, np.datetime64("NaT"), resolved)),
            "resolve_hours": hours,
            "sla_target_hours": rng.choice([4.0, 8.0, 24.0, 72.0], rows),
            "reopened": rng.random(rows) < 0.05,
            "first_contact_resolution": rng.random(rows) < 0.3,
        }
    )
    implemented = start + rng.integers(0, 730 * 24 * 60, rows).astype("timedelta64[m]")
    changes = pd.DataFrame(
        {
            "outcome": pd.Categorical(np.where(rng.random(rows) < 0.95, "successful", "failed")),
            "implemented_at": pd.to_datetime(implemented),
        }
    )
    committed = start + rng.integers(0, 730 * 24 * 60, rows).astype("timedelta64[m]")
    deployed = committed + rng.integers(10, 7 * 24 * 60, rows).astype("timedelta64[m]")
    failed = rng.random(rows) < 0.1
    restored = deployed + rng.integers(5, 48 * 60, rows).astype("timedelta64[m]")
    deployments = pd.DataFrame(
        {
            "service_id": rng.choice(services, rows),
            "committed_at": pd.to_datetime(committed),
            "deployed_at": pd.to_datetime(deployed),
            "failed": failed,
            "restored_at": pd.to_datetime(np.where(failed, restored, np.datetime64("NaT"))),
        }
    )
    responded = start + rng.integers(0, 730 * 24 * 60, rows).astype("timedelta64[m]")
    survey = pd.DataFrame(
        {
            "service_id": rng.choice(services, rows),
            "responded_at": pd.to_datetime(responded),
            "moment": pd.Categorical(rng.choice(["report", "resolved"], rows)),
            "happiness": rng.integers(0, 11, rows),
            "csat": rng.integers(1, 6, rows),
            "recommend": rng.integers(0, 11, rows),
        }
    )
    return {
        "incidents": incidents,
        "changes": changes,
        "deployments": deployments,
        "survey": survey,
    }


def tables(rows: int = ROWS) -> tuple[dict[str, pd.DataFrame], str]:
    """The four tables at ``rows`` rows each, and where they came from."""
    made = _generated(rows)
    source = "the course generator" if made is not None else "the benchmark's own builder"
    data = made if made is not None else _built(rows)
    names = ("incidents", "changes", "deployments", "survey")
    return {name: _tile(data[name], rows) for name in names}, source


# --- per-row Python baselines ------------------------------------------------------------


def _month(moment: datetime) -> tuple[int, int]:
    return moment.year, moment.month


def _lists(frame: pd.DataFrame, columns: Iterable[str]) -> list[list[Any]]:
    """Columns as Python lists (NaN/NaT/NA as None), prepared before the clock starts."""
    out = []
    for column in columns:
        values = frame[column].astype(object).where(frame[column].notna(), None).tolist()
        out.append(values)
    return out


def loop_change_success_by_month(outcome: list[Any], when: list[Any]) -> dict[Any, float]:
    counts: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for result, moment in zip(outcome, when, strict=True):
        if result is None:
            continue
        cell = counts[_month(moment)]
        cell[0] += 1
        cell[1] += result == "successful"
    return {key: ok / n for key, (n, ok) in counts.items()}


def loop_sla_by_service_month(
    service: list[Any], opened: list[Any], hours: list[Any], target: list[Any]
) -> dict[Any, float]:
    counts: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for name, moment, taken, goal in zip(service, opened, hours, target, strict=True):
        if taken is None:
            continue
        cell = counts[(name, _month(moment))]
        cell[0] += 1
        cell[1] += taken <= goal
    return {key: met / n for key, (n, met) in counts.items()}


def _quantile(ordered: list[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def loop_time_to_resolve_by_service(service: list[Any], hours: list[Any]) -> dict[Any, float]:
    groups: dict[Any, list[float]] = defaultdict(list)
    for name, taken in zip(service, hours, strict=True):
        if taken is not None:
            groups[name].append(taken)
    result = {}
    for name, values in groups.items():
        ordered = sorted(values)
        result[name] = statistics.median(ordered)
        result[(name, "p90")] = _quantile(ordered, 0.9)
    return result


def loop_flag_by_month(flags: list[Any], opened: list[Any]) -> dict[Any, float]:
    counts: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for flag, moment in zip(flags, opened, strict=True):
        if flag is None:
            continue
        cell = counts[_month(moment)]
        cell[0] += 1
        cell[1] += bool(flag)
    return {key: hit / n for key, (n, hit) in counts.items()}


def loop_backlog_weekly(opened: list[Any], resolved: list[Any]) -> list[int]:
    """Open incidents at the end of every week (weeks end on Sunday, as pandas' 'W')."""
    first = min(opened)
    last = max([*opened, *(moment for moment in resolved if moment is not None)])
    week_start = datetime(first.year, first.month, first.day) - timedelta(days=first.weekday())
    ends = []
    while week_start <= last:
        ends.append(week_start + timedelta(days=7) - timedelta(microseconds=1))
        week_start += timedelta(days=7)
    ends[-1] = min(ends[-1], last)
    counts = dict.fromkeys(range(len(ends)), 0)
    origin = ends[0] - timedelta(days=7)
    for start, end in zip(opened, resolved, strict=True):
        index = max(0, int((start - origin) / timedelta(days=7)) - 1)
        while index < len(ends) and ends[index] < start:
            index += 1
        while index < len(ends) and (end is None or end > ends[index]):
            counts[index] += 1
            index += 1
    return [counts[index] for index in range(len(ends))]


def loop_dora(
    committed: list[Any], deployed: list[Any], failed: list[Any], restored: list[Any]
) -> dict[str, float]:
    leads, restores = [], []
    failures = 0
    first, last = deployed[0], deployed[0]
    for start, done, broke, back in zip(committed, deployed, failed, restored, strict=True):
        leads.append((done - start).total_seconds() / 3600)
        first, last = min(first, done), max(last, done)
        if broke:
            failures += 1
            if back is not None:
                restores.append((back - done).total_seconds() / 3600)
    days = (last.date() - first.date()).days + 1
    return {
        "deployment_frequency": len(deployed) / days,
        "lead_time": statistics.median(leads),
        "change_failure_rate": failures / len(deployed),
        "time_to_restore": statistics.median(restores) if restores else math.nan,
    }


def loop_net_score_by_service_month(
    service: list[Any], when: list[Any], scores: list[Any]
) -> dict[Any, float]:
    counts: dict[Any, list[int]] = defaultdict(lambda: [0, 0, 0])
    for name, moment, score in zip(service, when, scores, strict=True):
        if score is None:
            continue
        cell = counts[(name, _month(moment))]
        cell[0] += 1
        cell[1] += score >= 9
        cell[2] += score <= 6
    return {key: 100 * (up - down) / n for key, (n, up, down) in counts.items() if n >= 30}


def loop_csat_overall(scores: list[Any]) -> float:
    n = satisfied = 0
    for score in scores:
        if score is None:
            continue
        n += 1
        satisfied += score >= 4
    return 100 * satisfied / n


def loop_watermelon(
    incidents: list[list[Any]], survey: list[list[Any]], sla_target: float = 0.95
) -> dict[Any, str]:
    service, hours, target = incidents
    sla: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for name, taken, goal in zip(service, hours, target, strict=True):
        if taken is not None:
            sla[name][0] += 1
            sla[name][1] += taken <= goal
    names, scores = survey
    mood: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for name, score in zip(names, scores, strict=True):
        if score is not None:
            mood[name][0] += 1
            mood[name][1] += (score >= 9) - (score <= 6)
    labels = {}
    for name in set(sla) | set(mood):
        n, met = sla.get(name, [0, 0])
        answers, net = mood.get(name, [0, 0])
        if n == 0 or answers < 30:
            labels[name] = "not enough data"
            continue
        green_sla, green_mood = met / n >= sla_target, 100 * net / answers >= 0
        labels[name] = (
            ("healthy" if green_mood else "watermelon")
            if green_sla
            else ("reverse watermelon" if green_mood else "failing")
        )
    return labels


# --- timing --------------------------------------------------------------------------------


def _best_of(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        began = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - began)
    return best, result


def _close(name: str, fast: dict[Any, float], slow: dict[Any, float]) -> None:
    """Raise unless both implementations give the same numbers on the sample."""
    if set(fast) != set(slow):
        raise RuntimeError(
            f"{name}: the groups differ: {sorted(map(str, set(fast) ^ set(slow)))[:5]}"
        )
    for key, value in slow.items():
        other = fast[key]
        both_nan = isinstance(value, float) and math.isnan(value) and math.isnan(other)
        if not both_nan and not math.isclose(other, value, rel_tol=1e-9, abs_tol=1e-9):
            raise RuntimeError(f"{name}: {key}: toolkit {other!r} vs per-row loop {value!r}")


def _monthly(table: pd.DataFrame | pd.Series, column: str | None = None) -> dict[Any, float]:
    series = table if column is None else table[column]
    out: dict[Any, float] = {}
    for key, value in series.items():
        *head, period = key if isinstance(key, tuple) else (key,)
        label = (period.year, period.month)
        if not (isinstance(value, float) and math.isnan(value)):
            out[(*head, label) if head else label] = float(value)
    return out


def _cases(data: dict[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """Each measure: the toolkit call, the baseline, and how to compare them on the sample."""
    incidents, changes = data["incidents"], data["changes"]
    deployments, survey = data["deployments"], data["survey"]
    sample = {name: frame.iloc[:SAMPLE] for name, frame in data.items()}
    inc, chg = sample["incidents"], sample["changes"]
    dep, sur = sample["deployments"], sample["survey"]
    inc_lists = _lists(
        inc,
        ["service_id", "opened_at", "resolved_at", "resolve_hours", "sla_target_hours",
         "reopened", "first_contact_resolution"],
    )  # fmt: skip
    service, opened, resolved, hours, target, reopened, first = inc_lists
    outcome, implemented = _lists(chg, ["outcome", "implemented_at"])
    committed, deployed, failed, restored = _lists(
        dep, ["committed_at", "deployed_at", "failed", "restored_at"]
    )
    who, when, happy, sat, recommend = _lists(
        sur, ["service_id", "responded_at", "happiness", "csat", "recommend"]
    )

    def ttr(frame: pd.DataFrame) -> dict[Any, float]:
        table = time_to_resolve(frame, by="service_id", q=[0.5, 0.9])
        out = {name: float(value) for name, value in table["p50"].items()}
        out.update({(name, "p90"): float(value) for name, value in table["p90"].items()})
        return out

    def dora(frame: pd.DataFrame) -> dict[Any, float]:
        return {str(k): float(v) for k, v in dora_four_keys(frame)["value"].items()}

    def scores(frame: pd.DataFrame, measure: Callable[..., Any]) -> dict[Any, float]:
        table = measure(frame, by="service_id", freq="M")
        return _monthly(table, "score")

    def quadrants(frame_i: pd.DataFrame, frame_s: pd.DataFrame) -> dict[Any, str]:
        table = watermelon(frame_i, survey=frame_s)
        return {name: str(label) for name, label in table["quadrant"].items()}

    return [
        {
            "name": "change_success_rate by month",
            "fast": lambda: change_success_rate(changes, freq="M"),
            "check": lambda: _monthly(change_success_rate(chg, freq="M"), "rate"),
            "slow": lambda: loop_change_success_by_month(outcome, implemented),
        },
        {
            "name": "sla_compliance by service x month",
            "fast": lambda: sla_compliance(incidents, by="service_id", freq="M"),
            "check": lambda: _monthly(sla_compliance(inc, by="service_id", freq="M"), "rate"),
            "slow": lambda: loop_sla_by_service_month(service, opened, hours, target),
        },
        {
            "name": "time_to_resolve p50/p90 by service",
            "fast": lambda: time_to_resolve(incidents, by="service_id", q=[0.5, 0.9]),
            "check": lambda: ttr(inc),
            "slow": lambda: loop_time_to_resolve_by_service(service, hours),
        },
        {
            "name": "reopen_rate by month",
            "fast": lambda: reopen_rate(incidents, freq="M"),
            "check": lambda: _monthly(reopen_rate(inc, freq="M"), "rate"),
            "slow": lambda: loop_flag_by_month(reopened, opened),
        },
        {
            "name": "first_contact_resolution by month",
            "fast": lambda: first_contact_resolution(incidents, freq="M"),
            "check": lambda: _monthly(first_contact_resolution(inc, freq="M"), "rate"),
            "slow": lambda: loop_flag_by_month(first, opened),
        },
        {
            "name": "backlog at the end of every week",
            "fast": lambda: backlog(incidents, freq="W"),
            "check": lambda: dict(enumerate(backlog(inc, freq="W").astype(float))),
            "slow": lambda: dict(enumerate(map(float, loop_backlog_weekly(opened, resolved)))),
        },
        {
            "name": "dora_four_keys",
            "fast": lambda: dora_four_keys(deployments),
            "check": lambda: dora(dep),
            "slow": lambda: loop_dora(committed, deployed, failed, restored),
        },
        {
            "name": "happiness by service x month",
            "fast": lambda: happiness(survey, by="service_id", freq="M"),
            "check": lambda: scores(sur, happiness),
            "slow": lambda: loop_net_score_by_service_month(who, when, happy),
        },
        {
            "name": "nps by service x month",
            "fast": lambda: nps(survey, by="service_id", freq="M"),
            "check": lambda: scores(sur, nps),
            "slow": lambda: loop_net_score_by_service_month(who, when, recommend),
        },
        {
            "name": "csat overall",
            "fast": lambda: csat(survey),
            "check": lambda: {"csat": float(csat(sur))},
            "slow": lambda: {"csat": loop_csat_overall(sat)},
        },
        {
            "name": "watermelon by service (incidents + survey)",
            "fast": lambda: watermelon(incidents, survey=survey),
            "check": lambda: quadrants(inc, sur),
            "slow": lambda: loop_watermelon([service, hours, target], [who, happy]),
            "exact": True,
        },
    ]


def run(repeats: int = 3, baseline_repeats: int = 1) -> list[dict[str, Any]]:
    """Time every measure on a million rows against its per-row Python baseline.

    Parameters
    ----------
    repeats : int, default 3
        Repeats of each toolkit call (the best is reported).
    baseline_repeats : int, default 1
        Repeats of each per-row loop on the 100,000-row sample.

    Returns
    -------
    list of dict
        One row per measure with name, seconds, baseline, baseline_seconds (scaled to a
        million rows), ratio, target and a note.

    Raises
    ------
    RuntimeError
        If a toolkit measure and its per-row baseline disagree on the sample.
    """
    data, source = tables()
    rows = []
    for case in _cases(data):
        expected = case["slow"]()
        found = case["check"]()
        if case.get("exact"):
            if found != expected:
                raise RuntimeError(f"{case['name']}: toolkit {found} vs per-row loop {expected}")
        else:
            _close(case["name"], found, expected)
        seconds, _ = _best_of(case["fast"], repeats)
        sample_seconds, _ = _best_of(case["slow"], baseline_repeats)
        baseline_seconds = sample_seconds * ROWS / SAMPLE
        rows.append(
            {
                "name": f"{case['name']}, 1M rows",
                "seconds": seconds,
                "baseline": "per-row python loop",
                "baseline_seconds": baseline_seconds,
                "ratio": baseline_seconds / seconds,
                "target": TARGET,
                "note": f"loop on {SAMPLE // 1000}k rows x{ROWS // SAMPLE}; data from {source}",
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(
            f"{row['name']:<58} {row['seconds']:.3f} s; per-row loop "
            f"{row['baseline_seconds']:.2f} s (scaled); ratio {row['ratio']:.0f}x "
            f"(target {row['target']})"
        )
