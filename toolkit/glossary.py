"""The course's glossary: every acronym a lesson uses, what it stands for and what it means.

The terms live once, in ``toolkit/reference/glossary.csv`` (columns ``term``, ``stands_for``,
``meaning`` and ``lessons``), so lesson 00's appendix, the content tests and any widget that
links a term read the same list. A lesson spells each acronym out on its first use
("service level agreement (SLA)"); the tests in ``tests/content`` hold every lesson to that.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

_COLUMNS = ("term", "stands_for", "meaning", "lessons")


@dataclass(frozen=True)
class GlossaryTerm:
    """One entry of the glossary.

    Attributes
    ----------
    term : str
        The acronym as lessons write it (``"SLA"``, ``"XmR"``).
    stands_for : str
        What the letters stand for, as a lesson spells it out (``"service level agreement"``).
    meaning : str
        One or two plain sentences a learner can read on their own.
    lessons : tuple of int
        The lessons that use the term, in teaching order.
    """

    term: str
    stands_for: str
    meaning: str
    lessons: tuple[int, ...]


def _parse_lessons(text: str, *, line: int) -> tuple[int, ...]:
    numbers: list[int] = []
    for piece in text.split(";"):
        piece = piece.strip()
        if not piece.isdigit():
            raise ValueError(
                f"glossary.csv:{line}: column 'lessons' must be lesson numbers separated by "
                f"';' (like 03;04), got {text!r}"
            )
        numbers.append(int(piece))
    return tuple(sorted(numbers))


@cache
def _terms() -> tuple[GlossaryTerm, ...]:
    text = resources.files("toolkit").joinpath("reference", "glossary.csv").read_text("utf-8")
    return parse_glossary(text)


def parse_glossary(text: str) -> tuple[GlossaryTerm, ...]:
    """Read glossary CSV text into terms, checking every row.

    Parameters
    ----------
    text : str
        CSV with the header ``term,stands_for,meaning,lessons``.

    Returns
    -------
    tuple of GlossaryTerm
        The terms in the file's order.

    Raises
    ------
    ValueError
        If the header is wrong, a cell is empty, a term repeats or ``lessons`` is not a list
        of lesson numbers; the message names the line (``glossary.csv:7``) and the column.

    Examples
    --------
    >>> (entry,) = parse_glossary("term,stands_for,meaning,lessons\\nSLA,service level,A deal.,03")
    >>> entry.term, entry.lessons
    ('SLA', (3,))
    """
    reader = csv.reader(io.StringIO(text))
    header = tuple(next(reader, ()))
    if header != _COLUMNS:
        raise ValueError(f"glossary.csv:1: the header must be {','.join(_COLUMNS)}, got {header}")
    terms: list[GlossaryTerm] = []
    seen: set[str] = set()
    for line, row in enumerate(reader, start=2):
        if len(row) != len(_COLUMNS):
            raise ValueError(f"glossary.csv:{line}: expected 4 cells, got {len(row)}")
        cells = dict(zip(_COLUMNS, (cell.strip() for cell in row), strict=True))
        for column, value in cells.items():
            if not value:
                raise ValueError(f"glossary.csv:{line}: column {column!r} is empty")
        if cells["term"] in seen:
            raise ValueError(f"glossary.csv:{line}: term {cells['term']!r} is listed twice")
        seen.add(cells["term"])
        terms.append(
            GlossaryTerm(
                term=cells["term"],
                stands_for=cells["stands_for"],
                meaning=cells["meaning"],
                lessons=_parse_lessons(cells["lessons"], line=line),
            )
        )
    return tuple(terms)


def glossary_terms() -> tuple[GlossaryTerm, ...]:
    """Return every term of the course's glossary, sorted by term.

    Returns
    -------
    tuple of GlossaryTerm
        One entry per acronym, sorted without regard to case.

    Examples
    --------
    >>> "SLA" in [entry.term for entry in glossary_terms()]
    True
    """
    return tuple(sorted(_terms(), key=lambda entry: entry.term.casefold()))


def glossary_term(term: str) -> GlossaryTerm:
    """Return the glossary entry of one acronym.

    Parameters
    ----------
    term : str
        The acronym, in any case (``"sla"`` finds ``SLA``); a plural ``s`` is allowed
        (``"SLAs"``).

    Returns
    -------
    GlossaryTerm
        Its entry.

    Raises
    ------
    ValueError
        If the glossary has no such term; the message lists the terms it has.

    Examples
    --------
    >>> glossary_term("SLA").stands_for
    'service level agreement'
    >>> glossary_term("XLAs").term
    'XLA'
    """
    wanted = term.strip().casefold()
    by_key = {entry.term.casefold(): entry for entry in _terms()}
    if wanted in by_key:
        return by_key[wanted]
    if wanted.endswith("s") and wanted[:-1] in by_key:
        return by_key[wanted[:-1]]
    known = ", ".join(entry.term for entry in glossary_terms())
    raise ValueError(f"the glossary has no term {term!r}; it has: {known}")


def glossary_table(lesson: int | None = None) -> pd.DataFrame:
    """Return the glossary as a table a lesson can show.

    Parameters
    ----------
    lesson : int, optional
        Only the terms this lesson uses. By default, every term.

    Returns
    -------
    pandas.DataFrame
        Columns ``term``, ``stands for`` and ``meaning``, sorted by term, with a plain
        0-based index.

    Raises
    ------
    ValueError
        If ``lesson`` is not a lesson number from 0 to 99.

    Examples
    --------
    >>> "XmR" in glossary_table(5)["term"].tolist()
    True
    """
    if lesson is not None and (
        isinstance(lesson, bool) or not isinstance(lesson, int) or not 0 <= lesson <= 99
    ):
        raise ValueError(f"glossary_table: lesson= must be a lesson number 0-99, got {lesson!r}")
    entries = [entry for entry in glossary_terms() if lesson is None or lesson in entry.lessons]
    return pd.DataFrame(
        {
            "term": [entry.term for entry in entries],
            "stands for": [entry.stands_for for entry in entries],
            "meaning": [entry.meaning for entry in entries],
        }
    )
