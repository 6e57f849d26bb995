"""The start-here widget: pick who you are and see where to go next."""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as widgets

from toolkit.course import Role, route_for
from toolkit.widgets.style import house_style

_CHOICES: list[tuple[str, Role]] = [
    ("I run sessions for a team (trainer)", "trainer"),
    ("I am studying on my own (apprentice, graduate)", "learner"),
    ("I want to use the toolkit on my own data (analyst)", "analyst"),
]
_PROMPT = "<p><em>Pick the line that fits you best to see your route.</em></p>"


class RoutePicker(widgets.VBox):  # type: ignore[misc]
    """A radio list of the three kinds of user and the route the course suggests for each.

    Attributes
    ----------
    choices : ipywidgets.RadioButtons
        Who you are; starts with nothing chosen.
    route : ipywidgets.HTML
        The advice and the first lessons for the choice, with links to the notebooks.

    Examples
    --------
    >>> picker = RoutePicker()
    >>> picker.choices.value = "trainer"
    >>> "host mode" in picker.route.value
    True
    """

    def __init__(self, **kwargs: Any) -> None:
        self.choices = widgets.RadioButtons(
            options=_CHOICES,
            value=None,
            description="Who are you?",
            style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"),
        )
        self.route = widgets.HTML(value=_PROMPT)
        self.choices.observe(self._show_route, names="value")
        super().__init__(children=[self.choices, self.route], **kwargs)
        house_style(self)

    def _show_route(self, change: dict[str, Any]) -> None:
        role: Role | None = change["new"]
        if role is None:
            self.route.value = _PROMPT
            return
        advice, first = route_for(role)
        links = "".join(
            f'<li><a href="{escape(item.notebook)}">{item.number:02d}. {escape(item.title)}</a>'
            f" &mdash; {escape(item.idea)}</li>"
            for item in first
        )
        self.route.value = (
            f"<p>&#10148; <strong>Your route</strong>: {advice}</p>"
            f"<p>Start with:</p><ol>{links}</ol>"
        )
