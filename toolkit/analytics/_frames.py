"""Input checks and grouping shared by the service measures (private to the toolkit).

Every public measure in :mod:`toolkit.analytics.metrics` validates its input here, so the error a
learner or an analyst meets is always worded the same way: which function, which argument,
which column, what the frame holds and what was expected.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from datetime import tzinfo
from typing import Literal

import numpy as np
import pandas as pd

from toolkit.analytics._native import Source, read_pandas
from toolkit.analytics._times import aware_objects, wall_clock
from toolkit.analytics._times import hours_between as hours_between

Kind = Literal["bool", "number", "datetime", "label"]

_EXPECTED: dict[Kind, str] = {
    "bool": "a boolean column (True/False, nullable 'boolean' allowed; "
    "convert 0/1 or 'yes'/'no' with .astype('boolean') or .map(...) first)",
    "number": "a numeric column (int or float)",
    "datetime": "a datetime column (parse it with pandas.to_datetime first; for offsets that "
    "differ from row to row pass utc=True)",
    "label": "a text or categorical column",
}

#: Offset aliases people type, mapped to the period alias that means the same calendar bins.
_PERIOD_ALIASES = {
    "MS": "M",
    "ME": "M",
    "QS": "Q",
    "QE": "Q",
    "YS": "Y",
    "YE": "Y",
    "AS": "Y",
    "A": "Y",
    "H": "h",
}

#: The index level that holds period starts when a measure is computed with ``freq=``.
PERIOD = "period"


def check_frame(data: object, func: str, argument: str = "data") -> pd.DataFrame:
    """Return ``data`` as a non-empty pandas frame, else raise naming ``func``.

    Any dataframe narwhals supports is accepted (see :mod:`toolkit.analytics._native`).
    """
    return read_frame(data, func, argument)[0]


def read_frame(data: object, func: str, argument: str = "data") -> tuple[pd.DataFrame, Source]:
    """Return ``data`` as a non-empty pandas frame and what kind the caller passed."""
    frame, source = read_pandas(data, func, argument)
    if len(frame) == 0:
        raise ValueError(
            f"{func}: {argument}= is empty (0 rows); columns: {list(frame.columns)}; "
            "expected at least one row"
        )
    return frame, source


def _matches(series: pd.Series, kind: Kind) -> bool:
    dtype = series.dtype
    if kind == "bool":
        return bool(pd.api.types.is_bool_dtype(dtype))
    if kind == "number":
        return bool(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype))
    if kind == "datetime":
        return bool(pd.api.types.is_datetime64_any_dtype(dtype)) or aware_objects(series)
    return bool(
        isinstance(dtype, pd.CategoricalDtype)
        or pd.api.types.is_string_dtype(dtype)
        or pd.api.types.is_object_dtype(dtype)
    )


def check_columns(data: pd.DataFrame, func: str, columns: Mapping[str, tuple[str, Kind]]) -> None:
    """Check that each named column exists and has the expected kind.

    ``columns`` maps the keyword argument a caller used to ``(column name, kind)``, so the
    message can say both which argument to change and what the column should hold.
    """
    for argument, (column, kind) in columns.items():
        if column not in data.columns:
            raise ValueError(
                f"{func}: missing column {column!r} (argument {argument}=); the frame's "
                f"columns are {list(data.columns)}; expected {_EXPECTED[kind]}"
            )
        if not _matches(data[column], kind):
            raise ValueError(
                f"{func}: column {column!r} (argument {argument}=) has dtype "
                f"{data[column].dtype}; expected {_EXPECTED[kind]}"
            )


def group_columns(data: pd.DataFrame, func: str, by: str | Sequence[str] | None) -> list[str]:
    """Return ``by`` as a list of column names, raising for an unknown group column."""
    if by is None:
        return []
    names = [by] if isinstance(by, str) else list(by)
    if not names:
        raise ValueError(f"{func}: by= is an empty list; give a column name or None")
    for name in names:
        if not isinstance(name, str) or name not in data.columns:
            raise ValueError(
                f"{func}: unknown group column {name!r} (argument by=); the frame's columns "
                f"are {list(data.columns)}"
            )
    return names


def check_scalar(func: str, argument: str, value: float, low: float, high: float) -> float:
    """Return ``value`` as a float if ``low <= value <= high``, else raise naming it."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ValueError(f"{func}: {argument}= must be a number, got {value!r}")
    number = float(value)
    if not low <= number <= high:
        raise ValueError(f"{func}: {argument}={value!r} is outside the range {low} to {high}")
    return number


