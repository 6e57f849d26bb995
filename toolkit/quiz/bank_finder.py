"""Find a question bank by lesson name, lesson number or file path.

One rule for every command and view that takes a bank from a person (``smlab quiz``,
``smlab room``, ``smlab export quiz``): a path to a ``.yaml`` file, a shipped bank's id
(``02-compound-improvement``), or its lesson number (``02`` or ``2``).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.paths import quizzes_dir

__all__ = ["find_bank", "known_banks"]


def known_banks() -> list[str]:
    """Return the ids of the shipped question banks (the YAML files in ``quizzes/``)."""
    return sorted(path.stem for path in quizzes_dir().glob("*.yaml"))


def find_bank(name: str | Path) -> Path:
    """Return the YAML file of the bank ``name``: a bank id, a lesson number, or a path.

    Parameters
    ----------
    name : str or pathlib.Path
        ``"02-compound-improvement"``, ``"02"``, ``"2"``, or the path of a ``.yaml`` bank.

    Returns
    -------
    pathlib.Path
        The bank's file.

    Raises
    ------
    FileNotFoundError
        If no bank matches; the message lists the lessons that have one.

    Examples
    --------
    >>> find_bank("00").name
    '00-start-here.yaml'
    """
    candidate = Path(name).expanduser()
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        if not candidate.is_file():
            raise FileNotFoundError(f"no bank file {candidate}")
        return candidate
    banks = known_banks()
    stem = candidate.name
    if stem in banks:
        return quizzes_dir() / f"{stem}.yaml"
    if stem.isdigit():
        for bank in banks:
            prefix = bank.split("-", 1)[0]
            if prefix.isdigit() and int(prefix) == int(stem):
                return quizzes_dir() / f"{bank}.yaml"
    raise FileNotFoundError(
        f"no quiz for the lesson {str(name)!r}; the lessons with one: {', '.join(banks) or 'none'}"
    )
