"""The seeded generator behind ``datasets/``: two years of a small organisation's service data.

Every table is drawn with vectorised numpy from one :class:`numpy.random.SeedSequence`, so the
same seed always gives the same data and a million incidents take seconds. The shapes follow
what public ITSM event logs show (the ServiceNow incident log published on the UCI repository,
for example): most incidents are of moderate priority and few are critical, priority comes from
an impact x urgency matrix, resolve times are skewed (log-normal) and grow with every hand-off
between groups, and each priority has its own resolution target.

Three stories are built in, for the lessons to find:

* :data:`WATERMELON_SERVICE` meets its resolution SLA almost every time while its users are
  unhappy: tickets are closed fast, then reopened (green outside, red inside).
* Change success rises from about 90% toward the 98% bar: the failure rate's gap above 1.5%
  halves every :data:`CHANGE_GAP_HALF_LIFE_MONTHS` months.
* At :data:`IMPROVEMENT_DATE`, :data:`IMPROVEMENT_SERVICE` gets a knowledge base at the
  service desk: its time to resolve drops and first-contact resolution rises, for good.

Use :func:`toolkit.data.loaders.generate`; the loaders in :mod:`toolkit.data.loaders` read the CSVs
back with the same column types this module produces.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

#: The tables, in the order they are generated, written and listed.
TABLES: tuple[str, ...] = ("services", "incidents", "changes", "deployments", "commits", "survey")

#: The seed the shipped CSVs in ``datasets/`` were made with.
SHIPPED_SEED = 20241639
#: How many incidents the shipped ``incidents.csv`` holds.
SHIPPED_INCIDENTS = 8000

#: The first instant covered, and the snapshot instant (exclusive): two calendar years.
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2026-01-01")

#: The service whose SLAs are green while its users are unhappy.
WATERMELON_SERVICE = "SVC-HR"
#: The service that really improved, and from when.
IMPROVEMENT_SERVICE = "SVC-EMAIL"
IMPROVEMENT_DATE = pd.Timestamp("2025-04-01")
#: The change failure rate approaches this floor (98.5% success, just past the 98% bar) ...
CHANGE_FAILURE_FLOOR = 0.015
#: ... from this rate in January 2024, the gap above the floor halving every so many months.
CHANGE_FAILURE_START = 0.10
CHANGE_GAP_HALF_LIFE_MONTHS = 7.0

PRIORITIES: tuple[str, ...] = ("P1", "P2", "P3", "P4")
#: Resolution target in calendar hours, by priority.
SLA_TARGET_HOURS: dict[str, float] = {"P1": 4.0, "P2": 8.0, "P3": 24.0, "P4": 72.0}
CRITICALITIES: tuple[str, ...] = ("low", "medium", "high")
CATEGORIES: tuple[str, ...] = ("access", "hardware", "software", "network", "other")
CHANNELS: tuple[str, ...] = ("portal", "email", "phone", "chat", "walk-in")
CHANGE_TYPES: tuple[str, ...] = ("standard", "normal", "emergency")
OUTCOMES: tuple[str, ...] = ("successful", "failed")
MOMENTS: tuple[str, ...] = (
    "find_help",
    "report",
    "acknowledged",
    "kept_updated",
    "resolved",
    "follow_up",
)


@dataclass(frozen=True)
class ServiceProfile:
    """One service and the knobs the generator turns for it (shares are relative weights)."""

    service_id: str
    name: str
    owner_team: str
    criticality: str
    users: int
    incident_share: float
    resolve_factor: float  # multiplies the priority's median resolve time
    resolve_spread: float  # sigma of the log-normal resolve time
    reassign_rate: float  # mean hand-offs between groups (Poisson)
    reopen_rate: float
    category_mix: tuple[float, float, float, float, float]  # weights in CATEGORIES order
    happiness: float  # centre of the users' latent 0-10 experience score
    response_rate: float  # share of resolved tickets answered by a survey
    change_share: float
    deploy_share: float
    deploy_lead_hours: float  # median first commit -> production
    deploy_failure: float  # share of deployments that fail in production
    restore_hours: float  # median time to restore after a failed deployment


#: The organisation's eight services (about 1,200 people).
SERVICES: tuple[ServiceProfile, ...] = (
    ServiceProfile("SVC-EMAIL", "Email and calendar", "Workplace Services", "high", 1200,
                   0.24, 1.0, 0.9, 0.8, 0.04, (0.30, 0.02, 0.55, 0.05, 0.08),
                   8.8, 0.35, 0.10, 0.10, 48.0, 0.10, 2.0),
    ServiceProfile("SVC-HR", "HR self-service portal", "HR Systems", "medium", 1200,
                   0.12, 0.25, 0.7, 0.35, 0.22, (0.35, 0.00, 0.45, 0.00, 0.20),
                   6.9, 0.60, 0.12, 0.18, 120.0, 0.14, 6.0),
    ServiceProfile("SVC-NET", "Network and Wi-Fi", "Infrastructure", "high", 1200,
                   0.13, 1.1, 0.9, 1.1, 0.05, (0.05, 0.15, 0.05, 0.70, 0.05),
                   8.6, 0.35, 0.18, 0.07, 72.0, 0.12, 3.0),
    ServiceProfile("SVC-DEVICE", "Laptops and mobile devices", "Workplace Services", "medium",
                   1100, 0.14, 1.3, 0.9, 0.9, 0.05, (0.10, 0.60, 0.20, 0.05, 0.05),
                   8.7, 0.35, 0.10, 0.08, 168.0, 0.10, 8.0),
    ServiceProfile("SVC-ERP", "Finance and ERP", "Business Applications", "high", 250,
                   0.09, 1.2, 0.9, 1.3, 0.06, (0.30, 0.00, 0.60, 0.02, 0.08),
                   8.3, 0.35, 0.20, 0.08, 480.0, 0.24, 24.0),
    ServiceProfile("SVC-CRM", "Customer relationship management", "Business Applications",
                   "high", 400, 0.09, 0.9, 0.9, 0.9, 0.04, (0.25, 0.00, 0.65, 0.02, 0.08),
                   8.8, 0.35, 0.15, 0.35, 20.0, 0.08, 0.75),
    ServiceProfile("SVC-VPN", "Remote access (VPN)", "Infrastructure", "medium", 900,
                   0.11, 0.8, 0.9, 0.8, 0.04, (0.40, 0.02, 0.13, 0.40, 0.05),
                   8.7, 0.35, 0.10, 0.07, 96.0, 0.12, 2.5),
    ServiceProfile("SVC-PRINT", "Printing", "Workplace Services", "low", 1100,
                   0.08, 1.1, 0.9, 0.7, 0.05, (0.05, 0.60, 0.15, 0.10, 0.10),
                   8.5, 0.35, 0.05, 0.07, 240.0, 0.15, 12.0),
)  # fmt: skip

# Impact x urgency cells (row = impact 1..3, column = urgency 1..3): their probabilities and
# the priority each maps to (index into PRIORITIES), as in common ITSM tools. About 1.5% P1,
# 10% P2, 49% P3 and 39.5% P4: most incidents moderate, few critical.
_CELL_PROBABILITY = np.array([[0.015, 0.04, 0.01], [0.06, 0.45, 0.14], [0.03, 0.20, 0.055]])
PRIORITY_MATRIX = np.array([[0, 1, 2], [1, 2, 3], [2, 3, 3]])
_PRIORITY_MEDIAN_HOURS = np.array([1.0, 2.2, 6.0, 14.0])  # before hand-offs
_PRIORITY_REASSIGN_FACTOR = np.array([1.5, 1.2, 1.0, 0.8])
_CATEGORY_REASSIGN_FACTOR = np.array([0.8, 1.2, 1.0, 1.3, 1.0])
_HANDOFF_GROWTH = 0.5  # each hand-off adds half the base time again
_CHANNEL_SHARE = np.array([0.40, 0.20, 0.25, 0.10, 0.05])
_CHANNEL_FIRST_CONTACT = np.array([0.35, 0.25, 0.75, 0.70, 0.80])
_IMPROVED_FIRST_CONTACT = 1.5  # the knowledge base at the desk
_IMPROVED_RESOLVE = 0.95
_STALLED_SHARE = 0.01

_MOMENT_SHARE = np.array([0.12, 0.15, 0.13, 0.20, 0.28, 0.12])
_MOMENT_EFFECT = np.array([-0.5, -0.2, 0.4, -0.8, 0.4, -0.1])
_WATERMELON_MOMENT_EFFECT = np.array([0.0, 0.0, 0.3, -1.0, -1.2, -0.6])

_INCIDENT_HOURS = np.array(
    [0.2, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 6.0, 6.5, 6.0,
     4.5, 5.5, 6.0, 5.5, 4.5, 3.0, 1.5, 1.0, 0.8, 0.6, 0.4, 0.3]
)  # fmt: skip
_WORK_HOURS = np.array(
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.5, 2.0, 4.0, 4.0, 4.0,
     2.0, 4.0, 4.0, 4.0, 3.0, 2.0, 1.5, 1.5, 1.0, 0.5, 0.2, 0.0]
)  # fmt: skip

_MINUTES_PER_DAY = 24 * 60
_N_DAYS = (END - START).days
_END_MINUTE = _N_DAYS * _MINUTES_PER_DAY
_MINUTES_PER_MONTH = 365.25 / 12 * _MINUTES_PER_DAY
_ORIGIN = np.datetime64(START.strftime("%Y-%m-%dT%H:%M"), "m")
_NAT = np.datetime64("NaT", "us")


def _profile_array(field: str) -> np.ndarray:
    return np.array([getattr(profile, field) for profile in SERVICES], dtype=float)


def _shares(field: str) -> np.ndarray:
    weights = _profile_array(field)
    return np.asarray(weights / weights.sum(), dtype=float)


def _minute(timestamp: pd.Timestamp) -> int:
    return int((timestamp - START) / pd.Timedelta(minutes=1))


def _day_weights(weekend: float) -> np.ndarray:
    """Relative volume of each day: quieter weekends and holidays, winter peaks, slow growth."""
    day = np.arange(_N_DAYS)
    dates = pd.date_range(START, periods=_N_DAYS, freq="D")
    weights = np.where(dates.day_of_week.to_numpy() >= 5, weekend, 1.0)
    weights = weights * (1.0 + 0.08 * np.cos(2 * np.pi * dates.day_of_year.to_numpy() / 365.25))
    holiday = ((dates.month == 12) & (dates.day >= 24)) | ((dates.month == 1) & (dates.day == 1))
    weights = weights * np.where(holiday, 0.4, 1.0) * (1.0 + 0.06 * day / _N_DAYS)
    return np.asarray(weights / weights.sum())


def _times(rng: np.random.Generator, n: int, *, weekend: float, hours: np.ndarray) -> np.ndarray:
    """Return ``n`` sorted instants, as whole minutes since :data:`START`."""
    day = rng.choice(_N_DAYS, size=n, p=_day_weights(weekend))
    hour = rng.choice(24, size=n, p=hours / hours.sum())
    minute = rng.integers(0, 60, size=n)
    return np.sort(np.asarray(day * _MINUTES_PER_DAY + hour * 60 + minute, dtype=np.int64))


def _datetimes(minutes: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
    """Turn minutes since :data:`START` into a datetime64[us] Series (NaT where ``missing``)."""
    values = (_ORIGIN + minutes.astype("timedelta64[m]")).astype("datetime64[us]")
    if missing is not None:
        values[missing] = _NAT
    return pd.Series(values)


def _hours_to_minutes(hours: np.ndarray) -> np.ndarray:
    return np.asarray(np.maximum(1, np.ceil(hours * 60)), dtype=np.int64)


def _ids(prefix: str, n: int) -> pd.Series:
    """Return ``prefix`` + a zero-padded running number: INC0000001, INC0000002, ...

    Built as an array of character codes, which is several times faster than formatting a
    million strings one by one.
    """
    width = max(7, len(str(n)))
    number = np.arange(1, n + 1, dtype=np.int64)
    digits = number[:, None] // 10 ** np.arange(width - 1, -1, -1, dtype=np.int64) % 10
    codes = np.empty((n, len(prefix) + width), dtype=np.uint32)
    codes[:, : len(prefix)] = [ord(character) for character in prefix]
    codes[:, len(prefix) :] = digits + ord("0")
    text = codes.view(f"<U{len(prefix) + width}").ravel()
    return pd.Series(text.astype(object), dtype="str")


def _category(
    codes: np.ndarray, categories: tuple[str, ...], *, ordered: bool = False
) -> pd.Series:
    dtype = pd.CategoricalDtype(list(categories), ordered=ordered)
    return pd.Series(pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), dtype=dtype))


def _pick(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """Draw one column index per row of ``weights`` (rows need not sum to one)."""
    cumulative = np.cumsum(weights, axis=1)
    draw = rng.random(len(weights)) * cumulative[:, -1]
    chosen = np.minimum((draw[:, None] >= cumulative).sum(axis=1), weights.shape[1] - 1)
    return np.asarray(chosen, dtype=np.int64)


def _service_ids(index: np.ndarray) -> pd.Series:
    ids = np.array([profile.service_id for profile in SERVICES], dtype=object)
    return pd.Series(ids[index], dtype="str")


def _service_index(service_id: str) -> int:
    return [profile.service_id for profile in SERVICES].index(service_id)


def services_table() -> pd.DataFrame:
    """Return the services table (it does not depend on the seed)."""
    return pd.DataFrame(
        {
            "service_id": pd.Series([s.service_id for s in SERVICES], dtype="str"),
            "name": pd.Series([s.name for s in SERVICES], dtype="str"),
            "owner_team": pd.Series([s.owner_team for s in SERVICES], dtype="category"),
            "criticality": pd.Series(
                pd.Categorical([s.criticality for s in SERVICES], CRITICALITIES, ordered=True)
            ),
            "users": np.array([s.users for s in SERVICES], dtype=np.int64),
        }
    )


def incidents_table(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Return ``n`` incidents opened over the two years, in the order they were opened."""
    opened = _times(rng, n, weekend=0.28, hours=_INCIDENT_HOURS)
    service = rng.choice(len(SERVICES), size=n, p=_shares("incident_share"))
    cell = rng.choice(9, size=n, p=_CELL_PROBABILITY.ravel())
    impact, urgency = cell // 3 + 1, cell % 3 + 1
    priority = PRIORITY_MATRIX[impact - 1, urgency - 1]
    mix = np.array([profile.category_mix for profile in SERVICES])
    category = _pick(rng, mix[service])
    channel = rng.choice(len(CHANNELS), size=n, p=_CHANNEL_SHARE)
    rate = (
        _profile_array("reassign_rate")[service]
        * _PRIORITY_REASSIGN_FACTOR[priority]
        * _CATEGORY_REASSIGN_FACTOR[category]
    )
    reassignments = rng.poisson(rate).astype(np.int64)

    watermelon = service == _service_index(WATERMELON_SERVICE)
    improved = (service == _service_index(IMPROVEMENT_SERVICE)) & (
        opened >= _minute(IMPROVEMENT_DATE)
    )
    first_contact_chance = _CHANNEL_FIRST_CONTACT[channel] * np.where(priority == 0, 0.3, 1.0)
    first_contact_chance *= np.where(improved, _IMPROVED_FIRST_CONTACT, 1.0)
    first_contact_chance *= np.where(watermelon, 0.5, 1.0)
    first_contact = (reassignments == 0) & (rng.random(n) < first_contact_chance)

    median = (
        _PRIORITY_MEDIAN_HOURS[priority]
        * _profile_array("resolve_factor")[service]
        * (1.0 + _HANDOFF_GROWTH * reassignments)
        * np.where(improved, _IMPROVED_RESOLVE, 1.0)
    )
    hours = median * np.exp(_profile_array("resolve_spread")[service] * rng.standard_normal(n))
    # A few tickets stall (waiting on a vendor or the user) and take ten times as long.
    stalled = ~watermelon & (rng.random(n) < _STALLED_SHARE)
    hours = np.where(stalled, hours * 10.0, hours)
    quick = 0.25 * np.exp(0.5 * rng.standard_normal(n))  # fixed while the user is on the line
    duration = _hours_to_minutes(np.where(first_contact, quick, hours))
    resolved = opened + duration
    still_open = resolved >= _END_MINUTE

    reopen_chance = _profile_array("reopen_rate")[service] * np.where(first_contact, 0.5, 1.0)
    reopened = ~still_open & (rng.random(n) < reopen_chance)
    target = np.array([SLA_TARGET_HOURS[p] for p in PRIORITIES])[priority]
    resolve_hours = np.where(still_open, np.nan, np.round(duration / 60, 4))
    sla_met = pd.arrays.BooleanArray(resolve_hours <= target, still_open)
    return pd.DataFrame(
        {
            "incident_id": _ids("INC", n),
            "service_id": _service_ids(service),
            "opened_at": _datetimes(opened),
            "resolved_at": _datetimes(resolved, still_open),
            "impact": impact.astype(np.int64),
            "urgency": urgency.astype(np.int64),
            "priority": _category(priority, PRIORITIES, ordered=True),
            "category": _category(category, CATEGORIES),
            "channel": _category(channel, CHANNELS),
            "reassignments": reassignments,
            "reopened": reopened,
            "first_contact_resolution": first_contact & ~still_open,
            "sla_target_hours": target.astype(float),
            "resolve_hours": resolve_hours,
            "sla_met": sla_met,
        }
    )


