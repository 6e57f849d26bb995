"""Team names in host mode: tidied for display, or refused with a message for the trainer."""

from __future__ import annotations

import unicodedata
from typing import Final

__all__ = ["MAX_TEAM_NAME", "HostError", "clean_team_name"]

#: Longest team name, in characters.
MAX_TEAM_NAME: Final = 40


class HostError(ValueError):
    """Something the host cannot do now; the message is written for the trainer."""


def clean_team_name(name: object) -> str:
    """Return a team name tidied for display, or raise ``HostError`` saying what is wrong.

    White space is collapsed and control characters are refused; the name is plain text (the
    widget escapes it when it shows it).

    Examples
    --------
    >>> clean_team_name("  The   Owls ")
    'The Owls'
    """
    if not isinstance(name, str):
        raise HostError(f"A team name is text, not {type(name).__name__}.")
    cleaned = " ".join(name.split())
    if not cleaned:
        raise HostError("Type a team name first.")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise HostError("A team name cannot hold control characters.")
    if len(cleaned) > MAX_TEAM_NAME:
        raise HostError(
            f"Keep team names to {MAX_TEAM_NAME} characters or fewer (this one has {len(cleaned)})."
        )
    return cleaned
