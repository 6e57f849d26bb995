"""Tests for toolkit.analytics.improvement: reference values, properties, quiz numbers."""

from __future__ import annotations

import doctest
import importlib
import math
import pkgutil

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import toolkit.analytics.improvement as improvement
from toolkit.analytics.improvement import (
    BigBangComparison,
    big_bang_vs_iterative,
    compound,
    doubling_time,
    fit_half_life,
    fit_rate,
    gap_closing,
    half_life_to_reach,
    iterations_to_target,
    learning_curve,
    simulate,
)
from toolkit.paths import quizzes_dir

# Published reference values (see RECIPES.md).


def test_one_percent_a_week_for_a_year() -> None:
    assert compound(0.01, 52).iloc[-1] == pytest.approx(1.6777, abs=5e-5)


def test_one_percent_a_day_for_a_year_and_its_mirror() -> None:
    assert compound(0.01, 365).iloc[-1] == pytest.approx(37.783, abs=5e-4)
    assert compound(-0.01, 365).iloc[-1] == pytest.approx(0.0255, abs=5e-5)


def test_doubling_at_one_percent_and_rule_of_72() -> None:
    assert doubling_time(0.01) == pytest.approx(69.66, abs=5e-3)
    assert doubling_time(0.01, exact=False) == pytest.approx(72.0)
    assert iterations_to_target(0.01, 2.0) == pytest.approx(69.66, abs=5e-3)


def test_gap_half_life_example() -> None:
    # Schneiderman: 90% with a 3-month half-life is 95% after 3 months and 97.5% after 6.
    series = gap_closing(90, ceiling=100, half_life=3, periods=6)
    assert series.loc[3] == pytest.approx(95.0)
    assert series.loc[6] == pytest.approx(97.5)
    assert half_life_to_reach(90, 97.5, ceiling=100, periods=6) == pytest.approx(3.0)


def test_wrights_eighty_percent_curve() -> None:
    costs = learning_curve(50, 0.8, 4)
    assert costs.loc[1] == pytest.approx(50.0)
    assert costs.loc[2] == pytest.approx(40.0)
    assert costs.loc[4] == pytest.approx(32.0)
    # cost(n) = first * n ** b with b = log2(0.8) = -0.3219
    assert costs.loc[3] == pytest.approx(50 * 3**-0.3219, rel=1e-4)


# Shapes and conventions.


def test_compound_is_indexed_by_period_from_start() -> None:
    series = compound(0.05, 3, start=200)
    assert series.index.name == "period"
    assert series.index.tolist() == [0, 1, 2, 3]
    assert series.tolist() == pytest.approx([200, 210, 220.5, 231.525])
    assert compound(0.05, 0).tolist() == [1.0]


def test_learning_curve_accepts_unit_numbers() -> None:
    costs = learning_curve(10, 0.9, [1, 8])
    assert costs.index.tolist() == [1, 8]
    assert costs.loc[8] == pytest.approx(10 * 0.9**3)
    assert learning_curve(10, 1.0, 5).tolist() == pytest.approx([10] * 5)


def test_iterations_to_target_declining() -> None:
    assert iterations_to_target(-0.01, 0.5) == pytest.approx(math.log(0.5) / math.log(0.99))
    assert iterations_to_target(0.2, 5.0, start=5.0) == 0.0


# Big bang versus iterative.


def test_big_bang_fades_by_half_each_half_life() -> None:
    result = big_bang_vs_iterative(step=0.2, rate=0.0, half_life=10, periods=20)
    assert isinstance(result, BigBangComparison)
    big_bang = result.trajectories["big_bang"]
    assert big_bang.loc[0] == pytest.approx(1.2)
    assert big_bang.loc[10] == pytest.approx(1.1)
    assert big_bang.loc[20] == pytest.approx(1.05)
    assert result.trajectories["iterative"].tolist() == pytest.approx([1.0] * 21)
    assert result.break_even is None
    assert result.level_crossing is None


