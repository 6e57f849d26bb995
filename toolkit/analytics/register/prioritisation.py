"""Prioritising ideas: Weighted Shortest Job First and the value/effort quadrant.

WSJF divides the cost of delay (business value + time criticality + risk reduction) by the job
size, highest first. The quadrant sorts ideas into quick wins, major projects, fill-ins and
thankless tasks.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

from toolkit.safety.domains import check_finite

#: Quadrant -> what to do with the ideas in it, in the order they are worked.
QUADRANTS: dict[str, str] = {
    "quick win": "high value, low effort: do these first",
    "major project": "high value, high effort: plan them as projects",
    "fill-in": "low value, low effort: do them when there is slack",
    "thankless task": "low value, high effort: avoid or rethink",
}
NOT_SCORED = "not scored"


def wsjf(
    business_value: float, time_criticality: float, risk_reduction: float, job_size: float
) -> float:
    """Weighted Shortest Job First: cost of delay divided by job size.

    Parameters
    ----------
    business_value, time_criticality, risk_reduction : float
        The three parts of the cost of delay, each a relative score >= 0.
    job_size : float
        The relative size of the work, > 0.

    Returns
    -------
    float
        ``(business_value + time_criticality + risk_reduction) / job_size``; do the
        highest first.

    Raises
    ------
    ValueError
        If a part is negative or not a finite number, or ``job_size`` is not positive.

    Examples
    --------
    >>> wsjf(80, 50, 40, 10), wsjf(50, 40, 30, 5)
    (17.0, 24.0)
    """
    parts: dict[str, object] = {
        "business_value": business_value,
        "time_criticality": time_criticality,
        "risk_reduction": risk_reduction,
        "job_size": job_size,
    }
    for name, value in parts.items():
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"{name} is {value!r}: expected a number")
        if not math.isfinite(value):
            raise ValueError(f"{name} is {value!r}: expected a finite number")
        if value < 0:
            raise ValueError(f"{name} is {value!r}: expected a number >= 0")
    if job_size <= 0:
        raise ValueError(f"job_size is {job_size!r}: expected a number > 0 (it is the divisor)")
    return float((business_value + time_criticality + risk_reduction) / job_size)


def _numeric_column(data: pd.DataFrame, column: str, role: str) -> pd.Series:
    if column not in data.columns:
        raise ValueError(
            f"column {column!r} ({role}) is not in data; its columns are {list(data.columns)}; "
            f"pass {role}=<column name>"
        )
    values = data[column]
    if not (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)):
        raise ValueError(f"column {column!r} ({role}) has dtype {values.dtype}: expected numbers")
    return values.astype(float)


def prioritise_wsjf(
    data: pd.DataFrame,
    *,
    business_value: str = "business_value",
    time_criticality: str = "time_criticality",
    risk_reduction: str = "risk_reduction",
    job_size: str = "job_size",
) -> pd.DataFrame:
    """Rank rows by WSJF, highest first.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per candidate improvement.
    business_value, time_criticality, risk_reduction, job_size : str
        The columns holding the WSJF parts.

    Returns
    -------
    pandas.DataFrame
        A copy with ``cost_of_delay``, ``wsjf`` and ``rank`` (1 = do first) columns, sorted
        by ``wsjf`` descending; ties keep their input order; rows missing a part come last
        with no rank.

    Raises
    ------
    ValueError
        If a column is missing or not numeric, a part is negative, or a job size is not
        positive.

    Examples
    --------
    >>> items = pd.DataFrame({"id": ["A", "B"], "business_value": [80, 50],
    ...     "time_criticality": [50, 40], "risk_reduction": [40, 30], "job_size": [10, 5]})
    >>> prioritise_wsjf(items)[["id", "wsjf", "rank"]].to_numpy().tolist()
    [['B', 24.0, 1], ['A', 17.0, 2]]
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    roles = {
        "business_value": business_value,
        "time_criticality": time_criticality,
        "risk_reduction": risk_reduction,
        "job_size": job_size,
    }
    parts = {role: _numeric_column(data, column, role) for role, column in roles.items()}
    for role, values in parts.items():
        negative = values[values < 0]
        if not negative.empty:
            raise ValueError(
                f"column {roles[role]!r} ({role}) is negative in row {negative.index[0]!r}: "
                "expected numbers >= 0"
            )
    size = parts["job_size"]
    zero = size[size == 0]
    if not zero.empty:
        raise ValueError(
            f"column {job_size!r} (job_size) is 0 in row {zero.index[0]!r}: expected > 0"
        )
    result = data.copy()
    cost = parts["business_value"] + parts["time_criticality"] + parts["risk_reduction"]
    result["cost_of_delay"] = cost
    result["wsjf"] = cost / size
    result = result.sort_values("wsjf", ascending=False, kind="stable", na_position="last")
    ranks = np.arange(1, len(result) + 1)
    result["rank"] = pd.array(
        [
            int(r) if not math.isnan(w) else pd.NA
            for r, w in zip(ranks, result["wsjf"], strict=True)
        ],
        dtype="Int64",
    )
    return result


