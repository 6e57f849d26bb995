"""Instants and calendars: how the measures treat time zones (private to the toolkit).

Two rules, the same in every measure:

* **Durations are taken between instants.** Time-zone-aware timestamps are converted to UTC
  before one is subtracted from another, so an incident open across a clock change, or opened
  in one zone and resolved in another, lasts as long as it really did. Naive timestamps stay
  naive (their wall-clock difference is the only one there is). Mixing naive and aware times in
  one call is an error: nobody can say which instant a naive time meant.
* **Calendars are read in a zone.** Grouping by month, week or day happens in the zone the
  caller names (``tz=``), by default the data's own zone; a column whose rows carry different
  offsets (parsed with ``utc=True`` or holding mixed-offset timestamps) is read in UTC unless a
  zone is named.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

import pandas as pd


def aware_objects(series: pd.Series) -> bool:
    """True for an object column whose values are all zone-aware datetimes (mixed offsets)."""
    if not pd.api.types.is_object_dtype(series.dtype):
        return False
    values = series.dropna()
    if values.empty:
        return False
    return all(isinstance(value, datetime) and value.tzinfo is not None for value in values)


def zone(series: pd.Series) -> tzinfo | str | None:
    """The column's own zone: its dtype's zone, ``"UTC"`` for mixed offsets, None if naive."""
    if aware_objects(series):
        return "UTC"
    found: tzinfo | None = getattr(series.dtype, "tz", None)
    return found


def instants(series: pd.Series) -> pd.Series:
    """The column as instants: aware times in UTC, naive times unchanged."""
    if aware_objects(series):
        converted: pd.Series = pd.to_datetime(series, utc=True)
        return converted
    if getattr(series.dtype, "tz", None) is not None:
        utc: pd.Series = series.dt.tz_convert("UTC")
        return utc
    return series


def _check_same_kind(func: str, first: pd.Series, second: pd.Series) -> None:
    if (zone(first) is None) != (zone(second) is None):
        aware, naive = (first, second) if zone(first) is not None else (second, first)
        raise ValueError(
            f"{func}: column {aware.name!r} has time zones but {naive.name!r} has none "
            "(naive wall-clock times), so the time between them is unknown; localize the naive "
            "column with .dt.tz_localize(ZONE) or drop the zones from both"
        )


def hours_between(start: pd.Series, end: pd.Series, func: str = "toolkit") -> pd.Series:
    """Hours from ``start`` to ``end`` between instants (NaN where either is missing)."""
    _check_same_kind(func, start, end)
    delta = instants(end) - instants(start)
    seconds = delta.dt.total_seconds().to_numpy(dtype="float64", na_value=float("nan"))
    return pd.Series(seconds / 3600.0, index=start.index)


def wall_clock(series: pd.Series, func: str, tz: str | tzinfo | None) -> pd.Series:
    """Naive wall-clock times in zone ``tz`` (default: the column's own), for calendars."""
    own = zone(series)
    if own is None:
        if tz is not None:
            raise ValueError(
                f"{func}: tz={tz!r} was given but column {series.name!r} has naive times (no "
                "zone), so they cannot be moved to another zone; localize them first with "
                ".dt.tz_localize(ZONE), or leave tz= out"
            )
        return series
    try:
        local = instants(series).dt.tz_convert(tz if tz is not None else own)
    except Exception as error:  # an unknown zone name raises several error types
        raise ValueError(f"{func}: unknown time zone tz={tz!r} ({error})") from None
    naive: pd.Series = local.dt.tz_localize(None)
    return naive


def moment_like(
    value: str | pd.Timestamp, series: pd.Series, func: str, argument: str
) -> pd.Timestamp:
    """``value`` as a timestamp comparable with ``series``' instants.

    A naive moment given for aware data is read in the data's own zone; an aware moment
    given for naive data is an error.
    """
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise ValueError(f"{func}: {argument}={value!r} is not a date or time") from None
    own = zone(series)
    if own is None:
        if stamp.tzinfo is not None:
            raise ValueError(
                f"{func}: {argument}={value!r} has a time zone but column {series.name!r} has "
                "naive times; give a naive time or localize the column"
            )
        return stamp
    if stamp.tzinfo is None:
        try:
            stamp = stamp.tz_localize(own)
        except ValueError as error:  # a wall-clock time that a clock change skips or repeats
            raise ValueError(
                f"{func}: {argument}={value!r} is not one instant in {own} ({error}); give it "
                "with its offset, e.g. '2025-10-26 01:30+00:00'"
            ) from None
    return stamp.tz_convert("UTC")
