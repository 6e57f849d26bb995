"""What every bank format shares: problems with their place, drafts, ids and safe writes.

An importer turns a file into ``Draft`` questions (plain data, with the line or row they came
from), and ``build_bank`` validates them with the same models ``load_bank`` uses, so an
imported bank is as safe to grade as a YAML one. Every problem is reported as
``file:line: message`` (``file:row N: message`` for a spreadsheet) through the model's own
``Problem`` and ``BankError``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from toolkit.quiz.model import (
    QUESTION,
    QUESTION_TYPES,
    RULES_ERROR,
    Bank,
    BankError,
    Loc,
    Problem,
    Question,
)
from toolkit.safety.files import write_atomically
from toolkit.safety.reader import InputError, Kind, MissingInputError, decode_text, read_bytes

#: The biggest file an importer reads (a bank is a few hundred kilobytes at most).
MAX_BYTES = 20_000_000
#: How many question ids a warning lists before it says "and N more".
_SHOWN_IDS = 8
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,100}$")

Unit = Literal["line", "row", "none"]


@dataclass(frozen=True, slots=True)
class FormatProblem(Problem):
    """A ``Problem`` found in a file of another format.

    ``str()`` gives ``file:line: question-id: message``, ``file:row N: ...`` for a
    spreadsheet, and leaves out the question id when the problem belongs to no question.
    """

    unit: Unit = "line"

    def __str__(self) -> str:
        if self.unit == "row":
            place = f"{self.file}:row {self.line}"
        elif self.unit == "none":
            place = self.file
        else:
            place = f"{self.file}:{self.line}"
        question = f"{self.question_id}: " if self.question_id else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{place}: {question}{prefix}{self.message}"


@dataclass
class Report:
    """The errors and warnings found while reading (or writing) one file."""

    file: str
    unit: Unit = "line"
    problems: list[FormatProblem] = field(default_factory=list)
    warnings: list[FormatProblem] = field(default_factory=list)

    def error(self, line: int, message: str, question_id: str = "") -> None:
        """Record an error at ``line`` (a row number for a spreadsheet)."""
        self.problems.append(FormatProblem(self.file, line, question_id, message, unit=self.unit))

    def warn(self, line: int, message: str, question_id: str = "") -> None:
        """Record a warning at ``line``."""
        self.warnings.append(
            FormatProblem(self.file, line, question_id, message, "warning", unit=self.unit)
        )

    def check(self) -> None:
        """Raise ``BankError`` listing every error, in file order, if there is any."""
        if self.problems:
            raise BankError(sorted(self.problems, key=lambda p: p.line))

    def warning_texts(self) -> list[str]:
        """The warnings as ``file:line: question-id: warning: message`` lines."""
        return [str(w) for w in sorted(self.warnings, key=lambda p: p.line)]


def fail(file: str, message: str, line: int = 1, unit: Unit = "line") -> BankError:
    """Return a ``BankError`` holding one problem (for a caller to raise)."""
    return BankError([FormatProblem(file, line, "", message, unit=unit)])


@dataclass
class Draft:
    """One imported question as plain data, before validation.

    Attributes
    ----------
    line : int
        Where it starts in the file (a row number for a spreadsheet).
    data : dict
        The question as ``load_bank`` would see it in YAML.
    where : callable, optional
        Names a location inside the question for messages (a CSV column, say).
    """

    line: int
    data: dict[str, Any]
    where: Callable[[Loc], str] | None = None


def join_text(*parts: str) -> str:
    """Join the non-empty parts as paragraphs."""
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def make_id(text: str, fallback: str) -> str:
    """Turn a name into an id (letters, digits, ``-``, ``_``), or ``fallback`` if none is left.

    Examples
    --------
    >>> make_id("Q1: What is ITIL?", "q1")
    'Q1-What-is-ITIL'
    >>> make_id("???", "q7")
    'q7'
    """
    candidate = _NOT_ID.sub("-", text).strip("-")[:100].strip("-")
    return candidate or fallback


def is_id(text: str) -> bool:
    """Whether ``text`` is a valid id."""
    return bool(_ID.match(text))


def unique(identifier: str, taken: set[str]) -> str:
    """Return ``identifier``, or it with ``-2``, ``-3``... if it is taken; record it as taken."""
    candidate = identifier
    count = 2
    while candidate in taken:
        suffix = f"-{count}"
        candidate = identifier[: 100 - len(suffix)] + suffix
        count += 1
    taken.add(candidate)
    return candidate


def option_ids(count: int) -> list[str]:
    """Ids for ``count`` imported options: ``a``, ``b``... ``z``, then ``o27``, ``o28``...

    Examples
    --------
    >>> option_ids(3)
    ['a', 'b', 'c']
    """
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [letters[i] if i < len(letters) else f"o{i + 1}" for i in range(count)]


def number_text(value: float) -> str:
    """Write a number the shortest way that reads back exactly (``23``, ``69.66``).

    Examples
    --------
    >>> number_text(23.0), number_text(69.66), number_text(-0.25)
    ('23', '69.66', '-0.25')
    """
    value = float(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def parse_number(text: str) -> float | None:
    """Read a finite number from ``text`` (``None`` if it holds none)."""
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def percent_text(fraction: float) -> str:
    """A fraction as Moodle writes a percentage: at most five decimals (``33.33333``).

    Examples
    --------
    >>> percent_text(1 / 3), percent_text(-0.5), percent_text(1.0)
    ('33.33333', '-50', '100')
    """
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def read_limited(path: Path, file: str, kind: Kind = "bank") -> bytes:
    """Read ``path``'s bytes through the input boundary (``toolkit.safety.reader``).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    BankError
        If the path is not a regular file (a folder, a FIFO, a device) or is bigger than
        ``LIMITS[kind]`` (``MAX_BYTES`` for a bank).
    """
    try:
        return read_bytes(path, kind=kind)
    except MissingInputError:
        raise FileNotFoundError(f"no file at {path}") from None
    except InputError as exc:
        raise fail(file, exc.text, exc.line or 1) from None


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 text (with or without a byte order mark; UTF-16 with one).

    Raises
    ------
    BankError
        Naming the line of the first byte that is not UTF-8, or of a NUL byte.
    """
    try:
        return decode_text(data, file)
    except InputError as exc:
        column = f" (column {exc.column})" if exc.column else ""
        raise fail(file, f"{exc.reason}{column}: {exc.fix}", exc.line or 1) from None


