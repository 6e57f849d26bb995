"""DORA's four keys of software delivery, placed in the bands of a named State of DevOps report.

The four keys (deployment frequency, lead time for changes, change failure rate and time to
restore) come from the DORA research programme (DevOps Research and Assessment, now part of
Google Cloud). Each year's *Accelerate State of DevOps Report* groups its respondents into
performance levels; the bands move from year to year, so a band is only meaningful with the
report it comes from. The table shipped here, ``toolkit/reference/dora_bands_2023.csv``, holds
the four levels of the **Accelerate State of DevOps Report 2023** (Google Cloud / DORA),
where the restore measure was renamed "failed deployment recovery time":

==========  =======================  ======================  ====  ===========================
level       deployment frequency     change lead time        CFR   failed deployment recovery
==========  =======================  ======================  ====  ===========================
elite (18%) on demand                less than one day       5%    less than one hour
high (31%)  once a day to once a wk  one day to one week     10%   less than one day
medium(33%) once a week to once a mo one week to one month   15%   one day to one week
low (17%)   once a week to once a mo one week to one month   64%   one month to six months
==========  =======================  ======================  ====  ===========================

(As published, the low cluster's throughput bands equal the medium cluster's; it differs in
stability. The report gives one typical change failure rate per cluster, not a range.)

To place a measurement in a level, the table's ``threshold`` column reads each published band
as a number a team must reach, in the units below; a value exactly on a threshold reaches the
level, and a value that reaches none is ``low``:

* deployment frequency, deployments per day: elite >= 1 (on demand: at least daily on
  average), high >= 1/7 (weekly), medium >= 1/30 (monthly, a month read as 30 days);
* lead time, hours: elite <= 24, high <= 168, medium <= 720;
* change failure rate, share 0-1: elite <= 0.05, high <= 0.10, medium <= 0.15;
* time to restore, hours: elite <= 1, high <= 24, medium <= 168.

These readings of the published text are the toolkit's, not the report's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from toolkit.analytics._frames import (
    PERIOD,
    as_float,
    check_columns,
    check_frame,
    complete_index,
    group_keys,
    hours_between,
    period_alias,
)

#: The four keys, in the order DORA lists them.
KEYS: tuple[str, ...] = (
    "deployment_frequency",
    "lead_time",
    "change_failure_rate",
    "time_to_restore",
)
#: Performance levels from best to worst.
LEVELS: tuple[str, ...] = ("elite", "high", "medium", "low")
#: Levels as an ordered categorical (low < medium < high < elite).
LEVEL_DTYPE = pd.CategoricalDtype(list(reversed(LEVELS)), ordered=True)
#: The report whose bands are used unless another year is asked for.
DEFAULT_YEAR = 2023

UNITS = {
    "deployment_frequency": "deployments per day",
    "lead_time": "hours (median)",
    "change_failure_rate": "share (0-1)",
    "time_to_restore": "hours (median)",
}


def _available_years() -> list[int]:
    folder = resources.files("toolkit").joinpath("reference")
    years = []
    for entry in folder.iterdir():
        stem = entry.name.removesuffix(".csv")
        if entry.name.endswith(".csv") and stem.startswith("dora_bands_"):
            years.append(int(stem.removeprefix("dora_bands_")))
    return sorted(years)


@cache
def _read_bands(year: int) -> pd.DataFrame:
    resource = resources.files("toolkit").joinpath("reference", f"dora_bands_{year}.csv")
    with resources.as_file(resource) as path:
        return pd.read_csv(path)


def dora_bands(year: int = DEFAULT_YEAR) -> pd.DataFrame:
    """The DORA performance bands of one State of DevOps report, as a table.

    Parameters
    ----------
    year : int, default 2023
        The report's year; 2023 (Accelerate State of DevOps Report 2023) is shipped.

    Returns
    -------
    pandas.DataFrame
        One row per key and level with columns ``source``, ``year``, ``key``,
        ``published_name``, ``level``, ``rank`` (1 = elite), ``published`` (the band as the
        report words it), ``respondents_pct``, ``direction`` (``higher_is_better`` or
        ``lower_is_better``), ``threshold`` (the toolkit's numeric reading; NaN for low) and
        ``unit``. A copy: change it freely.

    Raises
    ------
    ValueError
        If no table is shipped for ``year``.

    Examples
    --------
    >>> bands = dora_bands()
    >>> bands.query("key == 'change_failure_rate'")["published"].tolist()
    ['5%', '10%', '15%', '64%']
    """
    years = _available_years()
    if year not in years:
        raise ValueError(f"dora_bands: no bands shipped for year={year!r}; available: {years}")
    return _read_bands(year).copy()


def _levels(key: str, values: np.ndarray, bands: pd.DataFrame) -> pd.Categorical:
    rows = bands[bands["key"] == key].sort_values("rank")
    higher = (rows["direction"] == "higher_is_better").all()
    labels = np.full(values.shape, "low", dtype=object)
    reached = np.zeros(values.shape, dtype=bool)
    for level, threshold in zip(rows["level"], rows["threshold"], strict=True):
        if np.isnan(threshold):
            continue
        meets = values >= threshold if higher else values <= threshold
        labels[meets & ~reached] = level
        reached |= meets
    labels[np.isnan(values)] = None
    return pd.Categorical(labels, dtype=LEVEL_DTYPE)


def dora_level(key: str, value: float, *, year: int = DEFAULT_YEAR) -> str | None:
    """The performance level one measurement of a key reaches in a report's bands.

    Parameters
    ----------
    key : str
        One of :data:`KEYS`.
    value : float
        In the key's unit (see :data:`UNITS`): deployments per day, hours, or a share 0-1.
    year : int, default 2023
        Which report's bands to use.

    Returns
    -------
    str or None
        ``"elite"``, ``"high"``, ``"medium"`` or ``"low"``; None for a missing value.

    Raises
    ------
    ValueError
        Unknown key or year, or a value that is not a number.

    Examples
    --------
    >>> dora_level("change_failure_rate", 0.08)
    'high'
    >>> dora_level("lead_time", 30 * 24 + 1)
    'low'
    """
    if key not in KEYS:
        raise ValueError(f"dora_level: unknown key={key!r}; expected one of {list(KEYS)}")
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ValueError(f"dora_level: value= must be a number, got {value!r}")
    number = float(value)
    if math.isinf(number) or number < 0:  # NaN stays "no level" (no data)
        raise ValueError(f"dora_level: value= must be a finite number >= 0, got {value!r}")
    if key == "change_failure_rate" and number > 1:
        raise ValueError(
            f"dora_level: a change_failure_rate is a share from 0 to 1, got {value!r} "
            "(for 15%, pass 0.15)"
        )
    level = _levels(key, np.array([number]), dora_bands(year))[0]
    return level if isinstance(level, str) else None


def dora_four_keys(
    data: pd.DataFrame,
    *,
    committed: str = "committed_at",
    deployed: str = "deployed_at",
    failed: str = "failed",
    restored: str = "restored_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    window_days: float | None = None,
    year: int = DEFAULT_YEAR,
) -> pd.DataFrame:
    """DORA's four keys measured on a table of deployments, each placed in a band.

    * deployment frequency: deployments per day over the window (see ``window_days``);
    * lead time: median hours from ``committed`` to ``deployed``;
    * change failure rate: share of deployments with ``failed`` True (0-1);
    * time to restore: median hours from ``deployed`` to ``restored`` over failed
      deployments that were restored (unrestored failures are left out).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per production deployment (the shipped ``deployments.csv``).
    committed, deployed, restored : str
        Datetime columns; ``restored`` may be NaT (no failure, or not restored yet).
    failed : str, default "failed"
        Boolean column: the deployment caused a failure in production.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"service_id"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``...), periods following ``deployed``.
    window_days : float, optional
        Days the deployments are spread over. Default: from the first to the last deployment
        day of the whole frame, inclusive (the same window for every group); with ``freq``,
        each period's own length.
    year : int, default 2023
        Which State of DevOps report's bands to use (see :func:`dora_bands`).

    Returns
    -------
    pandas.DataFrame
        With no grouping: one row per key (index ``key``) with ``value``, ``unit``, ``n``
        (the rows the value rests on), ``level`` (ordered categorical) and ``published``
        (the band's text in the report). Grouped: one row per group/period with
        ``deployments``, the four keys as columns and a ``<key>_level`` column for each.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group, a deployment before its
        commit or a restore before its deployment, a bad ``freq``, ``window_days`` or year.

    Examples
    --------
    >>> import pandas as pd
    >>> deployments = pd.DataFrame({
    ...     "committed_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-02 09:00"]),
    ...     "deployed_at": pd.to_datetime(["2025-01-01 15:00", "2025-01-03 09:00"]),
    ...     "failed": [False, True],
    ...     "restored_at": pd.to_datetime([None, "2025-01-03 09:30"]),
    ... })
    >>> dora_four_keys(deployments)["level"].tolist()
    ['high', 'elite', 'low', 'elite']
    """
    func = "dora_four_keys"
    frame = check_frame(data, func)
    check_columns(
        frame,
        func,
        {
            "committed": (committed, "datetime"),
            "deployed": (deployed, "datetime"),
            "failed": (failed, "bool"),
            "restored": (restored, "datetime"),
        },
    )
    bands = dora_bands(year)
    lead = hours_between(frame[committed], frame[deployed])
    restore = hours_between(frame[deployed], frame[restored])
    for label, hours in (
        (f"{deployed!r} before {committed!r}", lead),
        (f"{restored!r} before {deployed!r}", restore),
    ):
        wrong = int((hours < 0).sum())
        if wrong:
            raise ValueError(f"{func}: {wrong} row(s) have {label}; fix or drop them first")
    failures = as_float(frame[failed])
    restore = restore.where(failures == 1.0)
    if window_days is not None and (
        isinstance(window_days, bool)
        or not isinstance(window_days, int | float)
        or not window_days > 0
    ):
        raise ValueError(f"{func}: window_days= must be a positive number, got {window_days!r}")
    moments = frame[deployed].dropna()
    if moments.empty:
        raise ValueError(f"{func}: column {deployed!r} (argument deployed=) has no times")
    span = float((moments.max().normalize() - moments.min().normalize()).days + 1)

    if by is None and freq is None:
        values = {
            "deployment_frequency": len(moments) / (window_days or span),
            "lead_time": float(lead.median()),
            "change_failure_rate": float(failures.mean()),
            "time_to_restore": float(restore.median()),
        }
        counts = {
            "deployment_frequency": len(moments),
            "lead_time": int(lead.count()),
            "change_failure_rate": int(failures.count()),
            "time_to_restore": int(restore.count()),
        }
        table = pd.DataFrame(
            {
                "value": [values[key] for key in KEYS],
                "unit": [UNITS[key] for key in KEYS],
                "n": [counts[key] for key in KEYS],
            },
            index=pd.Index(KEYS, name="key"),
        )
        table["level"] = pd.Categorical(
            [_levels(key, np.array([values[key]]), bands)[0] for key in KEYS], dtype=LEVEL_DTYPE
        )
        published = bands.set_index(["key", "level"])["published"]
        table["published"] = [
            published.get((key, level)) if pd.notna(level) else None
            for key, level in zip(KEYS, table["level"], strict=True)
        ]
        table.attrs["year"] = year
        return table

    keys, periods = group_keys(frame, func, by=by, freq=freq, time=deployed)
    grouped = pd.DataFrame(
        {
            "deployments": frame[deployed].notna().astype("int64"),
            "lead_time": lead,
            "change_failure_rate": failures,
            "time_to_restore": restore,
        }
    ).groupby(keys, observed=True, sort=True)
    table = pd.concat(
        [
            grouped["deployments"].sum(),
            grouped["lead_time"].median(),
            grouped["change_failure_rate"].mean(),
            grouped["time_to_restore"].median(),
        ],
        axis=1,
    )
    table = complete_index(table, periods)
    table["deployments"] = table["deployments"].fillna(0).astype("int64")
    if window_days is not None:
        days = np.full(len(table), float(window_days))
    elif freq is not None:
        alias = period_alias(func, freq)
        starts = pd.PeriodIndex(table.index.get_level_values(PERIOD), freq=alias)
        days = np.asarray(((starts + 1).start_time - starts.start_time).days, dtype=float)
    else:
        days = np.full(len(table), span)
    table.insert(1, "deployment_frequency", table["deployments"] / days)
    for key in KEYS:
        table[f"{key}_level"] = _levels(key, table[key].to_numpy(dtype=float), bands)
    table.attrs["year"] = year
    return table
