"""A room's participants, and an answer waiting to be stored: plain data the room keeps."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from toolkit.quiz.store import AttemptRecord

__all__ = ["Pending", "Player", "hash_secret"]


@dataclass
class Player:
    """A participant: an id, the nickname shown, the team it plays for, its secret's hash."""

    id: str
    name: str
    team: str
    secret_hash: str


@dataclass(frozen=True)
class Pending:
    """An answer checked and graded, waiting to be stored and then applied to the game."""

    player: Player
    team: str
    number: int
    response: Any
    sent: Any
    moment: float
    attempt: AttemptRecord


def hash_secret(secret: str) -> str:
    """The SHA-256 of a player's secret, as the room log keeps it."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