# --- validation ----------------------------------------------------------------------------


def _default_where(loc: Loc) -> str:
    """``('options', 1, 'text')`` -> ``option 2 text``."""
    words: list[str] = []
    for part in loc:
        if isinstance(part, int):
            if words:
                words[-1] = words[-1].rstrip("s")
            words.append(str(part + 1))
        else:
            words.append(str(part))
    return " ".join(words) or "question"


def _strip_tag(loc: Sequence[Any]) -> Loc:
    """Drop the union tag pydantic puts first in a question's location."""
    parts = tuple(loc)
    if parts and parts[0] in QUESTION_TYPES:
        return parts[1:]
    return parts


def error_messages(exc: ValidationError, where: Callable[[Loc], str] | None = None) -> list[str]:
    """Turn a question's validation errors into plain messages, naming where each is."""
    name = where or _default_where
    messages: list[str] = []
    errors = exc.errors(include_url=False)
    inner = {tuple(e["loc"])[:end] for e in errors for end in range(len(e["loc"]))}
    for error in errors:
        loc = _strip_tag(error["loc"])
        kind = error["type"]
        if kind == "too_short" and tuple(error["loc"]) in inner:
            continue  # the entries failed; their own messages say why
        if kind == RULES_ERROR:
            for sub, message in error["ctx"]["problems"]:
                place = name((*loc, *sub)) if sub else ""
                text = str(message).replace("'correct: true'", "correct")
                messages.append(f"{place}: {text}" if place and place != "question" else text)
            continue
        place = name(loc)
        if kind == "missing" and loc and str(loc[-1]).startswith("explanation"):
            messages.append(f"{place} is empty: say why it is right, or tempting and wrong")
        elif kind == "missing":
            messages.append(f"{place} is missing")
        elif kind == "string_too_short":
            messages.append(f"{place} is empty")
        elif kind == "too_short":
            least = (error.get("ctx") or {}).get("min_length")
            messages.append(f"{place} needs at least {least} entr{'y' if least == 1 else 'ies'}")
        elif kind == "literal_error" and loc and loc[-1] == "time_limit":
            messages.append(
                f"{place} must be one of 5, 10, 20, 30, 60, 90, 120 or 240 seconds, "
                f"got {error.get('input')!r}"
            )
        elif kind == "union_tag_invalid":
            messages.append(f"unknown question type; use one of: {', '.join(QUESTION_TYPES)}")
        else:
            messages.append(f"{place}: {error['msg']}")
    return messages


