"""Charts of the service measures: watermelons, change success against the bar, DORA bands.

Each function draws a table that a :mod:`toolkit.analytics.metrics` function returned, so the chart
and the numbers behind it always agree, and an analyst can draw their own data the same way.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Hashable

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from toolkit.analytics.metrics.change import CHANGE_SUCCESS_TARGET
from toolkit.analytics.metrics.dora import KEYS, LEVELS, dora_bands
from toolkit.analytics.metrics.sla_experience import QUADRANTS, SLA_TARGET
from toolkit.plots._style import (
    COMMON,
    CONCERN,
    IMPROVEMENT,
    NEUTRAL,
    PALETTE,
    TARGET,
    declutter,
    get_ax,
)

__all__ = [
    "plot_change_success",
    "plot_dora",
    "plot_sla_vs_experience",
    "plot_watermelon",
]

#: Marker shape and colour of each quadrant: the shape carries the meaning, colour repeats it.
QUADRANT_STYLE: dict[str, tuple[str, str]] = {
    "healthy": ("o", IMPROVEMENT),
    "watermelon": ("v", CONCERN),
    "reverse watermelon": ("^", NEUTRAL),
    "failing": ("s", PALETTE["red"]),
    "not enough data": ("x", COMMON),
}
_GROUP_MARKERS = ("o", "s", "D", "P", "X")
#: Labels of the lines the charts draw; tests and readers find them by these.
TARGET_LABEL = "target"
BELOW_LABEL = "below the bar"

_MEASURE_NAMES = {"happiness": "happiness", "nps": "NPS", "csat": "CSAT"}
_KEY_NAMES = {
    "deployment_frequency": "Deployment\nfrequency",
    "lead_time": "Lead time\nfor changes",
    "change_failure_rate": "Change\nfailure rate",
    "time_to_restore": "Time to\nrestore",
}


def _require(table: object, func: str, columns: list[str]) -> pd.DataFrame:
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"{func}: expected a DataFrame from a toolkit measure, got {type(table)}")
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ValueError(
            f"{func}: the table lacks column(s) {missing}; it has {list(table.columns)}. "
            "Pass the DataFrame the matching toolkit measure returned."
        )
    if table.empty:
        raise ValueError(f"{func}: the table is empty")
    return table


def _name(key: Hashable) -> str:
    if isinstance(key, tuple):
        return " / ".join(str(part) for part in key)
    return str(key)


def plot_watermelon(
    table: pd.DataFrame,
    *,
    sla_target: float | None = None,
    experience_target: float | None = None,
    label_points: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Quadrant chart of SLA compliance (x) against experience (y), one point per row.

    Each quadrant has its own marker shape and a written label; watermelons (green SLA,
    unhappy users) are downward triangles with the word "watermelon" beside them. Rows with
    too few survey responses cannot be placed and are listed under the chart instead.

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`toolkit.analytics.metrics.watermelon` returned (``sla_compliance``,
        ``experience``, ``quadrant``; one row per service, or per service and period).
    sla_target, experience_target : float, optional
        Where the dividing lines go; by default the targets recorded in ``table.attrs``.
    label_points : bool, default True
        Write each point's service (and period) beside it.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        One scatter collection per quadrant present (``ax.collections``, labelled by
        quadrant), the SLA and experience targets as ``ax.lines[0]`` and ``ax.lines[1]``.

    Raises
    ------
    ValueError
        If ``table`` is not a watermelon table.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.metrics import watermelon
    >>> incidents = pd.DataFrame({"service_id": ["HR", "HR"], "resolve_hours": [1.0, 2.0],
    ...                           "sla_target_hours": [8.0, 8.0]})
    >>> survey = pd.DataFrame({"service_id": ["HR"] * 30, "happiness": [3] * 30})
    >>> ax = plot_watermelon(watermelon(incidents, survey=survey))
    >>> ax.collections[0].get_label(), ax.collections[0].get_offsets().tolist()
    ('watermelon', [[100.0, -100.0]])
    """
    func = "plot_watermelon"
    data = _require(table, func, ["sla_compliance", "experience", "quadrant"])
    sla_bar = float(data.attrs.get("sla_target", SLA_TARGET) if sla_target is None else sla_target)
    experience_bar = float(
        data.attrs.get("experience_target", 0.0) if experience_target is None else experience_target
    )
    measure = str(data.attrs.get("measure", "happiness"))
    axes = get_ax(ax, figsize=(8.0, 6.0))
    x = data["sla_compliance"].to_numpy(dtype=float) * 100.0
    y = data["experience"].to_numpy(dtype=float)
    placed = ~(np.isnan(x) | np.isnan(y))
    low_y, high_y = (0.0, 100.0) if measure == "csat" else (-100.0, 100.0)
    low_x = min(float(np.nanmin(x[placed])) if placed.any() else 100.0, sla_bar * 100.0) - 5.0
    low_x = max(0.0, math.floor(low_x / 5.0) * 5.0)
    axes.axvline(sla_bar * 100.0, color=TARGET, linestyle="--", linewidth=1.5, label=TARGET_LABEL)
    axes.axhline(
        experience_bar, color=TARGET, linestyle=":", linewidth=1.5,
        label=f"experience bar ({experience_bar:+g})",
    )  # fmt: skip
    corners = {
        "healthy": (0.98, 0.97, "right", "top", "HEALTHY\nSLA met, users happy"),
        "watermelon": (0.98, 0.03, "right", "bottom", "WATERMELON\nSLA met, users unhappy"),
        "reverse watermelon": (0.02, 0.97, "left", "top", "SLA missed,\nusers happy"),
        "failing": (0.02, 0.03, "left", "bottom", "FAILING\nSLA missed, users unhappy"),
    }
    for x_pos, y_pos, h_align, v_align, words in corners.values():
        axes.text(
            x_pos, y_pos, words, transform=axes.transAxes, ha=h_align, va=v_align,
            fontsize=10, color=COMMON, style="italic",
        )  # fmt: skip
    quadrants = data["quadrant"].astype(str).to_numpy()
    for quadrant in QUADRANTS[:4]:
        rows = placed & (quadrants == quadrant)
        if not rows.any():
            continue
        marker, colour = QUADRANT_STYLE[quadrant]
        size = 160 if quadrant == "watermelon" else 90
        axes.scatter(
            x[rows], y[rows], marker=marker, s=size, color=colour, edgecolor="black",
            linewidth=0.8, label=quadrant, zorder=3,
        )  # fmt: skip
    labels = []
    if label_points:
        for position, key in enumerate(data.index):
            if not placed[position]:
                continue
            words = _name(key.date() if isinstance(key, pd.Timestamp) else key)
            if quadrants[position] == "watermelon":
                words += "  <- watermelon"
            labels.append(axes.annotate(
                words, (x[position], y[position]), xytext=(7, 4), textcoords="offset points",
                fontsize=10, fontweight="bold" if quadrants[position] == "watermelon" else None,
            ))  # fmt: skip
    unplaced = [_name(key) for key, ok in zip(data.index, placed, strict=True) if not ok]
    if unplaced:
        shown = ", ".join(unplaced[:6]) + (" ..." if len(unplaced) > 6 else "")
        axes.text(
            0.0, -0.16, f"Not enough data to place: {shown}", transform=axes.transAxes,
            fontsize=9, color=COMMON,
        )  # fmt: skip
    axes.set_xlim(low_x, 100.5)
    axes.set_ylim(low_y - 5.0, high_y + 5.0)
    axes.set_xlabel("SLA compliance (% of incidents resolved within target)")
    axes.set_ylabel(f"{_MEASURE_NAMES.get(measure, measure)} (score, {low_y:g} to {high_y:g})")
    axes.set_title("SLA against experience: find the watermelon")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=10, title="key")
    declutter(axes, labels)
    return axes


