"""Charts for the compounding lesson's sliders: each draws one model and says what it shows.

A lesson hands these to ``ipywidgets.interact`` in one line; an analyst can call them with
numbers. Each takes the model's parameters, draws on ``ax`` (or a new figure) and returns the
Axes, with the finding in the title. A combination the model refuses (a rate of -100%, say)
is drawn as a short message on the chart instead of a traceback under a slider.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from toolkit.analytics.improvement import (
    big_bang_vs_iterative,
    compound,
    doubling_time,
    fit_half_life,
    fit_rate,
    simulate,
)
from toolkit.plots._style import get_ax
from toolkit.plots.improvement import (
    plot_big_bang_vs_iterative,
    plot_fan_chart,
    plot_trajectories,
)


def _refused(ax: Axes | None, error: ValueError) -> Axes:
    ax = get_ax(ax)
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        f"That combination does not work:\n{error}",
        ha="center",
        va="center",
        wrap=True,
        transform=ax.transAxes,
    )
    return ax


def explore_rate(
    rate: float = 0.01,
    periods: int = 52,
    *,
    xlabel: str = "Iteration",
    ax: Axes | None = None,
) -> Axes:
    """Draw a rate compounding beside its mirror image, with the doubling time in the title.

    Parameters
    ----------
    rate : float, default 0.01
        The gain per iteration as a share (0.01 is 1%); its mirror loses as much.
    periods : int, default 52
        How many iterations to draw.
    xlabel : str, default "Iteration"
        The label of the horizontal axis ("Day", "Week"...).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        Two lines, "<rate> better" and "<rate> worse"; or a message if the model refuses
        the rate.

    Examples
    --------
    >>> ax = explore_rate(0.01, 52)
    >>> [line.get_label() for line in ax.lines][:2]
    ['1.0% better', '1.0% worse']
    """
    try:
        trajectories = pd.DataFrame(
            {
                f"{rate:.1%} better": compound(rate, periods),
                f"{rate:.1%} worse": compound(-rate, periods),
            }
        )
        title = (
            f"{rate:.1%} per iteration doubles after {doubling_time(rate):.1f} iterations "
            f"(rule of 72: {doubling_time(rate, exact=False):.1f})"
        )
    except ValueError as error:
        return _refused(ax, error)
    return plot_trajectories(trajectories, ax=ax, xlabel=xlabel, title=title)


def explore_big_bang(
    step: float = 0.2,
    half_life: float = 13.0,
    delay: int = 0,
    rate: float = 0.01,
    backsliding: float = 0.0,
    *,
    periods: int = 104,
    ax: Axes | None = None,
) -> Axes:
    """Race a fading big-bang change against steady iterations, with the break-even in the title.

    Parameters
    ----------
    step : float, default 0.2
        The big bang's one-off gain as a share (0.2 is 20%).
    half_life : float, default 13.0
        Weeks for half of the big bang's gain to fade.
    delay : int, default 0
        Weeks before the big bang lands.
    rate : float, default 0.01
        The iterative team's gain per week.
    backsliding : float, default 0.0
        The share of its level the iterative team loses each week.
    periods : int, default 104
        Weeks to draw.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        The levels of both approaches, titled with the week the iterations break even on
        total value (or that they never do); or a message if the model refuses the values.

    Examples
    --------
    >>> explore_big_bang().get_title()
    'Break-even on total value: week 23'
    """
    try:
        result = big_bang_vs_iterative(
            step=step,
            half_life=half_life,
            delay=delay,
            rate=rate,
            backsliding=backsliding,
            periods=periods,
        )
    except ValueError as error:
        return _refused(ax, error)
    if result.break_even is None:
        title = f"Within {periods} weeks the iterations never catch up on total value"
    else:
        title = f"Break-even on total value: week {result.break_even}"
    return plot_big_bang_vs_iterative(result, ax=ax, xlabel="Week", title=title)


def explore_setbacks(
    setback_prob: float = 0.05,
    setback_size: float = 0.1,
    rate: float = 0.01,
    rate_sd: float = 0.01,
    *,
    periods: int = 52,
    paths: int = 20_000,
    ax: Axes | None = None,
) -> Axes:
    """Draw a fan chart of simulated years with setbacks, the year's spread in the title.

    Parameters
    ----------
    setback_prob : float, default 0.05
        The chance of a setback each week.
    setback_size : float, default 0.1
        The share of the level a setback loses.
    rate : float, default 0.01
        The mean gain per week.
    rate_sd : float, default 0.01
        How much the weekly gain varies (its standard deviation).
    periods : int, default 52
        Weeks to simulate.
    paths : int, default 20000
        Simulated years; a fixed random start makes the chart the same on every run.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes
        The fan chart, titled with the median and the range of nine paths in ten at the
        end; or a message if the model refuses the values.

    Examples
    --------
    >>> explore_setbacks(paths=2_000).get_title().startswith("After a year: median x")
    True
    """
    try:
        bands = simulate(
            rate=rate,
            rate_sd=rate_sd,
            setback_prob=setback_prob,
            setback_size=setback_size,
            periods=periods,
            paths=paths,
            seed=2,
        )
    except ValueError as error:
        return _refused(ax, error)
    end = bands.iloc[-1]
    span = "a year" if periods == 52 else f"{periods} weeks"
    title = (
        f"After {span}: median x{end['p50']:.2f}; "
        f"9 in 10 paths between x{end['p5']:.2f} and x{end['p95']:.2f}"
    )
    return plot_fan_chart(bands, ax=ax, xlabel="Week", title=title)


def plot_rate_fit(
    observed: pd.Series,
    *,
    ax: Axes | None = None,
    xlabel: str = "Week",
    ylabel: str = "Level",
    per: str = "week",
) -> Axes:
    """Fit a compound rate to observations and draw both, the estimate in the title.

    Parameters
    ----------
    observed : pandas.Series
        Positive measurements in time order (deployments per week, say).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    xlabel, ylabel : str
        Axis labels.
    per : str, default "week"
        The period the rate is per, for the title.

    Returns
    -------
    matplotlib.axes.Axes
        Lines "observed" and "fitted", titled with the rate and its 95% interval.

    Raises
    ------
    ValueError
        If :func:`toolkit.analytics.improvement.fit_rate` refuses the data (too few points,
        values not above 0); the message says which.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_rate_fit(pd.Series([10.0, 10.2, 10.1, 10.5, 10.6, 10.8]))
    >>> ax.get_title().startswith("Estimated rate")
    True
    """
    fit = fit_rate(observed)
    title = (
        f"Estimated rate {fit.rate:.2%} per {per} "
        f"(95% interval {fit.ci_low:.2%} to {fit.ci_high:.2%}, from {fit.n} {per}s)"
    )
    frame = pd.DataFrame({"observed": observed, "fitted": fit.fitted})
    return plot_trajectories(frame, ax=ax, baseline=None, xlabel=xlabel, ylabel=ylabel, title=title)


def plot_half_life_fit(
    observed: pd.Series,
    *,
    ceiling: float = 100.0,
    ax: Axes | None = None,
    xlabel: str = "Month",
    ylabel: str = "Metric (%)",
    per: str = "months",
) -> Axes:
    """Fit the gap half-life of a bounded measure and draw it, the estimate in the title.

    Parameters
    ----------
    observed : pandas.Series
        The measure in time order, below ``ceiling`` (change success in %, say).
    ceiling : float, default 100.0
        The best the measure can be.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    xlabel, ylabel : str
        Axis labels.
    per : str, default "months"
        The unit of the half-life, for the title.

    Returns
    -------
    matplotlib.axes.Axes
        Lines "observed" and "fitted", titled with the half-life and its 95% interval.

    Raises
    ------
    ValueError
        If :func:`toolkit.analytics.improvement.fit_half_life` refuses the data.

    Examples
    --------
    >>> import pandas as pd
    >>> ax = plot_half_life_fit(pd.Series([88.0, 90.5, 91.0, 93.2, 93.9, 95.1]))
    >>> ax.get_title().startswith("The gap to 100 halves every")
    True
    """
    fit = fit_half_life(observed, ceiling=ceiling)
    title = (
        f"The gap to {ceiling:g} halves every {fit.half_life:.1f} {per} "
        f"(95% interval {fit.ci_low:.1f} to {fit.ci_high:.1f})"
    )
    frame = pd.DataFrame({"observed": observed, "fitted": fit.fitted})
    return plot_trajectories(frame, ax=ax, baseline=None, xlabel=xlabel, ylabel=ylabel, title=title)
