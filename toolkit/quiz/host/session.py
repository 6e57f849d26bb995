"""``HostSession``: the trainer's room model for a team quiz on one projector.

The room shares one screen, so the trainer registers the teams and types each team's answer
while the question's timer runs. The session is plain Python, driven by the projector widget
(:mod:`toolkit.widgets.host`) and by tests; time comes from an injected clock.

A question goes through four phases::

    ready --start_question()--> running --reveal()--> revealed --next()--> ready (the next)
    and, after the last question's reveal, next() --> finished (the podium)

Clock
    ``clock`` is a callable returning **seconds** as a float from any fixed origin (default
    :func:`time.monotonic`); only differences are used. A test passes a fake clock and moves
    it forward by hand.

Time limits
    5, 10, 20, 30, 60, 90, 120 or 240 seconds. The limit of a question is, first to last: the
    one given to :meth:`HostSession.start_question`, the session's ``time_limit``, the
    question's own ``time_limit``, or 20 s (single choice, true/false, poll) or 30 s (the
    other types).

Answers
    A team's answer counts only while the timer runs (up to and including the limit): an
    answer entered once time is up is refused with a :class:`HostError` and nothing is
    recorded. A team may change its answer while the timer runs; the time of its last entry
    counts. A response that cannot be graded (an unknown option, not a number) is refused at
    once with the :class:`~toolkit.quiz.model.ResponseError` of :func:`~toolkit.quiz.grade`.

Scoring (at :meth:`HostSession.reveal`, each answer graded with :func:`~toolkit.quiz.grade`)
    ``"flat"``: the question's points x credit. ``"speed"``: the question's points x credit x
    a speed factor that falls linearly from 1 for an instant answer to 0.5 for an answer at the
    time limit, ``1 - 0.5 x seconds / limit``. Points are rounded half up.

Streaks
    A team's streak counts its fully right answers in a row; a wrong or partly right answer,
    or no answer, to a graded question ends it (polls leave it alone). With
    ``streak_bonus=True``, a right answer that extends a streak earns a bonus of 10% of the
    question's points for each right answer before it in the streak, at most 50%:
    ``round(points x 0.1 x min(streak - 1, 5))``. The third right answer in a row on a
    20-point question earns 4 extra points.

Polls
    Show the distribution of answers, earn nothing and leave streaks alone.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Literal, get_args

import pandas as pd

from toolkit.quiz.grading import grade
from toolkit.quiz.host import projector, tally
from toolkit.quiz.host.results import Distribution, Standing, TeamResult, results_frame
from toolkit.quiz.host.scoring import DEFAULT_LIMITS
from toolkit.quiz.host.teams import MAX_TEAM_NAME as MAX_TEAM_NAME  # re-exported
from toolkit.quiz.host.teams import HostError, clean_team_name
from toolkit.quiz.model import TIME_LIMITS, Bank, Question, ResponseError
from toolkit.quiz.presentation import display_order
from toolkit.safety.files import write_atomically
from toolkit.safety.spreadsheet import neutral_frame

__all__ = ["HostError", "HostSession", "Phase", "Scoring", "clean_team_name"]

Scoring = Literal["speed", "flat"]
Phase = Literal["ready", "running", "revealed", "finished"]
_SCORINGS: Final = get_args(Scoring)


class HostSession:
    """A team quiz run by a trainer on one projector: teams, timer, reveal, scores.

    Parameters
    ----------
    bank_or_questions : Bank or sequence of Question
        The questions, asked in the order given.
    clock : callable returning float, optional
        Seconds from any fixed origin (default :func:`time.monotonic`).
    rng : random.Random, optional
        Shuffles each question's options on the projector (unless the question says
        ``shuffle: false``); ordering items are always shuffled. Default: unseeded.
    scoring : {"speed", "flat"}, default "speed"
        See the module docstring.
    streak_bonus : bool, default True
        Whether right answers in a row earn a bonus (see the module docstring).
    time_limit : int, optional
        A limit in seconds for every question, instead of each question's own.
    title : str, optional
        The quiz's title (default the bank's title, or "Team quiz").

    Raises
    ------
    ValueError
        If there are no questions, or ``scoring`` or ``time_limit`` is not allowed.

    Examples
    --------
    >>> import random
    >>> bank = Bank.model_validate({
    ...     "id": "demo", "title": "Demo", "lesson": "demo",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> now = [0.0]
    >>> host = HostSession(bank, clock=lambda: now[0], rng=random.Random(1))
    >>> host.add_team("Owls"), host.add_team("Larks")
    ('Owls', 'Larks')
    >>> host.start_question()
    20
    >>> now[0] = 10.0
    >>> host.answer("Owls", True)
    >>> host.reveal().counts
    {'True': 1, 'False': 0}
    >>> [(s.rank, s.team, s.points) for s in host.leaderboard()]
    [(1, 'Owls', 15), (2, 'Larks', 0)]
    """

    def __init__(
        self,
        bank_or_questions: Bank | Sequence[Question],
        *,
        clock: Callable[[], float] | None = None,
        rng: random.Random | None = None,
        scoring: Scoring = "speed",
        streak_bonus: bool = True,
        time_limit: int | None = None,
        title: str | None = None,
    ) -> None:
        if isinstance(bank_or_questions, Bank):
            questions = list(bank_or_questions.questions)
            default_title = bank_or_questions.title
        else:
            questions = list(bank_or_questions)
            default_title = "Team quiz"
        if not questions:
            raise ValueError("a host session needs at least one question; got none")
        written = [q.id for q in questions if q.type == "reflection"]
        if written:
            raise ValueError(
                "a reflection is written alone, not answered by a room: leave out "
                + ", ".join(written)
            )
        ids = [q.id for q in questions]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"question ids must be unique; repeated: {', '.join(repeated)}")
        if scoring not in _SCORINGS:
            raise ValueError(f"scoring must be 'speed' or 'flat', not {scoring!r}")
        if time_limit is not None:
            _check_limit(time_limit, "time_limit")
        self.title = title if title is not None else default_title
        self.scoring: Scoring = scoring
        self.streak_bonus = bool(streak_bonus)
        self.time_limit = time_limit
        self._questions = questions
        self._clock = clock if clock is not None else time.monotonic
        self._rng = rng if rng is not None else random.Random()
        self._order = {q.id: self._display_order(q) for q in questions}
        self._teams: list[str] = []
        self._index = 0
        self._phase: Phase = "ready"
        self._started_at = 0.0
        self._limit = self.time_limit_for(questions[0])
        self._entries: dict[str, tally.Entry] = {}
        self._results: list[list[TeamResult]] = []
        self._distributions: list[Distribution] = []
        self._streaks: dict[str, int] = {}

    # -- teams ------------------------------------------------------------------------------

    def add_team(self, name: str) -> str:
        """Register a team and return its name as shown (white space tidied).

        Raises
        ------
        HostError
            If the name is empty, too long, holds control characters, or is already taken
            (names are compared ignoring case), or the quiz is over.
        """
        cleaned = clean_team_name(name)
        if self._phase == "finished":
            raise HostError("The quiz is over: no more teams can join.")
        taken = self._find(cleaned)
        if taken is not None:
            raise HostError(f"There is already a team called {taken!r}: choose another name.")
        self._teams.append(cleaned)
        self._streaks[cleaned] = 0
        return cleaned

    @property
    def teams(self) -> list[str]:
        """The teams, in the order they joined."""
        return list(self._teams)

    def _find(self, name: str) -> str | None:
        key = " ".join(name.split()).casefold()
        return next((team for team in self._teams if team.casefold() == key), None)

    def _team(self, name: object) -> str:
        if not isinstance(name, str) or not name.strip():
            raise HostError("Choose a team first.")
        team = self._find(name)
        if team is None:
            known = ", ".join(self._teams) or "none yet"
            raise HostError(f"There is no team called {name.strip()!r} (teams: {known}).")
        return team

    # -- what is asked ----------------------------------------------------------------------

    def _display_order(self, question: Question) -> list[str]:
        return display_order(question, self._rng)

    @property
    def questions(self) -> list[Question]:
        """The questions, in the order they are asked."""
        return list(self._questions)

    @property
    def current(self) -> Question | None:
        """The question on the screen, or ``None`` once the quiz is finished."""
        return None if self._phase == "finished" else self._questions[self._index]

    @property
    def position(self) -> tuple[int, int]:
        """``(number of the current question, counting from 1, total)``."""
        total = len(self._questions)
        return (min(self._index + 1, total), total)

    @property
    def phase(self) -> Phase:
        """``"ready"``, ``"running"``, ``"revealed"`` or ``"finished"``."""
        return self._phase

    @property
    def finished(self) -> bool:
        """Whether the quiz is over (the podium's moment)."""
        return self._phase == "finished"

    def choices(self, question: Question | None = None) -> list[tuple[str, str, str]]:
        """Return the options as the projector shows them: ``(label, id, text)``.

        Single, multiple, scenario and poll options and ordering items are lettered A, B, C
        in display order; true/false shows ``True`` and ``False``; matching shows its right
        sides lettered (the left sides are numbered in written order, see
        :meth:`matching_lefts`). Numeric and text questions have none.
        """
        target = question if question is not None else self.current
        if target is None:
            return []
        return projector.choices(target, self._order.get(target.id, []))

    def matching_lefts(self, question: Question | None = None) -> list[tuple[str, str]]:
        """For a matching question, its left sides numbered in written order: ``(n, text)``."""
        return projector.matching_lefts(question if question is not None else self.current)

    def entry_hint(self, question: Question | None = None) -> str:
        """How the trainer types an answer to ``question`` (default the current one)."""
        return projector.entry_hint(question if question is not None else self.current)

    def parse_entry(self, text: str, question: Question | None = None) -> Any:
        """Turn what the trainer typed into the response :func:`~toolkit.quiz.grade` takes.

        Letters name options as the projector shows them (see :meth:`choices`), ignoring
        case; an option's id is accepted too. True/false takes ``T``/``F`` (or true, yes...),
        numbers and words are passed on as typed.

        Raises
        ------
        ResponseError
            If nothing is typed, or a letter names no option.

        Examples
        --------
        >>> import random
        >>> from toolkit.quiz.model import QUESTION
        >>> q = QUESTION.validate_python({"id": "q", "type": "multiple", "prompt": "Pick.",
        ...     "shuffle": False, "options": [
        ...     {"id": "x", "text": "X", "correct": True, "explanation": "Yes."},
        ...     {"id": "y", "text": "Y", "explanation": "No."},
        ...     {"id": "z", "text": "Z", "correct": True, "explanation": "Yes."}]})
        >>> HostSession([q], rng=random.Random(1)).parse_entry("a, c")
        ['x', 'z']
        """
        target = question if question is not None else self.current
        if target is None:
            raise ResponseError("The quiz is over: there is no question to answer.")
        return projector.parse_entry(text, target, self._order.get(target.id, []))

    # -- the timer --------------------------------------------------------------------------

    def time_limit_for(self, question: Question | None = None) -> int:
        """The limit (seconds) ``question`` (default the current one) would run with."""
        target = question if question is not None else self.current
        if target is None:
            return 0
        if self.time_limit is not None:
            return self.time_limit
        if target.time_limit is not None:
            return int(target.time_limit)
        return DEFAULT_LIMITS[target.type]

    def start_question(self, time_limit: int | None = None) -> int:
        """Start the current question's countdown and return its limit in seconds.

        Parameters
        ----------
        time_limit : int, optional
            5, 10, 20, 30, 60, 90, 120 or 240; default :meth:`time_limit_for`.

        Raises
        ------
        HostError
            If the question is already running or revealed, or the quiz is over.
        ValueError
            If ``time_limit`` is not one of the allowed limits.
        """
        if time_limit is not None:
            _check_limit(time_limit, "time_limit")
        if self._phase == "finished":
            raise HostError("The quiz is over: there is no question to start.")
        if self._phase == "running":
            raise HostError("The timer is already running for this question.")
        if self._phase == "revealed":
            raise HostError("This question is already revealed: go to the next question.")
        self._limit = time_limit if time_limit is not None else self.time_limit_for()
        self._entries = {}
        self._started_at = float(self._clock())
        self._phase = "running"
        return self._limit

    @property
    def limit(self) -> int:
        """The limit of the current question: the running one's, or the one it would get."""
        return self._limit if self._phase in ("running", "revealed") else self.time_limit_for()

    def elapsed(self) -> float:
        """Seconds since the timer started (0 before it starts)."""
        if self._phase not in ("running", "revealed"):
            return 0.0
        return max(0.0, float(self._clock()) - self._started_at)

    def remaining(self) -> float:
        """Seconds left to answer: the full limit before the start, 0 once time is up."""
        if self._phase == "ready":
            return float(self.time_limit_for())
        if self._phase != "running":
            return 0.0
        return max(0.0, self._limit - self.elapsed())

    @property
    def time_up(self) -> bool:
        """Whether the running question's time is up (an answer at the limit still counts)."""
        return self._phase == "running" and self.elapsed() > self._limit

    # -- answering --------------------------------------------------------------------------

    def answer(self, team: str, response: Any) -> None:
        """Record ``team``'s answer to the running question.

        Parameters
        ----------
        team : str
            A registered team (case is ignored).
        response : object
            Plain data as :func:`~toolkit.quiz.grade` takes it (option ids, not letters; see
            :meth:`parse_entry` for what a trainer types).

        Raises
        ------
        HostError
            If the team is unknown, the timer is not running, or time is up (the answer is
            not recorded).
        ResponseError
            If the response cannot be graded (nothing is recorded).
        """
        name = self._team(team)
        question = self.current
        if question is None or self._phase == "finished":
            raise HostError("The quiz is over: there is no question to answer.")
        if self._phase == "ready":
            raise HostError("Start the timer first: answers count while it runs.")
        if self._phase == "revealed":
            raise HostError("The answer is already revealed: go to the next question.")
        seconds = self.elapsed()
        if seconds > self._limit:
            raise HostError(
                f"Time is up: {name}'s answer was not recorded (answers count only while the "
                "timer runs)."
            )
        grade(question, response)  # refuses what cannot be graded before anything changes
        self._entries[name] = tally.Entry(response, round(seconds, 3))

    def answer_text(self, team: str, text: str) -> None:
        """Record the answer the trainer typed for ``team`` (see :meth:`parse_entry`)."""
        self._team(team)
        self.answer(team, self.parse_entry(text))

    @property
    def answered_teams(self) -> list[str]:
        """Teams with an answer to the current question, in the order the teams joined."""
        return [team for team in self._teams if team in self._entries]

    # -- reveal -----------------------------------------------------------------------------

    def reveal(self) -> Distribution:
        """Stop the timer, grade every team's answer, score it, and return the distribution.

        Raises
        ------
        HostError
            If the timer was not started, the question is already revealed or the quiz is over.
        """
        if self._phase == "ready":
            raise HostError("Start the timer first: reveal comes after the teams answer.")
        if self._phase == "revealed":
            raise HostError("This question is already revealed.")
        question = self.current
        if question is None:
            raise HostError("The quiz is over: there is nothing to reveal.")
        number = self._index + 1
        results = []
        for team in self._teams:
            result = tally.score(
                team,
                question,
                number,
                self._entries.get(team),
                streak=self._streaks.get(team, 0),
                limit=self._limit,
                speed=self.scoring == "speed",
                streak_bonus=self.streak_bonus,
            )
            self._streaks[team] = result.streak
            results.append(result)
        self._results.append(results)
        responses = [entry.response for entry in self._entries.values()]
        revealed = tally.distribution(
            question, self._order[question.id], responses, len(self._teams)
        )
        self._distributions.append(revealed)
        self._phase = "revealed"
        return revealed

    @property
    def revealed(self) -> int:
        """How many questions have been revealed (and scored) so far."""
        return len(self._results)

    @property
    def distribution(self) -> Distribution | None:
        """The distribution of the current question once revealed (else ``None``)."""
        if self._phase != "revealed":
            return None
        return self._distributions[-1]

    def revealed_results(self) -> list[TeamResult]:
        """Each team's result on the current question once revealed (else empty)."""
        return list(self._results[-1]) if self._phase == "revealed" else []

    def explanation(self, question: Question | None = None) -> str:
        """Return the Markdown the reveal shows: the right answer and why, option by option.

        Every option of a choice question is listed with its label, a ✔ or ✘ (never colour
        alone) and its own explanation.
        """
        target = question if question is not None else self.current
        if target is None:
            return ""
        return projector.explanation(target, self._order.get(target.id, []))

    # -- moving on --------------------------------------------------------------------------

    def next(self) -> Question | None:
        """Go to the next question (or finish after the last) and return it.

        A question that was never started is skipped (nobody scores on it).

        Raises
        ------
        HostError
            If the timer is running: reveal the answer first.
        """
        if self._phase == "running":
            raise HostError("Reveal the answer before moving on.")
        if self._phase == "finished":
            return None
        self._entries = {}
        if self._index + 1 >= len(self._questions):
            self._phase = "finished"
            return None
        self._index += 1
        self._phase = "ready"
        self._limit = self.time_limit_for()
        return self.current

    def finish(self) -> None:
        """End the quiz now (questions left are not asked)."""
        if self._phase == "running":
            raise HostError("Reveal the answer before finishing.")
        self._entries = {}
        self._phase = "finished"

    # -- scores -----------------------------------------------------------------------------

    def leaderboard(self, top: int | None = None) -> list[Standing]:
        """Return the standings, most points first.

        Parameters
        ----------
        top : int, optional
            Show only the teams ranked ``top`` or better (every team tied at the cut stays);
            default every team.

        Returns
        -------
        list of Standing
            Ties share a rank (1, 2, 2, 4); tied teams are listed by name.

        Raises
        ------
        ValueError
            If ``top`` is not a whole number of 1 or more.
        """
        return tally.standings(self._teams, self._results, self._streaks, top)

    def podium(self) -> list[Standing]:
        """The teams ranked 1, 2 and 3 (ties share a step, so there may be more than three)."""
        return self.leaderboard(top=3)

    def results(self) -> pd.DataFrame:
        """Return every team's result on every revealed question, one row each.

        Returns
        -------
        pandas.DataFrame
            Columns :data:`~toolkit.quiz.host.results.RESULT_COLUMNS`: the question's number,
            id and type, the team, whether it answered, its response as JSON, the seconds it
            took, the credit, whether it was right (missing for a poll or no answer), base
            points, streak bonus, points, the streak after the question and the team's running
            total.
        """
        return results_frame(self._results, {q.id: q.type for q in self._questions})

    def export_csv(self, path: str | Path) -> Path:
        """Write :meth:`results` to ``path`` as CSV (UTF-8, no index) and return the path.

        Read it back with :func:`~toolkit.quiz.host.results.read_results`.
        """
        frame = neutral_frame(self.results())  # a team named "=cmd|..." stays text

        def _write(target: Path) -> None:
            frame.to_csv(target, index=False, encoding="utf-8")

        return write_atomically(path, _write, force=True, what="the results")

    def __repr__(self) -> str:
        number, total = self.position
        return (
            f"HostSession({self.title!r}, question {number} of {total}, {self._phase}, "
            f"teams={self._teams!r}, scoring={self.scoring!r})"
        )


def _check_limit(value: object, name: str) -> None:
    if isinstance(value, bool) or value not in TIME_LIMITS:
        allowed = ", ".join(str(limit) for limit in TIME_LIMITS)
        raise ValueError(f"{name} must be one of {allowed} seconds, not {value!r}")
