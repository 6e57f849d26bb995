"""Slides that show what the lesson showed, and fit the frame: frozen widgets, split slides.

Two steps turn an executed lesson into slides that a projector can show:

- :func:`freeze_widgets` replaces every widget with what it last showed, as static output:
  an ``interact`` becomes the chart (or table or text) it last drew, read from its Output
  widget's stored state; any other widget becomes its text (HTML, labels, the options of a
  choice, a slider's value). No slider or widget placeholder is left to look alive.
- :func:`fit_slides` estimates how tall each slide's content is and moves what does not fit
  the frame onto a continuation slide below it (a reveal.js sub-slide), splitting a long
  Markdown cell at its paragraphs and a code cell between its outputs. The slides template
  scales down, as a last resort, a slide that is still too tall.

The estimates are in the slide's own pixels (the frame is :data:`FRAME_HEIGHT` tall, with
text at about 20 px), erring on the tall side.
"""

from __future__ import annotations

import base64
import copy
import html
import re
import struct
from typing import Any

import nbformat

#: The reveal.js frame, in slide pixels (the template's ``width`` and ``height``).
FRAME_WIDTH = 960
FRAME_HEIGHT = 700
#: Room for content on one slide (the frame less reveal's margins).
BUDGET = 620
#: The tallest a chart is drawn on a slide (the template's ``img { max-height }``).
IMAGE_MAX_HEIGHT = 460
#: Cell metadata marking a piece of a split cell (its code is not shown again).
CONTINUED = "smlab_continued"

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_CHOICES = {"RadioButtonsModel", "ToggleButtonsModel"}
_VALUES = {
    "DropdownModel",
    "SelectModel",
    "IntSliderModel",
    "FloatSliderModel",
    "FloatLogSliderModel",
    "SelectionSliderModel",
    "IntTextModel",
    "FloatTextModel",
    "BoundedIntTextModel",
    "BoundedFloatTextModel",
    "CheckboxModel",
    "TextModel",
}
_LINE = 34  # px per line of body text
_CHARS = 70  # characters per line of body text


def _state(nb: Any) -> dict[str, Any]:
    widgets = nb.metadata.get("widgets", {}).get(_WIDGET_STATE, {})
    state: dict[str, Any] = widgets.get("state", {})
    return state


def _model_id(reference: Any) -> str:
    return str(reference).removeprefix("IPY_MODEL_")


