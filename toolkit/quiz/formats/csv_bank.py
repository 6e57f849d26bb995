"""A bank as CSV, one row per question: for trainers who write questions in a spreadsheet.

The columns are described in ``quizzes/FORMAT.md`` ("Writing a bank in a spreadsheet
(CSV)"). Every field of every question type has a column, so a bank goes to CSV and back
unchanged. A problem is reported as ``file:line: question-id: message`` with the line the
row starts on, naming the column.

A cell that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-`` or
``@``) is written with a leading ``'``, which spreadsheets show as "text", and the ``'`` is
removed again on reading; plain numbers such as ``-5`` are written as they are.

This module writes; reading is in ``_csv_read`` and the columns both share in ``_csv_columns``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from toolkit.quiz.formats._common import decode, number_text, read_limited, write_text_atomic
from toolkit.quiz.formats._csv_columns import (
    BANK_ROW,
    HEAD,
    MIN_NUMBERED,
    NUMBERED,
    TAIL,
    USES,
    columns_for,
    join_list,
    protect,
    split_list,
    unprotect,
)
from toolkit.quiz.formats._csv_read import loads
from toolkit.quiz.model import (
    Alternative,
    Bank,
    Matching,
    MultipleChoice,
    Numeric,
    Option,
    Ordering,
    Poll,
    PollOption,
    Question,
    Reflection,
    Scenario,
    ScenarioOption,
    ShortText,
    SingleChoice,
    TrueFalse,
)

__all__ = [
    "BANK_ROW",
    "HEAD",
    "MIN_NUMBERED",
    "TAIL",
    "USES",
    "columns_for",
    "dumps",
    "join_list",
    "loads",
    "protect",
    "read",
    "split_list",
    "unprotect",
    "write",
]


def _cells(question: Question) -> dict[str, str]:
    row: dict[str, str] = {
        "id": question.id,
        "type": question.type,
        "difficulty": question.difficulty,
        "prompt": question.prompt,
    }
    if question.time_limit is not None:
        row["time_limit"] = str(question.time_limit)
    if question.source is not None:
        row["source"] = question.source
    if question.tags:
        row["tags"] = join_list(question.tags)
    if not question.shuffle:
        row["shuffle"] = "false"
    if question.checkpoint:
        row["checkpoint"] = "true"
    if question.hints:
        row["hints"] = join_list(question.hints)
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        options: tuple[Option | ScenarioOption | PollOption, ...] = question.options
        row["option_ids"] = ",".join(o.id for o in options)
        for n, option in enumerate(options, 1):
            row[f"option_{n}"] = option.text
            if option.explanation:
                row[f"explanation_{n}"] = option.explanation
    if isinstance(question, SingleChoice | MultipleChoice):
        row["correct"] = ",".join(str(n) for n, o in enumerate(question.options, 1) if o.correct)
        if any(o.credit is not None for o in question.options):
            row["credit"] = ", ".join(
                "" if o.credit is None else number_text(o.credit) for o in question.options
            )
    elif isinstance(question, Scenario):
        row["credit"] = ", ".join(number_text(o.credit) for o in question.options)
        row["depends_on"] = question.depends_on
    elif isinstance(question, Poll):
        if question.multiple:
            row["multiple"] = "true"
    elif isinstance(question, TrueFalse):
        row["answer"] = "true" if question.answer else "false"
        row["explanation_true"] = question.explanation_true
        row["explanation_false"] = question.explanation_false
    elif isinstance(question, Numeric):
        if question.answer is not None:
            row["answer"] = number_text(question.answer)
        if question.tolerance is not None:
            row["tolerance"] = number_text(question.tolerance)
        if question.range is not None:
            row["range"] = f"{number_text(question.range[0])}..{number_text(question.range[1])}"
        if question.unit is not None:
            row["unit"] = question.unit
        row["explanation"] = question.explanation
        for n, distractor in enumerate(question.distractors, 1):
            row[f"option_{n}"] = number_text(distractor.value)
            row[f"explanation_{n}"] = distractor.explanation
        if question.alternatives:
            row["alternatives"] = join_list(
                [f"{_interval_text(a)} = {number_text(a.credit)}" for a in question.alternatives]
            )
    elif isinstance(question, ShortText):
        row["accepted"] = join_list(question.accepted)
        if question.case_sensitive:
            row["case_sensitive"] = "true"
        if question.fuzzy is not None:
            row["fuzzy"] = number_text(question.fuzzy)
        if question.partial:
            row["partial"] = join_list(
                [f"{p.text} = {number_text(p.credit)}" for p in question.partial]
            )
        row["explanation"] = question.explanation
    elif isinstance(question, Ordering):
        row["option_ids"] = ",".join(i.id for i in question.items)
        for n, item in enumerate(question.items, 1):
            row[f"option_{n}"] = item.text
        row["explanation"] = question.explanation
    elif isinstance(question, Matching):
        row["option_ids"] = ",".join(p.id for p in question.pairs)
        for n, pair in enumerate(question.pairs, 1):
            row[f"option_{n}"] = pair.left
            row[f"match_{n}"] = pair.right
        if question.distractors:
            row["distractors"] = join_list(question.distractors)
        row["explanation"] = question.explanation
    elif isinstance(question, Reflection):
        if question.model_answer:
            row["model_answer"] = question.model_answer
        if question.prompts:
            row["prompts"] = join_list(question.prompts)
        if question.max_length is not None:
            row["max_length"] = str(question.max_length)
    return row


def _interval_text(alternative: Alternative) -> str:
    """``1822``, ``1822:2`` or ``1..5``, as the ``alternatives`` column takes them."""
    if alternative.range is not None:
        return f"{number_text(alternative.range[0])}..{number_text(alternative.range[1])}"
    assert alternative.answer is not None
    if alternative.tolerance is not None:
        return f"{number_text(alternative.answer)}:{number_text(alternative.tolerance)}"
    return number_text(alternative.answer)


def dumps(bank: Bank, *, file: str = "<string>") -> tuple[str, list[str]]:
    """Write a bank as CSV text: a header row, a ``bank`` row, then one row per question.

    Returns
    -------
    tuple of (str, list of str)
        The text (``\\r\\n`` line ends, as spreadsheets expect) and the warnings (none: CSV
        holds every field).
    """
    rows = [_cells(question) for question in bank.questions]
    count = max(
        [MIN_NUMBERED]
        + [int(m.group(2)) for row in rows for key in row if (m := NUMBERED.match(key))]
    )
    columns = columns_for(count)
    bank_row = {"id": bank.id, "type": BANK_ROW, "prompt": bank.title}
    bank_row["source"] = f"lesson:{bank.lesson}"
    if bank.description:
        bank_row["explanation"] = bank.description
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in [bank_row, *rows]:
        writer.writerow([protect(row.get(column, "")) for column in columns])
    return buffer.getvalue(), []


def read(path: Path) -> tuple[Bank, list[str]]:
    """Read the CSV bank at ``path``; return the bank and its warnings."""
    path = Path(path)
    text = decode(read_limited(path, str(path), "csv"), str(path))
    return loads(text, file=str(path), stem=path.stem)


def write(bank: Bank, path: Path) -> list[str]:
    """Write ``bank`` to ``path`` as CSV (UTF-8 with a byte order mark, for Excel)."""
    text, notes = dumps(bank, file=str(path))
    write_text_atomic(Path(path), text, encoding="utf-8-sig")
    return notes