def test_time_constant_matches_equivalent_half_life() -> None:
    by_half_life = big_bang_vs_iterative(half_life=13, periods=30)
    by_tau = big_bang_vs_iterative(time_constant=13 / math.log(2), periods=30)
    pd.testing.assert_frame_equal(by_half_life.trajectories, by_tau.trajectories)
    # e-folding: after one time constant 1/e of the step is left
    tau = big_bang_vs_iterative(step=0.5, rate=0.0, time_constant=4, periods=4)
    assert tau.trajectories["big_bang"].loc[4] == pytest.approx(1 + 0.5 / math.e)


def test_break_even_is_first_period_iterative_total_catches_up() -> None:
    result = big_bang_vs_iterative(step=0.2, rate=0.01, half_life=13, periods=104)
    cumulative = result.cumulative
    assert result.break_even is not None
    be = result.break_even
    assert cumulative.loc[be, "iterative"] >= cumulative.loc[be, "big_bang"]
    assert (cumulative.loc[: be - 1, "iterative"] < cumulative.loc[: be - 1, "big_bang"]).all()
    expected = (result.trajectories - 1.0).cumsum()
    pd.testing.assert_frame_equal(cumulative, expected)
    lc = result.level_crossing
    assert lc is not None
    assert lc < be  # levels cross before the totals do
    assert result.trajectories.loc[lc, "iterative"] >= result.trajectories.loc[lc, "big_bang"]


def test_big_bang_delay_and_backsliding() -> None:
    result = big_bang_vs_iterative(step=0.3, rate=0.02, backsliding=0.02, delay=5, periods=10)
    big_bang = result.trajectories["big_bang"]
    assert big_bang.loc[:4].tolist() == pytest.approx([1.0] * 5)
    assert big_bang.loc[5] == pytest.approx(1.3)
    net = (1.02 * 0.98) ** np.arange(11)
    assert result.trajectories["iterative"].to_numpy() == pytest.approx(net)


# Simulation.


def test_simulate_returns_ordered_percentile_bands() -> None:
    bands = simulate(periods=26, paths=5_000, setback_prob=0.1, seed=3)
    assert list(bands.columns) == ["p5", "p25", "p50", "p75", "p95", "mean"]
    assert bands.index.tolist() == list(range(27))
    assert bands.loc[0].tolist() == pytest.approx([1.0] * 6)
    values = bands[["p5", "p25", "p50", "p75", "p95"]].to_numpy()
    assert np.all(np.diff(values, axis=1) >= 0)


def test_simulate_without_noise_is_compound() -> None:
    bands = simulate(rate=0.01, rate_sd=0.0, periods=52, paths=3, start=2.0, seed=0)
    for column in ["p5", "p50", "p95", "mean"]:
        assert bands[column].to_numpy() == pytest.approx(compound(0.01, 52, start=2.0), rel=1e-5)


def test_simulate_certain_setbacks_are_deterministic() -> None:
    bands = simulate(rate=0.05, rate_sd=0.0, setback_prob=1.0, setback_size=0.2, periods=5)
    expected = (1.05 * 0.8) ** np.arange(6)
    assert bands["p50"].to_numpy() == pytest.approx(expected, rel=1e-5)


def test_simulate_is_reproducible_from_a_seed_or_generator() -> None:
    kwargs = {"periods": 12, "paths": 2_000, "setback_prob": 0.1}
    first = simulate(seed=42, **kwargs)
    pd.testing.assert_frame_equal(first, simulate(seed=42, **kwargs))
    pd.testing.assert_frame_equal(first, simulate(rng=np.random.default_rng(42), **kwargs))
    assert not first.equals(simulate(seed=43, **kwargs))


