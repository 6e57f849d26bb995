"""What a reveal works out: each team's result, the room's answer distribution, the standings.

Pure functions of a session's state, applying the rules of :mod:`toolkit.quiz.host.scoring`;
:class:`toolkit.quiz.host.session.HostSession` calls them at each reveal and for its leaderboard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.quiz.grading import grade
from toolkit.quiz.host.projector import choices, marks
from toolkit.quiz.host.results import Bar, Distribution, Standing, TeamResult
from toolkit.quiz.host.scoring import round_half_up, speed_factor, streak_bonus_points
from toolkit.quiz.model import MultipleChoice, Poll, Question, Scenario, SingleChoice, TrueFalse

__all__ = ["Entry", "distribution", "score", "standings"]


@dataclass(frozen=True, slots=True)
class Entry:
    """A team's (last) answer to the running question, and seconds from the start to it."""

    response: Any
    seconds: float


def score(
    team: str,
    question: Question,
    number: int,
    entry: Entry | None,
    *,
    streak: int,
    limit: int,
    speed: bool,
    streak_bonus: bool,
) -> TeamResult:
    """Grade and score ``team``'s ``entry`` (``None``: no answer) to question ``number``.

    ``streak`` is the team's streak before the question; the result holds the one after it.
    ``speed`` applies :func:`~toolkit.quiz.host.scoring.speed_factor` over ``limit`` seconds.
    """
    graded = question.graded
    if entry is None:
        if graded:
            streak = 0
        return TeamResult(team, number, question.id, False, None, None, None, 0, 0, 0, streak)
    result = grade(question, entry.response)
    base = bonus = 0
    if graded:
        factor = speed_factor(entry.seconds, limit) if speed else 1.0
        base = round_half_up(question.points * result.credit * factor)
        if result.correct:
            streak += 1
            if streak_bonus:
                bonus = streak_bonus_points(question.points, streak)
        else:
            streak = 0
    return TeamResult(
        team,
        number,
        question.id,
        True,
        entry.response,
        entry.seconds,
        result,
        base,
        bonus,
        base + bonus,
        streak,
    )


def distribution(
    question: Question, order: Sequence[str], responses: Sequence[Any], teams: int
) -> Distribution:
    """How ``teams`` teams answered ``question`` (options shown in ``order``) with ``responses``."""
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        counts = dict.fromkeys(order, 0)
        for response in responses:
            picked = (
                response if isinstance(response, list | tuple | set | frozenset) else [response]
            )
            for key in {str(k) for k in picked}:
                if key in counts:
                    counts[key] += 1
        marked = marks(question)
        bars = []
        for label, key, text in choices(question, order):
            right = None if marked[key] == "•" else marked[key] == "✔"
            bars.append(Bar(key, label, text, counts[key], right))
        return Distribution(question.id, "options", tuple(bars), len(responses), teams)
    if isinstance(question, TrueFalse):
        said = [grade(question, r).explanations for r in responses]
        n_true = sum(1 for e in said if "true" in e)
        return Distribution(
            question.id,
            "options",
            (
                Bar("true", "True", "True", n_true, question.answer is True),
                Bar("false", "False", "False", len(said) - n_true, question.answer is False),
            ),
            len(responses),
            teams,
        )
    grades = [grade(question, r) for r in responses]
    n_right = sum(1 for g in grades if g.correct)
    partly = sum(1 for g in grades if not g.correct and g.credit > 0)
    bars_ = (
        Bar("correct", "✔ Right", "Right", n_right, None),
        Bar("partly", "◐ Partly right", "Partly right", partly, None),
        Bar("wrong", "✘ Not right", "Not right", len(grades) - n_right - partly, None),
    )
    return Distribution(question.id, "grades", bars_, len(responses), teams)


def standings(
    teams: Sequence[str],
    rounds: Iterable[Iterable[TeamResult]],
    streaks: Mapping[str, int],
    top: int | None = None,
) -> list[Standing]:
    """Rank ``teams`` by the points of every revealed round (see ``HostSession.leaderboard``)."""
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a whole number of 1 or more, or None; not {top!r}")
    points = dict.fromkeys(teams, 0)
    correct = dict.fromkeys(teams, 0)
    for results in rounds:
        for result in results:
            points[result.team] += result.points
            correct[result.team] += bool(result.grade is not None and result.grade.correct)
    ordered = sorted(teams, key=lambda team: (-points[team], team.casefold()))
    ranked: list[Standing] = []
    for place, team in enumerate(ordered, start=1):
        tied = ranked and ranked[-1].points == points[team]
        rank = ranked[-1].rank if tied else place
        ranked.append(Standing(rank, team, points[team], correct[team], streaks.get(team, 0)))
    if top is not None:
        ranked = [standing for standing in ranked if standing.rank <= top]
    return ranked
