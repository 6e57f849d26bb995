"""The house style every chart shares: readable on a projector, meaning never by colour alone."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

from toolkit.paths import presenting
from toolkit.plots.alt_text import describe_figures

#: A colour-blind-safe palette (Okabe and Ito), in the order charts use it.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "red": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "grey": "#6B6B6B",
    "black": "#000000",
}
#: Meanings used across charts; pair each with a marker shape so colour is never alone.
IMPROVEMENT = PALETTE["blue"]
CONCERN = PALETTE["orange"]
NEUTRAL = PALETTE["purple"]
COMMON = PALETTE["grey"]
TARGET = PALETTE["red"]

#: Where a legend goes: beside the Axes, top left, so it never covers data or reference lines
#: (the inline backend's tight bounding box keeps it in the picture).
OUTSIDE_LEGEND: dict[str, Any] = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0)}

#: Font sizes chosen to read from the back of a meeting room.
RC: dict[str, Any] = {
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "legend.fontsize": 11,
    "lines.linewidth": 2.2,
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
}


#: Projector mode draws every chart at this many dots per inch instead of ``figure.dpi``:
#: the same layout (nothing moves, so nothing new overlaps) in a picture half as wide again,
#: whose 12 pt body text is 25 px and 11 pt tick labels 23 px at its natural size, about the
#: content width of a 1280 px projector page (where the page also stretches it to fit).
PRESENT_DPI = 150


def house_rc() -> dict[str, Any]:
    """Return the house rcParams, at projector resolution in projector mode.

    Returns
    -------
    dict
        :data:`RC`, with ``figure.dpi`` set to :data:`PRESENT_DPI` when
        :func:`toolkit.paths.presenting` is true.

    Examples
    --------
    >>> house_rc()["figure.dpi"] in (RC["figure.dpi"], PRESENT_DPI)
    True
    """
    return {**RC, "figure.dpi": PRESENT_DPI} if presenting() else dict(RC)


@contextmanager
def house_style() -> Iterator[None]:
    """Draw inside this block with the house rcParams.

    The first figure in a kernel loads the inline backend, which switches interactive mode
    on; a plain ``plt.rc_context`` would switch it off again on exit and no later figure
    would show. This block keeps whatever the backend chose. Every chart that sets rcParams
    goes through here.
    """
    with plt.rc_context(cast(Any, house_rc())):
        try:
            yield
        finally:
            interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)


def get_ax(
    ax: Axes | None = None,
    *,
    figsize: tuple[float, float] | None = None,
    projection: str | None = None,
) -> Axes:
    """Return ``ax``, or the Axes of a new figure drawn in the house style.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Where to draw. A new figure is made when it is None.
    figsize : tuple of float, optional
        Size of the new figure in inches; the house default otherwise.
    projection : str, optional
        The new Axes' projection, e.g. ``"polar"`` for a radar chart.

    Returns
    -------
    matplotlib.axes.Axes
    """
    if ax is not None:
        return ax
    with house_style():
        # No layout engine: a constrained or tight layout hangs the kernel when the figure
        # is drawn in an ``interact`` under Voila. The inline backend saves figures with
        # bbox_inches="tight", which keeps legends beside the Axes in the picture.
        figure = plt.figure(figsize=figsize or RC["figure.figsize"])
        new_ax: Axes = figure.add_subplot(projection=projection)
    # After the figure: the kernel's first figure loads the inline backend, which resets
    # the figure formatters.
    describe_figures()  # a chart a lesson shows carries alternative text
    # Settings read when an artist is made are applied to this Axes now, so drawing done
    # after this function returns (outside the context) keeps the house style.
    new_ax.grid(True, alpha=RC["grid.alpha"])
    for side in ("top", "right"):  # a polar Axes has neither
        if side in new_ax.spines:
            new_ax.spines[side].set_visible(False)
    new_ax.tick_params(labelsize=RC["font.size"] - 1)
    new_ax.xaxis.label.set_fontsize(RC["axes.labelsize"])
    new_ax.yaxis.label.set_fontsize(RC["axes.labelsize"])
    return new_ax


def declutter(ax: Axes, annotations: list[Any], *, rounds: int = 50) -> None:
    """Nudge ``annotations`` (placed with ``textcoords="offset points"``) apart vertically.

    Labels beside points that sit close together overlap; this sweeps them from the lowest
    up and moves each just above any label below it that it overlaps, in matplotlib's own
    measured boxes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes the annotations are on.
    annotations : list of matplotlib.text.Annotation
        The labels to keep apart, each with an ``xytext`` in offset points.
    rounds : int, default 50
        Kept for callers; the sweep needs one pass.
    """
    if len(annotations) < 2:
        return
    figure: Any = ax.figure  # a Figure (its canvas measures text)
    # Measured without drawing: a draw inside an ``interact`` hangs the kernel under Voila.
    renderer = figure.canvas.get_renderer()
    points_per_pixel = 72.0 / figure.dpi
    # Sweep from the lowest label up: each moves just above any placed label it overlaps.
    order = sorted(annotations, key=lambda a: a.get_window_extent(renderer).y0)
    placed: list[Any] = []
    for label in order[: rounds * len(order)]:
        box = label.get_window_extent(renderer)
        for _ in range(len(placed) + 1):
            clash = [
                p.y1
                for p in placed
                if min(p.x1, box.x1) - max(p.x0, box.x0) > 0
                and min(p.y1, box.y1) - max(p.y0, box.y0) > 0
            ]
            if not clash:
                break
            dx, dy = label.xyann
            label.xyann = (dx, dy + (max(clash) - box.y0 + 2) * points_per_pixel)
            box = label.get_window_extent(renderer)
        placed.append(box)


def keep_inside(ax: Axes, annotations: list[Any], *, rounds: int = 4) -> None:
    """Widen ``ax``'s x range until every one of ``annotations`` ends inside the Axes.

    Labels written after the last point of a line would otherwise run past the Axes into
    a legend beside it, or off the figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes.
    annotations : list of matplotlib.text.Annotation
        The labels to keep inside.
    rounds : int, default 4
        The most times to widen.
    """
    if not annotations:
        return
    figure: Any = ax.figure  # a Figure (its canvas draws and measures)
    for _ in range(rounds):
        renderer = figure.canvas.get_renderer()  # measured without drawing (see declutter)
        right = max(a.get_window_extent(renderer).x1 for a in annotations)
        inside = ax.get_window_extent(renderer).x1 - 4
        if right <= inside:
            return
        low, high = ax.get_xlim()
        pixels = ax.get_window_extent(renderer).width or 1.0
        per_pixel = (high - low) / pixels
        ax.set_xlim(low, high + (right - inside) * per_pixel * 1.15)


def wrap_title(ax: Axes, title: str) -> str:
    """Return ``title`` broken into lines that fit the width of ``ax``'s figure.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The Axes the title is for.
    title : str
        The title.

    Returns
    -------
    str
        The title with newlines, about 0.6 em per character at the title's font size.
    """
    size = matplotlib.font_manager.FontProperties(size=RC["axes.titlesize"]).get_size_in_points()
    figure: Any = ax.figure
    width_points = float(figure.get_figwidth()) * 72.0
    chars = max(20, int(width_points / (0.6 * size)))
    return "\n".join(textwrap.wrap(title, chars)) or title
