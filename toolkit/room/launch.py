"""Open a live room from Python (a notebook, a script) and read a room's results.

``open_room`` starts the server in a background thread and returns at once, so a notebook's
kernel stays free; the returned :class:`~toolkit.room.server.RoomServer` shows the projector
link and the QR code, and ``.stop()`` ends it. ``room_results`` replays a room's record into
the same table host mode gives (:meth:`~toolkit.quiz.host.session.HostSession.results`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from toolkit.quiz.bank_finder import find_bank
from toolkit.quiz.host.session import Scoring
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import Bank, Question
from toolkit.quiz.store import ProgressStore
from toolkit.room.server import RoomServer
from toolkit.room.state import Room

__all__ = ["open_room", "resolve_bank", "room_results"]


def resolve_bank(bank_or_lesson: str | Path) -> Bank:
    """Load a bank from a lesson name (``10-final-challenge``), number or a bank file's path.

    Raises
    ------
    FileNotFoundError
        If there is no such bank; the message lists the lessons that have one.
    """
    return load_bank(find_bank(bank_or_lesson))


def open_room(
    bank_or_lesson: Bank | Sequence[Question] | str | Path | None = None,
    *,
    teams: Sequence[str] | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    store: ProgressStore | str | Path | None = None,
    resume: str | None = None,
    scoring: Scoring = "speed",
    streak_bonus: bool = True,
    seed: int | None = None,
) -> RoomServer:
    """Start a live room in a background thread and return its server.

    Parameters
    ----------
    bank_or_lesson : Bank, sequence of Question, str or Path, optional
        The questions: a bank, a list of questions, a lesson name or a bank file. Not needed
        with ``resume``.
    teams : sequence of str, optional
        Play in teams: players pick one of these (an empty list: players name their team).
    host : str, default "127.0.0.1"
        Where to listen; ``"0.0.0.0"`` lets phones on the room's network join.
    port : int, default 0
        The port (0: a free one).
    store : ProgressStore, str or Path, optional
        The progress store (default: the user's own file).
    resume : str, optional
        The code of a room to reopen as it was.
    scoring, streak_bonus, seed
        As :class:`~toolkit.quiz.host.session.HostSession` (``seed`` fixes the layout).

    Returns
    -------
    RoomServer
        Running; shows the projector link and QR code in a notebook; ``.stop()`` ends it.

    Raises
    ------
    ValueError
        If neither questions nor ``resume`` are given.
    FileNotFoundError
        If the lesson or bank file does not exist.

    Examples
    --------
    >>> room = open_room("10-final-challenge")   # doctest: +SKIP
    >>> room.stop()                              # doctest: +SKIP
    """
    questions: Bank | Sequence[Question] | None = None
    if resume is None:
        if bank_or_lesson is None:
            raise ValueError("give the questions (a bank or a lesson name) or a room to resume")
        questions = (
            resolve_bank(bank_or_lesson)
            if isinstance(bank_or_lesson, str | Path)
            else bank_or_lesson
        )
    opened = store if isinstance(store, ProgressStore) else ProgressStore(store)
    try:
        if questions is None:
            assert resume is not None
            room = Room.resume(resume, store=opened)
        else:
            room = Room.create(
                questions,
                store=opened,
                teams=teams,
                scoring=scoring,
                streak_bonus=streak_bonus,
                seed=seed,
            )
    except BaseException:
        if opened is not store:
            opened.close()
        raise
    return RoomServer(room, host=host, port=port, close_store=opened is not store).start()


def room_results(code: str, store: ProgressStore | str | Path | None = None) -> pd.DataFrame:
    """Return every player's result on every revealed question of room ``code``.

    The room is replayed from its log and the answers in the store, so the table is the one
    host mode gives (:data:`~toolkit.quiz.host.results.RESULT_COLUMNS`, with each player, or
    team, in the ``team`` column), ready for the toolkit's analytics and charts.

    Parameters
    ----------
    code : str
        The room code.
    store : ProgressStore, str or Path, optional
        The progress store the room wrote to (default: the user's own file).

    Returns
    -------
    pandas.DataFrame
        One row per player and revealed question.

    Raises
    ------
    toolkit.room.state.RoomError
        If there is no such room.

    Examples
    --------
    >>> room_results("K7QXR")[["team", "points", "total"]]   # doctest: +SKIP
    """
    opened = store if isinstance(store, ProgressStore) else ProgressStore(store)
    try:
        room = Room.resume(code, store=opened)
        return room.host.results()
    finally:
        if opened is not store:
            opened.close()
