"""Change enablement measures: how many changes succeed, against a bar of 98%.

The seed text behind lesson 04 says a change success rate "should be above 98%", and that
most organisations sit well below it. These functions measure that rate on a table of
changes, overall, per group or per period.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from toolkit.analytics._frames import (
    check_columns,
    check_frame,
    check_scalar,
    count_and_sum,
    group_keys,
)

#: The bar a change success rate should clear (seed 003: "above 98%").
CHANGE_SUCCESS_TARGET = 0.98


def _outcome_flags(
    data: pd.DataFrame, func: str, outcome: str, success: str, failure: str
) -> pd.Series:
    """1.0 for a success, 0.0 for a failure, NaN for a change with no outcome yet."""
    check_columns(data, func, {"outcome": (outcome, "label")})
    column = data[outcome]
    known = column.dropna()
    unknown = sorted({str(value) for value in pd.unique(known)} - {success, failure})
    if unknown:
        raise ValueError(
            f"{func}: column {outcome!r} (argument outcome=) holds {unknown}; expected only "
            f"{success!r} (argument success=) or {failure!r} (argument failure=), or missing"
        )
    flags = np.where(column.isna().to_numpy(), np.nan, (column == success).to_numpy(float))
    return pd.Series(flags, index=data.index, name=outcome)


def _rate(
    data: object,
    func: str,
    *,
    outcome: str,
    success: str,
    failure: str,
    time: str,
    by: str | Sequence[str] | None,
    freq: str | None,
    target: float,
    count_failures: bool,
) -> float | pd.DataFrame:
    frame = check_frame(data, func)
    target = check_scalar(func, "target", target, 0.0, 1.0)
    flags = _outcome_flags(frame, func, outcome, success, failure)
    if count_failures:
        flags = 1.0 - flags
    if by is None and freq is None:
        known = flags.dropna()
        return float(known.mean()) if len(known) else float("nan")
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=time)
    table = count_and_sum(flags, keys, periods)
    hits = "failed" if count_failures else "successful"
    result = pd.DataFrame(
        {
            "changes": table["count"],
            hits: table["sum"].astype("int64"),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        result["rate"] = table["sum"] / table["count"].where(table["count"] > 0)
    result["target"] = target
    if count_failures:
        result["meets_target"] = (result["rate"] <= result["target"]).where(result["rate"].notna())
    else:
        result["meets_target"] = (result["rate"] >= result["target"]).where(result["rate"].notna())
    result["meets_target"] = result["meets_target"].astype("boolean")
    return result


def change_success_rate(
    data: pd.DataFrame,
    *,
    outcome: str = "outcome",
    success: str = "successful",
    failure: str = "failed",
    time: str = "implemented_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    target: float = CHANGE_SUCCESS_TARGET,
) -> float | pd.DataFrame:
    """Share of changes that succeeded, overall or per group/period, against a target.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per change (the shipped ``changes.csv``).
    outcome : str, default "outcome"
        Text or categorical column holding ``success`` or ``failure`` (missing = no outcome
        yet; such changes are left out).
    success, failure : str, default "successful", "failed"
        The two labels ``outcome`` may hold; any other label is an error, so a typo such as
        ``"Failed"`` cannot silently count as a success or a failure.
    time : str, default "implemented_at"
        Datetime column used to form periods when ``freq`` is given.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"change_type"`` or ``"service_id"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``, ``"W"``; ``"MS"`` is read as ``"M"``). Every period
        from the first to the last change gets a row, empty ones with 0 changes and NaN rate.
    target : float, default 0.98
        The bar, as a share from 0 to 1.

    Returns
    -------
    float or pandas.DataFrame
        With neither ``by`` nor ``freq``: the success rate as a float from 0 to 1 (NaN when no
        change has an outcome). Otherwise a DataFrame indexed by the ``by`` column(s) and/or
        ``period`` (period start) with columns ``changes``, ``successful``, ``rate`` (0-1),
        ``target`` and ``meets_target`` (nullable boolean; missing when the rate is NaN).

    Raises
    ------
    ValueError
        If the frame is empty, a column is missing or has the wrong dtype, ``outcome`` holds an
        unexpected label, ``by`` names an unknown column, ``freq`` is not a period alias, or
        ``target`` is outside 0-1.

    See Also
    --------
    change_failure_rate : the complement, as DORA reports it.

    Examples
    --------
    >>> import pandas as pd
    >>> changes = pd.DataFrame({"outcome": ["successful"] * 49 + ["failed"]})
    >>> change_success_rate(changes)
    0.98
    """
    return _rate(
        data,
        "change_success_rate",
        outcome=outcome,
        success=success,
        failure=failure,
        time=time,
        by=by,
        freq=freq,
        target=target,
        count_failures=False,
    )


def change_failure_rate(
    data: pd.DataFrame,
    *,
    outcome: str = "outcome",
    success: str = "successful",
    failure: str = "failed",
    time: str = "implemented_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    target: float = 1.0 - CHANGE_SUCCESS_TARGET,
) -> float | pd.DataFrame:
    """Share of changes that failed: one minus :func:`change_success_rate`.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per change.
    outcome, success, failure, time, by, freq
        As in :func:`change_success_rate`.
    target : float, default 0.02
        The most failure you accept, as a share from 0 to 1 (the 98% bar seen from below).

    Returns
    -------
    float or pandas.DataFrame
        A float from 0 to 1 with no grouping; otherwise a DataFrame with columns ``changes``,
        ``failed``, ``rate``, ``target`` and ``meets_target`` (rate at or below target).

    Raises
    ------
    ValueError
        As :func:`change_success_rate`.

    Examples
    --------
    >>> import pandas as pd
    >>> changes = pd.DataFrame({"outcome": ["successful"] * 9 + ["failed"]})
    >>> change_failure_rate(changes)
    0.1
    """
    return _rate(
        data,
        "change_failure_rate",
        outcome=outcome,
        success=success,
        failure=failure,
        time=time,
        by=by,
        freq=freq,
        target=target,
        count_failures=True,
    )
