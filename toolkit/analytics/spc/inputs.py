"""Checking what goes into a chart: the frame, the value and date columns, the settings.

Also the two warnings the checks and charts raise, and the type aliases the chart modules
share. Every check raises ``ValueError`` naming the argument, the column and what was expected.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import narwhals as nw
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


@dataclass(frozen=True)
class _Frame:
    """The caller's frame as pandas (only the columns a chart needs, for other kinds)."""

    pandas: pd.DataFrame
    columns: list[str]
    kind: nw.Implementation | None  # None for pandas, kept as it is
    #: The caller's dtypes of the columns converted (other kinds only), to give them back.
    dtypes: dict[str, Any] = field(default_factory=dict)


def _check_frame(data: Any, func: str, needed: tuple[str | None, ...] = ()) -> _Frame:
    """Accept a pandas, polars or pyarrow frame, or another that narwhals reads.

    Lazy frames (a polars LazyFrame, a DuckDB relation) are collected first. For any kind but
    pandas, only the ``needed`` columns are converted to pandas, one column at a time.
    """
    if isinstance(data, pd.DataFrame):
        frame = _Frame(data, list(data.columns), None)
    else:
        try:
            native = nw.from_native(data)
        except TypeError:
            raise ValueError(
                f"{func}() expects a dataframe as data (pandas, polars, pyarrow, or another "
                f"that narwhals reads), got {type(data).__name__}"
            ) from None
        eager = native.collect() if isinstance(native, nw.LazyFrame) else native
        columns = [str(name) for name in eager.columns]
        wanted = [c for c in dict.fromkeys(needed) if isinstance(c, str) and c in columns]
        schema = eager.schema
        # Calendar dates become timestamps for pandas (pyarrow's would be Python objects);
        # _as_kind gives them back as dates.
        pandas = (
            eager.select(wanted)
            .with_columns(
                nw.col(name).cast(nw.Datetime("ms")) for name in wanted if schema[name] == nw.Date
            )
            .to_pandas()
            if wanted
            else pd.DataFrame(index=range(len(eager)))
        )
        frame = _Frame(
            pandas, columns, eager.implementation, {name: schema[name] for name in wanted}
        )
    if len(frame.pandas) == 0:
        raise ValueError(
            f"{func}() got an empty DataFrame (columns {frame.columns}); "
            "expected one row per point in time"
        )
    return frame


def _as_kind(
    table: pd.DataFrame, kind: nw.Implementation | None, dates: dict[str, Any] | None = None
) -> Any:
    """Return ``table`` as the caller's kind of frame: polars and pyarrow stay themselves.

    ``dates`` maps a column of ``table`` to the caller's dtype for it: a calendar date (which
    pandas holds as a timestamp) comes back as a date, as it went in.
    """
    if kind is None:
        return table
    frame = nw.from_native(table.reset_index(drop=True), eager_only=True)
    for name, dtype in (dates or {}).items():
        if dtype == nw.Date and name in frame.columns:
            frame = frame.with_columns(nw.col(name).cast(nw.Date))
    if kind is nw.Implementation.POLARS:
        return frame.to_polars()
    if kind is nw.Implementation.PYARROW:
        return frame.to_arrow()
    return table


def _column(frame: _Frame, name: str, argument: str, expected: str) -> pd.Series:
    if not isinstance(name, str):
        raise ValueError(f"{argument} must be a column name, got {name!r}; expected {expected}")
    if name not in frame.columns:
        raise ValueError(
            f"{argument}={name!r} is not a column of the frame; the frame has columns "
            f"{frame.columns}; expected {expected}"
        )
    if frame.columns.count(name) > 1:
        raise ValueError(f"{argument}={name!r} names more than one column; expected {expected}")
    return frame.pandas[name]


def _values(frame: _Frame, value: str) -> FloatArray:
    """The value column as float64, missing values as NaN (kept as gaps); infinity refused."""
    expected = "a numeric column of the measure to chart"
    column = _column(frame, value, "value", expected)
    dtype = column.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        raise ValueError(
            f"value column {value!r} has dtype {dtype}; expected {expected} "
            "(convert it with pandas.to_numeric first)"
        )
    y: FloatArray = column.to_numpy(dtype=np.float64, na_value=np.nan)
    infinite = np.isinf(y)
    if infinite.any():
        first = int(np.argmax(infinite))
        raise ValueError(
            f"value column {value!r} has {int(infinite.sum())} infinite value(s), the first at "
            f"row {first} (index {frame.pandas.index[first]!r}); expected a finite number or a "
            "missing value for every point"
        )
    if np.isnan(y).all():
        raise ValueError(
            f"value column {value!r} has no values, only missing ones; expected {expected}"
        )
    return y


@dataclass(frozen=True)
class _Axis:
    """The x axis as numbers that can be compared: ns since the epoch, or plain numbers."""

    numbers: FloatArray
    kind: Literal["datetime", "numeric", "position"]
    tz: Any = None


def _axis(frame: _Frame, date: str | None) -> _Axis:
    n = len(frame.pandas)
    if date is None:
        return _Axis(np.arange(n, dtype=np.float64), "position")
    expected = "a column of dates (datetime64 or Period) or ordered numbers, one per point"
    column = _column(frame, date, "date", expected)
    if column.isna().any():
        first = int(np.argmax(column.isna().to_numpy()))
        raise ValueError(
            f"date column {date!r} has {int(column.isna().sum())} missing value(s), the first "
            f"at row {first}; expected {expected}"
        )
    tz = None
    local = column
    if isinstance(column.dtype, pd.PeriodDtype):
        column = local = column.dt.to_timestamp()
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
        gaps = _gaps(steps, local if kind == "datetime" else None)
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


#: One day in nanoseconds; a daily series has a typical step between 23 and 25 hours (DST).
_DAY_NS = 86_400 * 10**9


def _gaps(steps: FloatArray, dates: pd.Series | None) -> BoolArray:
    """Steps longer than 1.5 times the usual one; a daily Mon-Fri series counts business days.

    A working-day series (every date a weekday, a day apart as a rule) steps three days over
    each weekend: counted in business days that step is one, so only a missing working day
    is a gap.
    """
    typical = float(np.median(steps))
    if dates is not None and 23 * _DAY_NS / 24 <= typical <= 25 * _DAY_NS / 24:
        days = dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
        day = days.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        if np.is_busday(day).all():
            gaps: BoolArray = np.busday_count(day[:-1], day[1:]) > 1
            return gaps
    return steps > 1.5 * typical


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