def test_simulate_bands_match_numpy_percentiles_of_the_paths() -> None:
    bands, paths = simulate(
        periods=10,
        paths=1_001,
        setback_prob=0.2,
        seed=5,
        percentiles=[0, 2.5, 50, 100],
        return_paths=True,
    )
    assert paths.shape == (1_001, 11)
    assert list(bands.columns) == ["p0", "p2.5", "p50", "p100", "mean"]
    expected = np.percentile(paths, [0, 2.5, 50, 100], axis=0).T
    assert bands.iloc[:, :4].to_numpy() == pytest.approx(expected, rel=1e-9)
    assert bands["mean"].to_numpy() == pytest.approx(paths.mean(axis=0), rel=1e-6)


def test_simulate_gain_distribution_has_requested_moments() -> None:
    for distribution in ("normal", "uniform"):
        _, paths = simulate(
            rate=0.02,
            rate_sd=0.05,
            periods=1,
            paths=200_000,
            seed=9,
            distribution=distribution,
            return_paths=True,
        )
        gains = paths[:, 1] - 1.0
        assert gains.mean() == pytest.approx(0.02, abs=1e-3)
        assert gains.std() == pytest.approx(0.05, rel=0.02)


def test_simulate_survives_a_vanishingly_small_setback_chance() -> None:
    # geometric gaps for p = 5e-324 saturate at the int64 maximum; they must not overflow
    bands = simulate(rate_sd=0.0, setback_prob=5e-324, periods=10, paths=100, seed=1)
    assert bands["p50"].to_numpy() == pytest.approx(compound(0.01, 10).to_numpy(), rel=1e-5)


def test_simulate_normal_gains_have_normal_tails_and_independent_paths() -> None:
    _, paths = simulate(rate=0.0, rate_sd=0.01, periods=2, paths=400_001, seed=8, return_paths=True)
    z = (paths[:, 1] - 1.0) / 0.01
    assert np.mean(np.abs(z) > 1.959964) == pytest.approx(0.05, abs=0.002)
    assert np.mean(np.abs(z) > 2.575829) == pytest.approx(0.01, abs=0.001)
    assert np.mean(z**4) == pytest.approx(3.0, abs=0.05)  # kurtosis of a normal
    # the two halves of the paths share Box-Muller pairs: they must still be independent
    half = z.size // 2
    assert abs(np.corrcoef(z[:half], z[-half:])[0, 1]) < 0.01
    assert abs(np.corrcoef(z[:half] ** 2, z[-half:] ** 2)[0, 1]) < 0.01
    # successive periods are independent draws too
    step2 = paths[:, 2] / paths[:, 1] - 1.0
    assert abs(np.corrcoef(z, step2)[0, 1]) < 0.01


def test_setbacks_lower_the_median() -> None:
    calm = simulate(periods=52, paths=20_000, seed=1)
    rough = simulate(periods=52, paths=20_000, setback_prob=0.1, setback_size=0.1, seed=1)
    assert rough.loc[52, "p50"] < calm.loc[52, "p50"]
    # median of calm paths is near 1.01**52 (gains are symmetric around 1%)
    assert calm.loc[52, "p50"] == pytest.approx(1.6777, rel=0.02)


# Fitting.


def test_fit_rate_recovers_a_noiseless_rate() -> None:
    series = compound(0.03, 30, start=12.0)
    fit = fit_rate(series)
    assert fit.rate == pytest.approx(0.03, abs=1e-12)
    assert fit.ci_low == pytest.approx(0.03, abs=1e-9)
    assert fit.ci_high == pytest.approx(0.03, abs=1e-9)
    assert fit.n == 31
    assert fit.r_squared == pytest.approx(1.0)
    pd.testing.assert_index_equal(fit.fitted.index, series.index)
    assert fit.fitted.to_numpy() == pytest.approx(series.to_numpy())


def _hand_interval(x: np.ndarray, y: np.ndarray, t_crit: float) -> tuple[float, float, float]:
    log_y = np.log(y)
    slope, intercept = np.polyfit(x, log_y, 1)
    residuals = log_y - (intercept + slope * x)
    se = math.sqrt(residuals @ residuals / (len(x) - 2) / np.sum((x - x.mean()) ** 2))
    return math.expm1(slope), math.expm1(slope - t_crit * se), math.expm1(slope + t_crit * se)


