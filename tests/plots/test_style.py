"""The house style: new Axes are styled, given Axes are used as they are."""

from __future__ import annotations

from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pytest

from toolkit.plots import get_ax
from toolkit.plots._style import RC


def test_given_axes_are_returned_untouched() -> None:
    _, ax = plt.subplots()
    assert get_ax(ax) is ax
    assert ax.spines["top"].get_visible()


def test_new_axes_carry_the_house_style() -> None:
    ax = get_ax(figsize=(6, 3))
    assert tuple(ax.figure.get_size_inches()) == (6, 3)
    assert not ax.spines["top"].get_visible()
    assert not ax.spines["right"].get_visible()
    ax.set_xlabel("weeks")
    assert ax.xaxis.label.get_fontsize() == RC["axes.labelsize"]


def test_a_backend_switching_interactive_on_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """The inline backend turns interactive mode on at the first figure; keep it on."""
    real_figure = plt.figure

    def figure_loading_a_backend(*args: Any, **kwargs: Any) -> Any:
        matplotlib.interactive(True)
        return real_figure(*args, **kwargs)

    was = matplotlib.is_interactive()
    matplotlib.interactive(False)
    monkeypatch.setattr(plt, "figure", figure_loading_a_backend)
    try:
        get_ax()
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)


def test_house_style_block_keeps_a_backend_switching_interactive_on() -> None:
    from toolkit.plots._style import house_style

    was = matplotlib.is_interactive()
    matplotlib.interactive(False)
    try:
        with house_style():
            matplotlib.interactive(True)  # what the inline backend does at the first figure
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)


def test_a_polar_axes_gets_the_house_style_too() -> None:
    ax = get_ax(projection="polar")
    assert ax.name == "polar"