def period_alias(func: str, freq: str) -> str:
    """Return the period alias for ``freq`` (``"MS"`` -> ``"M"``), raising if it is unknown."""
    if not isinstance(freq, str) or not freq:
        raise ValueError(f"{func}: freq= must be a period alias such as 'M', 'W' or 'Q'")
    alias = _PERIOD_ALIASES.get(freq, freq)
    try:
        pd.Period("2024-01-01", freq=alias)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"{func}: unknown freq={freq!r}; use a period alias such as 'D', 'W', 'M', "
            f"'Q' or 'Y' ({error})"
        ) from None
    return alias


def period_starts(
    series: pd.Series, func: str, freq: str, tz: str | tzinfo | None = None
) -> pd.Series:
    """Return the start of the period each value falls in, read in zone ``tz`` (NaT stays NaT).

    The starts are wall-clock times in that zone (naive), so a month runs from local midnight.
    """
    alias = period_alias(func, freq)
    periods = wall_clock(series, func, tz).dt.to_period(alias)
    starts: pd.Series = periods.dt.start_time
    starts.name = PERIOD
    return starts


def all_period_starts(starts: pd.Series, freq: str, func: str) -> pd.DatetimeIndex:
    """Every period start from the first to the last observed, so empty periods show."""
    alias = period_alias(func, freq)
    valid = starts.dropna()
    if valid.empty:
        return pd.DatetimeIndex([], name=PERIOD)
    index = pd.period_range(valid.min(), valid.max(), freq=alias).start_time
    return pd.DatetimeIndex(index, name=PERIOD)


def group_keys(
    data: pd.DataFrame,
    func: str,
    *,
    by: str | Sequence[str] | None,
    freq: str | None,
    time: str,
    tz: str | tzinfo | None = None,
) -> tuple[list[pd.Series], pd.DatetimeIndex | None]:
    """Return the grouping keys for ``by``/``freq`` and, with ``freq``, every period start."""
    keys = [data[name] for name in group_columns(data, func, by)]
    periods: pd.DatetimeIndex | None = None
    if freq is not None:
        check_columns(data, func, {"time": (time, "datetime")})
        starts = period_starts(data[time], func, freq, tz)
        periods = all_period_starts(starts, freq, func)
        keys.append(starts)
    return keys, periods


def complete_index(table: pd.DataFrame, periods: pd.DatetimeIndex | None) -> pd.DataFrame:
    """Reindex ``table`` so every group has a row for every period (filled later by callers)."""
    if periods is None:
        return table
    if table.index.nlevels == 1:
        return table.reindex(periods)
    groups = dict.fromkeys(tuple(row[:-1]) for row in table.index)
    tuples: list[tuple[Hashable, ...]] = [(*group, start) for group in groups for start in periods]
    index = pd.MultiIndex.from_tuples(tuples, names=table.index.names)
    return table.reindex(index)


def count_and_sum(
    values: pd.Series, keys: list[pd.Series], periods: pd.DatetimeIndex | None
) -> pd.DataFrame:
    """Count non-missing ``values`` and sum them per group (columns ``count``, ``sum``).

    Missing values are not counted, so a group whose rows are all missing (say, every incident
    still open) keeps a row with count 0 instead of vanishing.
    """
    table = values.groupby(keys, observed=True, sort=True).agg(["count", "sum"])
    table = complete_index(table, periods)
    table = table.fillna({"count": 0, "sum": 0.0})
    table["count"] = table["count"].astype("int64")
    table["sum"] = table["sum"].astype("float64")
    return table


def as_float(series: pd.Series) -> pd.Series:
    """Return a float64 copy with pandas' missing values turned into NaN."""
    return pd.Series(
        series.to_numpy(dtype="float64", na_value=np.nan), index=series.index, name=series.name
    )
