"""The house style every chart shares: readable on a projector, meaning never by colour alone."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes

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


@contextmanager
def house_style() -> Iterator[None]:
    """Draw inside this block with the house rcParams.

    The first figure in a kernel loads the inline backend, which switches interactive mode
    on; a plain ``plt.rc_context`` would switch it off again on exit and no later figure
    would show. This block keeps whatever the backend chose. Every chart that sets rcParams
    goes through here.
    """
    with plt.rc_context(cast(Any, RC)):
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
        figure = plt.figure(figsize=figsize or RC["figure.figsize"])
        new_ax: Axes = figure.add_subplot(projection=projection)
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