@pytest.mark.parametrize(
    ("n", "confidence", "t_crit"),
    [
        (12, 0.95, 2.228),  # published t table, 10 degrees of freedom
        (7, 0.99, 4.032),  # 5 degrees of freedom
        (22, 0.90, 1.725),  # 20 degrees of freedom
        (102, 0.95, 1.984),  # 100 degrees of freedom (beyond the table: Cornish-Fisher)
    ],
)
def test_fit_rate_interval_uses_student_t(n: int, confidence: float, t_crit: float) -> None:
    noise = np.random.default_rng(n).normal(0, 0.05, n)
    x = np.arange(n, dtype=float)
    y = 100 * 1.02**x * np.exp(noise)
    fit = fit_rate(pd.Series(y), confidence=confidence)
    rate, low, high = _hand_interval(x, y, t_crit)
    assert fit.rate == pytest.approx(rate)
    assert fit.ci_low == pytest.approx(low, abs=2e-5)
    assert fit.ci_high == pytest.approx(high, abs=2e-5)
    assert fit.confidence == confidence


def test_fit_rate_uses_a_numeric_index_and_skips_missing() -> None:
    series = pd.Series([100.0, 110.25, np.nan, 127.62815625], index=[0, 2, 3, 5])
    fit = fit_rate(series)
    assert fit.rate == pytest.approx(0.05)
    assert fit.n == 3
    # a DatetimeIndex counts positions: one period per observation
    weekly = pd.Series(
        compound(0.01, 9).to_numpy(), index=pd.date_range("2025-01-06", periods=10, freq="W")
    )
    assert fit_rate(weekly).rate == pytest.approx(0.01)
    assert fit_rate([1.0, 2.0, 4.0, 8.0]).rate == pytest.approx(1.0)


def test_fit_rate_interval_covers_the_true_rate_most_of_the_time() -> None:
    rng = np.random.default_rng(2026)
    covered = 0
    for _ in range(200):
        y = 50 * 1.01 ** np.arange(26) * np.exp(rng.normal(0, 0.03, 26))
        fit = fit_rate(y)
        covered += fit.ci_low <= 0.01 <= fit.ci_high
    assert 180 <= covered <= 199  # 95% nominal: 190 expected


def test_fit_half_life_recovers_gap_closing() -> None:
    series = gap_closing(90, ceiling=100, half_life=3, periods=12)
    fit = fit_half_life(series, ceiling=100)
    assert fit.half_life == pytest.approx(3.0)
    assert fit.ci_low == pytest.approx(3.0)
    assert fit.ci_high == pytest.approx(3.0)
    assert fit.ceiling == 100
    assert fit.fitted.to_numpy() == pytest.approx(series.to_numpy())


def test_fit_half_life_of_a_gap_that_does_not_close_is_infinite() -> None:
    fit = fit_half_life([90.0, 89.0, 90.5, 88.0, 89.5, 88.5], ceiling=100)
    assert fit.half_life == math.inf
    assert fit.ci_high == math.inf


