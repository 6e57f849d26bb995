"""Measuring DORA's four keys on deployments and, for lead time, on the changes they carried.

Each key follows a published definition (sources below); where the toolkit departs from
Google's open-source Four Keys project (``dora-team/fourkeys``, its derived-table SQL and its
dashboard's headline queries) it does so on purpose, and says why.

* **Deployment frequency** (fourkeys' dashboard query): the days with at least one production
  deployment are counted per week (weeks start on Monday; fourkeys' BigQuery weeks start on
  Sunday), over every week from the first deployment day to ``as_of`` (default: the last
  deployment day), and the **median over the weeks** is the value. Quiet weeks count as
  zeros, so silence after the last deployment (give ``as_of``) lowers the value, and one
  deployment is one day in one week, not "elite". fourkeys' "Monthly" rule, the median month
  having a deployment, also places a team in the medium level.
* **Lead time for changes** (DORA 2023 report: "the time it takes for a code commit or change
  to be successfully deployed to production"; fourkeys ``lead_time_for_changes.sql``): with a
  ``changes=`` table, the **median over changes** of the hours from each change (commit or
  merged pull request) to the first production deployment that carried it. Without it, one
  row per deployment can only give the hours from that deployment's first commit, the oldest
  change's wait, which overstates the published measure whenever a deployment ships several
  changes; the result says so (column ``basis`` and ``attrs["lead_time_basis"]``).
  fourkeys drops leads of a minute or less as "automated pushes"; the toolkit keeps them
  (a fast pipeline is not an automated push, and dropping them would flatter nobody but
  would hide real changes).
* **Change failure rate** (DORA; fourkeys ``change_failure_rate.sql``): failed deployments
  over all deployments. fourkeys leaves out deployments that carried no changes (its join
  drops them); the toolkit keeps them, since a deployment that failed failed whatever it held.
* **Time to restore** (DORA 2023: "failed deployment recovery time"; fourkeys
  ``time_to_restore_services.sql``: from the incident's creation to its resolution): the
  median hours from the failure's start (``failed_at``; default the deployment itself) to
  ``restored``, over failed deployments that were restored.

Times are compared as instants and weeks are read in the calendar of ``tz`` (default: the
data's own zone), as everywhere in :mod:`toolkit.analytics.metrics`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics._frames import (
    Kind,
    as_float,
    check_columns,
    complete_index,
    group_columns,
    group_keys,
    hours_between,
    period_alias,
    read_frame,
)
from toolkit.analytics._native import give_back
from toolkit.analytics._times import instants, moment_like, wall_clock
from toolkit.analytics.metrics.change import outcome_flags
from toolkit.analytics.metrics.dora import (
    DEFAULT_YEAR,
    KEYS,
    LEVEL_DTYPE,
    UNITS,
    _levels,
    dora_bands,
)

FUNC = "dora_four_keys"
#: What each key of the ungrouped result rests on.
BASIS = {
    "deployment_frequency": "weeks from the first deployment day to as_of",
    "change_failure_rate": "deployments",
    "time_to_restore": "failed deployments restored",
}
PER_CHANGE = "per change: each change to the first deployment that carried it"
FIRST_COMMIT = "per deployment: first commit only (pass changes= for the published measure)"


def weekly_deployment_days(
    days: pd.DatetimeIndex, start: pd.Timestamp, end: pd.Timestamp
) -> pd.Series:
    """Days with a deployment in every Monday-based week from ``start`` to ``end`` (local days)."""
    calendar = pd.date_range(start.normalize(), end.normalize(), freq="D")
    deployed = pd.Series(calendar.isin(days.normalize()), index=calendar)
    weeks = calendar - pd.to_timedelta(calendar.day_of_week, unit="D")
    counts: pd.Series = deployed.groupby(weeks).sum().astype("int64")
    return counts


def _frequency(
    days: pd.DatetimeIndex, start: pd.Timestamp, end: pd.Timestamp
) -> tuple[float, bool, int]:
    """The median deployment days per week, whether the median month deploys, and the weeks."""
    if end < start:
        return float("nan"), False, 0
    per_week = weekly_deployment_days(days, start, end)
    deployed_week = (per_week > 0).astype("int64")
    months = pd.DatetimeIndex(per_week.index).to_period("M")
    monthly = deployed_week.groupby(months).transform("sum")
    return float(per_week.median()), bool(monthly.median() >= 1), len(per_week)


def _frequency_level(value: float, monthly: bool, bands: pd.DataFrame) -> Any:
    level = _levels("deployment_frequency", np.array([value]), bands)[0]
    if level == "low" and monthly:
        return "medium"
    return level


def _positive_days(func: str, window_days: float | None) -> float | None:
    if window_days is not None and (
        isinstance(window_days, bool)
        or not isinstance(window_days, int | float)
        or not window_days > 0
    ):
        raise ValueError(f"{func}: window_days= must be a positive number, got {window_days!r}")
    return window_days


def _change_leads(
    changes: object,
    deployments: pd.DataFrame,
    *,
    deployed: str,
    deployment: str,
    change_time: str,
    change_id: str,
    carried_by: str,
    names: list[str],
) -> pd.DataFrame:
    """One row per change: its first carrying deployment's time, lead hours and group columns."""
    table, _ = read_frame(changes, FUNC, "changes")
    check_columns(table, FUNC, {"change_time": (change_time, "datetime")})
    if carried_by not in table.columns:
        raise ValueError(
            f"{FUNC}: missing column {carried_by!r} (argument carried_by=) in changes=; its "
            f"columns are {list(table.columns)}; expected the id or the time of the deployment "
            "that carried each change"
        )
    carrier = table[carried_by]
    if pd.api.types.is_datetime64_any_dtype(carrier.dtype):
        rows = table.assign(_deployed=carrier)
        missing = [name for name in names if name not in rows.columns]
        if missing:
            raise ValueError(
                f"{FUNC}: changes= has no group column(s) {missing} (argument by=); with "
                f"deployment times in {carried_by!r} the changes table must carry them; its "
                f"columns are {list(table.columns)}"
            )
    else:
        if deployment not in deployments.columns:
            raise ValueError(
                f"{FUNC}: missing column {deployment!r} (argument deployment=) in data; its "
                f"columns are {list(deployments.columns)}; expected the deployment id that "
                f"changes={carried_by!r} refers to"
            )
        lookup = deployments[[deployment, deployed, *names]].drop_duplicates(deployment)
        lookup = lookup.rename(columns={deployment: "_carrier", deployed: "_deployed"})
        keep = [column for column in table.columns if column not in names]
        rows = (
            table[keep]
            .assign(_carrier=carrier.astype("object"))
            .merge(lookup.astype({"_carrier": "object"}), on="_carrier", how="left")
        )
        unknown = rows.loc[rows["_deployed"].isna() & rows["_carrier"].notna(), "_carrier"]
        if len(unknown):
            raise ValueError(
                f"{FUNC}: changes= names {unknown.nunique()} deployment(s) not in data, e.g. "
                f"{unknown.iloc[0]!r} (column {carried_by!r}); expected ids from data's "
                f"{deployment!r} column"
            )
    identity = change_id if change_id in rows.columns else None
    rows = rows.dropna(subset=["_deployed"])
    order = instants(rows["_deployed"])
    rows = rows.assign(_order=order).sort_values("_order", kind="stable")
    if identity is not None:
        rows = rows.drop_duplicates(identity, keep="first")
    lead = hours_between(rows[change_time], rows["_deployed"], FUNC)
    wrong = int((lead < 0).sum())
    if wrong:
        raise ValueError(
            f"{FUNC}: {wrong} change(s) in changes= were deployed before {change_time!r}; fix "
            "or drop them first"
        )
    return rows.assign(lead_time=lead)[[*names, "_deployed", "lead_time"]]


