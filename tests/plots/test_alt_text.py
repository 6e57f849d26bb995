"""Charts carry alternative text made of their own words (title, axes, legend)."""

from __future__ import annotations

import base64
import re
from types import SimpleNamespace

import IPython
import pytest
from IPython.core.formatters import DisplayFormatter
from matplotlib.figure import Figure

from toolkit.plots.alt_text import MAX_ALT, alt_text, describe_figures, figure_html


def test_alt_text_reads_title_axes_and_legend() -> None:
    figure = Figure()
    ax = figure.add_subplot()
    ax.plot([1, 2], [3, 4], label="Lead time")
    ax.plot([1, 2], [4, 5], label="Target <5 days>")
    ax.set(title="Lead time by week", xlabel="Week", ylabel="Days")
    ax.legend()
    assert alt_text(figure) == (
        "Chart: Lead time by week. Horizontal axis: Week. Vertical axis: Days. "
        "Legend: Lead time, Target <5 days>."
    )


def test_a_chart_without_words_is_still_named_and_long_text_is_cut() -> None:
    assert alt_text(Figure()) == "Chart"
    figure = Figure()
    figure.add_subplot().set_title("word " * 200)
    text = alt_text(figure)
    assert len(text) <= MAX_ALT + len("Chart: ")
    assert text.endswith("…")


def test_figure_html_is_an_escaped_img_with_the_png() -> None:
    figure = Figure(figsize=(2, 1), dpi=50)
    figure.add_subplot().set_title('Say "hi" & <go>')
    page = figure_html(figure)
    match = re.fullmatch(r'<img alt="([^"]*)" src="data:image/png;base64,([^"]+)">', page)
    assert match is not None, page
    assert match.group(1) == "Chart: Say &quot;hi&quot; &amp; &lt;go&gt;."
    assert base64.b64decode(match.group(2)).startswith(b"\x89PNG")


def test_describe_figures_gives_kernel_figures_an_html_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert describe_figures() is False  # no kernel here
    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    assert describe_figures() is True
    figure = Figure()
    figure.add_subplot().set_title("Tickets a day")
    bundle, _ = shell.display_formatter.format(figure)
    assert bundle["text/html"].startswith('<img alt="Chart: Tickets a day.')
