"""Bringing process to life: match what a person needs from a process with ways to meet it.

Written process that nobody reads protects no one. Quick reference guides, video, gamified
quizzes, infographics, bite-sized tips, lunch-and-learn sessions and feedback from newcomers
each serve some needs (look a step up mid-task, learn it the first time, keep it fresh...).
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal

import pandas as pd

#: What a person may need from a written process, by key.
LEARNING_NEEDS: dict[str, str] = {
    "mid_task": "Look up a step in the middle of the work",
    "first_time": "Learn a process for the first time",
    "keep_fresh": "Keep a process fresh in people's minds over months",
    "big_picture": "See how the whole process fits together",
    "win_over": "Win over people who see process as red tape",
    "test_clarity": "Find out whether the written process makes sense to a newcomer",
}

Effort = Literal["low", "medium", "high"]


@dataclass(frozen=True)
class ProcessFormat:
    """A way of bringing a written process to life.

    Attributes
    ----------
    key : str
        Short identifier: ``"quick_reference"``.
    name : str
        The name people use.
    what : str
        What it is, in one sentence.
    minutes : int
        About how long it asks of the person using it.
    effort : {"low", "medium", "high"}
        How much work it takes to make and keep up to date.
    needs : frozenset of str
        The keys of :data:`LEARNING_NEEDS` it serves well.
    """

    key: str
    name: str
    what: str
    minutes: int
    effort: Effort
    needs: frozenset[str]


#: The ways of bringing process to life the course teaches, quickest to use first.
PROCESS_FORMATS: tuple[ProcessFormat, ...] = (
    ProcessFormat(
        "bite_sized",
        "Bite-sized tips",
        "A short, regular post (one hint, one tip, one myth busted) in the channels people "
        "already read, instead of one big announcement that is never repeated.",
        1,
        "low",
        frozenset({"keep_fresh", "win_over"}),
    ),
    ProcessFormat(
        "quick_reference",
        "Quick reference guide",
        "One page with the steps and decisions that matter, kept where the work happens.",
        2,
        "low",
        frozenset({"mid_task", "keep_fresh"}),
    ),
    ProcessFormat(
        "infographic",
        "Infographic",
        "The flow, the roles and the hand-offs on a single picture.",
        3,
        "medium",
        frozenset({"big_picture", "first_time"}),
    ),
    ProcessFormat(
        "video",
        "Video tutorial",
        "A few minutes of screen recording showing the steps done for real, in the tools "
        "people use.",
        5,
        "medium",
        frozenset({"first_time", "mid_task"}),
    ),
    ProcessFormat(
        "gamified_quiz",
        "Gamified quiz",
        "Questions with points, streaks and an explanation for every answer, so people think "
        "about why each step exists.",
        10,
        "medium",
        frozenset({"keep_fresh", "win_over", "first_time"}),
    ),
    ProcessFormat(
        "newcomer_feedback",
        "Feedback from apprentices and graduates",
        "Ask new joiners to follow the process as written and say where it lost them; fresh "
        "eyes see the gaps that old hands fill in without noticing.",
        30,
        "low",
        frozenset({"test_clarity"}),
    ),
    ProcessFormat(
        "lunch_and_learn",
        "Lunch-and-learn session",
        "An informal session over lunch that walks through the process with a real example "
        "and leaves time for questions and complaints.",
        45,
        "medium",
        frozenset({"first_time", "big_picture", "win_over", "test_clarity"}),
    ),
)


def process_format_table() -> pd.DataFrame:
    """The ways of bringing process to life as a table, quickest to use first.

    Returns
    -------
    pandas.DataFrame
        Index ``key``; columns ``name``, ``what``, ``minutes`` (of the user's time), ``effort``
        (to make) and ``serves`` (the needs it serves, in words, joined by "; ").

    Examples
    --------
    >>> int(process_format_table().loc["quick_reference", "minutes"])
    2
    """
    table = pd.DataFrame(
        {
            "name": [fmt.name for fmt in PROCESS_FORMATS],
            "what": [fmt.what for fmt in PROCESS_FORMATS],
            "minutes": [fmt.minutes for fmt in PROCESS_FORMATS],
            "effort": [fmt.effort for fmt in PROCESS_FORMATS],
            "serves": [
                "; ".join(label for key, label in LEARNING_NEEDS.items() if key in fmt.needs)
                for fmt in PROCESS_FORMATS
            ],
        },
        index=pd.Index([fmt.key for fmt in PROCESS_FORMATS], name="key"),
    )
    return table


def _check_need(need: str) -> None:
    if need not in LEARNING_NEEDS:
        raise ValueError(f"need must be one of {', '.join(LEARNING_NEEDS)}, got {need!r}")


def _check_minutes(minutes: object) -> None:
    if minutes is None:
        return
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, numbers.Real)
        or not math.isfinite(minutes)
        or minutes < 0
    ):
        raise ValueError(f"minutes must be a number of minutes, 0 or more, got {minutes!r}")


def suggest_formats(need: str, *, minutes: float | None = None) -> tuple[ProcessFormat, ...]:
    """The ways of bringing process to life that serve a need, quickest first.

    Parameters
    ----------
    need : str
        A key of :data:`LEARNING_NEEDS`, such as ``"mid_task"``.
    minutes : float, optional
        The most time the person can give; formats that ask for more are left out.

    Returns
    -------
    tuple of ProcessFormat
        Those that serve the need (and fit the time), by minutes then name; may be empty.

    Raises
    ------
    ValueError
        If the need is unknown or ``minutes`` is negative.

    Examples
    --------
    >>> [f.key for f in suggest_formats("mid_task")]
    ['quick_reference', 'video']
    >>> [f.key for f in suggest_formats("mid_task", minutes=3)]
    ['quick_reference']
    """
    _check_need(need)
    _check_minutes(minutes)
    fitting = [
        fmt
        for fmt in PROCESS_FORMATS
        if need in fmt.needs and (minutes is None or fmt.minutes <= minutes)
    ]
    return tuple(sorted(fitting, key=lambda fmt: (fmt.minutes, fmt.name)))


def format_advice(need: str, *, minutes: float | None = None) -> str:
    """Markdown advice on which ways of bringing process to life fit a need and a time budget.

    Parameters
    ----------
    need : str
        A key of :data:`LEARNING_NEEDS`.
    minutes : float, optional
        The most time the person can give.

    Returns
    -------
    str
        A heading naming the need and one bullet per suggestion, or, when nothing fits the
        time, the quickest format that serves the need.

    Raises
    ------
    ValueError
        If the need is unknown or ``minutes`` is negative.

    Examples
    --------
    >>> print(format_advice("test_clarity", minutes=5).splitlines()[-1][:47])
    Nothing that serves this need fits in 5 minutes
    """
    suggestions = suggest_formats(need, minutes=minutes)
    lines = [f"**Need:** {LEARNING_NEEDS[need]}", ""]
    for fmt in suggestions:
        lines.append(
            f"- **{fmt.name}** (about {fmt.minutes} min of their time; effort to make: "
            f"{fmt.effort}). {fmt.what}"
        )
    if not suggestions:
        quickest = suggest_formats(need)[0]
        lines.append(
            f"Nothing that serves this need fits in {minutes:g} minutes. The quickest that "
            f"does: **{quickest.name}** (about {quickest.minutes} min)."
        )
    return "\n".join(lines)