def build_bank(
    report: Report,
    drafts: Iterable[Draft],
    *,
    bank_id: str,
    title: str,
    lesson: str,
    description: str | None = None,
    source: str = "",
) -> Bank:
    """Validate the drafts into a ``Bank``; raise ``BankError`` with every problem found.

    Question ids are made unique (a repeated id is an error only when ``source`` is empty,
    that is for our own formats, where the author chose the ids).

    Parameters
    ----------
    report : Report
        Collects the problems and warnings.
    drafts : iterable of Draft
        The questions in file order.
    bank_id, title, lesson, description : str
        The bank's own fields.
    source : str
        The format's name (``"Kahoot"``); empty for our CSV, whose ids the author chose.
    """
    questions: list[Question] = []
    seen: dict[str, int] = {}
    any_draft = False
    for draft in drafts:
        any_draft = True
        identifier = str(draft.data.get("id", ""))
        if source:
            identifier = unique(identifier, set(seen))
            draft.data["id"] = identifier
        elif identifier in seen:
            where = "row" if report.unit == "row" else "line"
            report.error(
                draft.line,
                f"duplicate question id {identifier!r} (first at {where} {seen[identifier]})",
                identifier,
            )
            continue
        seen[identifier] = draft.line
        try:
            question = QUESTION.validate_python(draft.data)
        except ValidationError as exc:
            for message in error_messages(exc, draft.where):
                report.error(draft.line, message, identifier)
            continue
        questions.append(question)
    if not any_draft and not report.problems:
        report.error(1, "no questions found: there is nothing to import")
    report.check()
    if not questions:
        report.error(1, "no question could be imported (see the warnings)")
        report.check()
    bank_data: dict[str, Any] = {
        "id": bank_id,
        "title": title,
        "lesson": lesson,
        "questions": questions,
    }
    if description:
        bank_data["description"] = description
    try:
        return Bank.model_validate(bank_data)
    except ValidationError as exc:
        for message in error_messages(exc):
            report.error(1, message)
        report.check()
        raise  # pragma: no cover - check() raised


def bank_names(stem: str) -> tuple[str, str]:
    """The id and a title for a bank imported from a file named ``stem``.

    Examples
    --------
    >>> bank_names("02-compound_improvement")
    ('02-compound_improvement', '02 compound improvement')
    """
    identifier = make_id(stem, "imported-bank")
    title = re.sub(r"[-_]+", " ", stem).strip() or "Imported bank"
    return identifier, title


def shown_ids(ids: Sequence[str]) -> str:
    """List ids for a message, at most a few, with how many were left out."""
    listed = ", ".join(ids[:_SHOWN_IDS])
    more = len(ids) - _SHOWN_IDS
    return listed + (f" and {more} more" if more > 0 else "")


# --- export warnings -------------------------------------------------------------------------


@dataclass
class ExportNotes:
    """Warnings gathered while writing a bank in another format."""

    file: str
    notes: list[str] = field(default_factory=list)

    def warn(self, question_id: str, message: str) -> None:
        """Record a warning about one question."""
        self.notes.append(f"{self.file}: {question_id}: warning: {message}")

    def bank(self, message: str) -> None:
        """Record a warning about the whole bank."""
        self.notes.append(f"{self.file}: warning: {message}")

    def lost(
        self,
        format_name: str,
        bank: Bank,
        checks: dict[str, Callable[[Any], bool]],
        skipped: set[str],
        *,
        bank_fields: Sequence[str] = (),
    ) -> None:
        """Record, in one warning, every field the format cannot hold and where it is used.

        ``bank_fields`` names fields of the bank itself (its description) that are lost too.
        """
        parts = list(bank_fields)
        for label, has in checks.items():
            ids = [q.id for q in bank.questions if q.id not in skipped and has(q)]
            if ids:
                parts.append(f"{label} ({len(ids)} question(s): {shown_ids(ids)})")
        if parts:
            self.bank(f"{format_name} has no place for {'; '.join(parts)}: not written")


#: Fields of our questions that the other formats often cannot hold, with a test for each.
COMMON_CHECKS: dict[str, Callable[[Any], bool]] = {
    "difficulty": lambda q: q.difficulty != "medium",
    "hints": lambda q: bool(q.hints),
    "tags": lambda q: bool(q.tags),
    "time limits": lambda q: q.time_limit is not None,
    "sources": lambda q: q.source is not None,
    "shuffle: false": lambda q: not q.shuffle,
}


# --- writing ---------------------------------------------------------------------------------


def write_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Write ``path`` through a temporary file renamed into place only when ``write`` succeeds.

    Nothing is left behind if ``write`` raises: a half-written bank never replaces a good one.
    """
    write_atomically(path, write, force=True)


def write_text_atomic(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (``\\n`` line endings)."""

    def _write(target: Path) -> None:
        with target.open("w", encoding=encoding, newline="\n") as handle:
            handle.write(text)

    write_atomic(path, _write)
