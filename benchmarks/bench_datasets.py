"""How fast the seeded generator makes a million incidents, against a per-row Python loop.

The baseline is what one would write without numpy: the same model (arrival time, service,
impact x urgency, hand-offs, first contact, log-normal resolve time, SLA, reopen), drawn one
ticket at a time with :mod:`random` and collected into a DataFrame. It runs on a smaller
sample and is scaled up linearly to a million rows (a per-row loop is linear in the rows).
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from itertools import accumulate

import numpy as np
import pandas as pd

from toolkit.data import synthetic

ROWS = 1_000_000
BASELINE_ROWS = 20_000


def _best_of(repeats: int, action: Callable[[], object]) -> float:
    best = math.inf
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def naive_incidents(n: int, seed: int = 1) -> pd.DataFrame:
    """Generate ``n`` incidents one row at a time (the baseline; same model, plain Python)."""
    rng = random.Random(seed)
    services = synthetic.SERVICES
    # Cumulative weights computed once, as a careful per-row implementation would.
    service_weights = list(accumulate(profile.incident_share for profile in services))
    day_weights = list(accumulate(synthetic._day_weights(0.28).tolist()))
    hour_weights = list(accumulate(synthetic._INCIDENT_HOURS.tolist()))
    cells = [(impact, urgency) for impact in (1, 2, 3) for urgency in (1, 2, 3)]
    cell_weights = list(accumulate(synthetic._CELL_PROBABILITY.ravel().tolist()))
    category_weights = [list(accumulate(profile.category_mix)) for profile in services]
    channel_weights = list(accumulate(synthetic._CHANNEL_SHARE.tolist()))
    end = synthetic._END_MINUTE
    start = synthetic.START.to_pydatetime()
    improvement = synthetic._minute(synthetic.IMPROVEMENT_DATE)
    arrivals = []
    for _ in range(n):
        day = rng.choices(range(len(day_weights)), cum_weights=day_weights)[0]
        hour = rng.choices(range(24), cum_weights=hour_weights)[0]
        arrivals.append(day * 1440 + hour * 60 + rng.randrange(60))
    arrivals.sort()
    rows = []
    for number, opened in enumerate(arrivals, start=1):
        service_index = rng.choices(range(len(services)), cum_weights=service_weights)[0]
        profile = services[service_index]
        impact, urgency = rng.choices(cells, cum_weights=cell_weights)[0]
        priority = int(synthetic.PRIORITY_MATRIX[impact - 1][urgency - 1])
        category = rng.choices(range(5), cum_weights=category_weights[service_index])[0]
        channel = rng.choices(range(5), cum_weights=channel_weights)[0]
        rate = (
            profile.reassign_rate
            * synthetic._PRIORITY_REASSIGN_FACTOR[priority]
            * synthetic._CATEGORY_REASSIGN_FACTOR[category]
        )
        reassignments, total = 0, rng.expovariate(1.0)  # Poisson by exponential gaps
        while total < rate:
            reassignments += 1
            total += rng.expovariate(1.0)
        improved = profile.service_id == synthetic.IMPROVEMENT_SERVICE and opened >= improvement
        chance = synthetic._CHANNEL_FIRST_CONTACT[channel] * (0.3 if priority == 0 else 1.0)
        chance *= synthetic._IMPROVED_FIRST_CONTACT if improved else 1.0
        watermelon = profile.service_id == synthetic.WATERMELON_SERVICE
        chance *= 0.5 if watermelon else 1.0
        first_contact = reassignments == 0 and rng.random() < chance
        if first_contact:
            hours = 0.25 * math.exp(0.5 * rng.gauss(0, 1))
        else:
            median = synthetic._PRIORITY_MEDIAN_HOURS[priority] * profile.resolve_factor
            median *= 1 + synthetic._HANDOFF_GROWTH * reassignments
            median *= synthetic._IMPROVED_RESOLVE if improved else 1.0
            hours = median * math.exp(profile.resolve_spread * rng.gauss(0, 1))
            if not watermelon and rng.random() < synthetic._STALLED_SHARE:
                hours *= 10.0
        minutes = max(1, math.ceil(hours * 60))
        still_open = opened + minutes >= end
        target = synthetic.SLA_TARGET_HOURS[synthetic.PRIORITIES[priority]]
        opened_at = pd.Timestamp(start) + pd.Timedelta(minutes=opened)
        rows.append(
            {
                "incident_id": f"INC{number:07d}",
                "service_id": profile.service_id,
                "opened_at": opened_at,
                "resolved_at": None if still_open else opened_at + pd.Timedelta(minutes=minutes),
                "impact": impact,
                "urgency": urgency,
                "priority": synthetic.PRIORITIES[priority],
                "category": synthetic.CATEGORIES[category],
                "channel": synthetic.CHANNELS[channel],
                "reassignments": reassignments,
                "reopened": not still_open and rng.random() < profile.reopen_rate,
                "first_contact_resolution": first_contact and not still_open,
                "sla_target_hours": target,
                "resolve_hours": None if still_open else round(minutes / 60, 4),
                "sla_met": None if still_open else minutes / 60 <= target,
            }
        )
    return pd.DataFrame(rows)


def run() -> list[dict[str, object]]:
    """Time the generator on a million incidents against the per-row baseline."""
    incidents_only = _best_of(2, lambda: synthetic.incidents_table(np.random.default_rng(1), ROWS))
    everything = _best_of(2, lambda: synthetic.generate(seed=1, incidents=ROWS))
    baseline = _best_of(1, lambda: naive_incidents(BASELINE_ROWS)) * ROWS / BASELINE_ROWS
    return [
        {
            "name": "generate incidents table, 1,000,000 rows",
            "seconds": incidents_only,
            "baseline": f"python loop ({BASELINE_ROWS:,} rows, scaled)",
            "baseline_seconds": baseline,
            "ratio": baseline / incidents_only,
            "target": "< 5 s and >= 20x",
        },
        {
            "name": "generate all tables, 1,000,000 incidents",
            "seconds": everything,
            "baseline": "python loop, incidents table only (scaled)",
            "baseline_seconds": baseline,
            "ratio": baseline / everything,
            "target": "< 10 s",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
