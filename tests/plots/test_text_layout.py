"""No chart a lesson draws has text on text, or text that leaves the figure.

Every chart in :mod:`tests.plots.lesson_charts` (the lessons' own calls, at slider defaults
and extremes) is drawn, and matplotlib's own bounding boxes (``get_window_extent`` after
``canvas.draw()``) are compared: no two visible text artists (titles, axis labels, tick
labels, annotations, legends) overlap, and every one lies inside the figure as a notebook
shows it (the inline backend saves with ``bbox_inches="tight"``, so the picture grows to
its text; it may grow by half at most).
"""

from __future__ import annotations

import itertools

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from tests.plots.lesson_charts import CASES

#: Pixels of slack: anti-aliasing and font hinting make touching boxes overlap by a hair.
SLACK = 1.0


def _boxes(figure: Figure) -> list[tuple[str, Bbox, object]]:
    """Every drawn, non-empty text artist and legend with its box in display pixels."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    found: list[tuple[str, Bbox, object]] = []
    legends = [a for a in figure.findobj(Legend) if a.get_visible()]
    skip = {id(t) for legend in legends for t in legend.findobj(Text)}
    for legend in legends:
        found.append(("legend", legend.get_window_extent(renderer), legend))
    # matplotlib keeps spare tick labels (outside the view, or left from an earlier draw)
    # that it never draws; only the ticks ``_update_ticks`` returns are drawn.
    for ax in figure.axes:
        for axis in ax._axis_map.values():
            drawn = {id(tick) for tick in axis._update_ticks()}
            for tick in axis.majorTicks + axis.minorTicks:
                if id(tick) not in drawn:
                    skip.update({id(tick.label1), id(tick.label2)})
    for text in figure.findobj(Text):
        if id(text) in skip or not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if box.width < 1 or box.height < 1:
            continue
        found.append((repr(text.get_text()), box, text))
    return found


def _overlap(a: Bbox, b: Bbox) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > SLACK and min(a.y1, b.y1) - max(a.y0, b.y0) > SLACK


def text_problems(figure: Figure) -> list[str]:
    """Return every overlap of two texts and every text outside the figure, in words."""
    boxes = _boxes(figure)
    # The figure as a notebook shows it: the inline backend saves with bbox_inches="tight",
    # so the picture is the figure grown to its artists, at most half as wide again.
    renderer = figure.canvas.get_renderer()
    frame = Bbox.union(
        [figure.bbox, figure.get_tightbbox(renderer).transformed(figure.dpi_scale_trans)]
    )
    problems_of_size = []
    if frame.width > 1.5 * figure.bbox.width or frame.height > 1.5 * figure.bbox.height:
        problems_of_size.append(
            f"the picture is {frame.width:.0f}x{frame.height:.0f} px for a "
            f"{figure.bbox.width:.0f}x{figure.bbox.height:.0f} px figure: text is flung off it"
        )
    problems = [
        f"{name} leaves the figure"
        for name, box, _ in boxes
        if box.x0 < frame.x0 - SLACK
        or box.y0 < frame.y0 - SLACK
        or box.x1 > frame.x1 + SLACK
        or box.y1 > frame.y1 + SLACK
    ]
    problems += problems_of_size
    for (name_a, a, _), (name_b, b, _) in itertools.combinations(boxes, 2):
        if _overlap(a, b):
            problems.append(f"{name_a} overlaps {name_b}")
    return problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_text_overlaps_or_leaves_the_figure(name: str) -> None:
    with mpl.rc_context({"figure.dpi": 100}):
        figure = CASES[name]()
        problems = text_problems(figure)
    assert not problems, f"{name}: " + "; ".join(problems)


def test_the_check_can_fail() -> None:
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    ax.set_title("A title")
    ax.text(0.5, 1.0, "On the title", transform=ax.transAxes, ha="center", va="bottom")
    # Left out of the tight box (as bbox_inches="tight" leaves it out): cut off the picture.
    ax.text(1.3, 0.5, "Off the edge", transform=ax.transAxes).set_in_layout(False)
    problems = text_problems(figure)
    assert any("overlaps" in p for p in problems)
    assert any("'Off the edge' leaves the figure" in p for p in problems)
    ax.text(3.0, 0.5, "Far away", transform=ax.transAxes)
    assert any("flung off" in p for p in text_problems(figure))
