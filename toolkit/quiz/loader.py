"""Loading banks: safe YAML in, a validated ``Bank`` out, or every problem with its line.

The YAML is parsed with PyYAML's safe loader (libyaml's when available): tags that would
build Python objects are refused, and every mapping and list keeps the line it starts on,
so a problem is reported as ``file:line: question-id: message``.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from toolkit.quiz.bank_reader import BANK_LEVEL, BankReader, kind_of
from toolkit.quiz.course_rules import unexplained
from toolkit.quiz.model import Bank, BankError, Problem
from toolkit.safety.reader import InputError, check_yaml_depth, decode_text, read_bytes

__all__ = ["BANK_LEVEL", "bank_problems", "load_bank", "parse_bank"]


def load_bank(path: str | Path) -> Bank:
    """Load and validate the question bank at ``path``.

    Parameters
    ----------
    path : str or pathlib.Path
        A YAML bank written per ``quizzes/FORMAT.md``.

    Returns
    -------
    Bank
        The validated bank, with ``bank.path`` set.

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    BankError
        If the bank has problems; ``.problems`` lists each with its file, line and question.

    Examples
    --------
    >>> from toolkit.paths import quizzes_dir
    >>> load_bank(quizzes_dir() / "00-start-here.yaml").lesson
    '00-start-here'
    """
    bank, problems = bank_problems(path)
    if bank is None:
        raise BankError(problems)
    return bank


def bank_problems(
    path: str | Path, *, explanations: Literal["optional", "warn", "required"] = "optional"
) -> tuple[Bank | None, list[Problem]]:
    """Load the bank at ``path`` and return it with its problems, never raising for them.

    ``explanations`` says how a missing explanation counts (see :func:`parse_bank`).

    Returns
    -------
    tuple of (Bank or None, list of Problem)
        The bank (``None`` if it has errors) and every problem, in line order.

    Raises
    ------
    FileNotFoundError
        If there is no such file.

    Notes
    -----
    The file is read through ``toolkit.safety.reader`` (a regular file, at most
    ``LIMITS["bank"]`` bytes); a file that fails those checks is one problem, not an error.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no question bank at {path}")
    try:
        data = read_bytes(path, kind="bank")
    except InputError as exc:
        return None, [Problem(str(path), exc.line or 1, BANK_LEVEL, exc.text)]
    return parse_bank(data, file=str(path), path=path, explanations=explanations)


def parse_bank(
    text: str | bytes,
    *,
    file: str = "<string>",
    path: Path | None = None,
    refuse_controls: bool = False,
    explanations: Literal["optional", "warn", "required"] = "optional",
) -> tuple[Bank | None, list[Problem]]:
    """Parse and validate bank ``text``; return the bank (or ``None``) and its problems.

    Parameters
    ----------
    text : str or bytes
        The YAML (bytes are read as UTF-8, or UTF-16 with a byte order mark).
    file : str
        The name problems report.
    path : pathlib.Path, optional
        Stored as ``bank.path``.
    refuse_controls : bool, default False
        Report text holding control characters (``\\e[31m``, ``\\a``...) as a problem
        naming the question and field, as ``smlab validate`` does. Loading allows them:
        every terminal view removes them (``toolkit.safety.terminal``) and HTML escapes them.
    explanations : {"optional", "warn", "required"}
        Whether a missing explanation (see :func:`toolkit.quiz.course_rules.unexplained`) passes,
        is a warning, or is an error (the course's own banks).

    Returns
    -------
    tuple of (Bank or None, list of Problem)
        The bank is ``None`` when any error was found.
    """
    try:
        source = decode_text(text, file) if isinstance(text, bytes) else text
        check_yaml_depth(source, file)
    except InputError as exc:
        return None, [Problem(file, exc.line or 1, BANK_LEVEL, exc.text)]
    # Composing and validating make hundreds of thousands of objects and no garbage cycles;
    # the collector's full passes over them made a big bank's time grow with its square
    # (2,000 broken questions 0.3 s, 8,000 2.6 s), so it waits until the bank is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _parse(source, file, path, refuse_controls, explanations)
    finally:
        if collecting:
            gc.enable()


def _parse(
    source: str,
    file: str,
    path: Path | None,
    refuse_controls: bool,
    explanations: Literal["optional", "warn", "required"],
) -> tuple[Bank | None, list[Problem]]:
    reader = BankReader(file, refuse_controls=refuse_controls)
    data = reader.read(source)
    if data is None:
        if not reader.problems:
            reader.add(
                1,
                BANK_LEVEL,
                "the bank is empty (null): write its id:, title:, lesson: and questions:",
            )
        return None, reader.sorted()
    if not isinstance(data, dict):
        reader.add(1, BANK_LEVEL, f"a bank is a mapping (id:, title:, ...), not {kind_of(data)}")
        return None, reader.sorted()
    if "path" in data:
        reader.add(reader.line(("path",)), BANK_LEVEL, "unknown key 'path'")
        data = {key: value for key, value in data.items() if key != "path"}
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        reader.explain(exc, data)
        return None, reader.sorted()
    if reader.problems:
        return None, reader.sorted()
    if explanations != "optional":
        severity: Literal["error", "warning"] = "error" if explanations == "required" else "warning"
        for loc, message in unexplained(bank):
            line = reader.line(loc)
            reader.problems.append(
                Problem(file, line, reader.question_id(loc), message, severity=severity)
            )
        if severity == "error" and reader.problems:
            return None, reader.sorted()
    return bank.model_copy(update={"path": path}), reader.sorted()
