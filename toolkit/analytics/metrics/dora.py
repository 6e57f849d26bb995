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

To place a measurement in a level, the table's ``threshold`` and ``comparison`` columns read
each published band as a number a team must reach, in the units below; a value that reaches
none is ``low``:

* deployment frequency, **deployment days per week, the median over the weeks of the period**
  (fourkeys' measure, see :func:`~toolkit.analytics.metrics.dora_keys.dora_four_keys`):
  elite >= 3 (fourkeys' "Daily", the bucket its dashboard shows as elite: the report's "on
  demand" has no number), high >= 1 (the median week has a deployment: at least weekly),
  medium >= 0.5 (half the weeks have one); :func:`dora_four_keys` also reads a team as medium
  when the median month has a deployment (fourkeys' "Monthly" rule, which one weekly number
  cannot show);
* lead time, hours: elite < 24 ("less than one day"), high < 168, medium < 720;
* change failure rate, share 0-1: elite <= 0.05, high <= 0.10, medium <= 0.15 (the report
  gives one typical rate per cluster, read as the most a level allows);
* time to restore, hours: elite < 1 ("less than one hour"), high < 24, medium < 168.

These readings of the published text are the toolkit's, not the report's. fourkeys places
values in its own buckets (Daily, Weekly, Monthly, Yearly; one day, one week, one month, six
months); the toolkit places them in the 2023 report's clusters, so a level can be compared
with the report's shares of respondents.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

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
#: How a value is held against a band's threshold (the table's ``comparison`` column).
_COMPARE = {
    ">=": np.greater_equal,
    "<": np.less,
    "<=": np.less_equal,
}
#: The report whose bands are used unless another year is asked for.
DEFAULT_YEAR = 2023

UNITS = {
    "deployment_frequency": "deployment days per week (median)",
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
        ``lower_is_better``), ``threshold`` (the toolkit's numeric reading; NaN for low),
        ``unit`` and ``comparison`` (how a value meets the threshold: ``>=``, ``<`` or
        ``<=``). A copy: change it freely.

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
    labels = np.full(values.shape, "low", dtype=object)
    reached = np.zeros(values.shape, dtype=bool)
    for level, threshold, comparison in zip(
        rows["level"], rows["threshold"], rows["comparison"], strict=True
    ):
        if np.isnan(threshold):
            continue
        with np.errstate(invalid="ignore"):
            meets = _COMPARE[comparison](values, threshold)
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
        In the key's unit (see :data:`UNITS`): deployment days per week, hours, or a share
        0-1.
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
    >>> dora_level("lead_time", 24.0)  # "less than one day": a full day is not elite
    'high'
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
