"""Checking banks: every problem in every bank, as ``file:line: question-id: message``.

``load_bank`` already refuses a broken bank; this module adds the checks that need more than
one file or the file's name (a bank's id must be its file's stem, ids are unique across
banks) and collects everything for ``smlab validate`` and the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from toolkit.paths import quizzes_dir
from toolkit.quiz.loader import BANK_LEVEL, parse_bank
from toolkit.quiz.model import Bank, Problem
from toolkit.safety.reader import InputError, decode_text, read_bytes

#: File name endings of banks.
BANK_SUFFIXES = (".yaml", ".yml")


@dataclass
class Report:
    """What ``validate_paths`` found."""

    banks: list[Bank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Problem]:
        """The problems that make validation fail."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth a look that do not fail validation."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no bank has an error (warnings allowed)."""
        return not self.errors

    def summary(self) -> str:
        """One line: how many banks and questions were checked, and what was found."""
        questions = sum(len(bank.questions) for bank in self.banks)
        found = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        if self.ok:
            return f"OK: {self.files} bank(s), {questions} question(s) valid; {found}"
        return f"FAILED: {self.files} bank(s) checked; {found}"


def bank_files(paths: Iterable[str | Path] | None = None) -> list[Path]:
    """Expand files and folders to the bank files they hold (default: the shipped banks).

    Parameters
    ----------
    paths : iterable of str or pathlib.Path, optional
        Files and folders; a folder stands for its ``*.yaml`` and ``*.yml`` files.

    Returns
    -------
    list of pathlib.Path
        The files, folders expanded in name order.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    """
    chosen = [quizzes_dir()] if paths is None else [Path(p) for p in paths]
    files: list[Path] = []
    for path in chosen:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file())
            )
        elif path.is_file():
            files.append(path)
        else:
            raise FileNotFoundError(f"no question bank or folder at {path}")
    return files


def validate_paths(paths: Iterable[str | Path] | None = None) -> Report:
    """Check every bank under ``paths`` (default: every bank in ``quizzes_dir()``).

    Besides what ``load_bank`` checks (types, keys, correct options, numbers, duplicate ids
    within a bank...), this reports as errors a bank id that differs from its file's stem, a
    bank id used by two files, a file that is not a regular file, too big, not UTF-8 (or
    UTF-16 with a byte order mark) or nested too deep, and text holding control characters
    (naming the question and field); a ``lesson`` that differs from the file's stem is a
    warning. A missing explanation (see ``toolkit.quiz.course_rules.unexplained``) is an error in
    the course's own banks (the ``quizzes/`` folder) and a warning in any other bank.

    Parameters
    ----------
    paths : iterable of str or pathlib.Path, optional
        Bank files and folders.

    Returns
    -------
    Report
        The banks that loaded and every problem, in file then line order.

    Raises
    ------
    FileNotFoundError
        If a path does not exist.

    Examples
    --------
    >>> validate_paths().ok
    True
    """
    report = Report()
    first_file: dict[str, Path] = {}
    course = quizzes_dir().resolve()
    for path in bank_files(paths):
        report.files += 1
        try:  # one read of each file, through the input boundary (type, size, encoding)
            text = decode_text(read_bytes(path, kind="bank"), path)
        except InputError as exc:
            report.problems.append(Problem(str(path), exc.line or 1, BANK_LEVEL, exc.text))
            continue
        own = path.resolve().parent == course
        bank, problems = parse_bank(
            text,
            file=str(path),
            path=path,
            refuse_controls=True,
            explanations="required" if own else "warn",
        )
        report.problems.extend(problems)
        if bank is None:
            continue
        report.banks.append(bank)
        report.problems.extend(_portability_problems(path, text))
        report.problems.extend(_naming_problems(bank, path, text, first_file))
    return report


def _portability_problems(path: Path, text: str) -> list[Problem]:
    """Problems of YAML that libyaml accepts but PyYAML's pure-Python parser refuses.

    ``load_bank`` parses with libyaml when PyYAML has it; a PyYAML without it (some
    platforms, or in the browser) must read the same banks, so both parsers must agree.
    """
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = exc.problem or str(exc)
        return [
            Problem(
                str(path),
                line,
                BANK_LEVEL,
                f"not portable YAML: {reason} (only libyaml reads it; quote the text, e.g. "
                '{id: a, text: "Where are we now?"})',
            )
        ]
    except yaml.YAMLError as exc:
        return [Problem(str(path), 1, BANK_LEVEL, f"not portable YAML: {exc}")]
    except RecursionError:  # pragma: no cover - parse_bank refuses deep nesting first
        return [Problem(str(path), 1, BANK_LEVEL, "not portable YAML: nested too deeply")]
    return []


def _key_line(text: str, key: str) -> int:
    """The line of a top-level ``key:`` in a bank's text (1 if not found)."""
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return 1


def _naming_problems(
    bank: Bank, path: Path, text: str, first_file: dict[str, Path]
) -> list[Problem]:
    problems = []
    id_line = _key_line(text, "id")
    if bank.id != path.stem:
        problems.append(
            Problem(
                str(path),
                id_line,
                BANK_LEVEL,
                f"bank id {bank.id!r} differs from the file name {path.stem!r}: name the file "
                f"{bank.id}.yaml (checkpoints find banks by file name)",
            )
        )
    if bank.lesson != path.stem:
        problems.append(
            Problem(
                str(path),
                _key_line(text, "lesson"),
                BANK_LEVEL,
                f"lesson {bank.lesson!r} differs from the file name {path.stem!r}",
                severity="warning",
            )
        )
    if bank.id in first_file:
        problems.append(
            Problem(
                str(path),
                id_line,
                BANK_LEVEL,
                f"bank id {bank.id!r} is already used by {first_file[bank.id]}",
            )
        )
    else:
        first_file[bank.id] = path
    return problems
