"""Tests for toolkit.plots.improvement: the artists each chart draws, and its errors."""

from __future__ import annotations

import doctest

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

import toolkit.plots.improvement as plots_improvement
from toolkit.analytics.improvement import (
    big_bang_vs_iterative,
    compound,
    gap_closing,
    simulate,
)
from toolkit.plots.improvement import (
    plot_big_bang_vs_iterative,
    plot_fan_chart,
    plot_gap_closing,
    plot_trajectories,
)


def _texts(ax: plt.Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def _assert_labelled_with_units(ax: plt.Axes) -> None:
    assert "(" in ax.get_xlabel()
    assert "(" in ax.get_ylabel()


# Trajectories.


def test_trajectories_draw_each_column_with_its_own_marker_and_end_label() -> None:
    better, worse = compound(0.01, 365), compound(-0.01, 365)
    ax = plot_trajectories(pd.DataFrame({"1% better": better, "1% worse": worse}))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), better.to_numpy())
    np.testing.assert_allclose(ax.lines[1].get_ydata(), worse.to_numpy())
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), np.arange(366))
    assert ax.lines[0].get_marker() != ax.lines[1].get_marker()
    assert ax.lines[2].get_ydata()[0] == 1.0  # the baseline
    assert _texts(ax) == ["1% better: 37.8", "1% worse: 0.0255"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["1% better", "1% worse"]
    _assert_labelled_with_units(ax)


def test_trajectories_accept_a_series_or_mapping_and_draw_on_a_given_ax() -> None:
    _, ax = plt.subplots()
    returned = plot_trajectories(compound(0.02, 10).rename("team A"), ax=ax, baseline=None)
    assert returned is ax
    assert len(ax.lines) == 1
    ax2 = plot_trajectories({"a": compound(0.1, 3), "b": compound(0.2, 3)}, logy=True)
    assert ax2.get_yscale() == "log"
    np.testing.assert_allclose(ax2.lines[1].get_ydata(), [1, 1.2, 1.44, 1.728])


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (pd.DataFrame(), "data is empty"),
        (pd.DataFrame({"team": ["a", "b"]}), r"data columns \['team'\] are not numeric"),
        ([1, 2, 3], "data must be a DataFrame"),
    ],
)
def test_trajectories_reject_unusable_data(data: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plot_trajectories(data)  # type: ignore[arg-type]


# Big bang versus iterative.


def test_big_bang_chart_marks_break_even_and_level_crossing() -> None:
    result = big_bang_vs_iterative(step=0.2, rate=0.01, half_life=13, periods=104)
    ax = plot_big_bang_vs_iterative(result)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), result.trajectories["big_bang"])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), result.trajectories["iterative"])
    assert ax.lines[0].get_marker() != ax.lines[1].get_marker()
    assert list(ax.lines[2].get_xdata()) == [23, 23]  # break-even line
    star = ax.lines[3]
    assert star.get_marker() == "*"
    assert list(star.get_xdata()) == [11]
    assert any("period 23" in text for text in _texts(ax))
    assert "levels cross (period 11)" in [t.get_text() for t in ax.get_legend().get_texts()]
    _assert_labelled_with_units(ax)


def test_big_bang_cumulative_chart_and_no_break_even() -> None:
    result = big_bang_vs_iterative(step=0.2, rate=0.0, half_life=13, periods=20)
    ax = plot_big_bang_vs_iterative(result, kind="cumulative")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), result.cumulative["big_bang"])
    assert len(ax.lines) == 2
    assert _texts(ax) == ["no break-even within the horizon"]
    assert "Total gain" in ax.get_ylabel()


def test_big_bang_chart_rejects_bad_input() -> None:
    result = big_bang_vs_iterative(periods=10)
    with pytest.raises(ValueError, match="kind must be"):
        plot_big_bang_vs_iterative(result, kind="area")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="BigBangComparison"):
        plot_big_bang_vs_iterative(result.trajectories)  # type: ignore[arg-type]


# Fan chart.


def test_fan_chart_draws_bands_and_median() -> None:
    bands = simulate(periods=20, paths=2_000, setback_prob=0.1, seed=4)
    ax = plot_fan_chart(bands)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), bands["p50"])
    outer, inner = ax.collections
    assert isinstance(outer, PolyCollection)
    outer_y = outer.get_paths()[0].vertices[:, 1]
    inner_y = inner.get_paths()[0].vertices[:, 1]
    assert outer_y.max() == pytest.approx(bands["p95"].max())
    assert outer_y.min() == pytest.approx(bands["p5"].min())
    assert inner_y.max() == pytest.approx(bands["p75"].max())
    assert inner.get_hatch() == "//"  # inner band told apart by pattern, not shade alone
    assert any(text.startswith("median: ") for text in _texts(ax))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["p5-p95 (9 in 10 paths)", "p25-p75 (half of paths)", "median path"]
    _assert_labelled_with_units(ax)


def test_fan_chart_names_a_missing_column() -> None:
    bands = simulate(periods=5, paths=50, seed=1, percentiles=[10, 50, 90])
    with pytest.raises(ValueError, match=r"no column\(s\) \['p5', 'p95', 'p25', 'p75'\]"):
        plot_fan_chart(bands)
    ax = plot_fan_chart(bands, outer=("p10", "p90"), inner=("p10", "p90"))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), bands["p50"])
    with pytest.raises(ValueError, match="non-empty DataFrame"):
        plot_fan_chart(pd.DataFrame())


# Gap closing.


def test_gap_chart_draws_ceiling_target_and_first_period_reaching_it() -> None:
    fast = gap_closing(90, ceiling=100, half_life=3, periods=12)
    slow = gap_closing(90, ceiling=100, half_life=6, periods=12)
    data = pd.DataFrame({"half-life 3": fast, "half-life 6": slow})
    ax = plot_gap_closing(data, ceiling=100, target=98, ylabel="Change success rate (%)")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), fast)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), slow)
    assert list(ax.lines[2].get_ydata()) == [100, 100]  # ceiling
    assert list(ax.lines[3].get_ydata()) == [98, 98]  # target
    assert ax.lines[2].get_linestyle() != ax.lines[3].get_linestyle()
    reached = ax.lines[4]
    assert reached.get_marker() == "D"
    assert list(reached.get_xdata()) == [7]  # 90% -> 98% takes 6.97 months at h = 3
    assert len(ax.lines) == 5  # the slow scenario never reaches 98% within 12 months
    assert _texts(ax) == ["reaches 98 at period 7"]
    _assert_labelled_with_units(ax)


def test_gap_chart_rejects_unreachable_target() -> None:
    series = gap_closing(90, ceiling=100, half_life=3, periods=6)
    with pytest.raises(ValueError, match="target 101 is above ceiling 100"):
        plot_gap_closing(series, ceiling=100, target=101)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(plots_improvement)
    assert result.attempted >= 8
    assert result.failed == 0


def test_plots_keep_the_interactive_mode_a_backend_switches_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # In a kernel the first figure loads the inline backend, which turns interactive mode on;
    # the house style context must not turn it off again, or later figures never show.
    real_get_ax = plots_improvement.get_ax

    def get_ax_loading_a_backend(ax: plt.Axes | None = None) -> plt.Axes:
        matplotlib.interactive(True)
        return real_get_ax(ax)

    monkeypatch.setattr(plots_improvement, "get_ax", get_ax_loading_a_backend)
    matplotlib.interactive(False)
    try:
        plot_trajectories(compound(0.01, 5))
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(False)
