"""Change enablement measures: how many changes succeed, against a bar of 98%.

The seed text behind lesson 04 says a change success rate "should be above 98%", and that
most organisations sit well below it. These functions measure that rate on a table of
changes, overall, per group or per period.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

import numpy as np
import pandas as pd

from toolkit.analytics._frames import (
    check_columns,
    check_scalar,
    count_and_sum,
    group_keys,
    read_frame,
)
from toolkit.analytics._native import give_back

#: What an ``outcomes=`` mapping may map a label to.
_OUTCOME_VALUES = ("success", "failure", None)

#: The bar a change success rate should clear (seed 003: "above 98%").
CHANGE_SUCCESS_TARGET = 0.98


def _check_outcomes(
    func: str, outcomes: Mapping[str, str | None] | None, success: str, failure: str
) -> dict[str, str | None]:
    if outcomes is None:
        return {success: "success", failure: "failure"}
    if not isinstance(outcomes, Mapping) or not outcomes:
        raise ValueError(
            f"{func}: outcomes= must be a non-empty mapping of label to 'success', 'failure' "
            f"or None, got {outcomes!r}"
        )
    wrong = {label: kind for label, kind in outcomes.items() if kind not in _OUTCOME_VALUES}
    if wrong:
        raise ValueError(
            f"{func}: outcomes= maps {wrong}; each label must map to 'success', 'failure' or "
            "None (left out)"
        )
    return {str(label): kind for label, kind in outcomes.items()}


def outcome_flags(
    data: pd.DataFrame,
    func: str,
    *,
    outcome: str,
    success: str = "successful",
    failure: str = "failed",
    outcomes: Mapping[str, str | None] | None = None,
) -> pd.Series:
    """1.0 for a success, 0.0 for a failure, NaN for no outcome yet or a label mapped to None.

    ``outcomes`` maps each label (a close code such as ``"Successful with issues"``) to
    ``"success"``, ``"failure"`` or None; without it only ``success`` and ``failure`` are
    accepted. A boolean column is read as True = success.
    """
    check_columns(data, func, {"outcome": (outcome, "label")})
    mapping = _check_outcomes(func, outcomes, success, failure)
    column = data[outcome]
    known = column.dropna()
    unknown = sorted({str(value) for value in pd.unique(known)} - set(mapping))
    if unknown:
        expected = (
            f"only the labels of outcomes= ({sorted(mapping)})"
            if outcomes is not None
            else f"only {success!r} (argument success=) or {failure!r} (argument failure=), or "
            "missing; map other close codes with outcomes={label: 'success'|'failure'|None}"
        )
        raise ValueError(
            f"{func}: column {outcome!r} (argument outcome=) holds {unknown}; expected {expected}"
        )
    codes = {label: 1.0 if kind == "success" else 0.0 if kind == "failure" else np.nan
             for label, kind in mapping.items()}  # fmt: skip
    flags = column.astype("object").map(codes).to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(flags, index=data.index, name=outcome)


def _rate(
    data: object,
    func: str,
    *,
    outcome: str,
    success: str,
    failure: str,
    outcomes: Mapping[str, str | None] | None,
    time: str,
    by: str | Sequence[str] | None,
    freq: str | None,
    tz: str | tzinfo | None,
    target: float,
    count_failures: bool,
) -> Any:
    frame, source = read_frame(data, func)
    target = check_scalar(func, "target", target, 0.0, 1.0)
    flags = outcome_flags(
        frame, func, outcome=outcome, success=success, failure=failure, outcomes=outcomes
    )
    if count_failures:
        flags = 1.0 - flags
    if by is None and freq is None:
        known = flags.dropna()
        return float(known.mean()) if len(known) else float("nan")
    keys, periods = group_keys(frame, func, by=by, freq=freq, time=time, tz=tz)
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
    return give_back(result, source)


def change_success_rate(
    data: Any,
    *,
    outcome: str = "outcome",
    success: str = "successful",
    failure: str = "failed",
    outcomes: Mapping[str, str | None] | None = None,
    time: str = "implemented_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    tz: str | tzinfo | None = None,
    target: float = CHANGE_SUCCESS_TARGET,
) -> Any:
    """Share of changes that succeeded, overall or per group/period, against a target.

    Parameters
    ----------
    data : DataFrame
        One row per change (the shipped ``changes.csv``): pandas, polars, pyarrow, or a lazy
        polars/DuckDB frame.
    outcome : str, default "outcome"
        Text or categorical column holding ``success`` or ``failure`` (missing = no outcome
        yet; such changes are left out).
    success, failure : str, default "successful", "failed"
        The two labels ``outcome`` may hold when ``outcomes`` is not given; any other label is
        an error, so a typo such as ``"Failed"`` cannot silently count as a success or a
        failure.
    outcomes : mapping of str to "success", "failure" or None, optional
        For real close codes: each label ``outcome`` may hold, mapped to ``"success"``,
        ``"failure"`` or None (left out, like a change with no outcome). ServiceNow's
        change_request close codes are ``"Successful"``, ``"Successful with issues"`` and
        ``"Unsuccessful"`` (exports may add local codes such as ``"Backed out"``; a cancelled
        change is a state, not a close code); a Jira change issue carries its result in
        ``Resolution`` (``"Done"``, ``"Won't Do"``, ``"Declined"``...). For example
        ``{"Successful": "success", "Successful with issues": "success", "Unsuccessful":
        "failure", "Backed out": "failure", "Cancelled": None}``. Given, it replaces
        ``success`` and ``failure``, and a label it does not name is an error.
    time : str, default "implemented_at"
        Datetime column used to form periods when ``freq`` is given.
    by : str or list of str, optional
        Column(s) to group by, e.g. ``"change_type"`` or ``"service_id"``.
    freq : str, optional
        Period alias (``"M"``, ``"Q"``, ``"W"``; ``"MS"`` is read as ``"M"``). Every period
        from the first to the last change gets a row, empty ones with 0 changes and NaN rate.
    tz : str or tzinfo, optional
        The time zone whose calendar forms the periods (default: the data's own zone; naive
        times are used as they are).
    target : float, default 0.98
        The bar, as a share from 0 to 1.

    Returns
    -------
    float or DataFrame
        With neither ``by`` nor ``freq``: the success rate as a float from 0 to 1 (NaN when no
        change has an outcome). Otherwise a table of the caller's kind (pandas: indexed by the
        ``by`` column(s) and/or ``period``, the period start; other kinds carry these as
        leading columns) with columns ``changes``, ``successful``, ``rate`` (0-1),
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
    >>> codes = pd.DataFrame({"close_code": ["Successful", "Successful with issues",
    ...                                      "Unsuccessful", "Cancelled"]})
    >>> change_success_rate(codes, outcome="close_code", outcomes={
    ...     "Successful": "success", "Successful with issues": "success",
    ...     "Unsuccessful": "failure", "Cancelled": None})
    0.6666666666666666
    """
    return _rate(
        data,
        "change_success_rate",
        outcome=outcome,
        success=success,
        failure=failure,
        outcomes=outcomes,
        time=time,
        by=by,
        freq=freq,
        tz=tz,
        target=target,
        count_failures=False,
    )


def change_failure_rate(
    data: Any,
    *,
    outcome: str = "outcome",
    success: str = "successful",
    failure: str = "failed",
    outcomes: Mapping[str, str | None] | None = None,
    time: str = "implemented_at",
    by: str | Sequence[str] | None = None,
    freq: str | None = None,
    tz: str | tzinfo | None = None,
    target: float = 1.0 - CHANGE_SUCCESS_TARGET,
) -> Any:
    """Share of changes that failed: one minus :func:`change_success_rate`.

    Parameters
    ----------
    data : DataFrame
        One row per change (any dataframe, as in :func:`change_success_rate`).
    outcome, success, failure, outcomes, time, by, freq, tz
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
        outcomes=outcomes,
        time=time,
        by=by,
        freq=freq,
        tz=tz,
        target=target,
        count_failures=True,
    )
