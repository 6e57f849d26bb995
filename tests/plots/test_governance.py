"""Charts for the governance lessons: icon arrays and the route map, checked on their artists."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from toolkit.analytics.governance import GOVERNANCE_ROUTES, governance_route_map
from toolkit.plots.governance import plot_governance_routes, plot_icon_array


def test_icon_array_marks_the_first_ones_with_crosses() -> None:
    ax = plot_icon_array(10, marked=3, marked_label="closed", rest_label="still open")
    circles, crosses = ax.lines
    assert circles.get_marker() == "o"
    assert crosses.get_marker() == "X"
    assert list(crosses.get_xdata()) == [0, 1, 2]
    assert len(circles.get_xdata()) == 7
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["still open", "closed"]


def test_icon_array_lays_out_rows_from_the_top() -> None:
    ax = plot_icon_array(25, per_row=10, title="People")
    (circles,) = ax.lines
    assert len(circles.get_xdata()) == 25
    assert max(circles.get_xdata()) == 9
    assert sorted(set(circles.get_ydata())) == [0, 1, 2]  # three rows, the first at the top
    assert list(circles.get_ydata())[:10] == [2] * 10
    assert ax.get_title() == "People"
    assert ax.get_legend() is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"total": 0}, "total must be a whole number, 1 or more"),
        ({"total": 5, "marked": 6}, r"marked must be from 0 to total \(5\), got 6"),
        ({"total": 5, "per_row": 0}, "per_row must be a whole number, 1 or more"),
        ({"total": 2.5}, "total must be a whole number"),
    ],
)
def test_icon_array_rejects_impossible_counts(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plot_icon_array(**kwargs)  # type: ignore[arg-type]


def test_governance_routes_draws_every_cell_with_its_route_in_words() -> None:
    ax = plot_governance_routes(scale=3)
    grid = ax.images[0].get_array()
    table = governance_route_map(scale=3)
    keys = list(GOVERNANCE_ROUTES)
    assert grid.shape == (5, 5)
    assert grid[0, 0] == keys.index("standard")  # risk 1, novelty 1 (origin lower left)
    assert grid[4, 4] == keys.index(table.loc[5, 5])
    words = [t.get_text() for t in ax.texts]
    assert len(words) == 25
    assert words[0] == "standard"
    assert words.count("board /\npanel") == (table == "board").to_numpy().sum()
    assert ax.get_xlabel().startswith("Novelty")
    assert ax.get_ylabel().startswith("Risk")


def test_governance_routes_outlines_you_are_here() -> None:
    ax = plot_governance_routes(scale=3, urgent=True, risk=2, novelty=4)
    (box,) = ax.patches
    assert box.get_xy() == (3.5, 1.5)
    assert "you are here" in [t.get_text() for t in ax.texts]
    assert ax.get_title() == "Suggested route at scale 3, urgent"


def test_governance_routes_rejects_half_a_position_and_bad_levels() -> None:
    with pytest.raises(ValueError, match="give both risk and novelty"):
        plot_governance_routes(scale=3, risk=2)
    with pytest.raises(ValueError, match="novelty must be a whole number from 1"):
        plot_governance_routes(scale=3, risk=2, novelty=7)
    with pytest.raises(ValueError, match="scale must be a whole number from 1"):
        plot_governance_routes(scale=0)


def test_governance_routes_draws_on_a_given_axes() -> None:
    _, ax = plt.subplots()
    assert plot_governance_routes(scale=1, ax=ax) is ax
