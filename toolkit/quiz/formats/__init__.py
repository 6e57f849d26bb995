"""Question banks in and out: our YAML, Moodle GIFT and XML, Kahoot's xlsx and CSV.

``read_bank(path)`` reads any of them into the same validated ``Bank`` that ``load_bank``
gives for YAML, so sessions, grading and widgets work on an imported bank unchanged;
``write_bank(bank, path)`` writes one out and returns the warnings about what the format
could not hold. The format comes from the file's extension.

=========  ==========================  =======================================
extension  format                      module
=========  ==========================  =======================================
.yaml      our bank format             ``toolkit.quiz.formats.yaml_bank``
.gift      Moodle GIFT                 ``toolkit.quiz.formats.gift``
.xml       Moodle XML                  ``toolkit.quiz.formats.moodle_xml``
.xlsx      Kahoot's quiz spreadsheet   ``toolkit.quiz.formats.kahoot``
.csv       one row per question        ``toolkit.quiz.formats.csv_bank``
=========  ==========================  =======================================

What each format holds
----------------------
The tables in ``quizzes/FORMAT.md`` ("What each format holds") say, per format, which
questions and keys it keeps; a round trip YAML -> format -> YAML keeps exactly those (a
hypothesis test holds every format to its table). YAML and CSV hold everything; GIFT and
Moodle XML hold partial credit (option weights, partial answers, numeric alternatives),
matching distractors and reflections (as essays), and Moodle XML ordering questions too;
Kahoot holds single, multiple and true/false questions. Writing returns, in one warning,
every field the format cannot hold, and a warning for each question it skips; nothing is
cut silently. An imported question with no feedback has no explanation: learners see the
file's general feedback, or nothing, never a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.quiz.formats import csv_bank, gift, kahoot, moodle_xml, yaml_bank
from toolkit.quiz.model import Bank

#: Format names, by file extension.
EXTENSIONS: dict[str, str] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".gift": "gift",
    ".xml": "xml",
    ".xlsx": "xlsx",
    ".csv": "csv",
}
#: The format names, as ``--from`` and ``--to`` take them.
FORMATS: tuple[str, ...] = ("yaml", "gift", "xml", "xlsx", "csv")

_READERS: dict[str, Callable[[Path], tuple[Bank, list[str]]]] = {
    "yaml": yaml_bank.read,
    "gift": gift.read,
    "xml": moodle_xml.read,
    "xlsx": kahoot.read,
    "csv": csv_bank.read,
}
_WRITERS: dict[str, Callable[[Bank, Path], list[str]]] = {
    "yaml": yaml_bank.write,
    "gift": gift.write,
    "xml": moodle_xml.write,
    "xlsx": kahoot.write,
    "csv": csv_bank.write,
}


def format_of(path: str | Path, format_name: str | None = None) -> str:
    """Return the format of ``path``: ``format_name`` if given, else from its extension.

    Raises
    ------
    ValueError
        If the extension (or ``format_name``) is not one of the formats.

    Examples
    --------
    >>> format_of("bank.GIFT"), format_of("export.txt", "gift")
    ('gift', 'gift')
    """
    if format_name is not None:
        if format_name not in FORMATS:
            raise ValueError(f"unknown format {format_name!r}; use one of: {', '.join(FORMATS)}")
        return format_name
    suffix = Path(path).suffix.lower()
    found = EXTENSIONS.get(suffix)
    if found is None:
        known = ", ".join(EXTENSIONS)
        raise ValueError(
            f"cannot tell the format of {str(path)!r} from {suffix or 'no extension'!r}: "
            f"use one of {known} (a GIFT file Moodle saved as .txt: rename it .gift, or "
            "give the format with --from gift)"
        )
    return found


def read_bank_with_warnings(
    path: str | Path, *, format_name: str | None = None
) -> tuple[Bank, list[str]]:
    """Read a bank in any format; return it with the warnings about the conversion.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.yaml``/``.yml``, ``.gift``, ``.xml``, ``.xlsx`` or ``.csv`` file.
    format_name : str, optional
        The format, when the extension does not say it (``"gift"`` for a ``.txt``).

    Returns
    -------
    tuple of (Bank, list of str)
        The validated bank and the warnings (questions skipped, explanations filled in...),
        each as ``file:line: question-id: warning: message``.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ValueError
        If the format is unknown.
    BankError
        If the file has problems; ``.problems`` lists each as ``file:line: message``
        (``file:row N: message`` for a spreadsheet).
    """
    path = Path(path)
    return _READERS[format_of(path, format_name)](path)


def read_bank(path: str | Path, *, format_name: str | None = None) -> Bank:
    """Read a bank in any format (see ``read_bank_with_warnings``, which also gives warnings).

    Examples
    --------
    >>> from toolkit.paths import quizzes_dir
    >>> read_bank(quizzes_dir() / "00-start-here.yaml").id
    '00-start-here'
    """
    return read_bank_with_warnings(path, format_name=format_name)[0]


def write_bank(bank: Bank, path: str | Path, *, format_name: str | None = None) -> list[str]:
    """Write ``bank`` to ``path`` in the format its extension names.

    The file is written to a temporary file first and renamed into place, so a failed write
    never leaves a partial file (or replaces a good one).

    Parameters
    ----------
    bank : Bank
        A validated bank.
    path : str or pathlib.Path
        Where to write; the extension chooses the format.
    format_name : str, optional
        The format, overriding the extension.

    Returns
    -------
    list of str
        Warnings: what the format cannot hold (each question skipped, each field dropped),
        never silently cut.

    Raises
    ------
    ValueError
        If the format is unknown.
    BankError
        If nothing in the bank can be written in the format (Kahoot).
    """
    path = Path(path)
    return _WRITERS[format_of(path, format_name)](bank, path)


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "format_of",
    "read_bank",
    "read_bank_with_warnings",
    "write_bank",
]
