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
same look from the page-wide rules.

In projector mode (:func:`toolkit.paths.presenting`) the style element also carries
:data:`PRESENT_CSS`: text of at least 24 px everywhere on the page, charts as wide as the
content and centred. Every styled view also carries :func:`slider_labeller`, a few lines of
JavaScript that give each slider on the page an accessible name (its description) and
announce its rounded readout instead of the raw value (ipywidgets 8 leaves a slider's
handle unnamed and announces ``0.010000000000000002``).
"""

from __future__ import annotations

import os
from typing import Any

import ipywidgets as widgets

from toolkit.paths import PRESENT_ENV, presenting

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

#: Projector mode: at least 24 px for every text a room reads, charts the width of the page.
#: JupyterLab's and Voila's own sizes are variables; these raise them for the whole page.
PRESENT_CSS = """
:root, body {
  --jp-content-font-size1: 24px; --jp-ui-font-size1: 24px; --jp-ui-font-size2: 26px;
  --jp-widgets-font-size: 24px; --jp-code-font-size: 22px; --jp-content-line-height: 1.45;
  --jp-widgets-inline-height: 40px; --jp-widgets-inline-label-width: 10em;
  --jp-widgets-inline-width: 100%;
}
body, .jp-RenderedHTMLCommon, .jp-RenderedText pre, .jp-OutputArea-output pre,
.widget-label, .jupyter-widget-label, .widget-html-content, .widget-radio-box label,
.widget-readout, .jupyter-button, .widget-dropdown select, .widget-text input,
.jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th,
.smlab-table th, .smlab-table td, .widget-toggle-button {
  font-size: max(24px, 1em);
}
.jp-RenderedText pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.widget-readout { flex: 0 0 auto; width: auto; min-width: 4em; max-width: none; overflow: visible; }
.jp-RenderedHTMLCommon table { table-layout: auto; max-width: 100%; }
.jp-RenderedHTMLCommon td, .jp-RenderedHTMLCommon th {
  white-space: normal; overflow-wrap: anywhere;
}
.widget-inline-hbox .widget-label { width: auto; min-width: 4em; max-width: 40%; }
.widget-hslider, .jupyter-widget-hslider { width: 100%; max-width: 100%; }
.jp-RenderedImage img, .jp-OutputArea-output img {
  display: block; width: 100%; max-width: 100%; height: auto; margin: 0 auto;
}
.jp-OutputArea-output.jp-RenderedHTMLCommon:has(> img:only-child) { padding-right: 0; }
.smlab-personal { display: none !important; }
.smlab-host-compact .widget-hbox { gap: 0.3em 1em; }
.smlab-host-compact p, .smlab-host-compact ul { margin-top: 0.15em; margin-bottom: 0.15em; }
.smlab-host-compact .widget-html-content { line-height: 1.3; }
.smlab-host-compact .widget-html:has(> .widget-html-content:empty) { display: none; }
.smlab-host-compact .jupyter-button { padding: 0.1em 0.6em; }
"""

#: Names each slider's handle after its description and announces the rounded readout, and
#: lets the quiz's question text take the focus. Runs once per page (a MutationObserver then
#: keeps up with widgets drawn later).
LABELLER_JS = """
(() => {
  if (window.smlabSliderLabeller) return;
  window.smlabSliderLabeller = true;
  const label = () => {
    for (const handle of document.querySelectorAll('.widget-slider [role=slider]')) {
      const box = handle.closest('.widget-slider');
      const name = box.querySelector('.widget-label');
      const readout = box.querySelector('.widget-readout');
      const text = name ? name.textContent.trim() : '';
      if (text && handle.getAttribute('aria-label') !== text)
        handle.setAttribute('aria-label', text);
      const shown = readout ? readout.textContent.trim() : '';
      if (shown && handle.getAttribute('aria-valuetext') !== shown)
        handle.setAttribute('aria-valuetext', shown);
    }
    // The quiz moves the focus to a new question's text (ipywidgets focuses the HTML
    // widget's content, which a browser focuses only with a tabindex).
    for (const text of document.querySelectorAll('.smlab-quiz-prompt > .widget-html-content')) {
      if (!text.hasAttribute('tabindex')) text.setAttribute('tabindex', '-1');
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; label(); });
  }).observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: ['aria-valuetext'],
  });
  label();
})();
"""


def slider_labeller() -> widgets.Output:
    """Return an invisible widget whose output runs :data:`LABELLER_JS` on the page.

    Returns
    -------
    ipywidgets.Output
        An output area holding one ``application/javascript`` output.

    Examples
    --------
    >>> slider_labeller().outputs[0]["data"]["application/javascript"] == LABELLER_JS
    True
    """
    output = widgets.Output(layout={"display": "none"})  # runs its script, takes no room
    output.outputs = (
        {
            "output_type": "display_data",
            "data": {"application/javascript": LABELLER_JS},
            "metadata": {},
        },
    )
    output.add_class("smlab-style")
    return output


def page_css() -> str:
    """Return the house rules, with :data:`PRESENT_CSS` in projector mode.

    Returns
    -------
    str
        CSS.

    Examples
    --------
    >>> "white-space: normal" in page_css()
    True
    """
    return HOUSE_CSS + (PRESENT_CSS if presenting() else "")


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
    element = widgets.HTML(value=f"<style>{page_css()}</style>", layout={"margin": "0"})
    element.add_class("smlab-style")
    return element


def house_style(root: Any) -> Any:
    """Give ``root`` (a Box) the house look: the class, then the style and the labeller first.

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
    root.children = [style_element(), slider_labeller(), *children]
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


def present(on: bool = True) -> widgets.HTML:
    """Turn projector mode on (or off) for this kernel, and return the page's style.

    The same switch as ``smlab lab --present`` (which sets ``$SMLAB_PRESENT`` for the
    server and so for every kernel it starts), for one notebook: text of at least 24 px,
    charts drawn at projector resolution across the page, the host panel on one screen, and
    a learner's own points, level and badges hidden. Views and charts made after the call
    follow it; show the returned widget (the cell's last line) to restyle the page at once.

    Parameters
    ----------
    on : bool, default True
        False turns projector mode off again.

    Returns
    -------
    ipywidgets.HTML
        The page's style element for the chosen mode.

    Examples
    --------
    >>> "24px" in present().value
    True
    >>> "24px" in present(False).value
    False
    """
    if on:
        os.environ[PRESENT_ENV] = "1"
    else:
        os.environ.pop(PRESENT_ENV, None)
    return style_element()
