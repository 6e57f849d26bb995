"""Tests for toolkit.plots.spc: what the XmR and run charts draw, checked on the artists."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from toolkit.analytics.spc import TrialLimitsWarning, run_chart, xmr, xmr_summary
from toolkit.plots.spc import POINT_STYLE, plot_run_chart, plot_xmr, verdict_text

MONTHS = pd.date_range("2024-01-01", periods=28, freq="MS")
# Fourteen months around 21 hours, then fourteen around 14.5: a real drop.
HOURS = [20.0, 22.0] * 7 + [14.0, 15.0] * 7


def data() -> pd.DataFrame:
    return pd.DataFrame({"month": MONTHS, "hours": HOURS})


def by_gid(ax: Axes, gid: str) -> list[object]:
    return [artist for artist in [*ax.lines, *ax.collections] if artist.get_gid() == gid]


def texts(ax: Axes) -> str:
    """Every text on the Axes, with wrapped lines joined again."""
    return " ".join(text.get_text().replace("\n", " ") for text in ax.texts)


def test_plot_xmr_draws_values_mean_and_limits() -> None:
    chart = xmr(data(), value="hours", date="month", improvement="decrease")
    ax = plot_xmr(chart, ylabel="median hours to resolve")
    assert isinstance(ax, Axes)
    assert ax.lines[0].get_ydata().tolist() == HOURS
    assert list(ax.lines[0].get_xdata()) == list(MONTHS.to_numpy())
    (mean,) = by_gid(ax, "mean")
    (upl,) = by_gid(ax, "upl")
    (lpl,) = by_gid(ax, "lpl")
    assert mean.get_ydata().tolist() == chart["mean"].tolist()
    assert upl.get_ydata().tolist() == chart["upl"].tolist()
    assert lpl.get_ydata().tolist() == chart["lpl"].tolist()
    assert len(by_gid(ax, "near_upl")) == 1
    assert len(by_gid(ax, "near_lpl")) == 1
    assert ax.get_ylabel() == "median hours to resolve"
    assert ax.lines[0].get_label() == "median hours to resolve"
    assert ax.get_xlabel() == "date"
    assert "lower is better" in ax.get_title()


def test_special_cause_points_are_coloured_and_shaped() -> None:
    chart = xmr(data(), value="hours", date="month", improvement="decrease")
    ax = plot_xmr(chart)
    # Without a rebase the drop is a shift: the high months a concern, the low an improvement.
    (better,) = by_gid(ax, "special_cause_improvement")
    (worse,) = by_gid(ax, "special_cause_concern")
    expected = chart.loc[chart["point_type"] == "special_cause_improvement", "value"]
    assert better.get_offsets()[:, 1].tolist() == expected.tolist()
    assert len(worse.get_offsets()) == (chart["point_type"] == "special_cause_concern").sum()
    # Never colour alone: each kind has its own marker shape and a legend label that says so.
    assert not np.array_equal(better.get_paths()[0].vertices, worse.get_paths()[0].vertices)
    assert better.get_label() == "special cause: improvement (+)"
    assert worse.get_label() == "special cause: concern (x)"
    markers = {marker for _, marker, _ in POINT_STYLE.values()}
    assert len(markers) == len(POINT_STYLE)


def test_rebased_chart_draws_a_segment_each_and_the_rebase() -> None:
    chart = xmr(data(), value="hours", date="month", improvement="decrease", rebase_at="2025-03-01")
    ax = plot_xmr(chart)
    means = by_gid(ax, "mean")
    assert [set(line.get_ydata()) for line in means] == [{21.0}, {14.5}]
    assert len(means[0].get_xdata()) == 14
    (rebase,) = by_gid(ax, "rebase")
    assert rebase.get_xdata()[0] == MONTHS[14]
    assert "rebased" in texts(ax)
    assert not by_gid(ax, "special_cause_improvement")


def test_target_and_verdicts_are_drawn() -> None:
    chart = xmr(data(), value="hours", date="month", improvement="decrease", target=16)
    ax = plot_xmr(chart)
    (target,) = by_gid(ax, "target")
    assert target.get_ydata()[0] == 16
    assert "target 16" in target.get_label()
    words = texts(ax)
    assert "Latest point: special cause, improvement" in words
    assert "Assurance:" in words
    assert verdict_text(xmr_summary(chart)) in words


def test_target_argument_overrides_and_verdict_can_be_hidden() -> None:
    chart = xmr(data(), value="hours", date="month", improvement="decrease")
    ax = plot_xmr(chart, target=30, verdict=False, near_limits=False, title="Email")
    assert by_gid(ax, "target")[0].get_ydata()[0] == 30
    assert texts(ax) == ""
    assert not by_gid(ax, "near_upl")
    assert ax.get_title() == "Email"


def test_plot_xmr_draws_on_a_given_axes_without_dates() -> None:
    _, given = plt.subplots()
    chart = xmr(pd.DataFrame({"v": [10.0, 12] * 6}), value="v")
    ax = plot_xmr(chart, ax=given)
    assert ax is given
    assert ax.lines[0].get_xdata().tolist() == list(range(12))
    assert ax.get_xlabel() == "point"


def test_trial_limits_show_in_the_verdict() -> None:
    with pytest.warns(TrialLimitsWarning):
        chart = xmr(pd.DataFrame({"v": [10.0, 12] * 4}), value="v")
    assert "trial limits" in texts(plot_xmr(chart))


def test_neutral_points_have_their_own_markers() -> None:
    values = [12.0, 10] * 6 + [25] + [10.0, 12] * 6
    chart = xmr(pd.DataFrame({"v": values}), value="v", improvement="neutral")
    ax = plot_xmr(chart)
    (high,) = by_gid(ax, "special_cause_neutral_high")
    assert high.get_offsets()[:, 1].tolist() == [25.0]
    assert "neither direction" in ax.get_title()


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (pd.DataFrame({"v": [1.0, 2.0]}), r"lacks the column\(s\).*'mean'"),
        ([1, 2, 3], r"expects the DataFrame returned by toolkit.xmr"),
    ],
)
def test_plot_xmr_rejects_what_xmr_did_not_make(bad: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plot_xmr(bad)  # type: ignore[arg-type]


def test_plot_run_chart_draws_values_median_and_long_runs() -> None:
    chart = run_chart(data(), value="hours", date="month", baseline=14)
    ax = plot_run_chart(chart, ylabel="median hours to resolve")
    assert ax.lines[0].get_ydata().tolist() == HOURS
    (median,) = by_gid(ax, "median")
    assert set(median.get_ydata()) == {21.0}
    assert len(median.get_xdata()) == 14
    (extended,) = by_gid(ax, "median_extended")
    assert extended.get_xdata()[-1] == MONTHS[-1]
    (long_run,) = by_gid(ax, "long_run")
    assert long_run.get_offsets()[:, 1].tolist() == HOURS[14:]
    words = texts(ax)
    assert f"Longest run {chart.longest_run} (signal if > {chart.longest_run_max})" in words
    assert "signal: non-random variation" in words
    assert ax.get_ylabel() == "median hours to resolve"


def test_plot_run_chart_without_a_signal() -> None:
    values = [5.0, 6, 4, 7, 5, 3, 6, 4, 7, 5, 6, 3, 5, 7, 4, 6, 5, 3, 6, 4]
    ax = plot_run_chart(run_chart(pd.DataFrame({"v": values}), value="v"), verdict=True)
    assert not by_gid(ax, "long_run")
    assert not by_gid(ax, "median_extended")
    assert "no signal" in texts(ax)


def test_plot_run_chart_rejects_other_input() -> None:
    with pytest.raises(ValueError, match="expects the RunChart"):
        plot_run_chart(pd.DataFrame({"v": [1.0]}))  # type: ignore[arg-type]


def test_period_dates_plot() -> None:
    periods = pd.period_range("2024-01", periods=14, freq="M")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chart = xmr(pd.DataFrame({"m": periods, "v": [10.0, 12] * 7}), value="v", date="m")
    ax = plot_xmr(chart)
    assert ax.lines[0].get_xdata()[0] == pd.Timestamp("2024-01-01")