def dora_four_keys(
    data: Any,
    *,
    changes: Any = None,
    committed: str = "committed_at",
    deployed: str = "deployed_at",
    failed: str = "failed",
    restored: str = "restored_at",
    failed_at: str | None = None,
    outcomes: Mapping[str, str | None] | None = None,
    deployment: str = "deployment_id",
    change_time: str = "committed_at",
    change_id: str = "change_id",
    carried_by: str = "deployment_id",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    as_of: str | pd.Timestamp | None = None,
    tz: str | tzinfo | None = None,
    window_days: float | None = None,
    year: int = DEFAULT_YEAR,
) -> Any:
    """DORA's four keys measured on deployments (and changes), each placed in a band.

    The definitions, their sources and where they differ from fourkeys are in
    :mod:`toolkit.analytics.metrics.dora_keys`: deployment frequency is the median of
    deployment days per week up to ``as_of``; lead time is the median over changes when
    ``changes`` is given (else the first commit of each deployment, which the result flags);
    change failure rate is failed deployments over deployments; time to restore is the median
    hours from the failure's start to its restoration.

    Parameters
    ----------
    data : DataFrame
        One row per production deployment (the shipped ``deployments.csv``): pandas, polars,
        pyarrow, or a lazy polars/DuckDB frame.
    changes : DataFrame, optional
        One row per change (commit or merged pull request; the shipped ``commits.csv``) with
        its time (``change_time``) and the deployment that carried it (``carried_by``: a
        deployment id from ``data[deployment]``, or a datetime). A change listed with several
        deployments counts once, at the first (by ``change_id`` when that column exists).
    committed : str, default "committed_at"
        Datetime column of ``data``: the deployment's first commit (used for lead time only
        without ``changes``; it may then be absent).
    deployed, restored : str, default "deployed_at", "restored_at"
        Datetime columns; ``restored`` may be NaT (no failure, or not restored yet).
    failed : str, default "failed"
        Boolean column (the deployment caused a failure in production), or a label column
        read with ``outcomes``.
    failed_at : str, optional
        Datetime column: when the failure started (an incident's creation, as fourkeys
        measures). Default: the deployment time.
    outcomes : mapping, optional
        For a label column in ``failed``: each label mapped to ``"success"``, ``"failure"`` or
        None (left out), as in :func:`~toolkit.analytics.metrics.change_success_rate`.
    deployment : str, default "deployment_id"
        Column of ``data`` with the deployment id that ``changes[carried_by]`` refers to.
    change_time, change_id, carried_by : str
        Columns of ``changes``: default ``"committed_at"``, ``"change_id"``, ``"deployment_id"``.
    by : str or list of str, optional
        Column(s) of ``data`` to group by, e.g. ``"service_id"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``...), periods following ``deployed`` in zone ``tz``.
    as_of : str or pandas.Timestamp, optional
        The last day of the period deployment frequency covers (default: the last deployment
        day). Read in the data's zone when naive.
    tz : str or tzinfo, optional
        The zone whose calendar forms days, weeks and periods (default: the data's own).
    window_days : float, optional
        Measure deployment frequency over the ``window_days`` days ending ``as_of`` instead
        of from the first deployment day.
    year : int, default 2023
        Which State of DevOps report's bands to use (see :func:`dora_bands`).

    Returns
    -------
    DataFrame
        Ungrouped (pandas): one row per key (index ``key``) with ``value``, ``unit``, ``n``
        (the weeks, changes or deployments the value rests on), ``basis``, ``level`` (ordered
        categorical) and ``published`` (the band's text in the report). Grouped: one row per
        group/period with ``deployments``, the four keys as columns and ``<key>_level`` for
        each. ``attrs`` holds ``year`` and ``lead_time_basis``. Other kinds of input get the
        same table in their kind, index as leading columns.

    Raises
    ------
    ValueError
        Empty frame, missing or mistyped column, unknown group or deployment id, a deployment
        before its commit, a change deployed before it was made, a restore before the failure,
        a bad ``freq``, ``window_days``, ``as_of``, ``tz`` or year.

    Examples
    --------
    >>> import pandas as pd
    >>> deployments = pd.DataFrame({
    ...     "deployment_id": ["D1", "D2"],
    ...     "deployed_at": pd.to_datetime(["2025-01-06 15:00", "2025-01-08 09:00"]),
    ...     "failed": [False, True],
    ...     "restored_at": pd.to_datetime([None, "2025-01-08 09:30"]),
    ... })
    >>> commits = pd.DataFrame({
    ...     "change_id": ["a", "b", "c"],
    ...     "committed_at": pd.to_datetime(["2025-01-06 09:00", "2025-01-06 13:00",
    ...                                      "2025-01-07 09:00"]),
    ...     "deployment_id": ["D1", "D1", "D2"],
    ... })
    >>> keys = dora_four_keys(deployments, changes=commits)
    >>> keys["value"].round(2).tolist()
    [2.0, 6.0, 0.5, 0.5]
    >>> keys["level"].tolist()
    ['high', 'elite', 'low', 'elite']
    """
    frame, source = read_frame(data, FUNC)
    columns: dict[str, tuple[str, Kind]] = {
        "deployed": (deployed, "datetime"),
        "restored": (restored, "datetime"),
    }
    if changes is None:
        columns["committed"] = (committed, "datetime")
    if failed_at is not None:
        columns["failed_at"] = (failed_at, "datetime")
    check_columns(frame, FUNC, columns)
    bands = dora_bands(year)
    names = group_columns(frame, FUNC, by)
    window = _positive_days(FUNC, window_days)
    if outcomes is None:
        check_columns(frame, FUNC, {"failed": (failed, "bool")})
        failures = as_float(frame[failed])
    else:
        failures = 1.0 - outcome_flags(frame, FUNC, outcome=failed, outcomes=outcomes)
    start = frame[failed_at] if failed_at is not None else frame[deployed]
    restore = hours_between(start, frame[restored], FUNC)
    if int((restore < 0).sum()):
        raise ValueError(
            f"{FUNC}: {int((restore < 0).sum())} row(s) have {restored!r} before "
            f"{(failed_at or deployed)!r}; fix or drop them first"
        )
    restore = restore.where(failures == 1.0)
    if changes is None:
        lead = hours_between(frame[committed], frame[deployed], FUNC)
        wrong = int((lead < 0).sum())
        if wrong:
            raise ValueError(
                f"{FUNC}: {wrong} row(s) have {deployed!r} before {committed!r}; fix or drop "
                "them first"
            )
        leads = frame[names].assign(_deployed=frame[deployed], lead_time=lead)
        basis = FIRST_COMMIT
    else:
        leads = _change_leads(
            changes, frame, deployed=deployed, deployment=deployment, change_time=change_time,
            change_id=change_id, carried_by=carried_by, names=names,
        )  # fmt: skip
        basis = PER_CHANGE
    local = wall_clock(frame[deployed], FUNC, tz)
    if local.dropna().empty:
        raise ValueError(f"{FUNC}: column {deployed!r} (argument deployed=) has no times")
    last_day = local.max().normalize()
    if as_of is not None:
        moment = pd.Series([moment_like(as_of, frame[deployed], FUNC, "as_of")], name=deployed)
        last_day = wall_clock(moment, FUNC, tz if tz is not None else None).iloc[0].normalize()
    first_day = local.min().normalize()
    if window is not None:
        first_day = last_day - pd.Timedelta(days=float(window) - 1)
    days = pd.DatetimeIndex(local.dropna())

    if by is None and freq is None:
        weekly, monthly, weeks = _frequency(days[days >= first_day], first_day, last_day)
        values = {
            "deployment_frequency": weekly,
            "lead_time": float(leads["lead_time"].median()),
            "change_failure_rate": float(failures.mean()),
            "time_to_restore": float(restore.median()),
        }
        counts = {
            "deployment_frequency": weeks,
            "lead_time": int(leads["lead_time"].count()),
            "change_failure_rate": int(failures.count()),
            "time_to_restore": int(restore.count()),
        }
        levels = [
            _frequency_level(weekly, monthly, bands)
            if key == "deployment_frequency"
            else _levels(key, np.array([values[key]]), bands)[0]
            for key in KEYS
        ]
        table = pd.DataFrame(
            {
                "value": [values[key] for key in KEYS],
                "unit": [UNITS[key] for key in KEYS],
                "n": [counts[key] for key in KEYS],
                "basis": [BASIS.get(key, basis) for key in KEYS],
            },
            index=pd.Index(KEYS, name="key"),
        )
        table["level"] = pd.Categorical(levels, dtype=LEVEL_DTYPE)
        published = bands.set_index(["key", "level"])["published"]
        table["published"] = [
            published.get((key, level)) if pd.notna(level) else None
            for key, level in zip(KEYS, table["level"], strict=True)
        ]
        table.attrs.update(year=year, lead_time_basis=basis)
        return give_back(table, source)

    keys, periods = group_keys(frame, FUNC, by=by, freq=freq, time=deployed, tz=tz)
    grouped = pd.DataFrame(
        {
            "deployments": frame[deployed].notna().astype("int64"),
            "change_failure_rate": failures,
            "time_to_restore": restore,
        }
    ).groupby(keys, observed=True, sort=True)
    lead_keys, _ = group_keys(
        leads.rename(columns={"_deployed": deployed}), FUNC, by=by, freq=freq, time=deployed, tz=tz
    )
    lead_table = leads["lead_time"].groupby(lead_keys, observed=True, sort=True).median()
    table = pd.concat(
        [
            grouped["deployments"].sum(),
            lead_table.rename("lead_time"),
            grouped["change_failure_rate"].mean(),
            grouped["time_to_restore"].median(),
        ],
        axis=1,
    )
    table = complete_index(table, periods)
    if periods is None:
        table = table[table["deployments"].notna()]
    table["deployments"] = table["deployments"].fillna(0).astype("int64")
    frequency: list[float] = []
    frequency_levels: list[Any] = []
    for label in table.index:
        mask = np.ones(len(frame), dtype=bool)
        head = label if isinstance(label, tuple) else (label,)
        if names:
            group = head[: len(names)] if periods is not None else head
            for name, value in zip(names, group, strict=True):
                mask &= (frame[name] == value).to_numpy()
        start_day, end_day = first_day, last_day
        if periods is not None:
            alias = period_alias(FUNC, str(freq))
            period = pd.Period(head[-1], freq=alias)
            start_day = max(period.start_time.normalize(), first_day)
            end_day = min(period.end_time.normalize(), last_day)
            mask &= (local >= period.start_time).to_numpy() & (local <= period.end_time).to_numpy()
        chosen = pd.DatetimeIndex(local[mask].dropna())
        weekly, monthly, _ = _frequency(chosen, start_day, end_day)
        frequency.append(weekly)
        known = not np.isnan(weekly)
        frequency_levels.append(_frequency_level(weekly, monthly, bands) if known else None)
    table.insert(1, "deployment_frequency", frequency)
    for key in KEYS:
        if key == "deployment_frequency":
            table[f"{key}_level"] = pd.Categorical(frequency_levels, dtype=LEVEL_DTYPE)
        else:
            table[f"{key}_level"] = _levels(key, table[key].to_numpy(dtype=float), bands)
    table.attrs.update(year=year, lead_time_basis=basis)
    return give_back(table, source)
