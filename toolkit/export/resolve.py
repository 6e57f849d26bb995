"""Turn what a trainer types (``02``, ``2``, ``02-compound-improvement``) into a lesson or bank."""

from __future__ import annotations

from pathlib import Path

from toolkit.course import LESSONS, Lesson
from toolkit.export.errors import ExportError
from toolkit.paths import notebooks_dir
from toolkit.quiz.bank_finder import find_bank, known_banks


def known_lessons() -> list[str]:
    """Return the slugs of the course's lessons, in teaching order."""
    return [lesson.slug for lesson in LESSONS]


def resolve_lesson(name: str) -> Lesson:
    """Return the lesson that ``name`` names: its slug, its number, or its ``.ipynb`` name.

    Parameters
    ----------
    name : str
        ``"02-compound-improvement"``, ``"02"``, ``"2"`` or ``"02-compound-improvement.ipynb"``.

    Returns
    -------
    toolkit.course.Lesson
        The lesson.

    Raises
    ------
    ExportError
        If no lesson matches; the message lists the lessons there are.

    Examples
    --------
    >>> resolve_lesson("2").slug
    '02-compound-improvement'
    """
    text = Path(name.strip()).name.removesuffix(".ipynb")
    for lesson in LESSONS:
        if text == lesson.slug or (text.isdigit() and int(text) == lesson.number):
            return lesson
    raise ExportError(f"no lesson {name!r}; the lessons are: {', '.join(known_lessons())}")


def lesson_notebook(lesson: Lesson) -> Path:
    """Return the notebook file of ``lesson``.

    Raises
    ------
    ExportError
        If the course has no notebook for it (yet).
    """
    path = notebooks_dir() / lesson.notebook
    if not path.is_file():
        raise ExportError(f"lesson {lesson.slug} has no notebook at {path}")
    return path


def resolve_bank(name: str) -> Path:
    """Return the YAML file of the bank ``name``: a bank id, a lesson number, or a path.

    Parameters
    ----------
    name : str
        ``"02-compound-improvement"``, ``"02"``, ``"2"``, or the path of a ``.yaml`` bank.

    Returns
    -------
    pathlib.Path
        The bank's file.

    Raises
    ------
    ExportError
        If no bank matches; the message lists the shipped banks.

    Examples
    --------
    >>> resolve_bank("00").name
    '00-start-here.yaml'
    """
    try:
        return find_bank(name)
    except FileNotFoundError:
        raise ExportError(
            f"no question bank {name!r}; give a bank file (.yaml) or one of: "
            f"{', '.join(known_banks())}"
        ) from None
