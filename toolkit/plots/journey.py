"""The journey curve: how a service feels moment by moment, its pain points and the first to fix."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from matplotlib.axes import Axes

from toolkit.analytics.journey import Journey, Moment
from toolkit.plots._style import COMMON, CONCERN, IMPROVEMENT, NEUTRAL, get_ax

__all__ = ["plot_journey"]

#: Labels (and legend entries) of the curve's layers; tests and readers find them by these.
CURVE_LABEL = "experience at each moment"
PAIN_LABEL = "pain point (below threshold)"
#: The legend entry and annotation for the first moment to fix (the sharpest drop, or the
#: moments marked). The constant keeps its first name so existing code works.
TRUTH_LABEL = "first moment to fix"
FIX_LABEL = TRUTH_LABEL


def _touch_point_text(moment: Moment, width: int = 18) -> str:
    return "\n".join(
        textwrap.fill(f"{point.kind}: {point.name}", width, subsequent_indent="  ")
        for point in moment.touch_points
    )


def plot_journey(
    journey: Journey,
    *,
    threshold: float | None = None,
    moments_of_truth: Iterable[str] | None = None,
    annotate_touch_points: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw the journey curve: moments along the bottom, the experience score up the side.

    Pain points are drawn as downward triangles and labelled "pain point"; the first moments
    to fix get a hollow diamond and the words "first moment to fix"; the threshold is a dashed
    line with its value. Each moment's channel sits under its name (the major tick labels), its
    touch points below that (the minor tick labels, as ``kind: name`` lines).

    Parameters
    ----------
    journey : Journey
        The journey to draw.
    threshold : float, optional
        The pain threshold; the journey's own (:attr:`Journey.threshold`) when omitted.
    moments_of_truth : iterable of str, optional
        The moments to mark as the first to fix; ``journey.first_to_fix()`` when omitted
        (the marked moments, or the largest drop).
    annotate_touch_points : bool, default True
        Write each moment's touch points under the axis.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure in the house style when omitted.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the curve (x = 0, 1, ... in journey order, y = scores);
        ``ax.lines[1]`` the threshold; the pain-point and moment-of-truth markers follow,
        labelled ``PAIN_LABEL`` and ``TRUTH_LABEL``.

    Raises
    ------
    ValueError
        If ``journey`` is not a Journey, the threshold is not a number, or a moment of truth
        is not a moment of the journey.

    Examples
    --------
    >>> from toolkit.analytics.journey import Journey, Moment
    >>> ax = plot_journey(Journey("Fix", [Moment("report", 4), Moment("resolved", 8)]))
    >>> [float(y) for y in ax.lines[0].get_ydata()]
    [4.0, 8.0]
    """
    if not isinstance(journey, Journey):
        raise ValueError(
            f"plot_journey needs a Journey (see toolkit.Journey), got {type(journey).__name__}"
        )
    pains = journey.pain_points(threshold)
    limit = journey.threshold if threshold is None else float(threshold)
    if moments_of_truth is None:
        truths = journey.first_to_fix()
    else:
        names = [moments_of_truth] if isinstance(moments_of_truth, str) else moments_of_truth
        truths = tuple(journey.moment(name) for name in names)

    ax = get_ax(ax, figsize=(max(8.0, 1.9 * len(journey.moments)), 5.5))
    positions = {name: x for x, name in enumerate(journey.names)}
    xs = list(range(len(journey.moments)))
    ys = [moment.score for moment in journey.moments]
    low, high = journey.scale
    span = high - low

    ax.plot(xs, ys, color=IMPROVEMENT, marker="o", markersize=8, label=CURVE_LABEL, zorder=3)
    ax.axhline(limit, color=COMMON, linestyle="--", linewidth=1.5, label="pain threshold")
    ax.annotate(
        f"pain threshold {limit:g}",
        xy=(1.0, limit),
        xycoords=("axes fraction", "data"),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        color=COMMON,
        fontsize=10,
    )
    for x, y in zip(xs, ys, strict=True):
        ax.annotate(
            f"{y:.3g}",
            xy=(x, y),
            xytext=(15, 0),
            textcoords="offset points",
            va="center",
            fontsize=10,
        )
    if pains:
        ax.plot(
            [positions[m.name] for m in pains],
            [m.score for m in pains],
            linestyle="none",
            marker="v",
            markersize=13,
            color=CONCERN,
            markeredgecolor="black",
            label=PAIN_LABEL,
            zorder=4,
        )
        for moment in pains:
            ax.annotate(
                "pain point",
                xy=(positions[moment.name], moment.score),
                xytext=(0, -16),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=10,
                fontweight="bold",
                color=CONCERN,
            )
    if truths:
        ax.plot(
            [positions[m.name] for m in truths],
            [m.score for m in truths],
            linestyle="none",
            marker="D",
            markersize=20,
            markerfacecolor="none",
            markeredgewidth=2.2,
            color=NEUTRAL,
            label=TRUTH_LABEL,
            zorder=5,
        )
        for moment in truths:
            ax.annotate(
                TRUTH_LABEL,
                xy=(positions[moment.name], moment.score),
                xytext=(0, 18),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=10,
                fontweight="bold",
                color=NEUTRAL,
            )

    ax.set_xticks(
        xs,
        [
            moment.label if moment.channel is None else f"{moment.label}\n({moment.channel})"
            for moment in journey.moments
        ],
    )
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(low - 0.08 * span, high + 0.12 * span)
    ax.set_xlabel("Moment in the journey, in order (channel in brackets)")
    ax.set_ylabel(f"{journey.measure} ({low:g} to {high:g})")
    ax.set_title(journey.name, pad=34)
    if annotate_touch_points and any(moment.touch_points for moment in journey.moments):
        # Touch points go in minor tick labels at the same places, below the moment names, so
        # the layout (and the axis label under them) adapts to how many there are.
        ax.xaxis.remove_overlapping_locs = False
        ax.set_xticks(xs, [_touch_point_text(moment) for moment in journey.moments], minor=True)
        ax.tick_params(axis="x", which="minor", length=0, pad=38, labelsize=9, labelcolor=COMMON)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=4, markerscale=0.7)
    return ax
