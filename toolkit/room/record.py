"""A room's durable record: its log file beside the store, and its answers in the store."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any, Final

import pandas as pd

from toolkit.quiz.store import ProgressStore
from toolkit.safety.reader import InputError, check_bracket_depth, read_text

__all__ = ["LEARNER_PREFIX", "RoomError", "new_code", "read_log", "room_answers", "room_log"]

#: Learners of a room are named ``room:<CODE>:<player or team>`` in the progress store.
LEARNER_PREFIX: Final = "room:"
#: Letters of a room code: no 0/O, 1/I/L, so it reads aloud and types on a phone.
_CODE_ALPHABET: Final = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CODE_LENGTH: Final = 5


class RoomError(ValueError):
    """Something a participant or the host cannot do now; the message is written for them."""


def room_log(store: ProgressStore, code: str) -> Path:
    """Return the room log of room ``code``: ``rooms/<CODE>.jsonl`` beside the store's file.

    Raises
    ------
    RoomError
        If the store lives in memory (a room needs a file to survive a restart).
    """
    if store.path is None:
        raise RoomError("A room needs a progress store on disk, not in memory.")
    return store.path.parent / "rooms" / f"{code}.jsonl"


def new_code(store: ProgressStore) -> str:
    """Return a fresh room code no room in ``store``'s folder uses yet."""
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
        if not room_log(store, code).exists():
            return code


def read_log(path: Path) -> list[dict[str, Any]]:
    """Read a room log's events; a last line cut short by a crash is dropped.

    Raises
    ------
    RoomError
        If an earlier line is damaged or the log is empty (naming the file and line).
    """
    events: list[dict[str, Any]] = []
    try:
        lines = read_text(path, kind="store").splitlines()  # a regular file, UTF-8, no NUL
    except InputError as exc:
        raise RoomError(f"the room log {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            check_bracket_depth(line, f"{path}:{number}")
            event = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == len(lines):  # a line cut short by a crash: it never happened
                break
            raise RoomError(f"{path}:{number}: the room log is damaged ({exc.msg})") from exc
        except InputError as exc:
            raise RoomError(f"{path}:{number}: the room log is damaged ({exc.reason})") from None
        if not isinstance(event, dict):
            raise RoomError(f"{path}:{number}: the room log is damaged (not an event)")
        events.append(event)
    if not events:
        raise RoomError(f"{path}: the room log is empty")
    return events


def room_answers(store: ProgressStore, code: str) -> pd.DataFrame:
    """Every answer recorded in room ``code``, oldest first, as the store keeps them.

    Returns
    -------
    pandas.DataFrame
        The store's attempts (see :meth:`ProgressStore.attempts`) of the room's learners.
    """
    frame = store.attempts()
    prefix = f"{LEARNER_PREFIX}{code}:"
    mine = (frame["session_id"] == code) & frame["learner"].str.startswith(prefix)
    return frame[mine.fillna(False).astype(bool)].reset_index(drop=True)
