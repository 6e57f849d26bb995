"""Kahoot's quiz spreadsheet (xlsx): read and written with openpyxl.

The sheet Kahoot imports has its header row at row 8, starting at column B::

    B: Question - max 120 characters
    C: Answer 1 - max 75 characters          ... F: Answer 4 - max 75 characters
    G: Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs   (an en dash)
    H: Correct answer(s) - choose at least one

and one question per row from row 9; the correct answers are their numbers, ``1`` or
``1,3``. Column A may number the rows and is ignored.

Reading: one right answer makes a ``single`` question, several a ``multiple`` one, and the
two answers ``True`` and ``False`` a ``true_false`` one. Kahoot has no explanations, so every
option gets "Imported from Kahoot: no explanation given." and a warning lists the questions,
for the trainer to write real ones. A time limit Kahoot does not allow becomes the nearest
allowed one, with a warning. Question ids are ``q1``, ``q2``... in row order.

Writing: single, multiple and true/false questions with at most four options; everything
else is skipped with a warning. Text is written as plain text (Markdown removed). Nothing is
cut: a question over 120 characters or an answer over 75 is written whole and named in a
warning, to be shortened before uploading. A question without a time limit gets Kahoot's 20
seconds. Text cells are always stored as text, never as formulas.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils.exceptions import InvalidFileException

from toolkit.quiz.formats._common import (
    Draft,
    ExportNotes,
    Report,
    bank_names,
    build_bank,
    fail,
    option_ids,
    read_limited,
    write_atomic,
)
from toolkit.quiz.model import TIME_LIMITS, Bank, MultipleChoice, SingleChoice, TrueFalse
from toolkit.quiz.sanitize import to_plain_text

SOURCE = "Kahoot"
HEADER_ROW = 8
FIRST_COLUMN = 2  # column B
HEADERS: tuple[str, ...] = (
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
DEFAULT_TIME_LIMIT = 20
#: The most a spreadsheet may hold once unzipped (a bank is far smaller; zip bombs are not).
MAX_UNZIPPED = 20_000_000
_LETTERS = "ABCDEFGH"


def _normal(header: Any) -> str:
    """A header as compared: dashes of any kind alike, spaces collapsed."""
    text = "" if header is None else str(header)
    for dash in ("\u2013", "\u2014", "\u2212"):
        text = text.replace(dash, "-")
    return " ".join(text.split()).lower()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _reason(exc: BaseException) -> str:
    """A short reason for a failed xlsx read: the error's text, or its kind."""
    text = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return text or type(exc).__name__


