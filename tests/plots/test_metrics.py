"""Tests for toolkit.plots.metrics: the artists drawn, not the pixels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

from toolkit.analytics.metrics import change_success_rate, dora_four_keys, watermelon
from toolkit.plots.metrics import (
    BELOW_LABEL,
    TARGET_LABEL,
    plot_change_success,
    plot_dora,
    plot_sla_vs_experience,
    plot_watermelon,
)


@pytest.fixture
def services() -> tuple[pd.DataFrame, pd.DataFrame]:
    """HR: SLA 100%, happiness -50 (watermelon); MAIL: SLA 75%, happiness +50; TINY: 3 answers."""
    incidents = pd.DataFrame(
        {
            "service_id": ["HR"] * 20 + ["MAIL"] * 20,
            "resolve_hours": [1.0] * 35 + [50.0] * 5,
            "sla_target_hours": 8.0,
            "opened_at": pd.to_datetime(["2024-01-02", "2024-02-02"] * 20),
        }
    )
    survey = pd.DataFrame(
        {
            "service_id": ["HR"] * 40 + ["MAIL"] * 40 + ["TINY"] * 3,
            "happiness": [2] * 30 + [10] * 10 + [10] * 30 + [5] * 10 + [10] * 3,
            "responded_at": pd.to_datetime(["2024-01-03"] * 83),
        }
    )
    return incidents, survey


def _texts(ax: plt.Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def test_watermelon_chart_marks_the_watermelon_by_shape_and_text(
    services: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    incidents, survey = services
    ax = plot_watermelon(watermelon(incidents, survey=survey))
    collections = {c.get_label(): c for c in ax.collections if isinstance(c, PathCollection)}
    assert set(collections) == {"watermelon", "reverse watermelon"}
    np.testing.assert_allclose(collections["watermelon"].get_offsets(), [[100.0, -50.0]])
    np.testing.assert_allclose(collections["reverse watermelon"].get_offsets(), [[75.0, 50.0]])
    texts = _texts(ax)
    assert "HR  <- watermelon" in texts
    assert "MAIL" in texts
    assert any("WATERMELON" in text for text in texts)  # the quadrant label
    assert any(text.startswith("Not enough data to place: TINY") for text in texts)
    assert ax.lines[0].get_label() == TARGET_LABEL
    assert ax.lines[0].get_xdata()[0] == pytest.approx(95.0)
    assert ax.lines[1].get_ydata()[0] == pytest.approx(0.0)
    assert "%" in ax.get_xlabel()


def test_watermelon_chart_draws_on_a_given_axes(
    services: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    incidents, survey = services
    _, given = plt.subplots()
    ax = plot_watermelon(watermelon(incidents, survey=survey), sla_target=0.7, ax=given)
    assert ax is given
    assert ax.lines[0].get_xdata()[0] == pytest.approx(70.0)


def test_change_success_chart_draws_the_bar_and_the_misses() -> None:
    changes = pd.DataFrame(
        {
            "outcome": ["successful"] * 10 + ["successful"] * 9 + ["failed"],
            "implemented_at": pd.to_datetime(["2024-01-10"] * 10 + ["2024-02-10"] * 10),
        }
    )
    ax = plot_change_success(change_success_rate(changes, freq="M"))
    bar, rate, below = ax.lines[0], ax.lines[1], ax.lines[2]
    assert bar.get_label() == TARGET_LABEL
    assert list(bar.get_ydata()) == [pytest.approx(98.0)] * 2
    np.testing.assert_allclose(rate.get_ydata(), [100.0, 90.0])
    assert below.get_label() == BELOW_LABEL
    assert below.get_marker() == "v"
    np.testing.assert_allclose(below.get_ydata(), [90.0])
    assert " 98% bar" in _texts(ax)
    assert "%" in ax.get_ylabel()


def test_change_success_chart_one_line_per_group() -> None:
    changes = pd.DataFrame(
        {
            "outcome": ["successful", "failed", "successful", "successful"],
            "change_type": ["normal", "normal", "standard", "standard"],
            "implemented_at": pd.to_datetime(["2024-01-10", "2024-02-10"] * 2),
        }
    )
    ax = plot_change_success(change_success_rate(changes, by="change_type", freq="M"))
    labels = [line.get_label() for line in ax.lines]
    assert "normal" in labels
    assert "standard" in labels
    normal = ax.lines[labels.index("normal")]
    standard = ax.lines[labels.index("standard")]
    assert normal.get_marker() != standard.get_marker()
    np.testing.assert_allclose(normal.get_ydata(), [100.0, 0.0])


def test_dora_chart_puts_a_star_in_each_reached_band() -> None:
    committed = pd.to_datetime(["2025-01-01 08:00", "2025-01-03 08:00", "2025-01-05 08:00"])
    deployed = committed + pd.to_timedelta([2, 10, 30], unit="h")
    deployments = pd.DataFrame(
        {
            "committed_at": committed,
            "deployed_at": deployed,
            "failed": [False, True, False],
            "restored_at": [pd.NaT, deployed[1] + pd.Timedelta(minutes=30), pd.NaT],
        }
    )
    table = dora_four_keys(deployments)
    ax = plot_dora(table)
    stars = ax.lines[0]
    assert stars.get_marker() == "*"
    # columns: 0 low, 1 medium, 2 high, 3 elite; rows: 3 deployment frequency ... 0 restore
    # deployment days per week 2 (30 Dec-5 Jan) and 1 (6 Jan) -> median 1.5 -> high;
    # lead time median 10 h -> elite;
    # 1 failure in 3 -> low; restored in 0.5 h -> elite
    np.testing.assert_allclose(np.asarray(stars.get_xdata()) + 0.38, [2, 3, 0, 3])
    np.testing.assert_allclose(stars.get_ydata(), [3, 2, 1, 0])
    texts = _texts(ax)
    assert "you: 33.3%" in texts
    assert "you: 10.0 h" in texts
    assert "64%" in texts
    assert "2023" in ax.get_xlabel()


def test_dora_chart_rejects_a_grouped_table() -> None:
    deployments = pd.DataFrame(
        {
            "service_id": ["a"],
            "committed_at": pd.to_datetime(["2025-01-01"]),
            "deployed_at": pd.to_datetime(["2025-01-02"]),
            "failed": [False],
            "restored_at": pd.to_datetime([None]),
        }
    )
    with pytest.raises(ValueError, match=r"plot_dora: the table lacks column\(s\) \['value'"):
        plot_dora(dora_four_keys(deployments, by="service_id"))


def test_sla_vs_experience_chart_for_one_service(
    services: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    incidents, survey = services
    table = watermelon(incidents, survey=survey, freq="M", min_responses=10)
    ax = plot_sla_vs_experience(table, service="HR")
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [100.0, 100.0])
    experience = np.asarray(ax.lines[1].get_ydata(), dtype=float)
    assert experience[0] == pytest.approx(-50.0)
    assert np.isnan(experience[1])  # no answers in February: a gap, not a zero
    assert ax.lines[0].get_marker() != ax.lines[1].get_marker()
    assert "HR" in ax.get_title()


def test_sla_vs_experience_chart_errors(services: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    incidents, survey = services
    with pytest.raises(ValueError, match=r"unknown service='PAY'"):
        plot_sla_vs_experience(watermelon(incidents, survey=survey, freq="M"), service="PAY")
    with pytest.raises(ValueError, match=r"no 'period' level"):
        plot_sla_vs_experience(watermelon(incidents, survey=survey))
    with pytest.raises(ValueError, match=r"lacks column\(s\) \['sla_compliance', 'experience'\]"):
        plot_sla_vs_experience(pd.DataFrame({"x": [1]}))


def test_docstring_examples_run() -> None:
    import doctest

    import toolkit.plots.metrics

    result = doctest.testmod(toolkit.plots.metrics, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