# Errors name the argument.


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: compound(-1.0, 5), "rate must be .* greater than -1"),
        (lambda: compound(-1.5, 5), "rate"),
        (lambda: compound(0.01, -1), "periods .*negative"),
        (lambda: compound(0.01, 2.5), "periods must be a whole number"),
        (lambda: compound("1%", 5), "rate must be a number"),
        (lambda: compound(0.01, 5, start=math.nan), "start must be a number"),
        (lambda: iterations_to_target(-1, 2), "rate"),
        (lambda: iterations_to_target(0.01, 0.5), "rate must be negative"),
        (lambda: iterations_to_target(0.0, 2), "never gets there"),
        (lambda: iterations_to_target(0.01, -2), "target must be a positive number"),
        (lambda: iterations_to_target(0.01, 2, start=0), "start must be a positive number"),
        (lambda: doubling_time(0.0), "rate must be positive"),
        (lambda: doubling_time(-2), "rate"),
        (lambda: learning_curve(0, 0.8, 4), "first"),
        (lambda: learning_curve(50, 1.2, 4), "learning_rate must be in"),
        (lambda: learning_curve(50, 0.8, 0), "units"),
        (lambda: learning_curve(50, 0.8, []), "units is empty"),
        (lambda: learning_curve(50, 0.8, [0.5, 2]), "units must all be"),
        (
            lambda: gap_closing(95, ceiling=90, half_life=3, periods=6),
            "ceiling 90 is not above start 95",
        ),
        (lambda: gap_closing(90, ceiling=100, half_life=0, periods=6), "half_life"),
        (lambda: gap_closing(90, ceiling=100, half_life=3, periods=-1), "periods"),
        (lambda: half_life_to_reach(90, 100, ceiling=100, periods=6), "target must be above"),
        (lambda: half_life_to_reach(90, 85, ceiling=100, periods=6), "target must be above"),
        (lambda: half_life_to_reach(90, 95, ceiling=80, periods=6), "ceiling 80 is below start"),
        (lambda: half_life_to_reach(90, 95, ceiling=100, periods=0), "periods"),
        (lambda: big_bang_vs_iterative(step=-1), "step"),
        (lambda: big_bang_vs_iterative(rate=-2), "rate"),
        (lambda: big_bang_vs_iterative(half_life=3, time_constant=4), "half_life or time_constant"),
        (lambda: big_bang_vs_iterative(half_life=-3), "half_life"),
        (lambda: big_bang_vs_iterative(time_constant=0), "time_constant"),
        (lambda: big_bang_vs_iterative(backsliding=1.0), "backsliding"),
        (lambda: big_bang_vs_iterative(delay=-1), "delay"),
        (lambda: big_bang_vs_iterative(periods=-4), "periods"),
        (lambda: simulate(rate=-1), "rate"),
        (lambda: simulate(rate_sd=-0.1), "rate_sd"),
        (lambda: simulate(periods=-1), "periods"),
        (lambda: simulate(paths=0), "paths"),
        (lambda: simulate(setback_prob=1.5), "setback_prob"),
        (lambda: simulate(setback_size=1.0), "setback_size"),
        (lambda: simulate(percentiles=[50, 101]), "percentiles"),
        (lambda: simulate(percentiles=[]), "percentiles"),
        (lambda: simulate(distribution="cauchy"), "distribution"),
        (lambda: simulate(seed=1, rng=np.random.default_rng(1)), "seed or rng"),
        (lambda: fit_rate([]), "series is empty"),
        (lambda: fit_rate(pd.Series([], dtype=float)), "series is empty"),
        (lambda: fit_rate(["a", "b", "c"]), "series must be numeric"),
        (lambda: fit_rate(pd.Series([True, False, True])), "series must be numeric"),
        (lambda: fit_rate([1.0, 2.0]), "at least 3"),
        (lambda: fit_rate([1.0, 2.0, np.nan, np.nan]), "at least 3"),
        (lambda: fit_rate([1.0, 0.0, 2.0]), "series must be positive"),
        (lambda: fit_rate([1.0, 2.0, 3.0], confidence=0.8), "confidence"),
        (lambda: fit_rate(pd.DataFrame({"a": [1, 2, 3]})), r"columns \['a'\]"),
        (lambda: fit_half_life([90, 95, 100], ceiling=100), "ceiling 100 must be above"),
        (lambda: fit_half_life([90, 95, 97], ceiling=math.inf), "ceiling"),
    ],
)
def test_impossible_input_names_the_argument(call, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


# Properties (hypothesis). No deadlines: the machine is shared and timing is not under test.

rates = st.floats(min_value=-0.5, max_value=0.5).filter(lambda r: abs(r) >= 1e-3)
starts = st.floats(min_value=0.1, max_value=1_000)


@settings(deadline=None)
@given(rate=st.floats(min_value=1e-4, max_value=1.0), periods=st.integers(1, 300), start=starts)
def test_positive_rates_increase_monotonically(rate: float, periods: int, start: float) -> None:
    values = compound(rate, periods, start=start).to_numpy()
    assert np.all(np.diff(values) > 0)
    assert np.all(np.diff(compound(-rate / (1 + rate), periods, start=start).to_numpy()) < 0)


@settings(deadline=None)
@given(rate=rates, periods=st.integers(0, 400), start=starts)
def test_iterations_to_target_inverts_compound(rate: float, periods: int, start: float) -> None:
    end = float(compound(rate, periods, start=start).iloc[-1])
    assume(end > 0)
    assert iterations_to_target(rate, end, start=start) == pytest.approx(
        periods, abs=1e-6 * max(1, periods)
    )


@settings(deadline=None)
@given(rate=st.floats(min_value=1e-3, max_value=1.0))
def test_doubling_time_is_where_compound_passes_two(rate: float) -> None:
    n = doubling_time(rate)
    trajectory = compound(rate, math.ceil(n) + 1)
    assert trajectory.loc[math.ceil(n)] >= 2 * (1 - 1e-12)
    if math.floor(n) < n:
        assert trajectory.loc[math.floor(n)] < 2


@settings(deadline=None, max_examples=60)
@given(rate=st.floats(min_value=-0.3, max_value=0.3), n=st.integers(3, 200), start=starts)
def test_fit_rate_recovers_the_rate_of_a_generated_series(
    rate: float, n: int, start: float
) -> None:
    fit = fit_rate(compound(rate, n - 1, start=start))
    assert fit.rate == pytest.approx(rate, abs=1e-9)
    assert fit.ci_low <= fit.rate + 1e-9
    assert fit.ci_high >= fit.rate - 1e-9


@settings(deadline=None)
@given(
    start=st.floats(min_value=0, max_value=99),
    gap=st.floats(min_value=0.1, max_value=100),
    half_life=st.floats(min_value=0.1, max_value=100),
    periods=st.integers(1, 200),
)
def test_half_life_to_reach_inverts_gap_closing(
    start: float, gap: float, half_life: float, periods: int
) -> None:
    ceiling = start + gap
    target = float(
        gap_closing(start, ceiling=ceiling, half_life=half_life, periods=periods).iloc[-1]
    )
    remaining = (ceiling - target) / (ceiling - start)
    assume(1e-9 < remaining < 1 - 1e-6)
    assert half_life_to_reach(start, target, ceiling=ceiling, periods=periods) == pytest.approx(
        half_life, rel=1e-4
    )


@settings(deadline=None)
@given(
    start=st.floats(min_value=0, max_value=100),
    gap=st.floats(min_value=1e-6, max_value=100),  # no gap: refused (nothing to close)
    half_life=st.floats(min_value=0.1, max_value=100),
    periods=st.integers(0, 100),
)
def test_gap_closing_rises_toward_but_never_past_the_ceiling(
    start: float, gap: float, half_life: float, periods: int
) -> None:
    ceiling = start + gap
    values = gap_closing(start, ceiling=ceiling, half_life=half_life, periods=periods).to_numpy()
    assert np.all(np.diff(values) >= -1e-12)
    assert np.all(values <= ceiling + 1e-9)
    assert values[0] == pytest.approx(start)


@settings(deadline=None)
@given(learning_rate=st.floats(min_value=0.5, max_value=1.0), units=st.integers(1, 200))
def test_learning_curve_never_rises(learning_rate: float, units: int) -> None:
    assert np.all(np.diff(learning_curve(10.0, learning_rate, units).to_numpy()) <= 1e-12)


@settings(max_examples=25, deadline=None)
@given(
    rate=st.floats(min_value=-0.05, max_value=0.05),
    rate_sd=st.floats(min_value=0, max_value=0.05),
    setback_prob=st.floats(min_value=0, max_value=1),
    seed=st.integers(0, 2**32 - 1),
)
def test_simulated_bands_stay_ordered(
    rate: float, rate_sd: float, setback_prob: float, seed: int
) -> None:
    bands = simulate(
        rate=rate, rate_sd=rate_sd, setback_prob=setback_prob, periods=8, paths=300, seed=seed
    )
    values = bands[["p5", "p25", "p50", "p75", "p95"]].to_numpy()
    assert np.all(np.diff(values, axis=1) >= 0)
    assert np.all(values > 0)


# The docstring examples and the quiz bank's numbers.


def test_docstring_examples_run() -> None:
    # The package re-exports its themed modules' names; each module holds its own examples.
    attempted = failed = 0
    for info in pkgutil.iter_modules(improvement.__path__, f"{improvement.__name__}."):
        result = doctest.testmod(
            importlib.import_module(info.name), optionflags=doctest.NORMALIZE_WHITESPACE
        )
        attempted += result.attempted
        failed += result.failed
    assert attempted > 10
    assert failed == 0


def _bank() -> dict[str, dict]:
    bank = yaml.safe_load((quizzes_dir() / "02-compound-improvement.yaml").read_text("utf-8"))
    return {question["id"]: question for question in bank["questions"]}


def test_quiz_numeric_answers_come_from_the_models() -> None:
    bank = _bank()
    month_gap_rate = 0.5 ** (1 / 3) - 1  # a gap halving every 3 months, per month
    big_bang = big_bang_vs_iterative(step=0.2, rate=0.01, half_life=13, periods=104)
    expected = {
        "one-percent-a-day": float(compound(0.01, 365).iloc[-1]),
        "one-percent-worse": float(compound(-0.01, 365).iloc[-1]),
        "doubling-weeks": doubling_time(0.01),
        "break-even-week": big_bang.break_even,
        "gap-half-life": float(gap_closing(90, ceiling=100, half_life=3, periods=6).iloc[-1]),
        "months-to-98": iterations_to_target(month_gap_rate, 2, start=10),
        "half-life-for-a-year": half_life_to_reach(90, 98, ceiling=100, periods=12),
        "wright-eighth": float(learning_curve(50, 0.8, [8]).iloc[0]),
    }
    numeric = {qid for qid, question in bank.items() if question["type"] == "numeric"}
    assert numeric == set(expected)
    for question_id, value in expected.items():
        question = bank[question_id]
        assert question["answer"] == pytest.approx(value, abs=question["tolerance"] / 2), (
            question_id
        )
    assert big_bang.level_crossing == 11  # the distractor and the explanations quote it


def test_quiz_choice_answers_agree_with_the_models() -> None:
    bank = _bank()
    week = compound(0.01, 52).iloc[-1]
    correct = [o["text"] for o in bank["one-percent-week"]["options"] if o.get("correct")]
    assert correct == [f"{week:.2f}"]
    assert doubling_time(0.03, exact=False) == 24
    # ordering: levels after 52 weeks, highest first, as the items are written
    level = {
        "better": week,
        "big-bang": big_bang_vs_iterative(step=0.2, half_life=13, periods=52)
        .trajectories["big_bang"]
        .iloc[-1],
        "nothing": 1.0,
        "worse": compound(-0.01, 52).iloc[-1],
    }
    items = [item["id"] for item in bank["after-a-year"]["items"]]
    assert items == sorted(level, key=level.__getitem__, reverse=True)
    # fan chart: the lesson's simulation, median near 1.29 and the 5th percentile below 1
    bands = simulate(rate=0.01, rate_sd=0.01, setback_prob=0.05, setback_size=0.1, seed=2)
    assert bands.loc[52, "p50"] == pytest.approx(1.29, abs=0.01)
    assert bands.loc[52, "p5"] == pytest.approx(0.93, abs=0.01)
    assert (bands["p95"] - bands["p5"]).is_monotonic_increasing
