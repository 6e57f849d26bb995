"""The tribal audit: groups, their preferred tools and methods, and how open they are.

Who will have to work together, what they already share (the bridges) and who stands apart.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from toolkit.analytics.assessment._common import _text
from toolkit.paths import datasets_dir

#: The openness scale of the tribal audit, from 1 to 5.
OPENNESS_SCALE: dict[int, str] = {
    1: "closed: works alone and resists joint work",
    2: "wary: joins in when told to",
    3: "neutral: willing when asked",
    4: "open: often works with others",
    5: "seeking: actively looks for joint work",
}

_TRIBAL_FILE = "tribal_audit_sample.csv"


def load_tribal_audit_sample() -> pd.DataFrame:
    """Return the sample tribal audit: groups, their tools and methods, their openness.

    Returns
    -------
    pandas.DataFrame
        Columns ``group``, ``tools`` and ``methods`` (items separated by ``;``) and
        ``openness`` (1-5, see :data:`OPENNESS_SCALE`).
    """
    frame = pd.read_csv(datasets_dir() / _TRIBAL_FILE, keep_default_na=False)
    return frame


@dataclass(frozen=True, eq=False)
class TribalAudit:
    """The result of :func:`tribal_audit`.

    Attributes
    ----------
    groups : pandas.DataFrame
        Indexed by group: ``openness`` (mean, 1-5), ``tools``, ``methods`` (joined with
        ``"; "``), ``partners`` (groups sharing at least one tool or method),
        ``n_partners``, ``isolated`` and ``low_openness``.
    matrix : pandas.DataFrame
        Group x item: the share (0-1) of the group's rows naming each tool or method; tools
        first, then methods, in order of first appearance. The heatmap draws this.
    item_kind : pandas.Series
        Item -> ``"tool"`` or ``"method"``.
    bridges : pandas.DataFrame
        Items used by at least two groups: ``item``, ``kind``, ``n_groups``, ``groups`` and
        ``mean_openness`` of those groups; widest and most open first.
    gaps : pandas.DataFrame
        ``group``, ``gap`` (``"isolated"`` or ``"low openness"``) and ``detail``.
    overlap : pandas.DataFrame
        Group x group: how many items each pair shares (the diagonal: the group's own count).
    """

    groups: pd.DataFrame
    matrix: pd.DataFrame
    item_kind: pd.Series
    bridges: pd.DataFrame
    gaps: pd.DataFrame
    overlap: pd.DataFrame


def _items(value: object, *, column: str, row: object) -> list[str]:
    """Split one tools/methods cell into its items."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        parts: Iterable[object] = value.split(";")
    elif isinstance(value, list | tuple | set | frozenset):
        parts = value
    else:
        raise ValueError(
            f"column {column!r} row {row!r} is {value!r}: expected items separated by ';' "
            "or a list of strings"
        )
    items = []
    for part in parts:
        if not isinstance(part, str):
            raise ValueError(f"column {column!r} row {row!r} holds {part!r}: expected strings")
        if part.strip() and part.strip() not in items:
            items.append(part.strip())
    return items


def tribal_audit(
    data: pd.DataFrame,
    *,
    group: str = "group",
    tools: str = "tools",
    methods: str | None = "methods",
    openness: str = "openness",
    low_openness: float = 2,
) -> TribalAudit:
    """Map the organisation's tribes: who uses what, who shares what, who stands apart.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per group (or per respondent, several rows per group).
    group : str
        Column naming the group.
    tools : str
        Column of preferred tools: items separated by ``;`` or a list.
    methods : str or None
        Column of preferred methods and frameworks, like ``tools``; None to audit tools only.
    openness : str
        Column of openness to working together, 1 (closed) to 5 (seeking); a group's
        openness is the mean of its rows.
    low_openness : float
        Groups whose openness is at or below this are flagged as a gap.

    Returns
    -------
    TribalAudit
        ``groups``, the group x item ``matrix``, ``bridges`` (items shared by two or more
        groups), ``gaps`` (isolated groups, low openness) and the group ``overlap``.

    Raises
    ------
    ValueError
        If ``data`` is empty, a column is missing, a group is blank, openness is not a
        number from 1 to 5, an item cell is malformed, or a name is both a tool and a method.

    Examples
    --------
    >>> audit = tribal_audit(load_tribal_audit_sample())
    >>> audit.bridges.iloc[0]["item"]
    'Spreadsheets'
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    needed = {"group": group, "tools": tools, "openness": openness}
    if methods is not None:
        needed["methods"] = methods
    for role, column in needed.items():
        if column not in data.columns:
            raise ValueError(
                f"column {column!r} ({role}) is not in data; its columns are "
                f"{list(data.columns)}; pass {role}=<column name>"
            )
    if data.empty:
        raise ValueError(f"data is empty: the tribal audit needs at least one {group!r} row")
    if not 1 <= low_openness <= 5:
        raise ValueError(f"low_openness must be from 1 to 5, got {low_openness!r}")

    names: list[str] = []
    rows_of: dict[str, int] = {}
    open_sum: dict[str, float] = {}
    counts: dict[str, dict[str, int]] = {}
    kind_of: dict[str, str] = {}
    kinds = [("tool", tools)] + ([("method", methods)] if methods is not None else [])
    for row, record in data.iterrows():
        name = record[group]
        if not _text(name):
            raise ValueError(f"column {group!r} is blank or not text in row {row!r}")
        name = str(name).strip()
        level: object = record[openness]
        if isinstance(level, bool) or not isinstance(level, numbers.Real) or math.isnan(level):
            raise ValueError(
                f"column {openness!r} row {row!r} is {level!r}: expected a number from 1 to 5"
            )
        if not 1 <= float(level) <= 5:
            raise ValueError(
                f"column {openness!r} row {row!r} is {level!r}, out of range: expected 1 to 5"
            )
        if name not in rows_of:
            names.append(name)
            rows_of[name], open_sum[name], counts[name] = 0, 0.0, {}
        rows_of[name] += 1
        open_sum[name] += float(level)
        for kind, column in kinds:
            for item in _items(record[column], column=column, row=row):
                if kind_of.setdefault(item, kind) != kind:
                    raise ValueError(
                        f"{item!r} is listed both as a tool and as a method (row {row!r}); "
                        "name them differently"
                    )
                counts[name][item] = counts[name].get(item, 0) + 1

    items = [i for i in kind_of if kind_of[i] == "tool"] + [
        i for i in kind_of if kind_of[i] == "method"
    ]
    matrix = pd.DataFrame(
        [[counts[g].get(i, 0) / rows_of[g] for i in items] for g in names],
        index=pd.Index(names, name=group),
        columns=pd.Index(items, name="item"),
        dtype=float,
    )
    level_of = {g: open_sum[g] / rows_of[g] for g in names}
    uses = matrix.to_numpy() > 0
    shared = uses.astype(int) @ uses.T.astype(int)
    overlap = pd.DataFrame(shared, index=matrix.index, columns=pd.Index(names, name=group))

    partners = {
        g: [h for j, h in enumerate(names) if j != i and shared[i, j] > 0]
        for i, g in enumerate(names)
    }
    groups_frame = pd.DataFrame(
        {
            "openness": [level_of[g] for g in names],
            "tools": ["; ".join(i for i in counts[g] if kind_of[i] == "tool") for g in names],
            "methods": ["; ".join(i for i in counts[g] if kind_of[i] == "method") for g in names],
            "partners": ["; ".join(partners[g]) for g in names],
            "n_partners": [len(partners[g]) for g in names],
            "isolated": [not partners[g] for g in names],
            "low_openness": [level_of[g] <= low_openness for g in names],
        },
        index=matrix.index,
    )

    bridge_rows = []
    for position, item in enumerate(items):
        users = [g for g, used in zip(names, uses[:, position], strict=True) if used]
        if len(users) >= 2:
            bridge_rows.append(
                {
                    "item": item,
                    "kind": kind_of[item],
                    "n_groups": len(users),
                    "groups": "; ".join(users),
                    "mean_openness": float(np.mean([level_of[g] for g in users])),
                }
            )
    bridges = pd.DataFrame(
        bridge_rows, columns=["item", "kind", "n_groups", "groups", "mean_openness"]
    )
    bridges = bridges.sort_values(
        ["n_groups", "mean_openness"], ascending=False, kind="stable"
    ).reset_index(drop=True)

    gap_rows = []
    for g in names:
        if not partners[g]:
            gap_rows.append(
                {"group": g, "gap": "isolated", "detail": "shares no tool or method with others"}
            )
        if level_of[g] <= low_openness:
            gap_rows.append(
                {
                    "group": g,
                    "gap": "low openness",
                    "detail": f"openness {level_of[g]:g} of 5 (flagged at {low_openness:g} "
                    "or less)",
                }
            )
    gaps = pd.DataFrame(gap_rows, columns=["group", "gap", "detail"])

    return TribalAudit(
        groups=groups_frame,
        matrix=matrix,
        item_kind=pd.Series(kind_of, name="kind").reindex(items),
        bridges=bridges,
        gaps=gaps,
        overlap=overlap,
    )
