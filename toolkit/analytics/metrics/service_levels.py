"""Incident measures a service desk reports: SLA compliance, time to resolve, reopen rate,
first-contact resolution and the backlog over time.

They are outputs: they say how the desk worked, not how people felt about it. Lesson 03 puts them
beside the experience scores in :mod:`toolkit.analytics.metrics.experience` to find the watermelons.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import tzinfo
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics._frames import (
    PERIOD,
    as_float,
    check_columns,
    check_scalar,
    complete_index,
    count_and_sum,
    group_columns,
    group_keys,
    hours_between,
    period_alias,
    read_frame,
)
from toolkit.analytics._native import give_back
from toolkit.analytics._times import instants, moment_like, wall_clock, zone
from toolkit.analytics.metrics._fast import native_hours_quantiles


def _ratio(table: pd.DataFrame, denominator: str, numerator: str) -> pd.DataFrame:
    result = pd.DataFrame({denominator: table["count"], numerator: table["sum"].astype("int64")})
    result["rate"] = table["sum"] / table["count"].where(table["count"] > 0)
    return result


def _share(values: pd.Series) -> float:
    known = values.dropna()
    return float(known.mean()) if len(known) else float("nan")


def _check_not_negative(func: str, argument: str, values: pd.Series) -> None:
    negative = int((values < 0).sum())
    if negative:
        raise ValueError(
            f"{func}: {negative} row(s) have a negative {argument} (resolved before opened?); "
            "fix or drop them first"
        )


def sla_compliance(
    data: Any,
    *,
    hours: str = "resolve_hours",
    target: str | float = "sla_target_hours",
    opened: str = "opened_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    tz: str | tzinfo | None = None,
) -> Any:
    """Share of incidents resolved within their SLA target.

    An incident meets its SLA when ``hours <= target``: one resolved exactly on the target
    counts as met. Incidents still open (``hours`` missing) are left out, unless ``as_of`` is
    given: then an open incident already older than its target counts as a breach, and one
    still inside its target is left out (its result is not known yet).

    Parameters
    ----------
    data : pandas.DataFrame
        One row per incident (the shipped ``incidents.csv``).
    hours : str, default "resolve_hours"
        Numeric column: hours from opened to resolved (missing while open).
    target : str or float, default "sla_target_hours"
        Numeric column of each incident's target in hours, or one number for every incident.
    opened : str, default "opened_at"
        Datetime column: when the incident was opened. Forms the periods with ``freq`` and the
        age of open incidents with ``as_of``.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"service_id"`` or ``"priority"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``, ``"W"``...); periods follow ``opened``.
    as_of : str or pandas.Timestamp, optional
        The moment to judge open incidents at (see above). Ages are taken between instants;
        a naive ``as_of`` given for zone-aware data is read in the data's own zone.
    tz : str or tzinfo, optional
        The zone whose calendar forms the periods with ``freq`` (default: the data's own).

    Returns
    -------
    float or DataFrame
        With no grouping a share from 0 to 1 (NaN when no incident can be judged, e.g. all are
        open). Grouped: a table of the caller's kind with columns ``incidents`` (judged),
        ``met`` and ``rate``.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group, negative hours or target, or a
        bad ``freq``.

    Examples
    --------
    >>> import pandas as pd
    >>> incidents = pd.DataFrame({"resolve_hours": [2.0, 4.0, 6.0, None],
    ...                           "sla_target_hours": [4.0, 4.0, 4.0, 4.0]})
    >>> round(sla_compliance(incidents), 4)
    0.6667
    """
    func = "sla_compliance"
    frame, source = read_frame(data, func)
    check_columns(frame, func, {"hours": (hours, "number")})
    taken = as_float(frame[hours])
    _check_not_negative(func, f"{hours!r}", taken)
    if isinstance(target, str):
        check_columns(frame, func, {"target": (target, "number")})
        goal = as_float(frame[target])
        _check_not_negative(func, f"{target!r}", goal)
    else:
        limit = check_scalar(func, "target", target, 0.0, float("inf"))
        goal = pd.Series(limit, index=frame.index, dtype="float64")
    met = (taken <= goal).astype("float64").where(taken.notna() & goal.notna())
    if as_of is not None:
        check_columns(frame, func, {"opened": (opened, "datetime")})
        moment = moment_like(as_of, frame[opened], func, "as_of")
        now = pd.Series(moment, index=frame.index, name="as_of")
        age = hours_between(instants(frame[opened]), now, func)
        breached = taken.isna() & (age > goal)
        met = met.where(~breached, 0.0)
    if by is None and freq is None:
        return _share(met)
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=opened, tz=tz)
    return give_back(_ratio(count_and_sum(met, keys, periods), "incidents", "met"), source)


def _quantile_name(q: float) -> str:
    return f"p{q * 100:g}"


def time_to_resolve(
    data: Any,
    *,
    hours: str | None = "resolve_hours",
    opened: str = "opened_at",
    resolved: str = "resolved_at",
    q: float | Sequence[float] = 0.5,
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    tz: str | tzinfo | None = None,
) -> Any:
    """Time to resolve in hours: the median by default, or any percentiles.

    Open incidents are left out (their time is not known yet). Computed from timestamps
    (``hours=None``), durations are taken between instants: a ticket open across a clock
    change, or opened and resolved in different zones, lasts as long as it really did.
    Ungrouped, a polars, pyarrow or DuckDB table is measured in its own library.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per incident.
    hours : str or None, default "resolve_hours"
        Numeric column of hours to resolve. ``None`` computes them from ``resolved`` minus
        ``opened``.
    opened, resolved : str, default "opened_at", "resolved_at"
        Datetime columns; ``opened`` also forms the periods with ``freq``. Both naive or
        both zone-aware (any zones: they are compared as instants).
    q : float or sequence of float, default 0.5
        Quantile(s) from 0 to 1: 0.5 is the median, 0.9 the 90th percentile.
    by : str or list of str, optional
        Column(s) to group by.
    freq : str, optional
        Period alias (``"M"``, ``"W"``...), periods following ``opened``.
    tz : str or tzinfo, optional
        The zone whose calendar forms the periods (default: the data's own zone).

    Returns
    -------
    float, pandas.Series or DataFrame
        With no grouping: a float (hours) for a single ``q``, or a Series indexed ``p50``,
        ``p90``... for several (a two-column table ``quantile``, ``hours`` for callers that
        are not pandas). Grouped: a table of the caller's kind with ``incidents`` (resolved)
        and one column per quantile (``p50``, ``p90``...); NaN where nothing was resolved.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group, negative times, a quantile
        outside 0-1, or a bad ``freq``.

    Examples
    --------
    >>> import pandas as pd
    >>> incidents = pd.DataFrame({"resolve_hours": [1.0, 2.0, 3.0, 10.0, None]})
    >>> time_to_resolve(incidents)
    2.5
    >>> time_to_resolve(incidents, q=[0.5, 0.75]).to_dict()
    {'p50': 2.5, 'p75': 4.75}
    """
    func = "time_to_resolve"
    single = isinstance(q, int | float)
    quantiles = [q] if isinstance(q, int | float) else list(q)
    if not quantiles:
        raise ValueError(f"{func}: q= is empty; give a quantile such as 0.5")
    quantiles = [check_scalar(func, "q", value, 0.0, 1.0) for value in quantiles]
    names = [_quantile_name(value) for value in quantiles]
    if by is None and freq is None:
        fast = native_hours_quantiles(
            data, func, hours=hours, opened=opened, resolved=resolved, quantiles=quantiles
        )
        if fast is not None:
            values, source = fast
            if single:
                return values[0]
            series = pd.Series(values, index=names, name="hours")
            return give_back(series.rename_axis("quantile"), source)
    frame, source = read_frame(data, func)
    if hours is None:
        check_columns(
            frame, func, {"opened": (opened, "datetime"), "resolved": (resolved, "datetime")}
        )
        taken = hours_between(frame[opened], frame[resolved], func)
        _check_not_negative(func, f"time from {opened!r} to {resolved!r}", taken)
    else:
        check_columns(frame, func, {"hours": (hours, "number")})
        taken = as_float(frame[hours])
        _check_not_negative(func, f"{hours!r}", taken)
    if by is None and freq is None:
        known = taken.notna().any()  # quantile leaves NaN out by itself
        found = taken.quantile(quantiles) if known else pd.Series(np.nan, index=quantiles)
        if single:
            return float(found.iloc[0])
        result = pd.Series(found.to_numpy(), index=names, name="hours")
        return give_back(result.rename_axis("quantile") if not source.is_pandas else result, source)
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=opened, tz=tz)
    grouped = taken.groupby(keys, observed=True, sort=True)
    table = grouped.quantile(np.asarray(quantiles)).unstack(-1)
    table.columns = names
    table.insert(0, "incidents", grouped.count())
    table = complete_index(table, periods)
    table["incidents"] = table["incidents"].fillna(0).astype("int64")
    return give_back(table, source)


def reopen_rate(
    data: Any,
    *,
    reopened: str = "reopened",
    time: str = "opened_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    tz: str | tzinfo | None = None,
) -> Any:
    """Share of incidents reopened after being resolved.

    Rows whose flag is missing are left out of both sides of the share.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per incident.
    reopened : str, default "reopened"
        Boolean column: True when the incident was reopened.
    time : str, default "opened_at"
        Datetime column forming the periods with ``freq``.
    by : str or list of str, optional
        Column(s) to group by.
    freq : str, optional
        Period alias (``"M"``, ``"W"``...).
    tz : str or tzinfo, optional
        The zone whose calendar forms the periods (default: the data's own zone).

    Returns
    -------
    float or DataFrame
        A share from 0 to 1; grouped, a table of the caller's kind with ``incidents``,
        ``reopened``, ``rate``.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group or a bad ``freq``.

    Examples
    --------
    >>> import pandas as pd
    >>> reopen_rate(pd.DataFrame({"reopened": [True, False, False, False]}))
    0.25
    """
    return _flag_rate(
        data, "reopen_rate", column=reopened, argument="reopened", label="reopened",
        time=time, by=by, freq=freq, tz=tz,
    )  # fmt: skip


def first_contact_resolution(
    data: Any,
    *,
    first_contact: str = "first_contact_resolution",
    time: str = "opened_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    tz: str | tzinfo | None = None,
) -> Any:
    """Share of incidents fixed at the first contact, with no hand-off.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per incident.
    first_contact : str, default "first_contact_resolution"
        Boolean column: True when fixed at first contact.
    time : str, default "opened_at"
        Datetime column forming the periods with ``freq``.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"channel"``.
    freq : str, optional
        Period alias (``"M"``, ``"W"``...).
    tz : str or tzinfo, optional
        The zone whose calendar forms the periods (default: the data's own zone).

    Returns
    -------
    float or DataFrame
        A share from 0 to 1; grouped, a table of the caller's kind with ``incidents``,
        ``resolved_first_contact`` and ``rate``.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group or a bad ``freq``.

    Examples
    --------
    >>> import pandas as pd
    >>> first_contact_resolution(pd.DataFrame({"first_contact_resolution": [True, True, False]}))
    0.6666666666666666
    """
    return _flag_rate(
        data, "first_contact_resolution", column=first_contact, argument="first_contact",
        label="resolved_first_contact", time=time, by=by, freq=freq, tz=tz,
    )  # fmt: skip


def _flag_rate(
    data: object,
    func: str,
    *,
    column: str,
    argument: str,
    label: str,
    time: str,
    by: str | Sequence[str] | None,
    freq: str | None,
    tz: str | tzinfo | None,
) -> Any:
    frame, source = read_frame(data, func)
    check_columns(frame, func, {argument: (column, "bool")})
    flags = as_float(frame[column])
    if by is None and freq is None:
        return _share(flags)
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=time, tz=tz)
    return give_back(_ratio(count_and_sum(flags, keys, periods), "incidents", label), source)


def _open_at(opened: np.ndarray, resolved: np.ndarray, moments: np.ndarray) -> np.ndarray:
    """How many items were open at each moment: opened before it and not resolved before it."""
    opened_sorted = np.sort(opened)
    resolved_sorted = np.sort(resolved[~np.isnat(resolved)])
    started = np.searchsorted(opened_sorted, moments, side="right")
    finished = np.searchsorted(resolved_sorted, moments, side="right")
    return (started - finished).astype("int64")


def backlog(
    data: Any,
    *,
    opened: str = "opened_at",
    resolved: str = "resolved_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    tz: str | tzinfo | None = None,
) -> Any:
    """How many incidents are open: now, per group, or at the end of every period.

    An incident is open at moment *t* when it was opened at or before *t* and not resolved at
    or before *t* (a missing ``resolved`` means still open).

    Moments are compared as instants, so zone-aware times in any zones count correctly; the
    periods of ``freq`` follow the calendar of ``tz`` (default: the data's own zone), and each
    period's count is taken at its last instant in that zone.

    Parameters
    ----------
    data : DataFrame
        One row per incident: pandas, polars, pyarrow, or a lazy polars/DuckDB frame.
    opened, resolved : str, default "opened_at", "resolved_at"
        Datetime columns; ``resolved`` may hold NaT for open incidents.
    by : str or list of str, optional
        Column(s) to group by.
    freq : str, optional
        Period alias (``"D"``, ``"W"``, ``"M"``...). The result then has one value per period
        from the first opening to the last event (or ``as_of``), labelled by period start and
        counted at the period's end.
    as_of : str or pandas.Timestamp, optional
        Without ``freq``: the moment to count at (default: the latest opened or resolved
        time in the data). With ``freq``: the last moment the periods cover. A naive
        ``as_of`` given for zone-aware data is read in the data's own zone.
    tz : str or tzinfo, optional
        The zone whose calendar forms the periods (default: the data's own zone).

    Returns
    -------
    int, pandas.Series or DataFrame
        With neither ``by`` nor ``freq`` an int. Otherwise, for pandas, a Series named
        ``backlog`` indexed by the group column(s) and/or ``period`` (``.unstack(0)`` makes
        one column per group); for other kinds a table with those columns and ``backlog``.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group, an incident resolved before it
        was opened, or a bad ``freq``.

    Examples
    --------
    >>> import pandas as pd
    >>> incidents = pd.DataFrame({
    ...     "opened_at": pd.to_datetime(["2025-01-01", "2025-01-02", "2025-01-03"]),
    ...     "resolved_at": pd.to_datetime(["2025-01-02", None, None]),
    ... })
    >>> backlog(incidents)
    2
    """
    func = "backlog"
    frame, source = read_frame(data, func)
    check_columns(frame, func, {"opened": (opened, "datetime"), "resolved": (resolved, "datetime")})
    _check_not_negative(
        func,
        f"time from {opened!r} to {resolved!r}",
        hours_between(frame[opened], frame[resolved], func),
    )
    starts = _as_ns(frame[opened])
    ends = _as_ns(frame[resolved])
    if np.isnat(starts).any():
        raise ValueError(f"{func}: column {opened!r} (argument opened=) has missing times")
    latest = max(
        starts.max(), ends[~np.isnat(ends)].max() if (~np.isnat(ends)).any() else starts.max()
    )
    moment = latest
    if as_of is not None:
        moment = _as_ns(pd.Series([moment_like(as_of, frame[opened], func, "as_of")]))[0]
    names = group_columns(frame, func, by)
    if freq is None:
        if not names:
            return int(_open_at(starts, ends, np.array([moment]))[0])
        groups = _group_rows(frame, names)
        counts = [
            int(_open_at(starts[rows], ends[rows], np.array([moment]))[0])
            for rows in groups.values()
        ]
        index: pd.Index = pd.MultiIndex.from_tuples(list(groups), names=names)
        if len(names) == 1:
            index = index.get_level_values(0)
        return give_back(pd.Series(counts, index=index, name="backlog", dtype="int64"), source)
    alias = period_alias(func, freq)
    local = wall_clock(frame[opened], func, tz)
    place = tz if tz is not None else zone(frame[opened])
    last_moment = pd.Series([pd.Timestamp(moment)], name=opened)
    if place is not None:
        last_moment = last_moment.dt.tz_localize("UTC")
    first = pd.Timestamp(local.min()).to_period(alias)
    last = pd.Timestamp(wall_clock(last_moment, func, place).iloc[0]).to_period(alias)
    periods = pd.period_range(first, last, freq=alias)
    labels = pd.DatetimeIndex(periods.start_time, name=PERIOD)
    # Count at the end of each period: just before the next period starts (in the zone).
    next_starts = pd.DatetimeIndex((periods + 1).start_time)
    if place is not None:
        next_starts = (
            next_starts.tz_localize(
                place, ambiguous=np.ones(len(next_starts), dtype=bool), nonexistent="shift_forward"
            )
            .tz_convert("UTC")
            .tz_localize(None)
        )
    boundaries = next_starts.to_numpy("datetime64[ns]") - np.timedelta64(1, "ns")
    boundaries = np.minimum(boundaries, moment)
    if not names:
        series = pd.Series(_open_at(starts, ends, boundaries), index=labels, name="backlog")
        return give_back(series, source)
    pieces: list[pd.Series] = []
    for head, rows in _group_rows(frame, names).items():
        index = pd.MultiIndex.from_tuples(
            [(*head, label) for label in labels], names=[*names, PERIOD]
        )
        pieces.append(
            pd.Series(_open_at(starts[rows], ends[rows], boundaries), index=index, name="backlog")
        )
    combined: pd.Series = pd.concat(pieces)
    return give_back(combined, source)


def _group_rows(frame: pd.DataFrame, names: list[str]) -> dict[tuple[Hashable, ...], np.ndarray]:
    """Row positions of each group, keyed by a tuple of the group's values (sorted)."""
    indices = frame.groupby(names, observed=True, sort=True).indices
    return {
        (key if isinstance(key, tuple) else (key,)): np.asarray(rows)
        for key, rows in indices.items()
    }


def _as_ns(series: pd.Series) -> np.ndarray:
    """Instants as a naive datetime64[ns] array (aware times in UTC; NaT kept)."""
    values = instants(series)
    if getattr(values.dtype, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values.to_numpy(dtype="datetime64[ns]")