# --------------------------------------------------------------------------- quadrants


def quadrant_splits(
    data: pd.DataFrame,
    *,
    value: str = "business_value",
    effort: str = "effort",
    value_split: float | None = None,
    effort_split: float | None = None,
) -> tuple[float, float]:
    """Return the (value, effort) thresholds that divide the quadrant.

    Parameters
    ----------
    data : pandas.DataFrame
        The candidates.
    value, effort : str
        Columns holding value and effort.
    value_split, effort_split : float, optional
        Fixed thresholds; the median of the scored rows when None.

    Returns
    -------
    tuple of float

    Raises
    ------
    ValueError
        If a column is missing or not numeric, a split is not a finite number, or no row
        has both value and effort when a median is needed.
    """
    if value_split is not None:
        value_split = check_finite("value_split", value_split)
    if effort_split is not None:
        effort_split = check_finite("effort_split", effort_split)
    values = _numeric_column(data, value, "value")
    efforts = _numeric_column(data, effort, "effort")
    scored = values.notna() & efforts.notna()
    if (value_split is None or effort_split is None) and not scored.any():
        raise ValueError(
            f"no row has both {value!r} and {effort!r}: score some ideas, or pass "
            "value_split and effort_split"
        )
    v = float(values[scored].median()) if value_split is None else float(value_split)
    e = float(efforts[scored].median()) if effort_split is None else float(effort_split)
    return v, e


def value_effort_quadrants(
    data: pd.DataFrame,
    *,
    value: str = "business_value",
    effort: str = "effort",
    value_split: float | None = None,
    effort_split: float | None = None,
) -> pd.DataFrame:
    """Sort ideas into quick wins, major projects, fill-ins and thankless tasks.

    A row is high value when ``value >= value_split`` and high effort when
    ``effort > effort_split``: a row exactly on a line counts on the side of doing it.

    Parameters
    ----------
    data : pandas.DataFrame
        The candidates.
    value, effort : str
        Columns holding value (higher is better) and effort (e.g. person-days).
    value_split, effort_split : float, optional
        Thresholds; the median of the scored rows when None.

    Returns
    -------
    pandas.DataFrame
        A copy with a ``quadrant`` column (a key of :data:`QUADRANTS`, or ``"not scored"``
        when value or effort is missing or not finite), sorted by quadrant in
        :data:`QUADRANTS` order, then by value per effort descending.

    Raises
    ------
    ValueError
        If a column is missing or not numeric, or nothing is scored.

    Examples
    --------
    >>> ideas = pd.DataFrame({"id": list("ABCD"), "business_value": [8, 8, 2, 2],
    ...     "effort": [2, 20, 2, 20]})
    >>> value_effort_quadrants(ideas, value_split=5, effort_split=10)["quadrant"].tolist()
    ['quick win', 'major project', 'fill-in', 'thankless task']
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    v_split, e_split = quadrant_splits(
        data, value=value, effort=effort, value_split=value_split, effort_split=effort_split
    )
    values = data[value].astype(float)
    efforts = data[effort].astype(float)
    labels = []
    for v, e in zip(values, efforts, strict=True):
        if not (math.isfinite(v) and math.isfinite(e)):
            labels.append(NOT_SCORED)
        elif v >= v_split:
            labels.append("major project" if e > e_split else "quick win")
        else:
            labels.append("thankless task" if e > e_split else "fill-in")
    result = data.copy()
    result["quadrant"] = labels
    order = {name: i for i, name in enumerate([*QUADRANTS, NOT_SCORED])}
    ratio = values / efforts.where(efforts > 0, np.nan)
    key = pd.DataFrame(
        {"q": [order[q] for q in labels], "r": (-ratio.fillna(-np.inf)).to_numpy()},
        index=result.index,
    )
    return result.loc[key.sort_values(["q", "r"], kind="stable").index]
