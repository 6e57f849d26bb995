"""The CSV bank's columns and cells, shared by reading and writing (see ``csv_bank``).

Which columns there are and which each question type fills, how a cell is kept from running
as a spreadsheet formula (:func:`protect`), and how a list is written in one cell.
"""

from __future__ import annotations

import re

from toolkit.safety.spreadsheet import neutral_cell, restore_cell

__all__ = [
    "BANK_ROW",
    "HEAD",
    "MIN_NUMBERED",
    "NUMBERED",
    "TAIL",
    "USES",
    "columns_for",
    "join_list",
    "protect",
    "split_list",
    "unprotect",
]

#: Columns before the numbered ones, in the order they are written.
HEAD: tuple[str, ...] = (
    "id",
    "type",
    "difficulty",
    "time_limit",
    "source",
    "tags",
    "shuffle",
    "checkpoint",
    "prompt",
    "hints",
    "option_ids",
)
#: Columns after the numbered ones.
TAIL: tuple[str, ...] = (
    "correct",
    "credit",
    "answer",
    "tolerance",
    "range",
    "unit",
    "accepted",
    "case_sensitive",
    "fuzzy",
    "multiple",
    "explanation",
    "explanation_true",
    "explanation_false",
    "depends_on",
    "partial",
    "alternatives",
    "distractors",
    "model_answer",
    "prompts",
    "max_length",
)
#: Numbered columns always written (more when a question needs them).
MIN_NUMBERED = 6
#: The ``type`` of the optional row that names the bank.
BANK_ROW = "bank"
#: A numbered column's name: ``option_N``, ``explanation_N`` or ``match_N``.
NUMBERED = re.compile(r"^(option|explanation|match)_([1-9][0-9]{0,2})$")
#: The columns each type may fill (besides the common ones); ``option`` etc. mean option_N.
USES: dict[str, set[str]] = {
    "single": {"option_ids", "option", "explanation_n", "correct", "credit"},
    "multiple": {"option_ids", "option", "explanation_n", "correct", "credit"},
    "scenario": {"option_ids", "option", "explanation_n", "credit", "depends_on"},
    "poll": {"option_ids", "option", "explanation_n", "multiple"},
    "ordering": {"option_ids", "option", "explanation"},
    "matching": {"option_ids", "option", "match", "explanation", "distractors"},
    "numeric": {
        "option",
        "explanation_n",
        "answer",
        "tolerance",
        "range",
        "unit",
        "explanation",
        "alternatives",
    },
    "text": {"accepted", "case_sensitive", "fuzzy", "explanation", "partial"},
    "reflection": {"model_answer", "prompts", "max_length"},
    "true_false": {"answer", "explanation_true", "explanation_false"},
    BANK_ROW: {"id", "type", "prompt", "explanation", "source"},
}


def protect(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula (``neutral_cell``).

    Examples
    --------
    >>> protect("=HYPERLINK(1)"), protect("-5"), protect("'=x"), protect("'Tis")
    ("'=HYPERLINK(1)", '-5', "''=x", "'Tis")
    """
    return str(neutral_cell(cell))


def unprotect(cell: str) -> str:
    """Undo ``protect`` (``restore_cell``)."""
    return str(restore_cell(cell))


def split_list(cell: str) -> list[str]:
    r"""Split a list cell on ``|`` (``\|`` is a literal bar); blank entries are dropped.

    Examples
    --------
    >>> split_list("watermelon | a watermelon"), split_list(r"a \| b | c")
    (['watermelon', 'a watermelon'], ['a | b', 'c'])
    """
    parts = re.split(r"(?<!\\)\|", cell)
    return [part.replace("\\|", "|").strip() for part in parts if part.strip()]


def join_list(values: tuple[str, ...] | list[str]) -> str:
    """Write a list cell (the inverse of ``split_list``)."""
    return " | ".join(value.replace("|", "\\|") for value in values)


def columns_for(count: int = MIN_NUMBERED) -> list[str]:
    """The header row, with ``count`` numbered option/explanation/match columns."""
    numbered = [f"{kind}_{n}" for n in range(1, count + 1) for kind in ("option", "explanation")]
    matches = [f"match_{n}" for n in range(1, count + 1)]
    return [*HEAD, *numbered, *matches, *TAIL]
