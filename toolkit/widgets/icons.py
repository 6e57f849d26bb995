"""Icons the course ships as inline SVG: no icon font, no emoji font, no network.

ipywidgets' button icons are Font Awesome names, drawn from a web font that is not there
offline, and emoji need an emoji font a trainer's laptop may lack. Every picture a view
shows is one of the small shapes below, drawn in the text colour (``currentColor``), at the
size of the text beside it. A picture that carries meaning is an ``img`` with its meaning as
its accessible name; one beside words that already say it is hidden from screen readers.
:func:`iconify` turns the symbols an engine message may hold (``toolkit.safety.symbols``)
into these shapes.
"""

from __future__ import annotations

import re
from html import escape
from typing import Final

from toolkit.safety.symbols import EMOJI, MEANING

#: Each shape's SVG, in a 16 x 16 box.
SHAPES: Final[dict[str, str]] = {
    "check": (
        '<path d="M2.5 8.5 6.5 12.5 13.5 3.5" fill="none" stroke="currentColor" '
        'stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "cross": (
        '<path d="M3.5 3.5 12.5 12.5M12.5 3.5 3.5 12.5" stroke="currentColor" '
        'stroke-width="2.4" stroke-linecap="round"/>'
    ),
    "warning": (
        '<path d="M8 1.5 15 14.5H1Z" fill="none" stroke="currentColor" stroke-width="1.6" '
        'stroke-linejoin="round"/><path d="M8 6v4" stroke="currentColor" stroke-width="1.8" '
        'stroke-linecap="round"/><circle cx="8" cy="12.3" r="1" fill="currentColor"/>'
    ),
    "pencil": (
        '<path d="M2 14 3 10 11 2 14 5 6 13Z" fill="none" stroke="currentColor" '
        'stroke-width="1.6" stroke-linejoin="round"/>'
    ),
    "star": (
        '<path d="M8 1.2 10 5.5 14.7 6.1 11.3 9.3 12.2 14 8 11.7 3.8 14 4.7 9.3 1.3 6.1 '
        '6 5.5Z" fill="currentColor"/>'
    ),
    "flame": (
        '<path d="M8 15c-3 0-5-2-5-4.8C3 7 6 5.5 6.5 1.5 9 3.5 13 6.5 13 10.2 13 13 11 15 8 '
        '15Z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"/>'
    ),
    "bulb": (
        '<path d="M5.5 11.5C4 10.3 3 8.8 3 6.8 3 4 5.2 1.8 8 1.8S13 4 13 6.8c0 2-1 3.5-2.5 '
        '4.7ZM6 14h4" fill="none" stroke="currentColor" stroke-width="1.6" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    ),
    "half": (
        '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/>'
        '<path d="M8 1.7a6.3 6.3 0 0 1 0 12.6Z" fill="currentColor"/>'
    ),
    "medal": (
        '<path d="M5 1.5 8 6 11 1.5" fill="none" stroke="currentColor" stroke-width="1.6"/>'
        '<circle cx="8" cy="10.2" r="4.3" fill="none" stroke="currentColor" '
        'stroke-width="1.6"/>'
    ),
    "clock": (
        '<circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" stroke-width="1.6"/>'
        '<path d="M8 4.5V8l2.5 2" fill="none" stroke="currentColor" stroke-width="1.6" '
        'stroke-linecap="round"/>'
    ),
    "flag": (
        '<path d="M3.5 15V1.5M3.5 2.2h9l-2 3 2 3h-9" fill="none" stroke="currentColor" '
        'stroke-width="1.6" stroke-linejoin="round"/>'
    ),
}

#: The shape for each symbol an engine message may hold (others are dropped).
_SHAPE_OF: Final[dict[str, str]] = {
    "\u2714": "check",
    "\u2713": "check",
    "\u2705": "check",
    "\u2718": "cross",
    "\u2717": "cross",
    "\u274c": "cross",
    "\u270e": "pencil",
    "\u26a0": "warning",
    "\u2605": "star",
    "\u2b50": "star",
    "\U0001f525": "flame",
    "\U0001f4a1": "bulb",
    "\u23f0": "clock",
    "\U0001f3c1": "flag",
    "\U0001f3c6": "medal",
    "\U0001f947": "medal",
    "\U0001f948": "medal",
    "\U0001f949": "medal",
}
#: Words that follow a mark and say what it means, so the mark is only decoration there.
_SAID: Final = ("Correct", "Not quite", "Recorded", "Right", "Not right", "Partly right")
_SYMBOL: Final = re.compile(f"({EMOJI.pattern})\ufe0f?")


def icon(name: str, label: str = "") -> str:
    """Return the shape ``name`` as inline SVG, named ``label`` for screen readers.

    Parameters
    ----------
    name : str
        A key of :data:`SHAPES`.
    label : str, optional
        What the picture means; without one it is hidden from screen readers (use it only
        beside words that say the same).

    Returns
    -------
    str
        An ``<svg>`` element one text line high.

    Raises
    ------
    KeyError
        If ``name`` is not a shape.

    Examples
    --------
    >>> 'aria-label="right"' in icon("check", "right"), 'aria-hidden' in icon("star")
    (True, True)
    """
    shape = SHAPES[name]
    about = (
        f'role="img" aria-label="{escape(label)}"'
        if label
        else 'aria-hidden="true" focusable="false"'
    )
    return (
        f'<svg class="smlab-icon smlab-icon-{name}" {about} viewBox="0 0 16 16" width="1em" '
        f'height="1em" style="vertical-align:-0.125em;overflow:visible">{shape}</svg>'
    )


def iconify(html: str) -> str:
    """Return ``html`` with each emoji-font symbol drawn as a shipped shape, or removed.

    Symbols that carry meaning (right, wrong, recorded, a warning, a medal's place) keep it
    as the shape's accessible name; decoration is hidden from screen readers.

    Parameters
    ----------
    html : str
        Escaped or sanitised HTML.

    Returns
    -------
    str
        The HTML without a character :data:`toolkit.safety.symbols.EMOJI` matches.

    Examples
    --------
    >>> out = iconify("<strong>\u2714 Correct</strong>")
    >>> "<svg" in out and "Correct" in out and "\u2714" not in out
    True
    """

    def draw(match: re.Match[str]) -> str:
        symbol = match.group(1)
        shape = _SHAPE_OF.get(symbol)
        if shape is None:
            return ""
        said = html[match.end() :].lstrip(" ").startswith(_SAID)
        return icon(shape, "" if said else MEANING.get(symbol, ""))

    return _SYMBOL.sub(draw, html)