def change_failure_rate(months: np.ndarray | float) -> np.ndarray:
    """Return the change failure rate ``months`` after January 2024 (the built-in story).

    The gap above :data:`CHANGE_FAILURE_FLOOR` starts at ``CHANGE_FAILURE_START - floor`` and
    halves every :data:`CHANGE_GAP_HALF_LIFE_MONTHS` months (Schneiderman's half-life).
    """
    gap = CHANGE_FAILURE_START - CHANGE_FAILURE_FLOOR
    months = np.asarray(months, dtype=float)
    return np.asarray(CHANGE_FAILURE_FLOOR + gap * 0.5 ** (months / CHANGE_GAP_HALF_LIFE_MONTHS))


def changes_table(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Return ``n`` changes, in the order they were implemented."""
    implemented = _times(rng, n, weekend=0.05, hours=_WORK_HOURS)
    months = implemented / _MINUTES_PER_MONTH
    progress = implemented / _END_MINUTE
    standard = 0.45 + 0.20 * progress  # more changes become pre-approved standard ones
    emergency = 0.12 - 0.05 * progress
    shares = np.column_stack([standard, 1.0 - standard - emergency, emergency])
    change_type = _pick(rng, shares)
    risk = np.array([0.35, 1.3, 2.6])  # failure risk relative to the month's average
    chance = change_failure_rate(months) * risk[change_type] / (shares @ risk)
    failed = rng.random(n) < chance
    lead_median = np.array([6.0, 120.0, 3.0])[change_type]
    lead_spread = np.array([0.6, 0.5, 0.7])[change_type]
    lead = _hours_to_minutes(lead_median * np.exp(lead_spread * rng.standard_normal(n)))
    linked = np.where(failed, 1 + rng.poisson(0.8, size=n), 0).astype(np.int64)
    service = rng.choice(len(SERVICES), size=n, p=_shares("change_share"))
    return pd.DataFrame(
        {
            "change_id": _ids("CHG", n),
            "service_id": _service_ids(service),
            "change_type": _category(change_type, CHANGE_TYPES),
            "requested_at": _datetimes(implemented - lead),
            "implemented_at": _datetimes(implemented),
            "outcome": _category(failed.astype(np.int8), OUTCOMES),
            "linked_incidents": linked,
        }
    )


def deployments_table(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Return ``n`` production deployments, in the order they were deployed."""
    deployed = _times(rng, n, weekend=0.03, hours=_WORK_HOURS)
    service = rng.choice(len(SERVICES), size=n, p=_shares("deploy_share"))
    lead_hours = _profile_array("deploy_lead_hours")[service] * np.exp(0.8 * rng.standard_normal(n))
    trend = 1.15 - 0.3 * deployed / _END_MINUTE  # failures ease a little as practice matures
    failed = rng.random(n) < _profile_array("deploy_failure")[service] * trend
    restore_hours = _profile_array("restore_hours")[service] * np.exp(rng.standard_normal(n))
    restored = deployed + _hours_to_minutes(restore_hours)
    return pd.DataFrame(
        {
            "deployment_id": _ids("DEP", n),
            "service_id": _service_ids(service),
            "committed_at": _datetimes(deployed - _hours_to_minutes(lead_hours)),
            "deployed_at": _datetimes(deployed),
            "failed": failed,
            "restored_at": _datetimes(restored, ~failed | (restored >= _END_MINUTE)),
        }
    )


def commits_table(rng: np.random.Generator, deployments: pd.DataFrame) -> pd.DataFrame:
    """Return the changes (commits) each deployment carried, one row per commit.

    Every deployment carries one to about eight commits: the first at the deployment's own
    ``committed_at`` (so the per-deployment table stays true), the others spread between it
    and the deployment, so lead time per change is shorter than the first commit's wait.
    """
    n = len(deployments)
    count = 1 + np.minimum(rng.poisson(1.6, size=n), 7)
    first = ((deployments["committed_at"] - START) / pd.Timedelta(minutes=1)).to_numpy(np.int64)
    last = ((deployments["deployed_at"] - START) / pd.Timedelta(minutes=1)).to_numpy(np.int64)
    owner = np.repeat(np.arange(n), count)
    starts = np.repeat(np.cumsum(count) - count, count)
    is_first = np.arange(len(owner)) == starts
    share = np.where(is_first, 0.0, rng.random(len(owner)))
    minutes = first[owner] + np.floor(share * (last[owner] - first[owner])).astype(np.int64)
    return pd.DataFrame(
        {
            "change_id": _ids("CMT", len(owner)),
            "service_id": pd.Series(deployments["service_id"].to_numpy(object)[owner], dtype="str"),
            "committed_at": _datetimes(minutes),
            "deployment_id": pd.Series(
                deployments["deployment_id"].to_numpy(object)[owner], dtype="str"
            ),
        }
    )


def survey_table(rng: np.random.Generator, incidents: pd.DataFrame) -> pd.DataFrame:
    """Return the experience survey: answers that follow some resolved tickets."""
    service = pd.Categorical(
        incidents["service_id"], [s.service_id for s in SERVICES]
    ).codes.astype(np.intp)
    n = len(incidents)
    resolved_minute = ((incidents["resolved_at"] - START) / pd.Timedelta(minutes=1)).to_numpy(
        dtype=float, na_value=np.nan
    )
    delay = _hours_to_minutes(rng.exponential(20.0, size=n))
    responded = np.where(np.isnan(resolved_minute), _END_MINUTE, resolved_minute) + delay
    answers = (rng.random(n) < _profile_array("response_rate")[service]) & (responded < _END_MINUTE)
    row = np.flatnonzero(answers)
    row = row[np.argsort(responded[row], kind="stable")]
    m = len(row)
    service = service[row]
    moment = rng.choice(len(MOMENTS), size=m, p=_MOMENT_SHARE)
    watermelon = service == _service_index(WATERMELON_SERVICE)
    improved = (service == _service_index(IMPROVEMENT_SERVICE)) & (
        incidents["opened_at"].to_numpy()[row] >= IMPROVEMENT_DATE.to_datetime64()
    )
    missed = ~incidents["sla_met"].to_numpy(dtype=bool, na_value=False)[row]
    latent = (
        _profile_array("happiness")[service]
        + _MOMENT_EFFECT[moment]
        + np.where(watermelon, _WATERMELON_MOMENT_EFFECT[moment], 0.0)
        + np.where(improved, 0.6, 0.0)
        - 1.5 * incidents["reopened"].to_numpy()[row]
        - 0.25 * incidents["reassignments"].to_numpy()[row]
        - 1.0 * missed
        + 1.6 * rng.standard_normal(m)
    )
    happiness = np.clip(np.rint(latent + 0.7 * rng.standard_normal(m)), 0, 10)
    recommend = np.clip(np.rint(latent - 0.6 + 1.0 * rng.standard_normal(m)), 0, 10)
    csat = np.clip(np.rint(1.0 + 0.42 * latent + 0.45 * rng.standard_normal(m)), 1, 5)
    return pd.DataFrame(
        {
            "response_id": _ids("RSP", m),
            "incident_id": pd.Series(incidents["incident_id"].to_numpy(object)[row], dtype="str"),
            "service_id": _service_ids(service),
            "responded_at": _datetimes(responded[row].astype(np.int64)),
            "moment": _category(moment, MOMENTS),
            "happiness": happiness.astype(np.int64),
            "csat": csat.astype(np.int64),
            "recommend": recommend.astype(np.int64),
        }
    )


def generate(
    *, seed: int = SHIPPED_SEED, incidents: int | None = None, out: str | Path | None = None
) -> dict[str, pd.DataFrame]:
    """Generate every table; the same ``seed`` and ``incidents`` always give the same data.

    Parameters
    ----------
    seed : int, default SHIPPED_SEED
        A non-negative integer seeding :class:`numpy.random.SeedSequence`.
    incidents : int, optional
        How many incidents (default :data:`SHIPPED_INCIDENTS`). The other tables scale with
        it: about one change per 8 incidents, 3 deployments per 16 (each carrying one to
        eight commits) and 3 survey answers per 8.
    out : str or pathlib.Path, optional
        A folder to write ``<table>.csv`` files into (created if needed).

    Returns
    -------
    dict of str to pandas.DataFrame
        The tables by name, in :data:`TABLES` order, typed as the loaders type them.

    Raises
    ------
    ValueError
        If ``seed`` is negative or not an integer, or ``incidents`` is below 1.

    Examples
    --------
    >>> tables = generate(seed=7, incidents=500)
    >>> len(tables["incidents"]), list(tables) == list(TABLES)
    (500, True)
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    n = SHIPPED_INCIDENTS if incidents is None else incidents
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"incidents must be a whole number of at least 1, got {incidents!r}")
    n = int(n)
    # A fifth stream for the commits leaves the first four (and so the other tables) as before.
    streams = [np.random.default_rng(child) for child in np.random.SeedSequence(seed).spawn(5)]
    incident_frame = incidents_table(streams[0], n)
    deployment_frame = deployments_table(streams[2], max(1, round(n * 3 / 16)))
    tables = {
        "services": services_table(),
        "incidents": incident_frame,
        "changes": changes_table(streams[1], max(1, round(n / 8))),
        "deployments": deployment_frame,
        "commits": commits_table(streams[4], deployment_frame),
        "survey": survey_table(streams[3], incident_frame),
    }
    if out is not None:
        write_tables(tables, out)
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write each table to ``out/<name>.csv`` and return the paths written.

    The format is fixed (``\\n`` line ends, ISO datetimes, empty cells for missing values) so
    the same tables always give the same bytes.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n", date_format="%Y-%m-%d %H:%M:%S")
        written.append(path)
    return written
