"""The compounding lesson's slider charts: the model drawn, the finding in the title."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit import plots


def test_explore_rate_draws_the_rate_and_its_mirror() -> None:
    ax = plots.explore_rate(0.01, 52, xlabel="Week")
    better, worse = ax.lines[0].get_ydata(), ax.lines[1].get_ydata()
    assert better[-1] == pytest.approx(1.01**52)
    assert worse[-1] == pytest.approx(0.99**52)
    assert "69.7 iterations" in ax.get_title()  # ln 2 / ln 1.01 = 69.66
    assert "rule of 72: 72.0" in ax.get_title()
    assert ax.get_xlabel() == "Week"


def test_a_refused_rate_is_a_message_not_a_traceback() -> None:
    ax = plots.explore_rate(-1.5, 52)
    assert not ax.lines
    assert "does not work" in ax.texts[0].get_text()


def test_explore_big_bang_names_the_break_even() -> None:
    expected = toolkit.big_bang_vs_iterative(step=0.2, rate=0.01, half_life=13, periods=104)
    ax = plots.explore_big_bang()
    assert ax.get_title() == f"Break-even on total value: week {expected.break_even}"


def test_explore_big_bang_says_when_iterations_never_catch_up() -> None:
    ax = plots.explore_big_bang(step=1.0, half_life=104, rate=0.0, periods=52)
    assert "never catch up" in ax.get_title()


def test_explore_setbacks_titles_the_year_end_spread() -> None:
    ax = plots.explore_setbacks(paths=2_000)
    bands = toolkit.simulate(
        rate=0.01,
        rate_sd=0.01,
        setback_prob=0.05,
        setback_size=0.1,
        periods=52,
        paths=2_000,
        seed=2,
    )
    assert f"median x{bands.loc[52, 'p50']:.2f}" in ax.get_title()


def test_plot_rate_fit_recovers_a_known_rate() -> None:
    weeks = np.arange(30)
    observed = pd.Series(40 * 1.02**weeks)
    ax = plots.plot_rate_fit(observed)
    assert "Estimated rate 2.00% per week" in ax.get_title()
    assert ax.lines[1].get_ydata()[-1] == pytest.approx(observed.iloc[-1])


def test_plot_half_life_fit_recovers_a_known_half_life() -> None:
    months = np.arange(12)
    observed = pd.Series(100 - 10 * 0.5 ** (months / 3))
    ax = plots.plot_half_life_fit(observed, ceiling=100)
    assert ax.get_title().startswith("The gap to 100 halves every 3.0 months")


def test_plot_rate_fit_refuses_bad_data_clearly() -> None:
    with pytest.raises(ValueError, match=r"\w"):
        plots.plot_rate_fit(pd.Series([1.0, -2.0]))
