"""Text bound for a terminal: no control character or escape sequence ever reaches it.

A question bank, a learner's name or a file name can hold ``ESC ] 0 ; ... BEL`` (which
retitles the terminal), ``ESC [ 31 m`` (colours), cursor moves, screen clears or a carriage
return that overwrites the line before. ``for_terminal`` removes every ANSI/OSC escape
sequence whole and every other C0 and C1 control character (and DEL), keeping newlines and
tabs; bidirectional overrides, which can make text read differently than it is, go too.
"""

from __future__ import annotations

import contextlib
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import TextIO

#: Escape sequences, removed whole: OSC/DCS/APC/PM/SOS strings (ended by BEL or ST), CSI
#: sequences, and two-character escapes. The 8-bit forms (C1 introducers) are included.
_SEQUENCES = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
#: Single characters removed: C0 but newline and tab, DEL, C1, bidirectional overrides
#: and isolates.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_ALL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def for_terminal(text: object, *, keep_newlines: bool = True) -> str:
    """Return ``text`` safe to print in a terminal: control characters and escapes removed.

    Parameters
    ----------
    text : object
        What to print (``str(text)`` is used).
    keep_newlines : bool, default True
        Keep newlines and tabs; when False they become spaces (for one-line fields such as
        a name).

    Returns
    -------
    str
        The text without escape sequences, C0/C1 control characters, DEL or bidirectional
        overrides.

    Examples
    --------
    >>> for_terminal("\\x1b]0;owned\\x07\\x1b[31mred\\x1b[0m text")
    'red text'
    >>> for_terminal("a\\tb\\nc\\rd")
    'a\\tb\\ncd'
    >>> for_terminal("two\\nlines", keep_newlines=False)
    'two lines'
    """
    value = _SEQUENCES.sub("", str(text))
    if keep_newlines:
        return _CONTROLS.sub("", value)
    value = value.replace("\n", " ").replace("\t", " ")
    return _CONTROLS_ALL.sub("", value)


def control_characters(text: str) -> list[str]:
    """Name the control characters in ``text`` that a terminal would act on.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of str
        Each distinct one, as ``U+001B (ESC)``, in order of first appearance; newline and
        tab are not counted.

    Examples
    --------
    >>> control_characters("ok\\x1b[31m\\x07")
    ['U+001B (ESC)', 'U+0007 (BEL)']
    """
    names = {0x1B: "ESC", 0x07: "BEL", 0x08: "BS", 0x0D: "CR", 0x00: "NUL", 0x7F: "DEL"}
    found: list[str] = []
    for match in _CONTROLS.finditer(text):
        code = ord(match.group())
        name = names.get(code) or unicodedata.name(match.group(), "control")
        label = f"U+{code:04X} ({name})"
        if label not in found:
            found.append(label)
    return found


class TerminalStream:
    """A text stream that passes everything written through ``for_terminal``.

    Parameters
    ----------
    stream : TextIO
        The real stream (``sys.stdout``).

    Examples
    --------
    >>> import io
    >>> buffer = io.StringIO()
    >>> _ = TerminalStream(buffer).write("\\x1b[2Jcleared?")
    >>> buffer.getvalue()
    'cleared?'
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` without its control characters; return the length given."""
        self.stream.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        """Flush the real stream."""
        self.stream.flush()

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Within the block, ``sys.stdout`` and ``sys.stderr`` pass through ``for_terminal``.

    ``smlab`` runs every command inside it, so no bank text, learner name or file name it
    prints can reach the terminal as an escape sequence, whichever code printed it.
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout = TerminalStream(out)
    sys.stderr = TerminalStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


__all__ = ["TerminalStream", "control_characters", "for_terminal", "guarded_output"]
