"""Charts for the improvement register: the value/effort quadrant."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from toolkit.analytics.register import (
    NOT_SCORED,
    QUADRANTS,
    quadrant_splits,
    value_effort_quadrants,
)
from toolkit.plots._style import COMMON, CONCERN, IMPROVEMENT, NEUTRAL, get_ax

#: Quadrant -> (colour, marker): shape and colour both carry the meaning.
QUADRANT_STYLE: dict[str, tuple[str, str]] = {
    "quick win": (IMPROVEMENT, "o"),
    "major project": (NEUTRAL, "s"),
    "fill-in": (COMMON, "^"),
    "thankless task": (CONCERN, "X"),
}


def value_effort_chart(
    data: pd.DataFrame,
    *,
    value: str = "business_value",
    effort: str = "effort",
    label: str = "id",
    value_split: float | None = None,
    effort_split: float | None = None,
    value_label: str = "business value (relative score)",
    effort_label: str = "effort (person-days)",
    ax: Axes | None = None,
) -> Axes:
    """Draw ideas on a value/effort quadrant, each point labelled.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per idea, e.g. :meth:`toolkit.analytics.register.ImprovementRegister.to_frame`.
    value, effort, label : str
        Columns holding value (y), effort (x) and the text written beside each point.
    value_split, effort_split : float, optional
        Where the quadrant is divided; the medians of the scored rows when None.
    value_label, effort_label : str
        Axis labels, with units.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes
        Its lines: one marker-only line per non-empty quadrant, in
        :data:`toolkit.analytics.register.QUADRANTS` order (x = effort, y = value), then the
        vertical effort split and the horizontal value split. Rows missing value or effort are left
        out and counted in the title.

    Raises
    ------
    ValueError
        If a column is missing or not numeric, or no row is scored.

    Examples
    --------
    >>> ideas = pd.DataFrame({"id": list("AB"), "business_value": [8, 2], "effort": [2, 20]})
    >>> ax = value_effort_chart(ideas, value_split=5, effort_split=10)
    >>> ax.lines[0].get_label(), ax.lines[0].get_xdata().tolist()
    ('quick win (1)', [2.0])
    """
    if label not in data.columns:
        raise ValueError(
            f"column {label!r} (label) is not in data; its columns are {list(data.columns)}; "
            "pass label=<column name>"
        )
    v_split, e_split = quadrant_splits(
        data, value=value, effort=effort, value_split=value_split, effort_split=effort_split
    )
    placed = value_effort_quadrants(
        data, value=value, effort=effort, value_split=v_split, effort_split=e_split
    )
    ax = get_ax(ax, figsize=(8.0, 6.0))
    for quadrant in QUADRANTS:
        part = placed[placed["quadrant"] == quadrant]
        if part.empty:
            continue
        colour, marker = QUADRANT_STYLE[quadrant]
        x = part[effort].to_numpy(dtype=float)
        y = part[value].to_numpy(dtype=float)
        ax.plot(
            x,
            y,
            linestyle="none",
            marker=marker,
            markersize=10,
            color=colour,
            label=f"{quadrant} ({len(part)})",
        )
        for xi, yi, text in zip(x, y, part[label].astype(str), strict=True):
            ax.annotate(text, (xi, yi), xytext=(6, 6), textcoords="offset points", fontsize=10)
    ax.margins(0.18)
    left, right = ax.get_xlim()
    if (placed[effort].dropna() >= 0).all():
        left = max(left, 0.0)  # effort is never negative: keep the axis honest
    ax.set_xlim(min(left, e_split), max(right, e_split * 1.05))
    bottom, top = ax.get_ylim()
    ax.set_ylim(min(bottom, v_split), max(top, v_split * 1.05))
    ax.axvline(e_split, color="black", linestyle="--", linewidth=1)
    ax.axhline(v_split, color="black", linestyle="--", linewidth=1)
    corners = {
        "quick win": (0.02, 0.98, "left", "top"),
        "major project": (0.98, 0.98, "right", "top"),
        "fill-in": (0.02, 0.02, "left", "bottom"),
        "thankless task": (0.98, 0.02, "right", "bottom"),
    }
    for quadrant, (x0, y0, ha, va) in corners.items():
        ax.text(
            x0,
            y0,
            quadrant.upper() + "S",
            transform=ax.transAxes,
            ha=ha,
            va=va,
            fontsize=10,
            fontweight="bold",
            color=QUADRANT_STYLE[quadrant][0],
            alpha=0.8,
        )
    ax.set_xlabel(effort_label)
    ax.set_ylabel(value_label)
    unscored = int((placed["quadrant"] == NOT_SCORED).sum())
    title = "Value against effort"
    if unscored:
        title += f" ({unscored} not scored, not shown)"
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    return ax