def _rate_lines(table: pd.DataFrame) -> list[tuple[str, pd.Series]]:
    if table.index.nlevels == 1:
        return [("", table["rate"])]
    lines = []
    for key, part in table.groupby(level=list(range(table.index.nlevels - 1)), sort=True):
        series = part["rate"].droplevel(list(range(table.index.nlevels - 1)))
        lines.append((_name(key), series))
    return lines


def plot_change_success(
    table: pd.DataFrame,
    *,
    target: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Change success rate over time against the bar (98% unless told otherwise).

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`toolkit.analytics.metrics.change_success_rate` returned with ``freq=`` (and
        optionally ``by=``: one line per group).
    target : float, optional
        The bar as a share 0-1; the table's ``target`` column, else 0.98.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the bar (y = target in percent); then, per group, the rate line
        (y in percent, circles) and the periods below the bar (downward triangles, labelled
        "below the bar").

    Raises
    ------
    ValueError
        If ``table`` lacks a ``rate`` column or is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.metrics import change_success_rate
    >>> changes = pd.DataFrame({
    ...     "outcome": ["successful", "failed", "successful", "successful"],
    ...     "implemented_at": pd.to_datetime(["2025-01-05", "2025-01-09", "2025-02-03",
    ...                                       "2025-02-20"]),
    ... })
    >>> ax = plot_change_success(change_success_rate(changes, freq="M"))
    >>> ax.lines[1].get_ydata().tolist()
    [50.0, 100.0]
    """
    data = _require(table, "plot_change_success", ["rate"])
    if target is None:
        target = float(data["target"].iloc[0]) if "target" in data else CHANGE_SUCCESS_TARGET
    axes = get_ax(ax)
    axes.axhline(target * 100.0, color=TARGET, linestyle="--", linewidth=1.8, label=TARGET_LABEL)
    lines = _rate_lines(data)
    colours = [IMPROVEMENT, NEUTRAL, PALETTE["green"], PALETTE["sky"], PALETTE["black"]]
    lowest = target * 100.0
    for number, (name, series) in enumerate(lines):
        values = series.to_numpy(dtype=float) * 100.0
        colour = colours[number % len(colours)]
        axes.plot(
            series.index, values, marker=_GROUP_MARKERS[number % len(_GROUP_MARKERS)],
            markersize=5, color=colour, label=name or "change success rate",
        )  # fmt: skip
        finite = np.flatnonzero(np.isfinite(values))
        if name and finite.size:
            axes.annotate(
                name, (series.index[finite[-1]], values[finite[-1]]), xytext=(6, 0),
                textcoords="offset points", va="center", fontsize=10, color=colour,
            )  # fmt: skip
        below = values < target * 100.0
        axes.plot(
            series.index[below], values[below], linestyle="none", marker="v", markersize=8,
            color=CONCERN, markeredgecolor="black",
            label=BELOW_LABEL if number == 0 else "_nolegend_",
        )  # fmt: skip
        if np.isfinite(values).any():
            lowest = min(lowest, float(np.nanmin(values)))
    axes.text(
        0.01, target * 100.0, f" {target:.0%} bar", transform=axes.get_yaxis_transform(),
        va="top", ha="left", color=TARGET, fontsize=11, fontweight="bold",
    )  # fmt: skip
    axes.set_ylim(max(0.0, math.floor(lowest - 2.0)), 100.5)
    axes.set_ylabel("changes that succeeded (%)")
    axes.set_xlabel("period")
    axes.set_title("Change success rate against the bar")
    if isinstance(lines[0][1].index, pd.DatetimeIndex):
        _date_axis(axes)
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return axes


def _date_axis(axes: Axes) -> None:
    """Short, uncrowded date labels (2024, Apr, Jul, ...) on the x axis."""
    locator = mdates.AutoDateLocator(maxticks=8)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _format_value(key: str, value: float) -> str:
    if not np.isfinite(value):
        return "no data"
    if key == "deployment_frequency":
        return f"{value:g} days/week"
    if key == "change_failure_rate":
        return f"{value:.1%}"
    if value < 48:
        return f"{value:.1f} h"
    return f"{value / 24:.1f} days"


def plot_dora(table: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """The four keys against their published bands: a grid with your level marked.

    Rows are the four keys; columns the levels from low (left) to elite (right), each cell
    holding the band as the report words it. A star and the measured value mark the level
    each key reaches, so the chart reads without colour.

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`toolkit.analytics.metrics.dora_four_keys` returned with no grouping (index
        ``key``; columns ``value``, ``level``).
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` holds the stars: x = level column (0 low ... 3 elite), y = key row
        (3 deployment frequency ... 0 time to restore).

    Raises
    ------
    ValueError
        If ``table`` is not an ungrouped four-keys table.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.metrics import dora_four_keys
    >>> deployments = pd.DataFrame({
    ...     "committed_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-02 09:00"]),
    ...     "deployed_at": pd.to_datetime(["2025-01-01 15:00", "2025-01-02 12:00"]),
    ...     "failed": [False, False],
    ...     "restored_at": pd.to_datetime([None, None]),
    ... })
    >>> ax = plot_dora(dora_four_keys(deployments))
    >>> [text for text in (t.get_text() for t in ax.texts) if text.startswith("you")]
    ['you: 2 days/week', 'you: 4.5 h', 'you: 0.0%']
    """
    data = _require(table, "plot_dora", ["value", "level"])
    if list(data.index) != list(KEYS):
        raise ValueError(
            f"plot_dora: expected one row per key {list(KEYS)} (dora_four_keys with no "
            f"grouping), got index {list(data.index)[:6]}"
        )
    year = int(data.attrs.get("year", 2023))
    bands = dora_bands(year).set_index(["key", "level"])["published"]
    values = data["value"].astype(float).to_dict()
    axes = get_ax(ax, figsize=(10.0, 5.5))
    columns = list(reversed(LEVELS))  # low ... elite, left to right
    star_x: list[float] = []
    star_y: list[float] = []
    for row, key in enumerate(KEYS):
        y = len(KEYS) - 1 - row
        level = data.loc[key, "level"]
        for column, name in enumerate(columns):
            reached = isinstance(level, str) and level == name
            patch = Rectangle(
                (column - 0.48, y - 0.45),
                0.96,
                0.9,
                facecolor=PALETTE["sky"] if reached else "#F2F2F2",
                alpha=0.35 if reached else 1.0,
                edgecolor="black" if reached else "#BBBBBB",
                linewidth=2.0 if reached else 0.8,
            )
            axes.add_patch(patch)
            axes.text(
                column, y + 0.12, textwrap.fill(str(bands.get((key, name), "")), 22),
                ha="center", va="center", fontsize=8.5,
                fontweight="bold" if reached else "normal",
            )  # fmt: skip
        if isinstance(level, str):
            x = float(columns.index(level))
            star_x.append(x)
            star_y.append(float(y))
            axes.text(
                x, y - 0.3, f"you: {_format_value(key, float(values[key]))}",
                ha="center", va="center", fontsize=10, fontweight="bold",
            )  # fmt: skip
    axes.plot(
        [x - 0.38 for x in star_x], star_y, linestyle="none", marker="*", markersize=16,
        color=CONCERN, markeredgecolor="black", label="level reached",
    )  # fmt: skip
    axes.set_xlim(-0.55, len(columns) - 0.45)
    axes.set_ylim(-0.55, len(KEYS) - 0.45)
    axes.set_xticks(range(len(columns)), [name.capitalize() for name in columns])
    axes.set_yticks(
        range(len(KEYS)), [_KEY_NAMES[key] for key in reversed(KEYS)]
    )  # fmt: skip
    axes.grid(False)
    axes.set_xlabel("performance level (bands of the Accelerate State of DevOps Report 2023)")
    axes.set_title("DORA four keys against the published bands")
    return axes


def plot_sla_vs_experience(
    table: pd.DataFrame,
    *,
    service: Hashable | None = None,
    ax: Axes | None = None,
) -> Axes:
    """One service over time: SLA compliance stays high while experience sinks (or not).

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`toolkit.analytics.metrics.watermelon` returned with ``freq=``.
    service : hashable, optional
        Which group to draw when the table holds several (its ``by`` value).
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` SLA compliance in percent (circles), ``ax.lines[1]`` the experience
        score (squares; gaps where responses were too few), then the two targets.

    Raises
    ------
    ValueError
        If the table has no ``period`` level, or several services and ``service`` is not
        one of them.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.metrics import watermelon
    >>> incidents = pd.DataFrame({"service_id": ["HR"] * 2, "resolve_hours": [1.0, 2.0],
    ...                           "sla_target_hours": [8.0, 8.0],
    ...                           "opened_at": pd.to_datetime(["2025-01-02", "2025-02-02"])})
    >>> survey = pd.DataFrame({"service_id": ["HR"] * 60, "happiness": [3] * 60,
    ...                        "responded_at": pd.to_datetime(["2025-01-03", "2025-02-03"] * 30)})
    >>> ax = plot_sla_vs_experience(watermelon(incidents, survey=survey, freq="M"))
    >>> ax.lines[0].get_ydata().tolist(), ax.lines[1].get_ydata().tolist()
    ([100.0, 100.0], [-100.0, -100.0])
    """
    func = "plot_sla_vs_experience"
    data = _require(table, func, ["sla_compliance", "experience"])
    if "period" not in data.index.names:
        raise ValueError(f"{func}: the table has no 'period' level; call watermelon(freq='M')")
    if data.index.nlevels > 1:
        groups = pd.Index(
            [key[:-1] if len(key) > 2 else key[0] for key in data.index]  # drop the period
        ).unique()
        if service is None and len(groups) == 1:
            service = groups[0]
        if service not in groups:
            raise ValueError(
                f"{func}: unknown service={service!r}; the table holds {list(groups)[:10]}"
            )
        data = data[[key[:-1] == service or key[0] == service for key in data.index]]
    measure = str(table.attrs.get("measure", "happiness"))
    axes = get_ax(ax)
    periods = data.index.get_level_values("period")
    sla = data["sla_compliance"].to_numpy(dtype=float) * 100.0
    experience = data["experience"].to_numpy(dtype=float)
    axes.plot(periods, sla, marker="o", color=IMPROVEMENT, label="SLA compliance (%)")
    axes.plot(
        periods, experience, marker="s", color=CONCERN,
        label=f"{_MEASURE_NAMES.get(measure, measure)} (score)",
    )  # fmt: skip
    sla_bar = float(table.attrs.get("sla_target", SLA_TARGET)) * 100.0
    experience_bar = float(table.attrs.get("experience_target", 0.0))
    axes.axhline(sla_bar, color=TARGET, linestyle="--", linewidth=1.2)
    axes.axhline(experience_bar, color=TARGET, linestyle=":", linewidth=1.2)
    for values, words in ((sla, "SLA: green"), (experience, "users")):
        finite = np.flatnonzero(np.isfinite(values))
        if finite.size:
            last = finite[-1]
            axes.annotate(
                words, (periods[last], values[last]), xytext=(6, 0), textcoords="offset points",
                va="center", fontsize=10, fontweight="bold",
            )  # fmt: skip
    axes.set_ylim(-105.0, 105.0)
    axes.set_ylabel("SLA (%) and experience score")
    axes.set_xlabel("period")
    _date_axis(axes)
    title = f"{_name(service)}: " if service is not None else ""
    axes.set_title(f"{title}green outside, red inside?")
    axes.legend(loc="lower left")
    return axes