def _frozen(model_id: str, state: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """Return the outputs and the HTML pieces that the widget ``model_id`` last showed."""
    model = state.get(model_id, {})
    name = model.get("model_name", "")
    values = model.get("state", {})
    if name == "OutputModel":
        return [nbformat.from_dict(o) for o in values.get("outputs", [])], []  # type: ignore[no-untyped-call]
    pieces: list[str] = []
    if name in {"HTMLModel", "HTMLMathModel"} and values.get("value"):
        pieces.append(re.sub(r"<style>.*?</style>", "", str(values["value"]), flags=re.S))
    elif name == "LabelModel" and values.get("value"):
        pieces.append(f"<p>{html.escape(str(values['value']))}</p>")
    elif name in _CHOICES:  # every option is on screen: list them
        description = html.escape(str(values.get("description", "")))
        options = "".join(
            f"<li>{html.escape(str(o))}</li>" for o in values.get("_options_labels", [])
        )
        pieces.append(
            f"<p>{description}</p><ul>{options}</ul>" if description else f"<ul>{options}</ul>"
        )
    elif name in _VALUES:  # one value is on screen: say it
        shown = values.get("value")
        if name in {"SelectionSliderModel", "DropdownModel", "SelectModel"}:
            labels = values.get("_options_labels", [])
            index = values.get("index", 0)
            shown = labels[index] if 0 <= index < len(labels) else ""
        if shown is not None and str(shown) != "":  # an empty box shows nothing
            description = html.escape(str(values.get("description", "")))
            pieces.append(f"<p>{description} <b>{html.escape(str(shown))}</b></p>")
    outputs: list[Any] = []
    for child in values.get("children", []) or []:
        more, text = _frozen(_model_id(child), state)
        if more:  # keep the order: text so far, then the outputs
            outputs.extend(_html_output(piece) for piece in pieces)
            pieces = []
            outputs.extend(more)
        pieces.extend(text)
    return outputs, pieces


def _html_output(markup: str) -> Any:
    return nbformat.v4.new_output(  # type: ignore[no-untyped-call]
        "display_data", data={"text/html": f'<div class="smlab-frozen">{markup}</div>'}
    )


def freeze_widgets(nb: Any) -> Any:
    """Return a copy of ``nb`` whose widgets are replaced by what they last showed.

    An output that displays a widget becomes the outputs of the Output widgets inside it
    (an ``interact``'s last chart) and the text of its other widgets; the notebook's widget
    state is dropped, so the exported page loads no widget renderer and has no dead controls.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        An executed lesson, run with ``store_widget_state``.

    Returns
    -------
    nbformat.NotebookNode
        The copy, without widgets.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data",
    ...     data={"application/vnd.jupyter.widget-view+json": {"model_id": "m"}})]
    >>> nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {
    ...     "m": {"model_name": "LabelModel", "state": {"value": "Hello"}}}}}
    >>> frozen = freeze_widgets(nb)
    >>> frozen.cells[0].outputs[0].data["text/html"], "widgets" in frozen.metadata
    ('<div class="smlab-frozen"><p>Hello</p></div>', False)
    """
    result = copy.deepcopy(nb)
    state = _state(result)
    for cell in result.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(_WIDGET_VIEW)
            if view is None:
                outputs.append(output)
                continue
            more, pieces = _frozen(_model_id(view.get("model_id", "")), state)
            outputs.extend(more)
            # One output per piece of text, so a long form can continue on the next slide.
            outputs.extend(_html_output(piece) for piece in pieces)
        cell.outputs = outputs
    result.metadata.pop("widgets", None)
    return result


def _png_height(data: str) -> int:
    """Return the height in pixels of a base64 PNG (0 if it cannot be read)."""
    try:
        head = base64.b64decode(data[:64] + "=" * (-len(data[:64]) % 4))
        return int(struct.unpack(">I", head[20:24])[0])
    except (ValueError, struct.error):
        return 0


def _text_height(text: str, *, line: int = _LINE, chars: int = _CHARS) -> int:
    lines = sum(max(1, -(-len(row) // chars)) for row in text.splitlines() or [""])
    return lines * line


def _markdown_height(source: str) -> int:
    height = 0
    for block in re.split(r"\n\s*\n", source.strip()):
        if re.match(r"#{1,6}\s", block):
            height += 80 + _text_height(block.split("\n", 1)[1] if "\n" in block else "")
        elif block.lstrip().startswith("|"):
            height += 40 * block.count("\n") + 40
        else:
            height += _text_height(block) + 20
    return height


def _html_height(markup: str) -> int:
    rows = len(re.findall(r"<tr\b", markup))
    images = [
        _png_height(m) for m in re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", markup)
    ]
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)\b.*?</\1>", "", markup, flags=re.S))
    words = len(" ".join(text.split()))
    # A table row wraps: count its text as well as its rows (cells hold about 120 characters
    # a line across the row, at the table's smaller type).
    height = rows * 36 + (words * 18 // 120 if rows else 0)
    height += sum(min(h, IMAGE_MAX_HEIGHT) + 10 for h in images)
    if not rows:
        blocks = len(re.findall(r"<(p|li|br|h\d|div)\b", markup))
        height += max(_text_height(" ".join(text.split())), blocks * 30)
    return height + 20


def output_height(output: Any) -> int:
    """Estimate how tall one output is on a slide, in slide pixels.

    Examples
    --------
    >>> output_height(nbformat.v4.new_output("stream", text="one\\ntwo\\n"))
    76
    """
    if output.get("output_type") == "stream":
        return _text_height(str(output.get("text", "")).rstrip("\n"), line=28, chars=80) + 20
    data = output.get("data", {})
    if "text/html" in data:
        return _html_height(str(data["text/html"]))
    if "image/png" in data:
        return min(_png_height(str(data["image/png"])), IMAGE_MAX_HEIGHT) + 10
    if "text/markdown" in data:
        return _markdown_height(str(data["text/markdown"]))
    if "text/plain" in data:
        return _text_height(str(data["text/plain"]), line=28, chars=80) + 20
    return 0


def _pieces(cell: Any, hide_code: bool) -> list[tuple[Any, int]]:
    """Split ``cell`` into the smallest pieces a slide may break between, with heights."""
    if cell.cell_type == "markdown":
        blocks = [b for b in re.split(r"\n\s*\n", cell.source.strip()) if b.strip()]
        if len(blocks) <= 1 or _markdown_height(cell.source) <= BUDGET:
            return [(cell, _markdown_height(cell.source))]
        result = []
        for number, block in enumerate(blocks):
            piece = copy.deepcopy(cell) if number == 0 else nbformat.v4.new_markdown_cell(block)  # type: ignore[no-untyped-call]
            piece.source = block
            piece.metadata["slideshow"] = dict(cell.metadata.get("slideshow", {}))
            if number:
                piece.metadata["slideshow"]["slide_type"] = "-"
            result.append((piece, _markdown_height(block)))
        return result
    if cell.cell_type != "code":
        return [(cell, 0)]
    code = (
        0
        if hide_code or not cell.source.strip()
        else _text_height(cell.source, line=26, chars=80) + 30
    )
    outputs = cell.get("outputs", [])
    if len(outputs) <= 1:
        return [(cell, code + sum(output_height(o) for o in outputs))]
    result = []
    for number, output in enumerate(outputs):
        piece = copy.deepcopy(cell)
        piece.outputs = [output]
        if number:
            if "id" in cell:
                piece.id = f"{cell.id}-{number}"[:64]
            piece.metadata[CONTINUED] = True
            piece.metadata["slideshow"] = {"slide_type": "-"}
        result.append((piece, (code if number == 0 else 0) + output_height(output)))
    return result


def fit_slides(nb: Any, *, hide_code: bool = True, budget: int = BUDGET) -> Any:
    """Return a copy of ``nb`` (with slide metadata set) where no slide holds more than fits.

    Content that would take a slide past ``budget`` starts a continuation slide (a reveal.js
    sub-slide, below the slide it continues); a piece taller than the budget on its own gets
    a slide of its own.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        A lesson whose cells carry ``slideshow`` metadata (``slide`` or ``-``).
    hide_code : bool
        Whether code is left out (code takes room only when shown).
    budget : int
        Slide pixels of content one slide may hold.

    Returns
    -------
    nbformat.NotebookNode
        The copy, with long cells split and continuation slides marked ``subslide``.

    Examples
    --------
    >>> tall = "\\n\\n".join(["A paragraph of text."] * 30)
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title\\n\\n" + tall)])
    >>> nb.cells[0].metadata["slideshow"] = {"slide_type": "slide"}
    >>> kinds = [c.metadata["slideshow"]["slide_type"] for c in fit_slides(nb).cells]
    >>> kinds[0], "subslide" in kinds
    ('slide', True)
    """
    result = copy.deepcopy(nb)
    cells = []
    used = 0
    for cell in result.cells:
        for piece, height in _pieces(cell, hide_code):
            kind = piece.metadata.get("slideshow", {}).get("slide_type", "-")
            if kind in {"slide", "subslide"}:
                used = 0
            elif used and used + height > budget:
                piece.metadata["slideshow"] = {"slide_type": "subslide"}
                used = 0
            used += height
            cells.append(piece)
    result.cells = cells
    return result