def _check_zip(path: Path, file: str) -> None:
    """Refuse a file that is not an xlsx, or that would unzip to something enormous."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise fail(file, "not an xlsx file (save it from Excel as .xlsx)", 1, "row") from None
    if total > MAX_UNZIPPED:
        raise fail(
            file,
            f"refused: the file unzips to {total / 1e6:.0f} MB, far more than a quiz",
            1,
            "row",
        )


def _time_limit(value: Any, row: int, report: Report) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        seconds = float(str(value).strip())
    except ValueError:
        report.error(row, f"time limit {value!r} is not a number of seconds")
        return None
    nearest = min(TIME_LIMITS, key=lambda allowed: (abs(allowed - seconds), allowed))
    if nearest != seconds:
        report.warn(
            row,
            f"time limit {seconds:g} s is not one Kahoot allows (5, 10, 20, 30, 60, 90, 120, "
            f"240): {nearest} s used",
        )
    return nearest


def _correct(value: Any, answers: dict[int, str], row: int, report: Report) -> list[int] | None:
    text = _cell_text(value).replace(";", ",")
    numbers: list[int] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        try:
            number = int(float(part))
        except ValueError:
            number = 0
        if number not in answers:
            filled = ", ".join(str(n) for n in sorted(answers))
            report.error(
                row,
                f"correct answer {part!r} is not the number of a filled answer ({filled})",
            )
            return None
        if number not in numbers:
            numbers.append(number)
    if not numbers:
        report.error(row, "no correct answer: give at least one answer number (1-4), as 1 or 1,3")
        return None
    return numbers


def _row_draft(cells: list[Any], row: int, number: int, report: Report) -> Draft | None:
    values = [cell.value if cell is not None else None for cell in cells]
    for position, cell in enumerate(cells):
        if cell is not None and getattr(cell, "data_type", None) == "f":
            report.error(
                row,
                f"column {_LETTERS[FIRST_COLUMN - 1 + position]} holds a formula "
                f"({cell.value}); type the value instead",
            )
            return None
    prompt = _cell_text(values[0])
    answers = {n: _cell_text(values[n]) for n in range(1, 5) if _cell_text(values[n])}
    if not prompt:
        report.error(row, "the question (column B) is empty")
        return None
    if len(answers) < 2:
        report.error(row, "a Kahoot question needs at least two answers (columns C to F)")
        return None
    time_limit = _time_limit(values[5], row, report)
    correct = _correct(values[6], answers, row, report)
    if correct is None:
        return None
    draft = Draft(row, {"id": f"q{number}", "prompt": prompt})
    if time_limit is not None:
        draft.data["time_limit"] = time_limit
    texts = [text.lower() for text in answers.values()]
    if sorted(answers) == [1, 2] and texts == ["true", "false"] and len(correct) == 1:
        draft.data["type"] = "true_false"
        draft.data["answer"] = correct == [1]
        return draft
    ids = option_ids(4)
    draft.data["type"] = "single" if len(correct) == 1 else "multiple"
    draft.data["options"] = [
        {
            "id": ids[n - 1],
            "text": text,
            "correct": n in correct,
        }
        for n, text in answers.items()
    ]
    return draft


def read(path: Path) -> tuple[Bank, list[str]]:
    """Read a Kahoot quiz spreadsheet into a validated bank.

    Parameters
    ----------
    path : pathlib.Path
        An ``.xlsx`` file laid out as Kahoot's template.

    Returns
    -------
    tuple of (Bank, list of str)
        The bank and the warnings (time limits changed...). Kahoot has no explanations, so
        the questions have none.

    Raises
    ------
    BankError
        Every problem as ``file:row N: message``.
    """
    path = Path(path)
    file = str(path)
    read_limited(path, file, "xlsx")
    _check_zip(path, file)
    # openpyxl parses a zip of XML the user chose: whatever it raises on a damaged or hostile
    # file (BadZipFile, zlib.error, a parse error, a KeyError for a missing part...) is one
    # named problem, never a traceback.
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (Exception, InvalidFileException) as exc:
        raise fail(file, f"not a readable xlsx file ({_reason(exc)})", 1, "row") from None
    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(
            min_row=HEADER_ROW, min_col=FIRST_COLUMN, max_col=FIRST_COLUMN + len(HEADERS) - 1
        )
        try:
            table = [list(cells) for cells in rows]
        finally:
            rows.close()  # read-only mode keeps the sheet's file open until the rows are closed
    except Exception as exc:
        raise fail(file, f"not a readable xlsx file ({_reason(exc)})", 1, "row") from None
    finally:
        workbook.close()
    report = Report(file, unit="row")
    found = [cell.value for cell in table[0]] if table else []
    found += [None] * (len(HEADERS) - len(found))
    for position, (expected, actual) in enumerate(zip(HEADERS, found, strict=True)):
        if _normal(expected) != _normal(actual):
            column = _LETTERS[FIRST_COLUMN - 1 + position]
            report.error(
                HEADER_ROW,
                f"column {column} should be headed {expected!r}, found "
                f"{_cell_text(actual)!r} (the header row is row 8, from column B, as in "
                "Kahoot's template)",
            )
    report.check()
    drafts: list[Draft] = []
    for offset, cells in enumerate(table[1:], start=HEADER_ROW + 1):
        padded: list[Any] = cells + [None] * (len(HEADERS) - len(cells))
        if all(_cell_text(c.value if c is not None else None) == "" for c in padded):
            continue
        draft = _row_draft(padded, offset, len(drafts) + 1, report)
        if draft is not None:
            drafts.append(draft)
    report.check()
    bank_id, title = bank_names(path.stem)
    bank = build_bank(report, drafts, bank_id=bank_id, title=title, lesson=bank_id, source=SOURCE)
    return bank, report.warning_texts()


def _plain(text: str) -> str:
    return " ".join(to_plain_text(text).split())


def _set_text(sheet: Any, row: int, column: int, text: str) -> None:
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"  # text, never a formula, whatever it starts with


def workbook_for(bank: Bank, *, file: str = "<workbook>") -> tuple[Workbook, list[str]]:
    """Build the Kahoot spreadsheet for ``bank``.

    Returns
    -------
    tuple of (openpyxl.Workbook, list of str)
        The workbook and the warnings: questions skipped (types Kahoot lacks, more than four
        options), text over Kahoot's limits (written whole, not cut), Markdown removed.
    """
    notes = ExportNotes(file)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kahoot"
    _set_text(sheet, 2, FIRST_COLUMN, bank.title)
    sheet.cell(row=2, column=FIRST_COLUMN).font = Font(bold=True, size=14)
    _set_text(sheet, 4, FIRST_COLUMN, f"Written by smlab convert from the bank {bank.id}.")
    for position, header in enumerate(HEADERS):
        cell = sheet.cell(row=HEADER_ROW, column=FIRST_COLUMN + position)
        _set_text(sheet, HEADER_ROW, FIRST_COLUMN + position, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGH", (4, 60, 30, 30, 30, 30, 16, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    row = HEADER_ROW
    skipped: set[str] = set()
    explained_ids: list[str] = []
    for question in bank.questions:
        if isinstance(question, TrueFalse):
            answers = ["True", "False"]
            correct = [1 if question.answer else 2]
        elif isinstance(question, SingleChoice | MultipleChoice):
            if len(question.options) > MAX_ANSWERS:
                notes.warn(
                    question.id,
                    f"skipped: {len(question.options)} options, and Kahoot holds at most 4",
                )
                skipped.add(question.id)
                continue
            answers = [_plain(option.text) for option in question.options]
            correct = [n for n, option in enumerate(question.options, 1) if option.correct]
        else:
            notes.warn(
                question.id,
                f"skipped: Kahoot has no {question.type!r} question (it holds single, "
                "multiple and true/false)",
            )
            skipped.add(question.id)
            continue
        row += 1
        prompt = _plain(question.prompt)
        if prompt != " ".join(question.prompt.split()):
            notes.warn(question.id, "Markdown formatting removed (Kahoot shows plain text)")
        if len(prompt) > MAX_QUESTION:
            notes.warn(
                question.id,
                f"the question has {len(prompt)} characters, Kahoot allows {MAX_QUESTION}: "
                "written whole, shorten it before uploading",
            )
        for number, answer in enumerate(answers, 1):
            if len(answer) > MAX_ANSWER:
                notes.warn(
                    question.id,
                    f"answer {number} has {len(answer)} characters, Kahoot allows "
                    f"{MAX_ANSWER}: written whole, shorten it before uploading",
                )
        sheet.cell(row=row, column=1).value = row - HEADER_ROW
        _set_text(sheet, row, FIRST_COLUMN, prompt)
        for number, answer in enumerate(answers):
            _set_text(sheet, row, FIRST_COLUMN + 1 + number, answer)
        sheet.cell(row=row, column=FIRST_COLUMN + 5).value = (
            question.time_limit or DEFAULT_TIME_LIMIT
        )
        _set_text(sheet, row, FIRST_COLUMN + 6, ",".join(str(n) for n in correct))
        explained_ids.append(question.id)
    if row == HEADER_ROW:
        raise fail(
            file,
            "nothing to write: Kahoot holds only single, multiple and true/false questions "
            "with at most four options, and this bank has none",
            unit="none",
        )
    checks = {
        "explanations": lambda q: q.id in explained_ids,
        "hints": lambda q: bool(q.hints),
        "difficulty": lambda q: q.difficulty != "medium",
    }
    notes.lost("Kahoot", bank, checks, skipped)
    return workbook, notes.notes


def write(bank: Bank, path: Path) -> list[str]:
    """Write ``bank`` to ``path`` as a Kahoot quiz spreadsheet (atomically); return warnings."""
    workbook, notes = workbook_for(bank, file=str(path))
    write_atomic(Path(path), lambda target: workbook.save(target))
    return notes
