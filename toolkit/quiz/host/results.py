"""What a host session records: each team's result, answer distributions, standings, CSV.

The records are plain frozen data; :meth:`toolkit.quiz.host.session.HostSession.results` turns them
into a typed DataFrame with :data:`RESULT_COLUMNS`, and :func:`read_results` reads an exported
CSV back into exactly that frame.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd

from toolkit.quiz.model import Grade
from toolkit.safety.reader import read_bytes
from toolkit.safety.spreadsheet import restore_cell

__all__ = [
    "RESULT_COLUMNS",
    "Bar",
    "Distribution",
    "Standing",
    "TeamResult",
    "read_results",
    "results_frame",
]

#: The columns of :meth:`HostSession.results`, with their dtypes.
RESULT_COLUMNS: Final[Mapping[str, str]] = {
    "number": "int64",
    "question_id": "string",
    "question_type": "string",
    "team": "string",
    "answered": "bool",
    "response": "string",
    "seconds": "Float64",
    "credit": "Float64",
    "correct": "boolean",
    "base_points": "int64",
    "streak_bonus": "int64",
    "points": "int64",
    "streak": "int64",
    "total": "int64",
}


@dataclass(frozen=True, slots=True)
class TeamResult:
    """How one team did on one revealed question.

    Attributes
    ----------
    team : str
        The team.
    number : int
        The question's number in the quiz, counting from 1.
    question_id : str
        The question's id.
    answered : bool
        Whether the team answered in time.
    response : object
        What the team answered (``None`` without an answer).
    seconds : float or None
        Seconds from the start of the timer to the team's (last) entry.
    grade : Grade or None
        The grade of the answer (``None`` without an answer).
    base_points : int
        Points for the answer (flat or speed-based).
    streak_bonus : int
        Bonus points for the streak.
    points : int
        ``base_points + streak_bonus``.
    streak : int
        The team's streak after this question.
    """

    team: str
    number: int
    question_id: str
    answered: bool
    response: Any
    seconds: float | None
    grade: Grade | None
    base_points: int
    streak_bonus: int
    points: int
    streak: int

    @property
    def verdict(self) -> str:
        """The verdict in words with an icon (never colour alone)."""
        return self.grade.verdict if self.grade is not None else "— No answer"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of an answer distribution.

    Attributes
    ----------
    key : str
        The option id, ``"true"``/``"false"``, or ``"correct"``, ``"partly"``, ``"wrong"``.
    label : str
        What the projector shows beside the bar: a letter, ``True``/``False``, or words.
    text : str
        The option's text (Markdown), or a description.
    count : int
        How many teams chose it.
    correct : bool or None
        Whether it is a right answer; ``None`` when there is no right answer (a poll) or the
        bar counts grades rather than options.
    """

    key: str
    label: str
    text: str
    count: int
    correct: bool | None


@dataclass(frozen=True, slots=True)
class Distribution:
    """How the teams answered one question: counts per option, or right versus not.

    Attributes
    ----------
    question_id : str
        The question.
    kind : {"options", "grades"}
        ``"options"`` for choice questions (single, multiple, true/false, scenario, poll):
        one bar per option. ``"grades"`` for the others: right, partly right, not right.
    bars : tuple of Bar
        The bars, in display order.
    answered : int
        Teams that answered.
    teams : int
        Teams playing.
    """

    question_id: str
    kind: Literal["options", "grades"]
    bars: tuple[Bar, ...]
    answered: int
    teams: int

    @property
    def counts(self) -> dict[str, int]:
        """Count per bar label, in display order (``{"A": 2, "B": 1}``)."""
        return {bar.label: bar.count for bar in self.bars}

    @property
    def unanswered(self) -> int:
        """Teams that did not answer."""
        return self.teams - self.answered


@dataclass(frozen=True, slots=True)
class Standing:
    """A team's place on the leaderboard.

    Attributes
    ----------
    rank : int
        1 for the most points; tied teams share a rank and the next rank is skipped
        (1, 2, 2, 4).
    team : str
        The team.
    points : int
        Points so far.
    correct : int
        Questions answered fully right.
    streak : int
        Right answers in a row now.
    """

    rank: int
    team: str
    points: int
    correct: int
    streak: int


def results_frame(rounds: Iterable[Iterable[TeamResult]], types: Mapping[str, str]) -> pd.DataFrame:
    """Return the results of the revealed questions as a typed DataFrame, one row per team.

    Parameters
    ----------
    rounds : iterable of iterable of TeamResult
        The results of each revealed question, in the order revealed.
    types : mapping of str to str
        Each question's type, by question id.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`RESULT_COLUMNS`, with the team's running total.
    """
    rows = []
    totals: dict[str, int] = {}
    for results in rounds:
        for r in results:
            totals[r.team] = totals.get(r.team, 0) + r.points
            rows.append(
                {
                    "number": r.number,
                    "question_id": r.question_id,
                    "question_type": types[r.question_id],
                    "team": r.team,
                    "answered": r.answered,
                    "response": None if not r.answered else _as_json(r.response),
                    "seconds": r.seconds,
                    "credit": r.grade.credit if r.grade is not None else None,
                    "correct": r.grade.correct if r.grade is not None else None,
                    "base_points": r.base_points,
                    "streak_bonus": r.streak_bonus,
                    "points": r.points,
                    "streak": r.streak,
                    "total": totals[r.team],
                }
            )
    return _typed(pd.DataFrame(rows, columns=list(RESULT_COLUMNS)))


def _as_json(response: Any) -> str:
    if isinstance(response, set | frozenset):
        response = sorted(response)
    return json.dumps(response, ensure_ascii=False, sort_keys=True)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(dict(RESULT_COLUMNS))


def read_results(path: str | Path) -> pd.DataFrame:
    """Read a CSV written by :meth:`HostSession.export_csv` back into a typed DataFrame.

    Raises
    ------
    ValueError
        If the file lacks a column of :data:`RESULT_COLUMNS` (the message names it).
    """
    data = read_bytes(path, kind="export")  # a regular file, not too big
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, na_values=[""])
    missing = [column for column in RESULT_COLUMNS if column not in frame.columns]
    if missing:
        raise ValueError(
            f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(frame.columns)}; "
            f"expected {', '.join(RESULT_COLUMNS)}"
        )
    frame = frame[list(RESULT_COLUMNS)].copy()
    for column in frame.columns:  # undo the formula guard export_csv wrote
        frame[column] = frame[column].map(restore_cell)
    frame["answered"] = frame["answered"].map({"True": True, "False": False})
    frame["correct"] = frame["correct"].map({"True": True, "False": False})
    for column in ("seconds", "credit"):
        frame[column] = pd.to_numeric(frame[column])
    return _typed(frame)
