"""Reading a CSV bank: each row checked and turned into a question draft (see ``csv_bank``)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from toolkit.quiz.formats._common import (
    Draft,
    Report,
    bank_names,
    build_bank,
    fail,
    option_ids,
    parse_number,
)
from toolkit.quiz.formats._csv_columns import (
    BANK_ROW,
    HEAD,
    NUMBERED,
    TAIL,
    USES,
    split_list,
    unprotect,
)
from toolkit.quiz.model import QUESTION_TYPES, Bank, Loc

__all__ = ["loads"]

#: The columns every question type may fill (see ``USES`` for the others): the written head,
#: less the option ids that only choice types fill.
_COMMON = frozenset(HEAD) - {"option_ids"}
_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def _column_where(loc: Loc) -> str:
    """Name the column a model location comes from."""
    if len(loc) >= 2 and isinstance(loc[1], int):
        number = loc[1] + 1
        field = loc[2] if len(loc) > 2 else None
        if loc[0] in {"accepted", "hints", "tags"}:
            return f"{loc[0]} entry {number}"
        if field == "id":
            return f"option_ids entry {number}"
        if field in {"explanation"}:
            return f"explanation_{number}"
        if field == "right":
            return f"match_{number}"
        return f"option_{number}"
    if loc and loc[0] in {"options", "items", "pairs"}:
        return "option_1..."
    return str(loc[0]) if loc else "row"


class _Row:
    """One data row: its cells by column, with helpers that record problems."""

    def __init__(self, cells: dict[str, str], line: int, report: Report) -> None:
        self.cells = cells
        self.line = line
        self.report = report
        self.ok = True
        self.id = cells.get("id", "")

    def error(self, message: str) -> None:
        self.report.error(self.line, message, self.id)
        self.ok = False

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def flag(self, column: str) -> bool | None:
        value = self.text(column).strip().lower()
        if not value:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.error(f"column {column}: {self.text(column)!r} is not true or false")
        return None

    def number(self, column: str, value: str | None = None) -> float | None:
        raw = self.text(column) if value is None else value
        if not raw.strip():
            return None
        number = parse_number(raw)
        if number is None:
            self.error(f"column {column}: {raw.strip()!r} is not a number (use a point: 0.5)")
        return number

    def numbered(self, prefix: str, count: int) -> list[str]:
        return [self.text(f"{prefix}_{n}") for n in range(1, count + 1)]


def _count(row: _Row, columns: list[str]) -> int:
    """How many numbered entries the row fills (the highest N with a filled cell)."""
    highest = 0
    for column in columns:
        found = NUMBERED.match(column)
        if found and row.text(column).strip():
            highest = max(highest, int(found.group(2)))
    return highest


def _entries(row: _Row, count: int, kind: str) -> list[str] | None:
    """The option_N texts 1..count; a gap is an error."""
    texts = row.numbered("option", count)
    for position, text in enumerate(texts, start=1):
        if not text.strip():
            row.error(
                f"option_{position} is empty but a later {kind} column is filled: fill the "
                "options from option_1 without gaps"
            )
            return None
    return texts


def _ids(row: _Row, count: int) -> list[str]:
    cell = row.text("option_ids")
    if not cell.strip():
        return option_ids(count)
    ids = [part for part in re.split(r"[\s,]+", cell.strip()) if part]
    if len(ids) != count:
        row.error(f"column option_ids lists {len(ids)} id(s) for {count} option(s)")
        return option_ids(count)
    return ids


def _positions(row: _Row, column: str, count: int) -> set[int]:
    chosen: set[int] = set()
    for part in re.split(r"[\s,;]+", row.text(column).strip()):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= count:
            row.error(
                f"column {column}: {part!r} is not an option number from 1 to {count} "
                "(write the numbers of the right options, as 1,3)"
            )
            continue
        chosen.add(int(part))
    return chosen


def _common(row: _Row, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": row.id, "type": kind, "prompt": row.text("prompt")}
    if row.text("difficulty").strip():
        data["difficulty"] = row.text("difficulty").strip().lower()
    if row.text("time_limit").strip():
        seconds = row.number("time_limit")
        if seconds is not None:
            data["time_limit"] = int(seconds) if seconds.is_integer() else seconds
    for column in ("source",):
        if row.text(column).strip():
            data[column] = row.text(column).strip()
    for column in ("tags", "hints"):
        if row.text(column).strip():
            data[column] = split_list(row.text(column))
    for column in ("shuffle", "checkpoint"):
        flag = row.flag(column)
        if flag is not None:
            data[column] = flag
    return data


def _choices(row: _Row, data: dict[str, Any], count: int) -> None:
    kind = data["type"]
    texts = _entries(row, count, "option")
    if texts is None:
        return
    ids = _ids(row, count)
    explanations = row.numbered("explanation", count)
    options: list[dict[str, Any]] = []
    if kind in {"single", "multiple"}:
        right = _positions(row, "correct", count)
        if not right and row.ok:
            row.error("column correct is empty: give the number(s) of the right option(s), as 1,3")
        credits: list[str] = []
        if row.text("credit").strip():
            credits = [part.strip() for part in row.text("credit").split(",")]
            if len(credits) != count:
                row.error(
                    f"column credit gives {len(credits)} value(s) for {count} option(s): one "
                    "credit (-1 to 1) per option, empty for the default, as 0.5, 0.5, -1"
                )
                return
        for n, (option_id, text, why) in enumerate(zip(ids, texts, explanations, strict=True), 1):
            option: dict[str, Any] = {"id": option_id, "text": text, "explanation": why}
            if n in right:
                option["correct"] = True
            if credits and credits[n - 1]:
                option["credit"] = row.number("credit", credits[n - 1])
            options.append(option)
    elif kind == "scenario":
        credits = [part for part in re.split(r"[\s,;]+", row.text("credit").strip()) if part]
        if len(credits) != count:
            row.error(
                f"column credit gives {len(credits)} value(s) for {count} option(s): one credit "
                "(0 to 1) per option, as 1, 0.5, 0"
            )
            return
        for option_id, text, why, credit in zip(ids, texts, explanations, credits, strict=True):
            value = row.number("credit", credit)
            options.append({"id": option_id, "text": text, "explanation": why, "credit": value})
        if row.text("depends_on").strip():
            data["depends_on"] = row.text("depends_on")
    else:  # poll
        for option_id, text, why in zip(ids, texts, explanations, strict=True):
            option = {"id": option_id, "text": text}
            if why.strip():
                option["explanation"] = why
            options.append(option)
        multiple = row.flag("multiple")
        if multiple is not None:
            data["multiple"] = multiple
    for option in options:
        if "explanation" in option and not str(option["explanation"]).strip():
            del option["explanation"]
    data["options"] = options


def _numeric(row: _Row, data: dict[str, Any], count: int) -> None:
    answer = row.number("answer")
    if answer is not None:
        data["answer"] = answer
    tolerance = row.number("tolerance")
    if tolerance is not None:
        data["tolerance"] = tolerance
    if row.text("range").strip():
        low, dots, high = row.text("range").partition("..")
        low_value, high_value = row.number("range", low), row.number("range", high)
        if not dots or low_value is None or high_value is None:
            if row.ok:
                row.error(f"column range: {row.text('range')!r} is not min..max, as 69..70.5")
        else:
            data["range"] = [low_value, high_value]
    if row.text("unit").strip():
        data["unit"] = row.text("unit")
    if row.text("explanation").strip():
        data["explanation"] = row.text("explanation")
    texts = _entries(row, count, "distractor") if count else []
    if texts is None:
        return
    explanations = row.numbered("explanation", count)
    distractors = []
    for n, (value_text, why) in enumerate(zip(texts, explanations, strict=True), 1):
        value = row.number(f"option_{n}", value_text)
        distractor: dict[str, Any] = {"value": value}
        if why.strip():
            distractor["explanation"] = why
        distractors.append(distractor)
    if distractors:
        data["distractors"] = distractors
    alternatives = []
    for entry in split_list(row.text("alternatives")):
        written, _, credit = entry.rpartition("=")
        alternative: dict[str, Any] = {"credit": row.number("alternatives", credit)}
        low, dots, high = written.partition("..")
        figure, colon, spread = written.partition(":")
        if dots:
            alternative["range"] = [
                row.number("alternatives", low),
                row.number("alternatives", high),
            ]
        else:
            alternative["answer"] = row.number("alternatives", figure)
            if colon:
                alternative["tolerance"] = row.number("alternatives", spread)
        alternatives.append(alternative)
    if alternatives:
        data["alternatives"] = alternatives


def _other(row: _Row, data: dict[str, Any], count: int) -> None:
    kind = data["type"]
    for column in ("explanation", "explanation_true", "explanation_false"):
        if row.text(column).strip() and column in USES[kind]:
            data[column] = row.text(column)
    if kind == "text":
        data["accepted"] = split_list(row.text("accepted"))
        case_sensitive = row.flag("case_sensitive")
        if case_sensitive is not None:
            data["case_sensitive"] = case_sensitive
        fuzzy = row.number("fuzzy")
        if fuzzy is not None:
            data["fuzzy"] = fuzzy
        partial = []
        for entry in split_list(row.text("partial")):
            text, _, credit = entry.rpartition("=")
            partial.append({"text": text.strip(), "credit": row.number("partial", credit)})
        if partial:
            data["partial"] = partial
    elif kind == "reflection":
        if row.text("model_answer").strip():
            data["model_answer"] = row.text("model_answer")
        if row.text("prompts").strip():
            data["prompts"] = split_list(row.text("prompts"))
        length = row.number("max_length")
        if length is not None:
            data["max_length"] = int(length) if length.is_integer() else length
    elif kind == "true_false":
        answer = row.flag("answer")
        if answer is not None:
            data["answer"] = answer
    elif kind in {"ordering", "matching"}:
        texts = _entries(row, count, "item")
        if texts is None:
            return
        ids = _ids(row, count)
        if kind == "ordering":
            data["items"] = [
                {"id": item_id, "text": text} for item_id, text in zip(ids, texts, strict=True)
            ]
        else:
            rights = row.numbered("match", count)
            data["pairs"] = [
                {"id": pair_id, "left": left, "right": right}
                for pair_id, left, right in zip(ids, texts, rights, strict=True)
            ]
            if row.text("distractors").strip():
                data["distractors"] = split_list(row.text("distractors"))


def _unused(row: _Row, kind: str, columns: list[str]) -> None:
    allowed = USES[kind] | (_COMMON if kind != BANK_ROW else set())
    for column in columns:
        if not row.text(column).strip():
            continue
        found = NUMBERED.match(column)
        name = column
        if found:
            name = {"option": "option", "match": "match", "explanation": "explanation_n"}[
                found.group(1)
            ]
        if name not in allowed:
            what = "the bank row" if kind == BANK_ROW else f"a {kind!r} question"
            row.error(f"column {column} is not used by {what}: leave it empty")


def _header(row: list[str], report: Report) -> list[str] | None:
    names = [unprotect(cell).strip().lower().replace(" ", "_").replace("-", "_") for cell in row]
    known = set(HEAD) | set(TAIL)
    ok = True
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        if name not in known and not NUMBERED.match(name):
            report.error(
                1,
                f"unknown column {name!r}; the columns are {', '.join(HEAD)}, option_N, "
                f"explanation_N, match_N, {', '.join(TAIL)}",
            )
            ok = False
        if name in seen:
            report.error(1, f"column {name!r} appears twice")
            ok = False
        seen.add(name)
    for required in ("id", "type", "prompt"):
        if required not in names:
            report.error(1, f"the header row has no {required!r} column")
            ok = False
    return names if ok else None


def _delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def loads(text: str, *, file: str = "<string>", stem: str = "bank") -> tuple[Bank, list[str]]:
    """Read a CSV bank (one row per question) into a validated bank.

    Parameters
    ----------
    text : str
        The CSV text (comma, semicolon or tab separated; the header row decides).
    file : str
        The name problems report.
    stem : str
        The file's name without ``.csv``: the bank's id when no ``bank`` row names it.

    Returns
    -------
    tuple of (Bank, list of str)
        The bank and its warnings (none today).

    Raises
    ------
    BankError
        Every problem as ``file:line: question-id: message``.
    """
    report = Report(file)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True
    )
    bank_id, title = bank_names(stem)
    bank_fields: dict[str, str] = {}
    drafts: list[Draft] = []
    columns: list[str] | None = None
    end = 0
    try:
        for cells in reader:
            line, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if columns is None:
                columns = _header(cells, report)
                if columns is None:
                    report.check()
                continue
            if cells[0].lstrip().startswith("#"):
                continue
            if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                report.error(line, f"the row has {len(cells)} cells, the header {len(columns)}")
                continue
            values = {
                name: unprotect(cell).strip()
                for name, cell in zip(columns, cells, strict=False)
                if name
            }
            draft = _row(values, columns, line, report, bank_fields)
            if draft is not None:
                drafts.append(draft)
    except csv.Error as exc:
        if "end of data" in str(exc):
            report.error(end + 1, 'a quoted cell starts here and is never closed (a " is missing)')
        else:
            report.error(reader.line_num or 1, f"not valid CSV: {exc}")
    if columns is None and not report.problems:
        raise fail(file, "the file is empty: the first row names the columns (id, type, ...)")
    if bank_fields.get("id"):
        bank_id = bank_fields["id"]
    lesson = bank_fields.get("source", "").removeprefix("lesson:").strip() or bank_id
    bank = build_bank(
        report,
        drafts,
        bank_id=bank_id,
        title=bank_fields.get("prompt") or title,
        lesson=lesson,
        description=bank_fields.get("explanation") or None,
    )
    return bank, report.warning_texts()


def _row(
    values: dict[str, str],
    columns: list[str],
    line: int,
    report: Report,
    bank_fields: dict[str, str],
) -> Draft | None:
    row = _Row(values, line, report)
    kind = row.text("type").strip().lower()
    if kind == BANK_ROW:
        _unused(row, BANK_ROW, [c for c in columns if c])
        if bank_fields:
            row.error("a second bank row: the bank is named once")
        bank_fields.update({k: v for k, v in values.items() if v})
        return None
    if kind not in QUESTION_TYPES:
        shown = f"{row.text('type')!r}" if kind else "empty"
        row.error(f"type is {shown}; use one of: {', '.join(QUESTION_TYPES)} (or bank)")
        return None
    if not row.id:
        row.error("id is empty: every question needs an id (letters, digits, - and _)")
        return None
    _unused(row, kind, [c for c in columns if c])
    data = _common(row, kind)
    count = _count(row, [c for c in columns if c])
    builders: dict[str, Callable[[_Row, dict[str, Any], int], None]] = {
        "single": _choices,
        "multiple": _choices,
        "scenario": _choices,
        "poll": _choices,
        "numeric": _numeric,
    }
    builders.get(kind, _other)(row, data, count)
    if not row.ok:
        return None
    return Draft(line, data, where=_column_where)
