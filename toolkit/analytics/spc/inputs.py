"""Checking what goes into a chart: the frame, the value and date columns, the settings.

Also the two warnings the checks and charts raise, and the type aliases the chart modules
share. Every check raises ``ValueError`` naming the argument, the column and what was expected.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any, Literal, get_args

import numpy as np
import numpy.typing as npt
import pandas as pd

Direction = Literal["increase", "decrease", "neutral"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class TrialLimitsWarning(UserWarning):
    """The limits rest on fewer than 12 points, so they are trial limits."""


class IrregularDatesWarning(UserWarning):
    """The dates have gaps: points are charted in order as if none were missing."""


def _check_frame(data: Any, func: str) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"{func}() expects a pandas DataFrame as data, got {type(data).__name__}")
    if data.empty:
        raise ValueError(
            f"{func}() got an empty DataFrame (columns {list(data.columns)}); "
            "expected one row per point in time"
        )
    return data


def _column(data: pd.DataFrame, name: str, argument: str, expected: str) -> pd.Series:
    if not isinstance(name, str):
        raise ValueError(f"{argument} must be a column name, got {name!r}; expected {expected}")
    if name not in data.columns:
        raise ValueError(
            f"{argument}={name!r} is not a column of the frame; the frame has columns "
            f"{list(data.columns)}; expected {expected}"
        )
    if list(data.columns).count(name) > 1:
        raise ValueError(f"{argument}={name!r} names more than one column; expected {expected}")
    return data[name]


def _values(data: pd.DataFrame, value: str) -> FloatArray:
    expected = "a numeric column of the measure to chart"
    column = _column(data, value, "value", expected)
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise ValueError(
            f"value column {value!r} has dtype {dtype}; expected {expected} "
            "(convert it with pandas.to_numeric first)"
        )
    y = column.to_numpy(dtype=np.float64, na_value=np.nan)
    bad = ~np.isfinite(y)
    if bad.any():
        first = int(np.argmax(bad))
        raise ValueError(
            f"value column {value!r} has {int(bad.sum())} missing or infinite value(s), the "
            f"first at row {first} (index {data.index[first]!r}); expected a finite number for "
            "every point: drop or fill them first"
        )
    return y


@dataclass(frozen=True)
class _Axis:
    """The x axis as numbers that can be compared: ns since the epoch, or plain numbers."""

    numbers: FloatArray
    kind: Literal["datetime", "numeric", "position"]
    tz: Any = None


def _axis(data: pd.DataFrame, date: str | None) -> _Axis:
    n = len(data)
    if date is None:
        return _Axis(np.arange(n, dtype=np.float64), "position")
    expected = "a column of dates (datetime64 or Period) or ordered numbers, one per point"
    column = _column(data, date, "date", expected)
    if column.isna().any():
        first = int(np.argmax(column.isna().to_numpy()))
        raise ValueError(
            f"date column {date!r} has {int(column.isna().sum())} missing value(s), the first "
            f"at row {first}; expected {expected}"
        )
    tz = None
    if isinstance(column.dtype, pd.PeriodDtype):
        column = column.dt.to_timestamp()
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        tz = getattr(column.dtype, "tz", None)
        if tz is not None:
            column = column.dt.tz_convert("UTC").dt.tz_localize(None)
        ns = column.astype("datetime64[ns]").to_numpy().view(np.int64)
        numbers = ns.astype(np.float64)
        kind: Literal["datetime", "numeric"] = "datetime"
    elif pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(
        column.dtype
    ):
        numbers = column.to_numpy(dtype=np.float64)
        kind = "numeric"
    else:
        raise ValueError(
            f"date column {date!r} has dtype {column.dtype}; expected {expected} "
            "(convert text with pandas.to_datetime first)"
        )
    steps = np.diff(numbers)
    if (steps <= 0).any():
        first = int(np.argmax(steps <= 0))
        what = "repeats" if steps[first] == 0 else "goes back in time"
        raise ValueError(
            f"date column {date!r} must be strictly increasing, but it {what} at row "
            f"{first + 1} ({column.iloc[first]!r} then {column.iloc[first + 1]!r}); sort the "
            "frame by date and aggregate duplicate dates first"
        )
    if len(steps) >= 2:
        typical = float(np.median(steps))
        gaps = steps > 1.5 * typical
        if gaps.any():
            first = int(np.argmax(gaps))
            warnings.warn(
                f"date column {date!r} has {int(gaps.sum())} gap(s) longer than 1.5 times the "
                f"usual spacing, the first between {column.iloc[first]!r} and "
                f"{column.iloc[first + 1]!r}; points are charted in order as if nothing were "
                "missing. Fill or aggregate the series to a regular period to avoid this.",
                IrregularDatesWarning,
                stacklevel=3,
            )
    return _Axis(numbers, kind, tz)


def _check_improvement(improvement: Any) -> Direction:
    allowed = get_args(Direction)
    if improvement not in allowed:
        raise ValueError(
            f"improvement={improvement!r} is not one of {list(allowed)}: say whether an "
            "increase or a decrease is good, or 'neutral' when neither is"
        )
    return improvement  # type: ignore[no-any-return]


def _check_target(target: Any) -> float | None:
    if target is None:
        return None
    if isinstance(target, bool) or not isinstance(target, int | float | np.number):
        raise ValueError(f"target={target!r} must be a number (or None for no target)")
    if not math.isfinite(float(target)):
        raise ValueError(f"target={target!r} must be a finite number")
    return float(target)
