"""The one look every widget in the course shares: text wraps, nothing hides behind an ellipsis.

ipywidgets' own style sheet keeps labels, radio-button texts, check-box descriptions and
buttons on one line and cuts them with an ellipsis (the full text only on hover, so keyboard
and touch users never read it), and gives every control a fixed width of about 300 px. The
rules below undo that: labels and options wrap (on the whole page, so a lesson's own
``interact`` sliders are covered too), and inside the ``smlab`` class controls take the
width their text needs up to the width of the page and drop-downs are as wide as their
longest option. The rules travel with the widget as a ``<style>`` element inside an HTML
widget, so the look is the same in JupyterLab, Voila and exported pages, with nothing to
install.

Every view calls :func:`house_style` on its root; lessons' own ``interact`` panels get the
same look from :func:`toolkit.explore`.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

#: The class every styled root carries; the rules below apply only inside it.
HOUSE_CLASS = "smlab"

#: The rules. Kept short and plain: ipywidgets' class names, no JavaScript.
HOUSE_CSS = """
.widget-label, .jupyter-widget-label, .widget-label-basic, .jupyter-widget-label-basic,
.widget-radio-box label, .jupyter-widget-radio-box label, .jupyter-button,
.smlab .widget-html-content {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: break-word;
  height: auto; min-height: var(--jp-widgets-inline-height); line-height: 1.4;
}
.smlab .widget-radio, .smlab .jupyter-widget-radio,
.smlab .widget-checkbox, .smlab .jupyter-widget-checkbox,
.smlab .widget-dropdown, .smlab .jupyter-widget-dropdown,
.smlab .widget-text, .smlab .jupyter-widget-text,
.smlab .widget-hslider, .smlab .jupyter-widget-hslider {
  width: auto; max-width: 100%; height: auto; min-height: var(--jp-widgets-inline-height);
}
.smlab .widget-radio-box label, .smlab .jupyter-widget-radio-box label {
  display: flex; align-items: flex-start; gap: 0.4em; padding: 0.15em 0;
}
.smlab .widget-radio-box input, .smlab .jupyter-widget-radio-box input {
  flex: 0 0 auto; float: none; height: 1.4em; margin: 0;
}
.smlab .widget-checkbox, .smlab .jupyter-widget-checkbox { align-items: flex-start; }
.smlab .widget-checkbox input, .smlab .jupyter-widget-checkbox input {
  flex: 0 0 auto; height: 1.4em;
}
.smlab .widget-dropdown > select, .smlab .jupyter-widget-dropdown > select {
  flex: 0 1 auto; width: auto; max-width: 100%; min-width: 10em;
}
.smlab .widget-inline-hbox .widget-label, .smlab .jupyter-widget-inline-hbox .jupyter-widget-label {
  width: auto; max-width: 45%; text-align: left;
}
.smlab .jupyter-button { width: auto; padding: 0.2em 0.8em; }
.smlab-table table { table-layout: auto; border-collapse: collapse; max-width: 100%; }
.smlab-table th, .smlab-table td {
  white-space: normal; overflow-wrap: anywhere; text-align: left; vertical-align: top;
  padding: 0.25em 0.6em; max-width: 40em;
}
.smlab-table td.smlab-number { text-align: right; font-variant-numeric: tabular-nums; }
"""


def style_element() -> widgets.HTML:
    """Return an HTML widget that carries :data:`HOUSE_CSS` (it takes no room on screen).

    Returns
    -------
    ipywidgets.HTML
        A widget whose value is one ``<style>`` element.

    Examples
    --------
    >>> style_element().value.startswith("<style>")
    True
    """
    element = widgets.HTML(value=f"<style>{HOUSE_CSS}</style>", layout={"margin": "0"})
    element.add_class("smlab-style")
    return element


def house_style(root: Any) -> Any:
    """Give ``root`` (a Box) the house look: the class and the style element as first child.

    Parameters
    ----------
    root : ipywidgets.Box
        A view's outermost box.

    Returns
    -------
    ipywidgets.Box
        ``root`` itself, for chaining.

    Examples
    --------
    >>> box = house_style(widgets.VBox([widgets.Label("Hello")]))
    >>> "smlab" in box._dom_classes, box.children[0].value.startswith("<style>")
    (True, True)
    """
    root.add_class(HOUSE_CLASS)
    children = [c for c in root.children if "smlab-style" not in getattr(c, "_dom_classes", ())]
    root.children = [style_element(), *children]
    return root


def wide() -> dict[str, str]:
    """Return the ``style`` for a control whose description should show in full.

    Returns
    -------
    dict
        ``{"description_width": "initial"}``.

    Examples
    --------
    >>> wide()
    {'description_width': 'initial'}
    """
    return {"description_width": "initial"}
