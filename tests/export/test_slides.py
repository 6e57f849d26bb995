"""Slides show widgets as what they drew, leave code out by default, and fit the frame."""

from __future__ import annotations

import nbformat
import pytest

from tests.export.exported import Exported
from toolkit.export.slides import (
    BUDGET,
    CONTINUED,
    fit_slides,
    freeze_widgets,
    output_height,
)

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"


def _interact_notebook() -> nbformat.NotebookNode:
    chart = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    state = {
        "box": {"model_name": "VBoxModel", "state": {"children": ["IPY_MODEL_s", "IPY_MODEL_o"]}},
        "s": {"model_name": "FloatSliderModel", "state": {"description": "rate", "value": 0.01}},
        "o": {"model_name": "OutputModel", "state": {"outputs": [chart]}},
        "d": {
            "model_name": "DropdownModel",
            "state": {"description": "Team", "_options_labels": ["Red", "Blue"], "index": 1},
        },
    }
    cell = nbformat.v4.new_code_cell("interact(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={VIEW: {"model_id": "box"}}),
        nbformat.v4.new_output("display_data", data={VIEW: {"model_id": "d"}}),
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb.metadata["widgets"] = {STATE: {"state": state}}
    return nb


def test_an_interact_becomes_its_last_chart_and_its_settings() -> None:
    frozen = freeze_widgets(_interact_notebook())
    outputs = frozen.cells[0].outputs
    assert [sorted(o.data) for o in outputs] == [["text/html"], ["image/png"], ["text/html"]]
    assert "rate <b>0.01</b>" in outputs[0].data["text/html"]
    assert outputs[1].data["image/png"] == "iVBORw0KGgo="
    assert "Team <b>Blue</b>" in outputs[2].data["text/html"]
    assert "widgets" not in frozen.metadata
    assert VIEW not in str(frozen)


def test_a_tall_cell_continues_on_a_slide_below() -> None:
    head = nbformat.v4.new_markdown_cell("# Title\n\nShort intro.")
    head.metadata["slideshow"] = {"slide_type": "slide"}
    code = nbformat.v4.new_code_cell("show()")
    code.metadata["slideshow"] = {"slide_type": "-"}
    code.outputs = [nbformat.v4.new_output("stream", text="line\n" * 30) for _ in range(3)]
    fitted = fit_slides(nbformat.v4.new_notebook(cells=[head, code]))
    kinds = [c.metadata["slideshow"]["slide_type"] for c in fitted.cells]
    assert kinds[0] == "slide"
    assert kinds.count("subslide") >= 1
    assert len(fitted.cells) == 4  # the code cell split between its three outputs
    assert [CONTINUED in c.metadata for c in fitted.cells[1:]] == [False, True, True]
    assert len({c.id for c in fitted.cells}) == len(fitted.cells)  # ids stay unique
    nbformat.validate(fitted)


def test_what_fits_stays_on_one_slide() -> None:
    head = nbformat.v4.new_markdown_cell("# Title\n\nShort intro.")
    head.metadata["slideshow"] = {"slide_type": "slide"}
    fitted = fit_slides(nbformat.v4.new_notebook(cells=[head]))
    assert [c.metadata["slideshow"]["slide_type"] for c in fitted.cells] == ["slide"]


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("one\n", 1),
        ("one\ntwo\nthree\n", 3),  # the closing newline starts no line
        ("x" * 170, 3),  # 80 characters a line: 80 + 80 + 10
        ("x" * 160, 2),
    ],
)
def test_text_height_counts_wrapped_lines(text: str, lines: int) -> None:
    # The sizing rule for printed text on a slide: 28 px a line, 20 px of padding.
    expected = 28 * lines + 20
    assert output_height(nbformat.v4.new_output("stream", text=text)) == expected
    assert expected < BUDGET


def test_exported_slides_leave_code_out_and_handouts_keep_it(exported: Exported) -> None:
    slides = (exported.out / "01-why-governance-matters.slides.html").read_text("utf-8")
    handout = (exported.out / "01-why-governance-matters.handout.html").read_text("utf-8")
    editor = 'class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor"'
    assert editor not in slides
    assert editor in handout
    assert 'type="range"' not in slides
    assert VIEW not in slides
