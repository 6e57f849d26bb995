"""Numeric entry points check their domain and name the argument that is wrong."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import toolkit


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("change_failure_rate", -5, "must be a finite number >= 0, got -5"),
        ("change_failure_rate", 5, "a change_failure_rate is a share from 0 to 1"),
        ("time_to_restore", float("inf"), "must be a finite number >= 0, got inf"),
    ],
)
def test_dora_level_refuses_values_outside_its_domain(key: str, value: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        toolkit.dora_level(key, value)


def test_dora_level_still_rates_real_values() -> None:
    assert toolkit.dora_level("change_failure_rate", 0.08) == "high"


def test_simulate_refuses_a_size_that_would_exhaust_memory() -> None:
    with pytest.raises(ValueError, match=r"lower paths \(got 1,000,000,000\)"):
        toolkit.simulate(paths=1_000_000_000)


@pytest.mark.parametrize("values", [[1e308, -1e308] * 7, [1.7e307, 0.0] * 7])
def test_xmr_limits_that_overflow_are_a_named_error(values: list[float]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="the limits of 'v' overflow"):
            toolkit.xmr(pd.DataFrame({"v": values}), value="v")


def test_value_effort_quadrants_leave_nan_and_inf_rows_unrated() -> None:
    ideas = pd.DataFrame(
        {"business_value": [1.0, np.nan, 5.0, np.inf], "effort": [1.0, 2.0, np.nan, 3.0]}
    )
    result = toolkit.value_effort_quadrants(ideas, value_split=2, effort_split=2)
    labels = dict(zip(result.index, result["quadrant"], strict=True))
    assert labels[0] == "fill-in"
    assert [labels[1], labels[2], labels[3]] == ["not scored"] * 3


# --- the public surface: every numeric entry point names its bad argument -------------------

NAN = float("nan")
INF = float("inf")


def _changes() -> pd.DataFrame:
    return toolkit.load_changes()


def _incidents() -> pd.DataFrame:
    return toolkit.load_incidents()


def _survey() -> pd.DataFrame:
    return toolkit.load_survey()


def _run() -> pd.DataFrame:
    return pd.DataFrame({"v": [float(n % 7) for n in range(30)]})


def _ideas() -> pd.DataFrame:
    return pd.DataFrame({"business_value": [1.0, 5.0], "effort": [2.0, 1.0]})


def _tribes() -> pd.DataFrame:
    return toolkit.load_tribal_audit_sample()


#: (entry point, a bad call, what the message must name). Every public function in
#: ``toolkit.__all__`` that takes a number appears here at least once.
BAD_CALLS: list[tuple[str, object, str]] = [
    ("compound", lambda: toolkit.compound(rate=NAN, periods=10), "rate"),
    ("compound", lambda: toolkit.compound(rate=-1.5, periods=10), "rate"),
    ("compound", lambda: toolkit.compound(rate=0.01, periods=-1), "periods"),
    (
        "compound",
        lambda: toolkit.compound(rate=0.01, periods=2.5),
        "periods",
    ),
    ("compound", lambda: toolkit.compound(rate=0.01, periods=10, start=INF), "start"),
    ("doubling_time", lambda: toolkit.doubling_time(NAN), "rate"),
    ("doubling_time", lambda: toolkit.doubling_time(-0.5), "rate"),
    ("iterations_to_target", lambda: toolkit.iterations_to_target(NAN, 2.0), "rate"),
    ("iterations_to_target", lambda: toolkit.iterations_to_target(0.01, -2.0), "target"),
    ("iterations_to_target", lambda: toolkit.iterations_to_target(0.01, 2.0, start=NAN), "start"),
    (
        "gap_closing",
        lambda: toolkit.gap_closing(0.5, ceiling=0.4, half_life=2, periods=5),
        "ceiling",
    ),
    (
        "gap_closing",
        lambda: toolkit.gap_closing(0.5, ceiling=0.5, half_life=2, periods=5),
        "ceiling",
    ),
    ("gap_closing", lambda: toolkit.gap_closing(NAN, ceiling=1.0, half_life=2, periods=5), "start"),
    (
        "gap_closing",
        lambda: toolkit.gap_closing(0.5, ceiling=1.0, half_life=0, periods=5),
        "half_life",
    ),
    (
        "gap_closing",
        lambda: toolkit.gap_closing(0.5, ceiling=1.0, half_life=2, periods=-1),
        "periods",
    ),
    (
        "half_life_to_reach",
        lambda: toolkit.half_life_to_reach(NAN, 0.9, ceiling=1.0, periods=10),
        "start",
    ),
    (
        "half_life_to_reach",
        lambda: toolkit.half_life_to_reach(0.5, 0.9, ceiling=1.0, periods=0),
        "periods",
    ),
    (
        "half_life_to_reach",
        lambda: toolkit.half_life_to_reach(0.5, 0.9, ceiling=INF, periods=10),
        "ceiling",
    ),
    ("learning_curve", lambda: toolkit.learning_curve(10, 1.5, 5), "learning_rate"),
    ("learning_curve", lambda: toolkit.learning_curve(10, 0.0, 5), "learning_rate"),
    ("learning_curve", lambda: toolkit.learning_curve(10, NAN, 5), "learning_rate"),
    ("learning_curve", lambda: toolkit.learning_curve(NAN, 0.8, 5), "first"),
    ("learning_curve", lambda: toolkit.learning_curve(10, 0.8, -1), "units"),
    ("simulate", lambda: toolkit.simulate(paths=100_000, periods=100_000), "paths"),
    ("simulate", lambda: toolkit.simulate(rate=NAN), "rate"),
    ("simulate", lambda: toolkit.simulate(rate_sd=-0.1), "rate_sd"),
    ("simulate", lambda: toolkit.simulate(periods=-1), "periods"),
    ("simulate", lambda: toolkit.simulate(paths=0), "paths"),
    ("simulate", lambda: toolkit.simulate(setback_prob=1.5), "setback_prob"),
    ("simulate", lambda: toolkit.simulate(setback_prob=NAN), "setback_prob"),
    ("simulate", lambda: toolkit.simulate(start=INF), "start"),
    ("simulate", lambda: toolkit.simulate(percentiles=(50.0, 150.0)), "percentiles"),
    ("big_bang_vs_iterative", lambda: toolkit.big_bang_vs_iterative(step=NAN), "step"),
    ("big_bang_vs_iterative", lambda: toolkit.big_bang_vs_iterative(rate=INF), "rate"),
    ("big_bang_vs_iterative", lambda: toolkit.big_bang_vs_iterative(periods=-1), "periods"),
    ("big_bang_vs_iterative", lambda: toolkit.big_bang_vs_iterative(delay=-1), "delay"),
    (
        "big_bang_vs_iterative",
        lambda: toolkit.big_bang_vs_iterative(backsliding=1.5),
        "backsliding",
    ),
    ("fit_rate", lambda: toolkit.fit_rate([1.0, 1.1, 1.2, 1.3], confidence=1.5), "confidence"),
    (
        "fit_half_life",
        lambda: toolkit.fit_half_life([0.1, 0.3, 0.5, 0.6], ceiling=NAN),
        "ceiling",
    ),
    (
        "fit_half_life",
        lambda: toolkit.fit_half_life([0.1, 0.3, 0.5, 0.6], ceiling=1.0, confidence=0),
        "confidence",
    ),
    ("wsjf", lambda: toolkit.wsjf(NAN, 1, 1, 1), "business_value"),
    ("wsjf", lambda: toolkit.wsjf(1, 1, 1, 0), "job_size"),
    ("wsjf", lambda: toolkit.wsjf(1, -1, 1, 1), "time_criticality"),
    ("anhoej_thresholds", lambda: toolkit.anhoej_thresholds(-1), "n"),
    ("dora_level", lambda: toolkit.dora_level("change_failure_rate", INF), "value"),
    ("dora_bands", lambda: toolkit.dora_bands(1900), "year"),
    ("governance_route_map", lambda: toolkit.governance_route_map(scale=9), "scale"),
    (
        "suggest_governance_route",
        lambda: toolkit.suggest_governance_route(risk=9, novelty=1, scale=1),
        "risk",
    ),
    ("suggest_formats", lambda: toolkit.suggest_formats("mid_task", minutes=NAN), "minutes"),
    ("format_advice", lambda: toolkit.format_advice("mid_task", minutes=-5), "minutes"),
    ("csat", lambda: toolkit.csat(_survey(), scale=0), "scale"),
    ("csat", lambda: toolkit.csat(_survey(), min_responses=-1), "min_responses"),
    ("nps", lambda: toolkit.nps(_survey(), min_responses=-1), "min_responses"),
    ("happiness", lambda: toolkit.happiness(_survey(), min_responses=-1), "min_responses"),
    ("change_failure_rate", lambda: toolkit.change_failure_rate(_changes(), target=1.5), "target"),
    ("change_success_rate", lambda: toolkit.change_success_rate(_changes(), target=NAN), "target"),
    ("time_to_resolve", lambda: toolkit.time_to_resolve(_incidents(), q=1.5), "q"),
    ("sla_compliance", lambda: toolkit.sla_compliance(_incidents(), target=NAN), "target"),
    (
        "watermelon",
        lambda: toolkit.watermelon(_incidents(), survey=_survey(), sla_target=1.5),
        "sla_target",
    ),
    (
        "watermelon",
        lambda: toolkit.watermelon(_incidents(), survey=_survey(), min_responses=-1),
        "min_responses",
    ),
    ("tribal_audit", lambda: toolkit.tribal_audit(_tribes(), low_openness=NAN), "low_openness"),
    (
        "value_effort_quadrants",
        lambda: toolkit.value_effort_quadrants(_ideas(), value_split=NAN),
        "value_split",
    ),
    ("run_chart", lambda: toolkit.run_chart(_run(), value="v", baseline=-1), "baseline"),
    ("xmr", lambda: toolkit.xmr(_run(), value="v", fix_after=-1), "fix_after"),
    ("xmr", lambda: toolkit.xmr(_run(), value="v", target=NAN), "target"),
    (
        "xmr_summary",
        lambda: toolkit.xmr_summary(toolkit.xmr(_run(), value="v"), target=INF),
        "target",
    ),
    ("csf_assessment", lambda: toolkit.csf_assessment({"baseline": 2}, target=NAN), "target"),
    ("course_challenge", lambda: toolkit.course_challenge(0), "n"),
    ("generate_datasets", lambda: toolkit.generate_datasets(incidents=-1), "incidents"),
    (
        "journey_from_survey",
        lambda: toolkit.journey_from_survey(_survey(), min_responses=-1),
        "min_responses",
    ),
    ("table", lambda: toolkit.table(_ideas(), decimals=1.5), "decimals"),
    (
        "dora_four_keys",
        lambda: toolkit.dora_four_keys(toolkit.load_deployments(), window_days=-1),
        "window_days",
    ),
]


@pytest.mark.parametrize(
    ("entry_point", "call", "argument"),
    BAD_CALLS,
    ids=[f"{name}-{n}" for n, (name, _, _) in enumerate(BAD_CALLS)],
)
def test_each_numeric_entry_point_names_its_bad_argument(
    entry_point: str, call: object, argument: str
) -> None:
    assert entry_point in toolkit.__all__
    with pytest.raises(ValueError, match=rf"\b{argument}\b") as caught:
        call()  # type: ignore[operator]
    allowed = ("must", "between", "expected", "range", "at least", "at most", "lower", "available")
    assert any(word in str(caught.value) for word in allowed), str(caught.value)  # the range
