"""Every chart a lesson shows carries alternative text, read from the chart's own words.

The inline backend shows a figure as a bare PNG, which JupyterLab, Voila and nbconvert draw
as an ``<img>`` with no ``alt``: a screen reader says "image" and nothing else. Once
:func:`describe_figures` has run in a kernel, every matplotlib figure it shows also carries
an HTML form, the same PNG in an ``<img>`` whose ``alt`` names the chart (its title, its
axes and its legend, as :func:`alt_text` reads them). Front ends prefer HTML to PNG, so that
is what they draw; the PNG stays in the output for anything that wants it.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from matplotlib.figure import Figure

#: Longest alternative text kept (screen readers read it in one breath).
MAX_ALT = 400


def _words(text: Any) -> str:
    return " ".join(str(text).replace("$", "").split())


def alt_text(figure: Figure) -> str:
    """Return a short description of ``figure`` made of its own title, axis and legend text.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        A drawn chart.

    Returns
    -------
    str
        ``"Chart: <title>. Horizontal axis: <x label>. Vertical axis: <y label>.
        Legend: <entries>."`` for each Axes with text; ``"Chart"`` when it has none.

    Examples
    --------
    >>> figure = Figure()
    >>> ax = figure.add_subplot()
    >>> _ = ax.set(title="Change success", xlabel="Week", ylabel="Success rate")
    >>> alt_text(figure)
    'Chart: Change success. Horizontal axis: Week. Vertical axis: Success rate.'
    """
    parts: list[str] = []
    suptitle = getattr(figure, "_suptitle", None)
    if suptitle is not None and _words(suptitle.get_text()):
        parts.append(_words(suptitle.get_text()) + ".")
    for ax in figure.axes:
        if not ax.get_visible():
            continue
        title = _words(" ".join(ax.get_title(loc) for loc in ("left", "center", "right")))
        if title:
            parts.append(title + ".")
        if _words(ax.get_xlabel()):
            parts.append(f"Horizontal axis: {_words(ax.get_xlabel())}.")
        if _words(ax.get_ylabel()):
            parts.append(f"Vertical axis: {_words(ax.get_ylabel())}.")
        legend = ax.get_legend()
        if legend is not None:
            entries = [_words(t.get_text()) for t in legend.get_texts() if _words(t.get_text())]
            if entries:
                parts.append("Legend: " + ", ".join(entries) + ".")
    text = " ".join(parts)
    if len(text) > MAX_ALT:
        text = text[: MAX_ALT - 1].rsplit(" ", 1)[0] + "…"
    return f"Chart: {text}" if text else "Chart"


def figure_html(figure: Figure) -> str:
    """Return ``figure`` as an ``<img>`` (an inline PNG) with :func:`alt_text` as its ``alt``.

    The PNG is saved as the inline backend saves it (tight bounding box, the figure's dpi).

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        The chart.

    Returns
    -------
    str
        One ``<img>`` element.

    Examples
    --------
    >>> figure = Figure()
    >>> _ = figure.add_subplot().set_title("Gap")
    >>> figure_html(figure).startswith('<img alt="Chart: Gap." src="data:image/png;base64,')
    True
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = html.escape(alt_text(figure), quote=True)
    return f'<img alt="{alt}" src="data:image/png;base64,{data}">'


def describe_figures() -> bool:
    """Make the running IPython kernel show every figure with :func:`figure_html` too.

    Does nothing outside IPython. Safe to call many times.

    Returns
    -------
    bool
        Whether a kernel is running (and figures now carry alternative text).

    Examples
    --------
    >>> describe_figures()  # plain Python: nothing to do
    False
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with the course
        return False
    shell = get_ipython()
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(Figure, figure_html)
    return True
