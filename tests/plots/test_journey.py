"""The journey curve: the artists drawn, and marks made by shape and words, not colour alone."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from toolkit.analytics.journey import Journey, Moment, touch_points
from toolkit.plots.journey import CURVE_LABEL, PAIN_LABEL, TRUTH_LABEL, plot_journey


def journey() -> Journey:
    return Journey(
        "Laptop fix",
        [
            Moment("find", 7, channel="intranet", touch_points=touch_points(tool="Intranet")),
            Moment("wait", 3, channel="email", touch_points=touch_points(process="Updates")),
            Moment("fixed", 9, touch_points=touch_points(people="Engineer", place="Desk")),
        ],
        measure="Mean happiness",
    )


def line(ax: plt.Axes, label: str) -> plt.Line2D:
    found = [artist for artist in ax.lines if artist.get_label() == label]
    assert len(found) == 1, [artist.get_label() for artist in ax.lines]
    return found[0]


def texts(ax: plt.Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def test_the_curve_runs_through_the_moments_in_order() -> None:
    ax = plot_journey(journey())
    curve = ax.lines[0]
    assert curve.get_label() == CURVE_LABEL
    assert list(curve.get_xdata()) == [0, 1, 2]
    assert list(curve.get_ydata()) == [7.0, 3.0, 9.0]
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        "Find\n(intranet)",
        "Wait\n(email)",
        "Fixed",
    ]
    assert ax.get_ylabel() == "Mean happiness (0 to 10)"
    assert "Moment" in ax.get_xlabel()
    assert ax.get_title() == "Laptop fix"


def test_the_threshold_is_a_dashed_line_with_its_value_in_words() -> None:
    ax = plot_journey(journey(), threshold=6)
    threshold = ax.lines[1]
    assert list(threshold.get_ydata()) == [6, 6]
    assert threshold.get_linestyle() == "--"
    assert "pain threshold 6" in texts(ax)


def test_pain_points_are_triangles_with_words() -> None:
    ax = plot_journey(journey(), threshold=8)
    pains = line(ax, PAIN_LABEL)
    assert pains.get_marker() == "v"
    assert list(pains.get_xdata()) == [0, 1]
    assert list(pains.get_ydata()) == [7.0, 3.0]
    assert texts(ax).count("pain point") == 2


def test_moments_of_truth_are_hollow_diamonds_with_words() -> None:
    ax = plot_journey(journey())  # the largest drop: find -> wait
    truths = line(ax, TRUTH_LABEL)
    assert truths.get_marker() == "D"
    assert truths.get_markerfacecolor() == "none"
    assert list(truths.get_xdata()) == [1]
    assert texts(ax).count("first moment to fix") == 1
    chosen = plot_journey(journey(), moments_of_truth=["find", "fixed"])
    assert list(line(chosen, TRUTH_LABEL).get_xdata()) == [0, 2]


def test_a_journey_without_pain_or_truth_draws_no_markers_for_them() -> None:
    rising = Journey("Up", [Moment("a", 6), Moment("b", 8)])
    ax = plot_journey(rising)
    labels = [artist.get_label() for artist in ax.lines]
    assert PAIN_LABEL not in labels
    assert TRUTH_LABEL not in labels
    assert "pain point" not in texts(ax)


def test_the_legend_names_every_mark() -> None:
    ax = plot_journey(journey(), threshold=5)
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == [
        CURVE_LABEL,
        "pain threshold",
        PAIN_LABEL,
        TRUTH_LABEL,
    ]


def test_touch_points_are_written_under_each_moment() -> None:
    ax = plot_journey(journey())
    minor = [label.get_text() for label in ax.get_xticklabels(minor=True)]
    assert minor == ["tool: Intranet", "process: Updates", "people: Engineer\nplace: Desk"]
    bare = plot_journey(journey(), annotate_touch_points=False)
    assert [label.get_text() for label in bare.get_xticklabels(minor=True)] == []


def test_scores_are_written_beside_their_points() -> None:
    assert {"7", "3", "9"} <= set(texts(plot_journey(journey())))


def test_it_draws_on_a_given_axes() -> None:
    _, ax = plt.subplots()
    assert plot_journey(journey(), ax=ax) is ax


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="plot_journey needs a Journey"):
        plot_journey({"a": 1})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="has no moment 'lunch'"):
        plot_journey(journey(), moments_of_truth=["lunch"])
    with pytest.raises(ValueError, match="threshold must be a number"):
        plot_journey(journey(), threshold="high")  # type: ignore[arg-type]
