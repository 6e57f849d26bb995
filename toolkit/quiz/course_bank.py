"""``course_challenge``: a seeded team quiz drawn from every lesson's bank, for lesson 10.

The final challenge walks through the course in teaching order: every lesson gives at least
one question (while ``n`` allows), the rest are spread over lessons picked at random, and the
questions keep their own explanations, so the reveal in host mode teaches as much as the
lesson did. Only the question types a room can answer out loud by default: single and
multiple choice, true/false, numbers, short words and "it depends" scenarios (ordering,
matching and polls are left out unless asked for).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Final

import pandas as pd

from toolkit.quiz.host.scoring import DEFAULT_LIMITS
from toolkit.quiz.model import QUESTION_TYPES, Bank, BankError, Question
from toolkit.quiz.review import load_course

__all__ = ["CHALLENGE_ID", "ROOM_TYPES", "challenge_plan", "course_challenge", "origin_of"]

#: The id of the bank :func:`course_challenge` builds.
CHALLENGE_ID: Final = "course-challenge"
#: The question types a room answers out loud; the default for :func:`course_challenge`.
ROOM_TYPES: Final = ("single", "multiple", "true_false", "numeric", "text", "scenario")
#: Joins a bank id and a question id into the id of a challenge question.
JOIN: Final = "--"
#: Banks that are not lessons of the course's content: the welcome and the challenge itself.
_NOT_CONTENT: Final = frozenset({"00-start-here", "10-final-challenge"})


def course_challenge(
    n: int = 12,
    *,
    seed: int | None = None,
    lessons: Sequence[str] | None = None,
    types: Collection[str] = ROOM_TYPES,
    folder: str | Path | None = None,
) -> Bank:
    """Return a team quiz of ``n`` questions drawn from the lessons' banks.

    Parameters
    ----------
    n : int, default 12
        How many questions. Every lesson gives one before any gives a second.
    seed : int, optional
        Seeds the draw, so the same seed gives the same quiz (``None``: a new draw each time).
    lessons : sequence of str, optional
        The bank ids to draw from; default every bank in ``folder`` except
        ``00-start-here`` (how the course works) and ``10-final-challenge`` (this lesson).
    types : collection of str, default :data:`ROOM_TYPES`
        The question types to draw.
    folder : str or pathlib.Path, optional
        The folder of banks; default the shipped ``quizzes/``.

    Returns
    -------
    Bank
        A bank with id ``"course-challenge"`` for lesson ``10-final-challenge``, its questions
        in teaching order, each with the id ``<bank id>--<question id>`` (see
        :func:`origin_of`).

    Raises
    ------
    ValueError
        If ``n`` is not a positive whole number, a type is unknown, a lesson has no bank, or
        the banks hold fewer than ``n`` questions of the chosen types.
    BankError
        If a bank to draw from has problems (the message lists them).

    Examples
    --------
    >>> quiz = course_challenge(n=9, seed=1)
    >>> len(quiz.questions), quiz.lesson
    (9, '10-final-challenge')
    >>> course_challenge(n=9, seed=1) == quiz
    True
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a whole number of questions, 1 or more, not {n!r}")
    unknown = sorted(set(types).difference(QUESTION_TYPES))
    if unknown or not types:
        raise ValueError(
            f"types must be among {', '.join(QUESTION_TYPES)}; got {sorted(types) or 'none'}"
        )
    banks, problems = load_course(folder)
    broken = {Path(problem.file).stem for problem in problems}
    chosen = (
        list(lessons)
        if lessons is not None
        else sorted((set(banks) | broken).difference(_NOT_CONTENT))
    )
    damaged = [problem for problem in problems if Path(problem.file).stem in chosen]
    if damaged:
        raise BankError(damaged)
    missing = [bank_id for bank_id in chosen if bank_id not in banks]
    if missing:
        raise ValueError(
            f"no bank for the lessons {', '.join(missing)}; the banks are "
            f"{', '.join(sorted(banks)) or 'none'}"
        )
    rng = random.Random(seed)
    pools: dict[str, list[Question]] = {}
    for bank_id in chosen:
        pool = [q for q in banks[bank_id].questions if q.type in types]
        rng.shuffle(pool)
        if pool:
            pools[bank_id] = pool
    available = sum(len(pool) for pool in pools.values())
    if available < n:
        raise ValueError(
            f"n={n} is more than the {available} questions of the types "
            f"{', '.join(sorted(types))} in the banks {', '.join(chosen)}"
        )
    taken: dict[str, int] = dict.fromkeys(pools, 0)
    while sum(taken.values()) < n:
        open_banks = [bank_id for bank_id in pools if taken[bank_id] < len(pools[bank_id])]
        fewest = min(taken[bank_id] for bank_id in open_banks)
        candidates = [bank_id for bank_id in open_banks if taken[bank_id] == fewest]
        wanted = n - sum(taken.values())
        for bank_id in rng.sample(candidates, min(wanted, len(candidates))):
            taken[bank_id] += 1
    questions = [
        question.model_copy(update={"id": f"{bank_id}{JOIN}{question.id}"})
        for bank_id in sorted(pools)
        for question in pools[bank_id][: taken[bank_id]]
    ]
    return Bank(
        id=CHALLENGE_ID,
        title="Final challenge: the whole course",
        lesson="10-final-challenge",
        description=(
            f"{n} question{'s' if n != 1 else ''} from {sum(1 for t in taken.values() if t)} "
            f"lessons, {'drawn at random' if seed is None else f'drawn with seed {seed}'}."
        ),
        questions=tuple(questions),
    )


def origin_of(question_id: str) -> tuple[str, str] | None:
    """Return the bank id and question id a challenge question came from.

    Examples
    --------
    >>> origin_of("03-outcomes-not-outputs--watermelon")
    ('03-outcomes-not-outputs', 'watermelon')
    >>> origin_of("plain") is None
    True
    """
    bank_id, join, original = question_id.partition(JOIN)
    if not join or not bank_id or not original:
        return None
    return bank_id, original


def challenge_plan(bank: Bank) -> pd.DataFrame:
    """Return the running order of a quiz for the trainer, without giving the answers away.

    Parameters
    ----------
    bank : Bank
        The quiz, e.g. from :func:`course_challenge`.

    Returns
    -------
    pandas.DataFrame
        One row per question, indexed from 1: ``lesson`` (the bank it came from, or the
        quiz's own lesson), ``type``, ``difficulty``, ``points`` and ``time_limit`` (seconds:
        the question's own, else the host's default for its type).

    Examples
    --------
    >>> plan = challenge_plan(course_challenge(n=9, seed=1))
    >>> list(plan.columns), len(plan)
    (['lesson', 'type', 'difficulty', 'points', 'time_limit'], 9)
    """
    rows = []
    for question in bank.questions:
        origin = origin_of(question.id)
        rows.append(
            {
                "lesson": origin[0] if origin is not None else bank.lesson,
                "type": question.type,
                "difficulty": question.difficulty,
                "points": question.points,
                "time_limit": question.time_limit or DEFAULT_LIMITS[question.type],
            }
        )
    frame = pd.DataFrame(rows, columns=["lesson", "type", "difficulty", "points", "time_limit"])
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="question")
    return frame
