"""DORA's 2023 levels read as clusters: the cluster a measurement sits closest to.

The *Accelerate State of DevOps Report 2023* groups its respondents into four clusters (elite,
high, medium, low) and describes each by its typical values. They are not cut-offs a team
passes: for three keys the report gives a range per cluster (lead time "between one day and
one week"), and a measurement is closest to the cluster whose range holds it; for the change
failure rate it gives one typical value per cluster (5%, 10%, 15%, 64%), and a measurement is
closest to the cluster whose value is nearest. A 10.8% change failure rate is therefore
closest to the high cluster (10%), not "medium because it is above 10%".

Where two clusters share a range (the 2023 low and medium clusters have the same throughput
ranges) the better one is named, as :func:`~toolkit.analytics.metrics.dora.dora_level` does.
"""

from __future__ import annotations

import math

import pandas as pd

from toolkit.analytics.metrics.dora import DEFAULT_YEAR, KEYS, LEVEL_DTYPE, dora_bands, dora_level

_POINT_KEY = "change_failure_rate"


def dora_closest_cluster(key: str, value: float, *, year: int = DEFAULT_YEAR) -> str | None:
    """The report's cluster one measurement of a key sits closest to.

    Parameters
    ----------
    key : str
        One of ``deployment_frequency``, ``lead_time``, ``change_failure_rate``,
        ``time_to_restore``.
    value : float
        The measurement, in the units of :func:`~toolkit.analytics.metrics.dora.dora_bands`
        (a change failure rate is a share from 0 to 1).
    year : int, default 2023
        The report whose clusters are used.

    Returns
    -------
    str or None
        ``"elite"``, ``"high"``, ``"medium"`` or ``"low"``; None for a missing value (NaN).

    Raises
    ------
    ValueError
        For an unknown key, or a value that is not a finite number >= 0 (a change failure
        rate above 1); the message names the argument.

    Examples
    --------
    >>> dora_closest_cluster("change_failure_rate", 0.108)
    'high'
    >>> dora_closest_cluster("change_failure_rate", 0.13)
    'medium'
    >>> dora_closest_cluster("lead_time", 39.8)
    'high'
    """
    level = dora_level(key, value, year=year)  # validates key and value
    if key != _POINT_KEY or level is None:
        return level
    bands = dora_bands(year)
    rows = bands[bands["key"] == key].sort_values("rank")
    typical = [float(text.rstrip("%")) / 100 for text in rows["published"]]
    distances = [abs(float(value) - point) for point in typical]
    best = min(range(len(typical)), key=lambda i: (round(distances[i], 12), i))
    return str(rows["level"].iloc[best])


def dora_closest_clusters(keys: pd.DataFrame, *, year: int = DEFAULT_YEAR) -> pd.DataFrame:
    """Return a four-keys table with each level read as the closest cluster.

    Parameters
    ----------
    keys : pandas.DataFrame
        The output of :func:`~toolkit.analytics.metrics.dora_keys.dora_four_keys`: either the
        overall table (one row per key, columns ``value`` and ``level``) or a grouped one
        (columns ``<key>`` and ``<key>_level`` per key).
    year : int, default 2023
        The report whose clusters are used.

    Returns
    -------
    pandas.DataFrame
        A copy, its level columns replaced by the closest cluster of each value.

    Raises
    ------
    ValueError
        If ``keys`` has neither shape; the message names the columns expected.

    Examples
    --------
    >>> import toolkit
    >>> keys = toolkit.dora_four_keys(toolkit.load_deployments(), changes=toolkit.load_commits())
    >>> dora_closest_clusters(keys).loc["change_failure_rate", "level"]
    'high'
    """
    table = keys.copy()
    if {"value", "level"} <= set(table.columns) and set(table.index) <= set(KEYS):
        levels = [_cluster(str(key), value, year) for key, value in table["value"].items()]
        table["level"] = pd.Categorical(levels, dtype=LEVEL_DTYPE)
        return table
    present = [key for key in KEYS if key in table.columns and f"{key}_level" in table.columns]
    if not present:
        raise ValueError(
            "dora_closest_clusters: expected dora_four_keys output, with columns 'value' and "
            "'level' (one row per key) or '<key>' and '<key>_level' per key; got "
            f"{', '.join(map(str, table.columns))}"
        )
    for key in present:
        levels = [_cluster(key, value, year) for value in table[key]]
        table[f"{key}_level"] = pd.Categorical(levels, dtype=LEVEL_DTYPE)
    return table


def _cluster(key: str, value: object, year: int) -> str | None:
    number = float(value)  # type: ignore[arg-type]
    if math.isnan(number):
        return None
    return dora_closest_cluster(key, number, year=year)
