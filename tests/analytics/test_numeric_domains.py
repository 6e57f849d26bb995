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
