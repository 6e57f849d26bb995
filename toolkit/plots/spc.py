"""Charts for "is it really better?": XmR process behaviour charts and run charts.

Special-cause points carry a colour *and* a marker shape: a filled plus for improvement, a
filled cross for concern, triangles up and down for neutral highs and lows, so the chart reads
the same in greyscale or to a colour-blind eye.
"""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit.analytics.spc import RunChart, XmrSummary, xmr_summary
from toolkit.plots._style import COMMON, CONCERN, IMPROVEMENT, NEUTRAL, PALETTE, TARGET, get_ax

__all__ = ["plot_run_chart", "plot_xmr"]

#: How each kind of point is drawn: colour, marker shape and legend label.
POINT_STYLE: dict[str, tuple[str, str, str]] = {
    "special_cause_improvement": (IMPROVEMENT, "P", "special cause: improvement (+)"),
    "special_cause_concern": (CONCERN, "X", "special cause: concern (x)"),
    "special_cause_neutral_high": (NEUTRAL, "^", "special cause: high (neutral)"),
    "special_cause_neutral_low": (NEUTRAL, "v", "special cause: low (neutral)"),
}

_SHORT_VARIATION = {
    "special_cause_improvement": "special cause, improvement",
    "special_cause_concern": "special cause, concern",
    "special_cause_neutral_high": "special cause, high",
    "special_cause_neutral_low": "special cause, low",
    "common_cause": "common cause (no signal)",
}
_SHORT_ASSURANCE = {
    "consistent_pass": "reliably hits the target",
    "consistent_fail": "reliably misses the target",
    "inconsistent": "hit and miss (target within the limits)",
}
_XMR_COLUMNS = ("value", "segment", "mean", "lpl", "upl", "near_lpl", "near_upl", "point_type")


def _x_values(frame: pd.DataFrame) -> np.ndarray[Any, Any]:
    if "date" not in frame.columns:
        return np.arange(len(frame))
    dates = frame["date"]
    if isinstance(dates.dtype, pd.PeriodDtype):
        dates = dates.dt.to_timestamp()
    return dates.to_numpy()


def _check_chart(chart: Any, columns: tuple[str, ...], maker: str, func: str) -> pd.DataFrame:
    if not isinstance(chart, pd.DataFrame):
        raise ValueError(
            f"{func}() expects the DataFrame returned by toolkit.{maker}, got "
            f"{type(chart).__name__}"
        )
    missing = [name for name in columns if name not in chart.columns]
    if missing or chart.empty:
        raise ValueError(
            f"{func}() expects the frame returned by toolkit.{maker}; this one lacks the "
            f"column(s) {missing} (it has columns {list(chart.columns)})"
            + (" and no rows" if chart.empty else "")
        )
    return chart


def _finish(ax: Axes, x: np.ndarray[Any, Any], title: str, verdict: str | None) -> None:
    """Title, verdict line, readable date ticks and a legend beside the plot."""
    lines = 0
    if verdict:
        wrapped = textwrap.fill(verdict, 90)
        lines = wrapped.count("\n") + 1
        ax.text(0.0, 1.02, wrapped, transform=ax.transAxes, va="bottom", ha="left", fontsize=10)
    ax.set_title(title, pad=6 + 16 * lines, fontsize=14, fontweight="bold")
    if np.issubdtype(x.dtype, np.datetime64):
        locator = mdates.AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        ax.xaxis.set_major_formatter(formatter)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)


def verdict_text(summary: XmrSummary) -> str:
    """Return the short verdict line ``plot_xmr`` writes above a chart.

    Parameters
    ----------
    summary : toolkit.analytics.spc.XmrSummary
        The chart's verdicts.

    Returns
    -------
    str
        For example ``"Latest point: common cause (no signal) | Assurance: hit and miss ..."``
        (the verdict is about the latest point, not every point drawn).
    """
    text = f"Latest point: {_SHORT_VARIATION[summary.variation]}"
    if summary.assurance is not None:
        text += f" | Assurance: {_SHORT_ASSURANCE[summary.assurance]}"
    if summary.trial_limits:
        text += " | trial limits (< 12 points)"
    return text


