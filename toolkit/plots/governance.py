"""Charts for the governance lessons: a count shown as people, and the map of governance routes."""

from __future__ import annotations

import math
import numbers

from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.patches import Rectangle

from toolkit.analytics.governance import (
    GOVERNANCE_ROUTES,
    governance_route_map,
    suggest_governance_route,
)
from toolkit.plots._style import COMMON, CONCERN, PALETTE, get_ax, wrap_title

__all__ = [
    "plot_governance_routes",
    "plot_icon_array",
]

#: Each route's colour and the short text written in its cells (never colour alone).
_ROUTE_STYLE: dict[str, tuple[str, str]] = {
    "standard": (PALETTE["sky"], "standard"),
    "peer": (PALETTE["green"], "peer\nreview"),
    "owner": (PALETTE["yellow"], "service\nowner"),
    "board": (PALETTE["orange"], "board /\npanel"),
    "expedited": (PALETTE["purple"], "expedited"),
}


def _check_whole(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} must be a whole number, {minimum} or more, got {value!r}")
    return int(value)


def plot_icon_array(
    total: int,
    *,
    marked: int = 0,
    per_row: int = 10,
    marked_label: str = "marked",
    rest_label: str = "",
    title: str = "",
    ax: Axes | None = None,
) -> Axes:
    """Show a count as one mark per person or thing, so a number reads as people.

    The first ``marked`` marks are crosses, the rest circles; the legend names both, so the
    difference is shape and words as well as colour.

    Parameters
    ----------
    total : int
        How many marks (1 or more).
    marked : int, default 0
        How many of them to mark with a cross (0 to ``total``).
    per_row : int, default 10
        Marks per row.
    marked_label, rest_label : str
        Legend text for the crosses and the circles (a circle with no label has no entry).
    title : str, optional
        The chart's title.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` holds the circles, ``ax.lines[1]`` the crosses (when any are marked).

    Raises
    ------
    ValueError
        If ``total`` is below 1, ``per_row`` below 1, or ``marked`` outside 0 to ``total``.

    Examples
    --------
    >>> ax = plot_icon_array(10, marked=3, marked_label="closed", rest_label="open")
    >>> len(ax.lines[0].get_xdata()), len(ax.lines[1].get_xdata())
    (7, 3)
    """
    count = _check_whole(total, "total", 1)
    columns = _check_whole(per_row, "per_row", 1)
    crosses = _check_whole(marked, "marked", 0)
    if crosses > count:
        raise ValueError(f"marked must be from 0 to total ({count}), got {crosses}")
    rows = math.ceil(count / columns)
    xs = [i % columns for i in range(count)]
    ys = [rows - 1 - i // columns for i in range(count)]
    size = max(3.0, min(22.0, 220.0 / max(columns, rows)))
    width = min(12.0, max(4.0, 0.45 * columns + 1.0))
    ax = get_ax(ax, figsize=(width, min(8.0, max(1.6, width * rows / columns + 0.8))))
    ax.plot(
        xs[crosses:],
        ys[crosses:],
        linestyle="none",
        marker="o",
        markersize=size,
        color=COMMON,
        label=rest_label or "_nolegend_",
    )
    if crosses:
        ax.plot(
            xs[:crosses],
            ys[:crosses],
            linestyle="none",
            marker="X",
            markersize=size * 1.15,
            color=CONCERN,
            markeredgecolor="black",
            markeredgewidth=0.6,
            label=marked_label,
        )
    ax.set_xlim(-0.7, columns - 0.3)
    ax.set_ylim(-0.7, rows - 0.3)
    ax.set_aspect("equal")
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(wrap_title(ax, title))
    if crosses or rest_label:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.04), ncols=2, markerscale=0.8)
    return ax


def plot_governance_routes(
    *,
    scale: int,
    urgent: bool = False,
    risk: int | None = None,
    novelty: int | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Map the suggested governance route over risk and novelty, at one scale.

    Each cell is coloured by route and carries the route's name in words. Give ``risk`` and
    ``novelty`` to outline one cell and label it "you are here".

    Parameters
    ----------
    scale : int
        1 (one team or service) to 5 (everyone).
    urgent : bool, default False
        Whether the changes are urgent.
    risk, novelty : int, optional
        A cell to outline (both or neither).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` is the grid of routes (row = risk 1-5, column = novelty 1-5, value = the
        route's position in :data:`toolkit.analytics.governance.GOVERNANCE_ROUTES`); ``ax.texts``
        hold the route names.

    Raises
    ------
    ValueError
        If a level is not a whole number from 1 to 5, or only one of ``risk`` and ``novelty``
        is given.

    Examples
    --------
    >>> ax = plot_governance_routes(scale=3, risk=2, novelty=4)
    >>> ax.images[0].get_array().shape
    (5, 5)
    """
    table = governance_route_map(scale=scale, urgent=urgent)
    if (risk is None) != (novelty is None):
        raise ValueError("give both risk and novelty to mark a cell, or neither")
    keys = list(GOVERNANCE_ROUTES)
    codes = table.apply(lambda column: column.map(keys.index)).to_numpy()
    ax = get_ax(ax, figsize=(7.0, 6.0))
    cmap = ListedColormap([_ROUTE_STYLE[key][0] for key in keys])
    ax.imshow(
        codes,
        cmap=cmap,
        vmin=-0.5,
        vmax=len(keys) - 0.5,
        origin="lower",
        extent=(0.5, 5.5, 0.5, 5.5),
        alpha=0.85,
    )
    for risk_level in range(1, 6):
        for novelty_level in range(1, 6):
            key = str(table.loc[risk_level, novelty_level])
            ax.text(
                novelty_level,
                risk_level,
                _ROUTE_STYLE[key][1],
                ha="center",
                va="center",
                fontsize=9,
                color="black",
            )
    if risk is not None and novelty is not None:
        suggest_governance_route(
            risk=risk, novelty=novelty, scale=scale, urgent=urgent
        )  # validates
        ax.add_patch(
            Rectangle(
                (novelty - 0.5, risk - 0.5),
                1,
                1,
                fill=False,
                linewidth=3.5,
                edgecolor="black",
                label="you are here",
            )
        )
        top = risk == 5  # above the top row the label would sit on the title: go inside
        ax.annotate(
            "you are here",
            xy=(novelty, risk + 0.5),
            xytext=(0, 2 if not top else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if not top else "top",
            fontsize=10,
            fontweight="bold",
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5},
        )
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.grid(False)
    ax.set_xlabel("Novelty (1 = done safely many times, 5 = never done here)")
    ax.set_ylabel("Risk (1 = little harm, 5 = serious harm)")
    ax.set_title(f"Suggested route at scale {scale}" + (", urgent" if urgent else ""))
    return ax
