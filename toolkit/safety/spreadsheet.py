"""Cells bound for a spreadsheet: nothing a learner typed is ever run as a formula.

A CSV or xlsx cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula: a learner named
``=HYPERLINK("http://...")`` becomes a live link in the trainer's export. As OWASP advises
(CSV Injection), such a text cell is written with a single quote in front, which shows the
text as it was typed. Numbers stay numbers: ``-5`` is a number, not a formula.
"""

from __future__ import annotations

from typing import TypeVar

import pandas as pd

#: What a cell may not begin with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
        anything else (numbers, dates, missing values, other text) unchanged.

    Examples
    --------
    >>> neutral_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutral_cell(-5), neutral_cell("Ada")
    (-5, 'Ada')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
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


__all__ = ["FORMULA_STARTS", "neutral_cell", "neutral_frame"]
