"""Tests for toolkit.plots.register: the value/effort quadrant's artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.plots.register import value_effort_chart

IDEAS = pd.DataFrame(
    {
        "id": ["CI-1", "CI-2", "CI-3", "CI-4", "CI-5"],
        "business_value": [8, 13, 2, 3, np.nan],
        "effort": [2, 30, 1, 20, 4],
    }
)


def test_points_by_quadrant_with_labels_and_splits() -> None:
    ax = value_effort_chart(IDEAS, value_split=5, effort_split=10)
    points = ax.lines[:4]
    assert [line.get_label() for line in points] == [
        "quick win (1)",
        "major project (1)",
        "fill-in (1)",
        "thankless task (1)",
    ]
    assert [line.get_xdata().tolist() for line in points] == [[2.0], [30.0], [1.0], [20.0]]
    assert [line.get_ydata().tolist() for line in points] == [[8.0], [13.0], [2.0], [3.0]]
    assert len({line.get_marker() for line in points}) == 4  # shape, not colour alone
    vertical, horizontal = ax.lines[4:]
    assert list(vertical.get_xdata()) == [10, 10]
    assert list(horizontal.get_ydata()) == [5, 5]
    labels = {t.get_text() for t in ax.texts}
    assert {"CI-1", "CI-2", "CI-3", "CI-4"} <= labels
    assert "CI-5" not in labels
    assert {"QUICK WINS", "MAJOR PROJECTS", "FILL-INS", "THANKLESS TASKS"} <= labels
    assert "1 not scored" in ax.get_title()
    assert ax.get_xlabel() == "effort (person-days)"


def test_median_splits_and_empty_quadrants_skipped() -> None:
    ax = value_effort_chart(IDEAS.iloc[:2])
    # medians: value 10.5, effort 16; CI-1 is a fill-in, CI-2 a major project.
    assert [line.get_label() for line in ax.lines[:-2]] == ["major project (1)", "fill-in (1)"]
    assert list(ax.lines[-2].get_xdata()) == [16.0, 16.0]
    assert ax.get_title() == "Value against effort"


def test_missing_label_column() -> None:
    with pytest.raises(ValueError, match=r"column 'name' \(label\) is not in data"):
        value_effort_chart(IDEAS, label="name")


def test_axes_start_at_zero_effort_and_show_both_splits() -> None:
    ax = value_effort_chart(IDEAS, value_split=50, effort_split=100)
    left, right = ax.get_xlim()
    bottom, top = ax.get_ylim()
    assert left == 0.0
    assert right >= 100
    assert top >= 50
    assert bottom <= 2
