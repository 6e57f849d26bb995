"""Measures computed in the caller's own library, for tables too big to copy (private).

An ungrouped :func:`~toolkit.analytics.metrics.time_to_resolve` on a polars, pyarrow or
DuckDB table is computed with narwhals expressions, so a 10-million-row ticket history is
neither copied into pandas nor held twice. Anything unusual (a missing or mistyped column, an
empty table, a negative time) returns None, and the caller's pandas path then raises the same
error every measure raises.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import narwhals as nw

from toolkit.analytics._native import Source, read

_MICROSECONDS_PER_HOUR = 3_600_000_000.0


def _hours_expression(schema: nw.Schema, hours: str | None, opened: str, resolved: str) -> Any:
    """The narwhals expression for hours taken, or None when the columns do not fit."""
    if hours is not None:
        dtype = schema.get(hours)
        if dtype is None or not dtype.is_numeric() or dtype == nw.Boolean:
            return None
        return nw.col(hours).cast(nw.Float64)
    start, end = schema.get(opened), schema.get(resolved)
    if not isinstance(start, nw.Datetime) or not isinstance(end, nw.Datetime):
        return None
    if (start.time_zone is None) != (end.time_zone is None):
        return None
    first, second = nw.col(opened), nw.col(resolved)
    if start.time_zone is not None:
        first, second = first.dt.convert_time_zone("UTC"), second.dt.convert_time_zone("UTC")
    return (second - first).dt.total_microseconds() / _MICROSECONDS_PER_HOUR


def native_hours_quantiles(
    data: object,
    func: str,
    *,
    hours: str | None,
    opened: str,
    resolved: str,
    quantiles: Sequence[float],
) -> tuple[list[float], Source] | None:
    """Quantiles of hours taken, computed in the caller's library; None to fall back."""
    frame, source = read(data, func)
    if frame.implementation is nw.Implementation.PANDAS or len(frame) == 0:
        return None
    expression = _hours_expression(frame.schema, hours, opened, resolved)
    if expression is None:
        return None
    taken = frame.select(expression.alias("hours"))["hours"].drop_nulls()
    if hours is not None:
        taken = taken.filter(~taken.is_nan())
    if not len(taken):
        return [float("nan")] * len(quantiles), source
    if taken.min() < 0:
        return None
    values = [taken.quantile(value, interpolation="linear") for value in quantiles]
    return [float(value) for value in values], source
