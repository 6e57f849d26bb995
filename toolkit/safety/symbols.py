"""Symbols that need an emoji font, and the words that carry their meaning instead.

A check mark, a flame or a trophy drawn from a font shows only where that font is installed:
offline, on a trainer's laptop or in a terminal it is an empty box, and a screen reader reads
it as "heavy check mark" at best. Everything a learner sees says its meaning in words; the
views draw any picture as an inline SVG shape they ship (``toolkit.widgets.icons``), and the
terminal shows the words alone. :data:`EMOJI` is the set of characters that must not reach
a learner, and :func:`in_words` turns a text that still holds one (an engine message, say)
into words.
"""

from __future__ import annotations

import re
from typing import Final

#: Characters drawn from an emoji or symbol font: miscellaneous technical (U+2300-23FF),
#: miscellaneous symbols and dingbats (U+2600-27BF), arrows and stars (U+2B00-2BFF), the
#: emoji planes (U+1F000-1FAFF), and the variation selector and joiner that build emoji.
EMOJI: Final = re.compile(
    "[\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f000-\U0001faff]"
)

#: The engine's marks for a right, a wrong and a partly right option (see
#: ``toolkit.quiz.host.projector.marks``), named so views can compare without writing them.
RIGHT_MARK: Final = "\u2714"
WRONG_MARK: Final = "\u2718"
PARTLY_MARK: Final = "\u25d0"

#: What a symbol means, when it carries meaning. Symbols not listed are decoration beside
#: words that already say it (a flame before "Streak", a trophy before "The podium").
MEANING: Final[dict[str, str]] = {
    "\u2714": "right",  # heavy check mark
    "\u2713": "right",  # check mark
    "\u2705": "right",  # white heavy check mark
    "\u2718": "wrong",  # heavy ballot x
    "\u2717": "wrong",  # ballot x
    "\u274c": "wrong",  # cross mark
    "\u270e": "recorded",  # lower right pencil
    "\u26a0": "warning",  # warning sign
    "\U0001f947": "1st",  # first place medal
    "\U0001f948": "2nd",
    "\U0001f949": "3rd",
}

#: A symbol with the variation selector after it and the one space that follows it.
_SYMBOL: Final = re.compile(f"({EMOJI.pattern})\ufe0f? ?")


def has_emoji(text: str) -> bool:
    """Return whether ``text`` holds a character from an emoji or symbol font.

    Examples
    --------
    >>> has_emoji("\u2714 Correct"), has_emoji("Correct \u2022 \u00b7 \u2026 \u25d0")
    (True, False)
    """
    return EMOJI.search(text) is not None


def in_words(text: str) -> str:
    """Return ``text`` with each emoji-font symbol put in words, or removed if decoration.

    A symbol that carries meaning becomes its word in brackets; a verdict that already
    says it in words ("✔ Correct", "✘ Not quite") keeps just the words.

    Parameters
    ----------
    text : str
        Any text shown to a learner.

    Returns
    -------
    str
        The text without a character :data:`EMOJI` matches.

    Examples
    --------
    >>> in_words("\u2714 Correct"), in_words("- \u2718 **B** Cheaper")
    ('Correct', '- [wrong] **B** Cheaper')
    >>> in_words("\U0001f525 Streak: 3")
    'Streak: 3'
    """
    for verdict in ("\u2714 Correct", "\u2718 Not quite", "\u270e Recorded"):
        text = text.replace(verdict, verdict[2:])

    def word(match: re.Match[str]) -> str:
        meaning = MEANING.get(match.group(1))
        return (
            f"[{meaning}]{match.group(0)[len(match.group(1)) :].lstrip(chr(0xFE0F))}"
            if meaning
            else ""
        )

    return _SYMBOL.sub(word, text)