def plot_xmr(
    chart: pd.DataFrame,
    *,
    target: float | None = None,
    title: str | None = None,
    ylabel: str | None = None,
    xlabel: str | None = None,
    near_limits: bool = True,
    verdict: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw an XmR process behaviour chart made by :func:`toolkit.analytics.spc.xmr`.

    The values are a grey line; each segment (each rebase starts one) has its own mean (solid),
    process limits (dashed) and near limits (dotted). Special-cause points are coloured and
    shaped by type, the target is a red dash-dot line, and the verdicts from
    :func:`toolkit.analytics.spc.xmr_summary` are written above the plot.

    Parameters
    ----------
    chart : pandas.DataFrame
        The frame returned by :func:`toolkit.analytics.spc.xmr`.
    target : float, optional
        The target line; defaults to the chart's own target, if any.
    title : str, optional
        The title; a description of the measure by default.
    ylabel, xlabel : str, optional
        Axis labels; include the unit (for example ``"median hours to resolve"``). Default:
        the value column's name and ``"date"`` (or ``"point"``).
    near_limits : bool, default True
        Draw the near limits (two thirds of the way to the process limits).
    verdict : bool, default True
        Write the variation and assurance verdicts above the plot.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure in the house style by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``ax.lines[0]`` holds the values; limit lines carry the gids
        ``"mean"``, ``"upl"``, ``"lpl"``, ``"near_upl"``, ``"near_lpl"``; special-cause markers
        are collections whose gid is the point type; ``"target"`` and ``"rebase"`` lines too.

    Raises
    ------
    ValueError
        If ``chart`` is not a frame made by :func:`toolkit.analytics.spc.xmr`.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.spc import xmr
    >>> chart = xmr(pd.DataFrame({"v": [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5, 15]}), value="v")
    >>> ax = plot_xmr(chart, ylabel="minutes")
    >>> list(ax.lines[0].get_ydata()[-2:])
    [np.float64(5.0), np.float64(15.0)]
    """
    chart = _check_chart(chart, _XMR_COLUMNS, "xmr", "plot_xmr")
    ax = get_ax(ax)
    x = _x_values(chart)
    name = str(chart.attrs.get("value") or "value")
    goal = chart.attrs.get("target") if target is None else target

    ax.plot(
        x,
        chart["value"].to_numpy(),
        color=COMMON,
        marker="o",
        markersize=4,
        linewidth=1.5,
        label=ylabel or name,
        zorder=3,
    )

    segments = chart["segment"].to_numpy()
    starts = np.flatnonzero(np.r_[True, segments[1:] != segments[:-1]])
    ends = np.r_[starts[1:], len(chart)]
    styles = [
        ("mean", "-", PALETTE["black"], 1.6, "mean"),
        ("upl", "--", PALETTE["black"], 1.2, "process limits"),
        ("lpl", "--", PALETTE["black"], 1.2, None),
    ]
    if near_limits:
        styles += [
            ("near_upl", ":", COMMON, 1.0, "near limits"),
            ("near_lpl", ":", COMMON, 1.0, None),
        ]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True)):
        for column, style, colour, width, label in styles:
            line = ax.plot(
                x[start:end],
                chart[column].to_numpy()[start:end],
                linestyle=style,
                color=colour,
                linewidth=width,
                label=label if number == 0 and label else "_nolegend_",
                zorder=2,
            )[0]
            line.set_gid(column)
        if number > 0:
            rebase = ax.axvline(x[start], color=PALETTE["sky"], linestyle="-.", linewidth=1.2)
            rebase.set_gid("rebase")
            ax.annotate(
                "rebased",
                xy=(x[start], 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -12),
                textcoords="offset points",
                fontsize=10,
                color=PALETTE["blue"],
            )

    types = chart["point_type"].astype(str).to_numpy()
    for kind, (colour, marker, label) in POINT_STYLE.items():
        chosen = types == kind
        if chosen.any():
            markers = ax.scatter(
                x[chosen],
                chart["value"].to_numpy()[chosen],
                s=90,
                color=colour,
                marker=marker,
                edgecolors=PALETTE["black"],
                linewidths=0.6,
                label=label,
                zorder=4,
            )
            markers.set_gid(kind)

    if goal is not None:
        line = ax.axhline(
            float(goal),
            color=TARGET,
            linestyle="-.",
            linewidth=1.6,
            label=f"target {float(goal):g}",
        )
        line.set_gid("target")

    improvement = chart.attrs.get("improvement", "increase")
    direction = {"increase": "higher is better", "decrease": "lower is better"}.get(
        improvement, "neither direction is better"
    )
    ax.set_ylabel(ylabel or name)
    ax.set_xlabel(xlabel or ("date" if "date" in chart.columns else "point"))
    words = None
    if verdict:
        words = verdict_text(xmr_summary(chart, target=None if goal is None else float(goal)))
    _finish(ax, x, title or f"{name}: XmR chart ({direction})", words)
    return ax


def plot_run_chart(
    chart: RunChart,
    *,
    title: str | None = None,
    ylabel: str | None = None,
    xlabel: str | None = None,
    verdict: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Draw a run chart made by :func:`toolkit.analytics.spc.run_chart`.

    The values are a grey line around the median (solid over the baseline it was computed
    from, dashed beyond). Points in a run longer than Anhøj's limit are marked with purple
    squares, and the longest run and crossings with their thresholds are written above the
    plot.

    Parameters
    ----------
    chart : toolkit.analytics.spc.RunChart
        The result of :func:`toolkit.analytics.spc.run_chart`.
    title : str, optional
        The title; a description of the measure by default.
    ylabel, xlabel : str, optional
        Axis labels; include the unit. Default: the value column's name and ``"date"`` (or
        ``"point"``).
    verdict : bool, default True
        Write the rules' figures and verdict above the plot.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure in the house style by default.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. ``ax.lines[0]`` holds the values; the median line has the gid
        ``"median"`` (and ``"median_extended"`` past a baseline); long-run markers are a
        collection with the gid ``"long_run"``.

    Raises
    ------
    ValueError
        If ``chart`` is not a :class:`toolkit.analytics.spc.RunChart`.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.spc import run_chart
    >>> chart = run_chart(pd.DataFrame({"v": [1.0, 5, 2, 6, 3, 7, 2, 8, 1, 9, 2, 7]}), value="v")
    >>> ax = plot_run_chart(chart)
    >>> float(ax.lines[1].get_ydata()[0])
    4.0
    """
    if not isinstance(chart, RunChart):
        raise ValueError(
            "plot_run_chart() expects the RunChart returned by toolkit.run_chart, got "
            f"{type(chart).__name__}"
        )
    points = chart.points
    ax = get_ax(ax)
    x = _x_values(points)
    name = str(points.attrs.get("value") or "value")
    ax.plot(
        x,
        points["value"].to_numpy(),
        color=COMMON,
        marker="o",
        markersize=4,
        linewidth=1.5,
        label=ylabel or name,
        zorder=3,
    )
    base = chart.baseline
    median = ax.plot(
        x[:base],
        np.full(base, chart.median),
        color=PALETTE["black"],
        linewidth=1.6,
        label=f"median {chart.median:.4g}",
    )[0]
    median.set_gid("median")
    if base < len(points):
        extended = ax.plot(
            x[base - 1 :],
            np.full(len(points) - base + 1, chart.median),
            color=PALETTE["black"],
            linewidth=1.4,
            linestyle="--",
            label="median, extended",
        )[0]
        extended.set_gid("median_extended")
    long_run = points["long_run"].to_numpy()
    if long_run.any():
        markers = ax.scatter(
            x[long_run],
            points["value"].to_numpy()[long_run],
            s=80,
            marker="s",
            color=NEUTRAL,
            edgecolors=PALETTE["black"],
            linewidths=0.6,
            zorder=4,
            label=f"run longer than {chart.longest_run_max}",
        )
        markers.set_gid("long_run")
    ax.set_ylabel(ylabel or name)
    ax.set_xlabel(xlabel or ("date" if "date" in points.columns else "point"))
    text = None
    if verdict:
        outcome = "signal: non-random variation" if chart.signal else "no signal: random variation"
        text = (
            f"Longest run {chart.longest_run} (signal if > {chart.longest_run_max}) | "
            f"crossings {chart.crossings} (signal if < {chart.crossings_min}) | {outcome}"
        )
    _finish(ax, x, title or f"{name}: run chart", text)
    return ax
