"""A live room's state: players and their secrets, the server's clock, and a record that survives.

The game is the engine's :class:`~toolkit.quiz.host.session.HostSession`: each player (or,
with teams, each team) is one of its teams, so grading, display order, speed points, streaks,
ties and the podium follow host mode's rules exactly. This module adds what a room of phones
needs: nicknames and per-player secrets, one answer per player, times taken by the server
when an answer arrives, and a record a crash cannot lose:

- every answer is written to the progress store (one transaction each) **before** it is
  acknowledged, with the learner ``room:<CODE>:<player>`` and the session id ``<CODE>``, so a
  room's players never mix with a learner's own progress;
- everything else (the questions, players, secret hashes, each start, reveal and move on) is
  appended to a room log, ``rooms/<CODE>.jsonl`` beside the store, flushed to disk per line.

:meth:`Room.resume` replays the log and the stored answers through a fresh ``HostSession``
(the same seed gives the same display order, the stored times the same points), so a room
restarted after ``kill -9`` carries on where it stopped.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final

import pandas as pd

from toolkit.quiz.grading import grade
from toolkit.quiz.host import tally
from toolkit.quiz.host.projector import explanation
from toolkit.quiz.host.results import Standing
from toolkit.quiz.host.session import HostError, HostSession, Scoring
from toolkit.quiz.model import QUESTION, Bank, Question, ResponseError
from toolkit.quiz.sanitize import markdown_to_html
from toolkit.quiz.store import AttemptRecord, ProgressStore
from toolkit.room.clock import RoomClock
from toolkit.room.players import Pending, Player, hash_secret
from toolkit.room.protocol import clean_name, decode_response, encode_response, public_question
from toolkit.room.record import (
    LEARNER_PREFIX,
    RoomError,
    new_code,
    read_log,
    room_answers,
    room_log,
)
from toolkit.safety.symbols import in_words

__all__ = ["LEARNER_PREFIX", "Pending", "Player", "Room", "RoomClock", "RoomError", "room_log"]

_LOG_VERSION: Final = 1


class Room:
    """A live quiz room: the engine's host session with players, secrets and a durable record.

    Use :meth:`create` for a new room and :meth:`resume` to reopen one; the server
    (:mod:`toolkit.room.server`) drives it from one event loop.

    Parameters
    ----------
    questions : sequence of Question
        The questions, asked in this order.
    store : ProgressStore
        Where every answer is recorded (on disk).
    code : str
        The room code (letters and digits).
    title : str
        What the projector shows.
    bank_id : str
        The bank id the answers are stored under.
    seed : int
        Seeds the display order, so a resumed room shows the same layout.
    scoring, streak_bonus
        As :class:`~toolkit.quiz.host.session.HostSession`.
    teams : sequence of str or None
        ``None``: everyone plays alone. A list: players pick one of these teams (an empty list:
        players type a team name, and teams are made as they join).
    host_token : str
        The host's secret.
    """

    def __init__(
        self,
        questions: Sequence[Question],
        *,
        store: ProgressStore,
        code: str,
        title: str,
        bank_id: str,
        seed: int,
        scoring: Scoring,
        streak_bonus: bool,
        teams: Sequence[str] | None,
        host_token: str,
    ) -> None:
        self.code = code
        self.title = title
        self.bank_id = bank_id
        self.seed = seed
        self.host_token = host_token
        self.team_mode = teams is not None
        self.fixed_teams = [clean_name(team, "team name") for team in teams or []]
        self.store = store
        self.clock = RoomClock()
        self.host = HostSession(
            list(questions),
            clock=self.clock,
            rng=random.Random(seed),
            scoring=scoring,
            streak_bonus=streak_bonus,
            title=title,
        )
        self.players: dict[str, Player] = {}
        self._by_secret: dict[str, str] = {}
        self._answers: dict[str, tuple[Any, str]] = {}  # team -> (sent, player name)
        self._pending: set[str] = set()
        self._streaks: dict[str, int] = {}
        self._log_path = room_log(store, code)
        self._log: Any = None

    # -- creating and reopening -----------------------------------------------------------

    @classmethod
    def create(
        cls,
        bank_or_questions: Bank | Sequence[Question],
        *,
        store: ProgressStore,
        title: str | None = None,
        scoring: Scoring = "speed",
        streak_bonus: bool = True,
        teams: Sequence[str] | None = None,
        seed: int | None = None,
        code: str | None = None,
    ) -> Room:
        """Open a new room (a new code and host token) and write its log's first line.

        Raises
        ------
        RoomError
            If a room with ``code`` already exists.
        ValueError
            If there are no questions, or a team name cannot be used.
        """
        if isinstance(bank_or_questions, Bank):
            questions = list(bank_or_questions.questions)
            bank_id, default_title = bank_or_questions.id, bank_or_questions.title
        else:
            questions, bank_id, default_title = list(bank_or_questions), "room", "Live quiz"
        chosen = code if code is not None else new_code(store)
        room = cls(
            questions,
            store=store,
            code=chosen,
            title=title or default_title,
            bank_id=bank_id,
            seed=seed if seed is not None else secrets.randbelow(2**31),
            scoring=scoring,
            streak_bonus=streak_bonus,
            teams=teams,
            host_token=secrets.token_hex(16),
        )
        if room._log_path.exists():
            raise RoomError(f"There is already a room {chosen}: resume it instead.")
        room._log_path.parent.mkdir(parents=True, exist_ok=True)
        room._write(
            {
                "e": "room",
                "version": _LOG_VERSION,
                "code": room.code,
                "title": room.title,
                "bank_id": bank_id,
                "seed": room.seed,
                "scoring": scoring,
                "streak_bonus": streak_bonus,
                "teams": None if teams is None else room.fixed_teams,
                "host_token": room.host_token,
                "questions": [q.model_dump(mode="json") for q in questions],
                "t": time.time(),
            }
        )
        return room

    @classmethod
    def resume(cls, code: str, *, store: ProgressStore) -> Room:
        """Reopen room ``code`` from its log and the answers in ``store``, as it was.

        Raises
        ------
        RoomError
            If there is no such room or its log is damaged.
        """
        code = code.strip().upper()
        path = room_log(store, code)
        if not path.exists():
            raise RoomError(f"There is no room {code} in {path.parent}.")
        events = read_log(path)
        head = events[0]
        if head.get("e") != "room" or head.get("version") != _LOG_VERSION:
            raise RoomError(f"{path}:1: not a room log this toolkit can read")
        room = cls(
            [QUESTION.validate_python(q) for q in head["questions"]],
            store=store,
            code=head["code"],
            title=head["title"],
            bank_id=head["bank_id"],
            seed=int(head["seed"]),
            scoring=head["scoring"],
            streak_bonus=bool(head["streak_bonus"]),
            teams=head["teams"],
            host_token=head["host_token"],
        )
        room._replay(events[1:])
        return room

    def _replay(self, events: list[dict[str, Any]]) -> None:
        answers = room_answers(self.store, self.code)
        for event in events:
            kind = event["e"]
            with self.clock.at(float(event.get("t", 0.0))):
                if kind == "join":
                    self._add(Player(event["id"], event["name"], event["team"], event["secret"]))
                elif kind == "start":
                    self._start(int(event["limit"]))
                elif kind == "reveal":
                    self._replay_answers(answers)
                    self._reveal()
                elif kind == "next":
                    self._next()
                elif kind == "finish":
                    self.host.finish()
        if self.host.phase == "running":
            self._replay_answers(answers)

    def _replay_answers(self, answers: pd.DataFrame) -> None:
        question = self.host.current
        if question is None:
            return
        order = self._order(question)
        mine = answers[answers["question_id"] == question.id]
        for learner, response, moment in zip(
            mine["learner"], mine["response"], mine["answered_at"], strict=True
        ):
            team = str(learner).split(":", 2)[2]
            with self.clock.at(moment.timestamp()):
                self.host.answer(team, response)
            self._answers[team] = (encode_response(question, order, response), team)

    # -- the log --------------------------------------------------------------------------

    def _write(self, event: dict[str, Any]) -> None:
        if self._log is None:
            fd = os.open(self._log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._log = os.fdopen(fd, "a", encoding="utf-8")
        self._log.write(json.dumps(event, ensure_ascii=False) + "\n")
        self._log.flush()
        os.fsync(self._log.fileno())

    def close(self) -> None:
        """Close the room log (the store belongs to the caller)."""
        if self._log is not None:
            self._log.close()
            self._log = None

    # -- players --------------------------------------------------------------------------

    def _add(self, player: Player) -> None:
        self.players[player.id] = player
        self._by_secret[player.secret_hash] = player.id
        if player.team not in self.host.teams:
            self.host.add_team(player.team)

    def join(self, name: object, team: object = None) -> tuple[Player, str]:
        """Add a player and return it with its secret (for the phone to resume with).

        Raises
        ------
        RoomError
            If the nickname is unusable or taken, the team unknown, or the quiz is over.
        """
        if self.host.finished:
            raise RoomError("This quiz is over: there is nothing left to join.")
        try:
            nickname = clean_name(name)
            chosen = nickname
            if self.team_mode:
                chosen = clean_name(team, "team name")
        except ValueError as exc:
            raise RoomError(str(exc)) from exc
        if any(p.name.casefold() == nickname.casefold() for p in self.players.values()):
            raise RoomError(f"Someone is already called {nickname}: choose another nickname.")
        if self.team_mode:
            known = {t.casefold(): t for t in [*self.fixed_teams, *self.host.teams]}
            if self.fixed_teams and chosen.casefold() not in known:
                raise RoomError("Choose one of the teams on the list.")
            chosen = known.get(chosen.casefold(), chosen)
        elif any(t.casefold() == chosen.casefold() for t in self.host.teams):
            raise RoomError(f"Someone is already called {nickname}: choose another nickname.")
        secret = secrets.token_urlsafe(24)
        player = Player(secrets.token_hex(8), nickname, chosen, hash_secret(secret))
        self._write(
            {
                "e": "join",
                "id": player.id,
                "name": player.name,
                "team": player.team,
                "secret": player.secret_hash,
                "t": time.time(),
            }
        )
        self._add(player)
        return player, secret

    def player_by_secret(self, secret: object) -> Player:
        """Return the player holding ``secret`` (a phone that reloads or wakes up).

        Raises
        ------
        RoomError
            If no player of this room holds it.
        """
        if isinstance(secret, str) and len(secret) < 200:
            found = self._by_secret.get(hash_secret(secret))
            if found is not None:
                return self.players[found]
        raise RoomError("This phone is not in the room any more: join again.")

    @property
    def teams(self) -> list[str]:
        """The teams players can pick (teams mode), fixed ones first."""
        extra = [t for t in self.host.teams if t not in self.fixed_teams]
        return [*self.fixed_teams, *extra]

    # -- the host's commands --------------------------------------------------------------

    def command(self, action: str, time_limit: int | None = None) -> None:
        """Carry out a host command: ``start``, ``reveal``, ``next``, ``skip`` or ``finish``.

        Raises
        ------
        RoomError
            If the command is unknown or not possible now (the message says why).
        """
        try:
            if action == "start":
                limit = time_limit if time_limit is not None else self.host.time_limit_for()
                self._start(limit)
                self._write({"e": "start", "limit": limit, "t": self.clock()})
            elif action == "reveal":
                self._reveal()
                self._write({"e": "reveal", "t": self.clock()})
            elif action in ("next", "skip"):
                if action == "skip" and self.host.phase != "ready":
                    raise RoomError("Only a question that has not started can be skipped.")
                self._next()
                self._write({"e": "next", "t": self.clock()})
            elif action == "finish":
                self.host.finish()
                self._write({"e": "finish", "t": self.clock()})
            else:
                raise RoomError(f"Unknown command {action!r}.")
        except (HostError, ValueError) as exc:
            raise RoomError(str(exc)) from exc

    def _start(self, limit: int) -> None:
        self.host.start_question(limit)
        self._answers = {}
        self._streaks = {s.team: s.streak for s in self.host.leaderboard()}

    def _reveal(self) -> None:
        self.host.reveal()

    def _next(self) -> None:
        self.host.next()
        self._answers = {}

    # -- answers --------------------------------------------------------------------------

    def check_answer(self, player: Player, number: object, sent: object) -> Pending:
        """Check and grade ``player``'s answer as it arrives; the clock is read now.

        Returns
        -------
        Pending
            To be stored (:meth:`store_answer`) and then applied (:meth:`apply_answer`).

        Raises
        ------
        RoomError
            If no question is running, it is another question, time is up, the player (or
            their team) already answered, or the answer is malformed.
        """
        moment = self.clock()
        question = self.host.current
        current = self.host.position[0]
        if question is None or self.host.phase != "running":
            raise RoomError("No question is open right now.")
        if number != current:
            raise RoomError("That answer was for another question.")
        with self.clock.at(moment):
            seconds = round(self.host.elapsed(), 3)
        if seconds > self.host.limit:
            raise RoomError("Time is up: your answer was not counted.")
        team = player.team
        if team in self._answers or team in self._pending:
            who = "Your team has" if self.team_mode else "You have"
            raise RoomError(f"{who} already answered this question.")
        order = self._order(question)
        try:
            response = decode_response(question, order, sent)
            graded = grade(question, response)
        except ResponseError as exc:
            raise RoomError(str(exc)) from exc
        result = tally.score(
            team,
            question,
            current,
            tally.Entry(response, seconds),
            streak=self._streaks.get(team, 0),
            limit=self.host.limit,
            speed=self.host.scoring == "speed",
            streak_bonus=self.host.streak_bonus,
        )
        attempt = AttemptRecord(
            learner=f"{LEARNER_PREFIX}{self.code}:{team}",
            bank_id=self.bank_id,
            question_id=question.id,
            response=response,
            credit=float(graded.credit),
            correct=graded.correct,
            points=result.points,
            answered_at=datetime.fromtimestamp(moment, UTC),
            mode="room",
            session_id=self.code,
        )
        self._pending.add(team)
        return Pending(player, team, current, response, sent, moment, attempt)

    def store_answer(self, pending: Pending) -> None:
        """Write the answer to the progress store (one transaction; safe in a worker thread)."""
        try:
            self.store.record_attempt(pending.attempt)
        except BaseException:
            self._pending.discard(pending.team)
            raise

    def apply_answer(self, pending: Pending) -> None:
        """Count the stored answer in the game, at the time it arrived."""
        self._pending.discard(pending.team)
        with self.clock.at(pending.moment):
            self.host.answer(pending.team, pending.response)
        self._answers[pending.team] = (pending.sent, pending.player.name)

    @property
    def answered(self) -> int:
        """How many players (or teams) answered the open question."""
        return len(self._answers)

    def _order(self, question: Question) -> list[str]:
        """The ids of ``question``'s choices in the order the room shows them."""
        return [key for _, key, _ in self.host.choices(question)]

    # -- views ----------------------------------------------------------------------------

    def _public(self) -> dict[str, Any] | None:
        question = self.host.current
        if question is None or self.host.phase == "ready":
            return None
        number, total = self.host.position
        return public_question(question, self._order(question), number, total)

    def player_view(self, player: Player, board: list[Standing] | None = None) -> dict[str, Any]:
        """What ``player``'s phone shows now: never an answer key before the reveal."""
        phase = self.host.phase
        view: dict[str, Any] = {
            "type": "state",
            "phase": phase,
            "title": self.title,
            "you": {"name": player.name, "team": player.team if self.team_mode else None},
            "question": self._public(),
            "position": list(self.host.position),
        }
        if phase == "running":
            view["remaining"] = round(self.host.remaining(), 2)
            view["limit"] = self.host.limit
            mine = self._answers.get(player.team)
            view["answered"] = mine is not None
            view["response"] = None if mine is None else mine[0]
            view["answered_by"] = None if mine is None else mine[1]
        board = board if board is not None else self.host.leaderboard()
        standing = next((s for s in board if s.team == player.team), None)
        if standing is not None:
            view["standing"] = {
                "rank": standing.rank,
                "points": standing.points,
                "streak": standing.streak,
                "of": len(board),
            }
        if phase == "revealed":
            result = next(r for r in self.host.revealed_results() if r.team == player.team)
            mine = self._answers.get(player.team)
            view["response"] = None if mine is None else mine[0]
            view["result"] = {
                "verdict": in_words(result.verdict),
                "points": result.points,
                "bonus": result.streak_bonus,
                "feedback": (
                    markdown_to_html(in_words(result.grade.feedback)) if result.grade else ""
                ),
                "expected": result.grade.expected if result.grade else "",
                "explanation": self._explanation(),
            }
        return view

    def _explanation(self) -> str:
        question = self.host.current
        if question is None:
            return ""
        return markdown_to_html(in_words(explanation(question, self._order(question))))

    def host_view(self, board: list[Standing] | None = None) -> dict[str, Any]:
        """What the projector shows now (nothing of the answer before the reveal either)."""
        board = board if board is not None else self.host.leaderboard()
        view: dict[str, Any] = {
            "type": "host",
            "code": self.code,
            "title": self.title,
            "phase": self.host.phase,
            "position": list(self.host.position),
            "players": len(self.players),
            "names": [p.name for p in self.players.values()][-60:],
            "teams": self.teams if self.team_mode else None,
            "question": self._public(),
            "limit": self.host.limit,
            "remaining": round(self.host.remaining(), 2),
            "answered": self.answered,
            "playing": len(self.host.teams),
            "leaderboard": [
                {"rank": s.rank, "name": s.team, "points": s.points, "streak": s.streak}
                for s in board
            ],
        }
        if self.host.phase == "revealed":
            spread = self.host.distribution
            assert spread is not None
            view["distribution"] = {
                "kind": spread.kind,
                "bars": [
                    {
                        "label": bar.label,
                        "html": markdown_to_html(bar.text, inline=True),
                        "count": bar.count,
                        "correct": bar.correct,
                    }
                    for bar in spread.bars
                ],
                "answered": spread.answered,
                "teams": spread.teams,
            }
            view["explanation"] = self._explanation()
        if self.host.finished:
            view["podium"] = [
                {"rank": s.rank, "name": s.team, "points": s.points} for s in self.host.podium()
            ]
        return view
