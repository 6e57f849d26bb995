"""Cells bound for a spreadsheet: nothing a learner typed is ever run as a formula.

A CSV or xlsx cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula: a learner named
``=HYPERLINK("http://...")`` becomes a live link in the trainer's export. As OWASP advises
(CSV Injection), such a text cell is written with a single quote in front, which shows the
text as it was typed. Numbers stay numbers: ``-5`` is a number, not a formula.
"""

from __future__ import annotations

import re
from typing import TypeVar

import pandas as pd

#: What a cell may not begin with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")

T = TypeVar("T")


def neutral_cell(value: T) -> T | str:
    """Return ``value`` safe to write as a spreadsheet cell.

    Parameters
    ----------
    value : object
        A cell's value.

    Returns
    -------
    object
        A text beginning with ``= + - @``, a tab or a carriage return, with ``'`` in front;
        a text already beginning with ``'`` and one of those (or a second ``'``) gets one
        more, so ``restore_cell`` gives back exactly what was written. A text that is a plain
        number (``-5``, ``2.5``) and anything not text (numbers, dates, missing values) are
        unchanged.

    Examples
    --------
    >>> neutral_cell('=HYPERLINK("http://x")')
    '\'=HYPERLINK("http://x")'
    >>> neutral_cell(-5), neutral_cell("-5"), neutral_cell("Ada"), neutral_cell("'Tis")
    (-5, '-5', 'Ada', "'Tis")
    """
    if not isinstance(value, str) or _PLAIN_NUMBER.match(value):
        return value
    if value.startswith(FORMULA_STARTS) or (
        value.startswith("'") and value[1:2] != "" and value[1:2] in {*FORMULA_STARTS, "'"}
    ):
        return "'" + value
    return value


def restore_cell(value: T) -> T | str:
    """Undo ``neutral_cell`` on a cell read back from a file this product wrote.

    Examples
    --------
    >>> restore_cell(neutral_cell("=1+1")), restore_cell(neutral_cell("'=x"))
    ('=1+1', "'=x")
    """
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:2] != ""
        and value[1:2] in {*FORMULA_STARTS, "'"}
    ):
        return value[1:]
    return value


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``frame`` with every text cell (and column name) neutralised.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table about to be written with ``to_csv`` or to xlsx.

    Returns
    -------
    pandas.DataFrame
        The same table; numeric, boolean and datetime columns untouched.

    Examples
    --------
    >>> neutral_frame(pd.DataFrame({"learner": ["=1+1", "Ada"], "points": [-5, 3]}))
      learner  points
    0   '=1+1      -5
    1     Ada       3
    """
    result = frame.copy()
    for column in result.columns:
        values = result[column]
        if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            result[column] = values.map(neutral_cell)
        elif isinstance(values.dtype, pd.CategoricalDtype):
            result[column] = values.astype(object).map(neutral_cell)
    result.columns = [neutral_cell(name) for name in result.columns]
    return result


__all__ = ["FORMULA_STARTS", "neutral_cell", "neutral_frame", "restore_cell"]
