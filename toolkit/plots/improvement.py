"""Charts for compound improvement: trajectories, big bang vs iterative, fan and gap charts.

Each function draws the output of a :mod:`toolkit.analytics.improvement` model, takes ``ax=None``,
returns the Axes and labels every line in words and marker shape as well as colour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from toolkit.analytics.improvement import BigBangComparison
from toolkit.plots._style import (
    CONCERN,
    IMPROVEMENT,
    NEUTRAL,
    OUTSIDE_LEGEND,
    PALETTE,
    TARGET,
    declutter,
    get_ax,
    house_style,
    keep_inside,
)

__all__ = [
    "plot_big_bang_vs_iterative",
    "plot_fan_chart",
    "plot_gap_closing",
    "plot_trajectories",
]

#: Colour and marker pairs for several lines: the marker tells lines apart without colour.
_SERIES_STYLES: tuple[tuple[str, str], ...] = (
    (IMPROVEMENT, "o"),
    (CONCERN, "s"),
    (PALETTE["green"], "^"),
    (NEUTRAL, "D"),
    (PALETTE["sky"], "v"),
    (PALETTE["black"], "P"),
)
_LABEL_SIZE = 11


#: The house rcParams, typed loosely: matplotlib's stubs want a dict keyed by literal names.
def _plot_series(ax: Axes, frame: pd.DataFrame) -> list[tuple[str, pd.Series, str]]:
    """Draw each column as a line in the house colours and markers.

    Returns each column's name, the points drawn and its colour, for labels beside the lines.
    """
    drawn = []
    for i, column in enumerate(frame.columns):
        colour, marker = _SERIES_STYLES[i % len(_SERIES_STYLES)]
        series = frame[column].dropna()
        ax.plot(
            series.index,
            series.to_numpy(dtype=float),
            color=colour,
            marker=marker,
            markevery=_markevery(len(series)),
            label=str(column),
        )
        drawn.append((str(column), series, colour))
    return drawn


def _markevery(n: int) -> int:
    """Show about a dozen markers whatever the number of points."""
    return max(1, math.ceil(n / 12))


def _as_frame(data: pd.DataFrame | pd.Series | Mapping[str, pd.Series], name: str) -> pd.DataFrame:
    """Return ``data`` as a numeric DataFrame of trajectories, or raise naming ``name``."""
    if isinstance(data, pd.Series):
        frame = data.to_frame(name=data.name if data.name is not None else "value")
    elif isinstance(data, pd.DataFrame):
        frame = data
    elif isinstance(data, Mapping):
        frame = pd.DataFrame(dict(data))
    else:
        raise ValueError(
            f"{name} must be a DataFrame, a Series or a mapping of names to Series; "
            f"got {type(data).__name__}"
        )
    if frame.empty or frame.shape[1] == 0:
        raise ValueError(f"{name} is empty; expected at least one trajectory with values")
    not_numeric = [
        str(column)
        for column in frame.columns
        if not pd.api.types.is_numeric_dtype(frame[column].dtype)
        or pd.api.types.is_bool_dtype(frame[column].dtype)
    ]
    if not_numeric:
        raise ValueError(
            f"{name} columns {not_numeric} are not numeric; columns are {list(frame.columns)} "
            "and every one must hold numbers"
        )
    return frame


def _require_columns(data: pd.DataFrame, columns: Sequence[str], name: str) -> None:
    missing = [column for column in columns if column not in data.columns]
    if missing:
        raise ValueError(
            f"{name} has no column(s) {missing}; its columns are {list(data.columns)}; "
            "expected the bands from toolkit.simulate (p5, p25, p50, p75, p95)"
        )


def _format_value(value: float) -> str:
    return f"{value:.3g}"


def plot_trajectories(
    data: pd.DataFrame | pd.Series | Mapping[str, pd.Series],
    *,
    ax: Axes | None = None,
    logy: bool = False,
    baseline: float | None = 1.0,
    xlabel: str = "Iteration (period)",
    ylabel: str = "Level (× starting value)",
    title: str | None = "Small changes, compounded",
) -> Axes:
    """Draw improvement trajectories side by side, each labelled at its end.

    Parameters
    ----------
    data : pandas.DataFrame, pandas.Series or mapping of str to Series
        One column (or Series) per trajectory, indexed by period, e.g. outputs of
        :func:`toolkit.analytics.improvement.compound`. Column names become the labels.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    logy : bool, default False
        A log scale shows equal rates as straight lines (useful for a year of 1%).
    baseline : float or None, default 1.0
        Draw a dotted reference line at the starting level; None for none.
    xlabel, ylabel, title : str
        Axis labels (with units) and title.

    Returns
    -------
    matplotlib.axes.Axes
        Lines in column order (the baseline, if any, comes after them).

    Raises
    ------
    ValueError
        If ``data`` is empty or holds a non-numeric column.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.analytics.improvement import compound
    >>> ax = plot_trajectories(pd.DataFrame({"1% better": compound(0.01, 52),
    ...                                      "1% worse": compound(-0.01, 52)}))
    >>> len(ax.lines)
    3
    """
    frame = _as_frame(data, "data")
    with house_style():
        ax = get_ax(ax)
        ends = []
        for column, series, colour in _plot_series(ax, frame):
            if len(series):
                ends.append(
                    ax.annotate(
                        f"{column}: {_format_value(float(series.iloc[-1]))}",
                        xy=(series.index[-1], float(series.iloc[-1])),
                        xytext=(6, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=_LABEL_SIZE,
                        color=colour,
                    )
                )
        if baseline is not None:
            ax.axhline(baseline, color=PALETTE["grey"], linestyle=":", linewidth=1.5)
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend(**OUTSIDE_LEGEND)  # beside the chart: never over the data
        ax.margins(x=0.15)
        declutter(ax, ends)
        keep_inside(ax, ends)
    return ax


def plot_big_bang_vs_iterative(
    result: BigBangComparison,
    *,
    kind: Literal["level", "cumulative"] = "level",
    ax: Axes | None = None,
    xlabel: str = "Period (e.g. week)",
    ylabel: str | None = None,
    title: str | None = None,
) -> Axes:
    """Draw a big-bang change against steady iterations, with the break-even period marked.

    Parameters
    ----------
    result : BigBangComparison
        The output of :func:`toolkit.analytics.improvement.big_bang_vs_iterative`.
    kind : {"level", "cumulative"}, default "level"
        ``"level"`` draws the level each period (and marks where the levels cross);
        ``"cumulative"`` draws the total gain delivered so far.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    xlabel, ylabel, title : str, optional
        Axis labels and title (sensible defaults for each ``kind``).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the big bang, ``ax.lines[1]`` the iterative approach; a dashed
        vertical line marks the break-even period when there is one.

    Raises
    ------
    ValueError
        If ``result`` is not a BigBangComparison or ``kind`` is unknown.

    Examples
    --------
    >>> from toolkit.analytics.improvement import big_bang_vs_iterative
    >>> ax = plot_big_bang_vs_iterative(big_bang_vs_iterative(periods=104))
    >>> ax.get_title()
    'A big bang fades; iterations compound'
    """
    if not isinstance(result, BigBangComparison):
        raise ValueError(
            "result must be the BigBangComparison returned by big_bang_vs_iterative; "
            f"got {type(result).__name__}"
        )
    if kind not in ("level", "cumulative"):
        raise ValueError(f"kind must be 'level' or 'cumulative'; got {kind!r}")
    frame = result.trajectories if kind == "level" else result.cumulative
    default_ylabel = (
        "Level (× starting value)"
        if kind == "level"
        else "Total gain so far (level above start × periods)"
    )
    default_title = "A big bang fades; iterations compound"
    if kind == "cumulative":
        default_title = "Value delivered so far"
    n = len(frame)
    with house_style():
        ax = get_ax(ax)
        ax.plot(
            frame.index,
            frame["big_bang"].to_numpy(dtype=float),
            color=CONCERN,
            marker="s",
            markevery=_markevery(n),
            linestyle="--",
            label="Big bang (one-off change)",
        )
        ax.plot(
            frame.index,
            frame["iterative"].to_numpy(dtype=float),
            color=IMPROVEMENT,
            marker="o",
            markevery=_markevery(n),
            label="Small iterations",
        )
        if result.break_even is not None:
            ax.axvline(result.break_even, color=PALETTE["black"], linestyle=":", linewidth=1.8)
            ax.annotate(
                f"break-even (total value):\nperiod {result.break_even}",
                xy=(result.break_even, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(6, -6),
                textcoords="offset points",
                va="top",
                fontsize=_LABEL_SIZE,
            )
        else:
            ax.annotate(
                "no break-even within the horizon",
                xy=(0.98, 0.04),
                xycoords="axes fraction",
                ha="right",
                fontsize=_LABEL_SIZE,
            )
        if kind == "level" and result.level_crossing is not None:
            period = result.level_crossing
            level = float(frame["iterative"].loc[period])
            ax.plot(
                [period],
                [level],
                linestyle="none",
                marker="*",
                markersize=16,
                color=PALETTE["black"],
                label=f"levels cross (period {period})",
            )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel or default_ylabel)
        ax.set_title(title if title is not None else default_title)
        ax.legend(**OUTSIDE_LEGEND)  # beside the chart: never over the data
    return ax


def plot_fan_chart(
    bands: pd.DataFrame,
    *,
    ax: Axes | None = None,
    outer: tuple[str, str] = ("p5", "p95"),
    inner: tuple[str, str] = ("p25", "p75"),
    median: str = "p50",
    baseline: float | None = 1.0,
    xlabel: str = "Period (e.g. week)",
    ylabel: str = "Level (× starting value)",
    title: str | None = "What uncertainty and setbacks do",
) -> Axes:
    """Draw a fan chart of simulated outcomes: outer and inner bands around the median.

    Parameters
    ----------
    bands : pandas.DataFrame
        Percentile bands per period, as :func:`toolkit.analytics.improvement.simulate` returns.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    outer, inner : tuple of str, default ("p5", "p95") and ("p25", "p75")
        Columns bounding the light outer band and the darker inner band.
    median : str, default "p50"
        Column of the central line.
    baseline : float or None, default 1.0
        Draw a dotted reference line at the starting level; None for none.
    xlabel, ylabel, title : str
        Axis labels (with units) and title.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is the median; ``ax.collections`` holds the outer then inner band.

    Raises
    ------
    ValueError
        If a named column is missing (the message lists the frame's columns) or ``bands``
        is empty.

    Examples
    --------
    >>> from toolkit.analytics.improvement import simulate
    >>> ax = plot_fan_chart(simulate(periods=26, paths=1_000, setback_prob=0.05, seed=1))
    >>> len(ax.collections)
    2
    """
    if not isinstance(bands, pd.DataFrame) or bands.empty:
        raise ValueError("bands must be a non-empty DataFrame of percentiles from simulate")
    _require_columns(bands, [*outer, *inner, median], "bands")
    x = bands.index.to_numpy()

    def column(name: str) -> np.ndarray:
        return bands[name].to_numpy(dtype=float)

    with house_style():
        ax = get_ax(ax)
        ax.fill_between(
            x,
            column(outer[0]),
            column(outer[1]),
            color=IMPROVEMENT,
            alpha=0.18,
            linewidth=0,
            label=f"{outer[0]}-{outer[1]} (9 in 10 paths)",
        )
        ax.fill_between(
            x,
            column(inner[0]),
            column(inner[1]),
            color=IMPROVEMENT,
            alpha=0.38,
            hatch="//",
            linewidth=0,
            label=f"{inner[0]}-{inner[1]} (half of paths)",
        )
        ax.plot(
            x,
            column(median),
            color=IMPROVEMENT,
            marker="o",
            markevery=_markevery(len(x)),
            label="median path",
        )
        ends = []
        for name in (outer[1], median, outer[0]):
            ends.append(
                ax.annotate(
                    f"{'median' if name == median else name}: {_format_value(column(name)[-1])}",
                    xy=(x[-1], column(name)[-1]),
                    xytext=(6, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=_LABEL_SIZE,
                )
            )
        if baseline is not None:
            ax.axhline(
                baseline,
                color=PALETTE["grey"],
                linestyle=":",
                linewidth=1.5,
                label="starting level",
            )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend(**OUTSIDE_LEGEND)  # beside the chart: never over the data
        ax.margins(x=0.15)
        declutter(ax, ends)
        keep_inside(ax, ends)
    return ax


def plot_gap_closing(
    data: pd.Series | pd.DataFrame,
    *,
    ceiling: float,
    target: float | None = None,
    ax: Axes | None = None,
    xlabel: str = "Period (month)",
    ylabel: str = "Metric (%)",
    title: str | None = "Closing the gap, half at a time",
) -> Axes:
    """Draw a bounded metric closing its gap to the ceiling, with the target line.

    Parameters
    ----------
    data : pandas.Series or pandas.DataFrame
        The metric per period (one column per scenario), e.g. from
        :func:`toolkit.analytics.improvement.gap_closing`.
    ceiling : float
        The best the metric can be; drawn as a dashed line.
    target : float, optional
        The goal (e.g. 98 for a change success rate); drawn as a dash-dot line, and the
        first period each scenario reaches it is marked with a diamond and its number.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    xlabel, ylabel, title : str
        Axis labels (with units) and title.

    Returns
    -------
    matplotlib.axes.Axes
        Metric lines first (``ax.lines[0]`` is the first scenario), then the ceiling line,
        the target line and a diamond marker where each scenario first reaches the target.

    Raises
    ------
    ValueError
        If ``data`` is empty or non-numeric, or ``target`` is above ``ceiling``.

    Examples
    --------
    >>> from toolkit.analytics.improvement import gap_closing
    >>> series = gap_closing(90, ceiling=100, half_life=3, periods=12)
    >>> ax = plot_gap_closing(series, ceiling=100, target=98)
    >>> [text.get_text() for text in ax.texts]
    ['reaches 98 at period 7']
    """
    frame = _as_frame(data, "data")
    if target is not None and target > ceiling:
        raise ValueError(f"target {target!r} is above ceiling {ceiling!r}; it can never be reached")
    with house_style():
        ax = get_ax(ax)
        _plot_series(ax, frame)
        ax.axhline(
            ceiling,
            color=PALETTE["grey"],
            linestyle="--",
            linewidth=1.8,
            label=f"ceiling ({_format_value(ceiling)})",
        )
        if target is not None:
            ax.axhline(
                target,
                color=TARGET,
                linestyle="-.",
                linewidth=1.8,
                label=f"target ({_format_value(target)})",
            )
            for i, column in enumerate(frame.columns):
                series = frame[column].dropna()
                reached = series[series >= target]
                if reached.empty:
                    continue
                period = reached.index[0]
                ax.plot(
                    [period],
                    [float(reached.iloc[0])],
                    linestyle="none",
                    marker="D",
                    markersize=10,
                    color=_SERIES_STYLES[i % len(_SERIES_STYLES)][0],
                )
                ax.annotate(
                    f"reaches {_format_value(target)} at period {period}",
                    xy=(period, float(reached.iloc[0])),
                    xytext=(8, -16 - 14 * i),
                    textcoords="offset points",
                    fontsize=_LABEL_SIZE,
                )
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if title:
            ax.set_title(title)
        ax.legend(**OUTSIDE_LEGEND)  # beside the chart: never over the data
    return ax
