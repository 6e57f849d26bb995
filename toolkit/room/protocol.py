"""What travels over the room's WebSockets: tidy names, safe responses, views without answers.

Everything a phone receives before a reveal is built here, from the question's prompt, its
type and its choices under **opaque keys** (``"c0"``, ``"c1"`` ... in display order): option
ids, ordering ids and matching ids can spell the answer (``step-1``, a left and right that
share an id), so they never leave the server. Explanations, the ``correct`` flags, accepted
texts and numeric answers are only sent by :func:`reveal_for_player` after the reveal.
"""

from __future__ import annotations

import math
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from toolkit.quiz.host.projector import choices, matching_lefts
from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    ResponseError,
    ShortText,
    TrueFalse,
)
from toolkit.quiz.sanitize import markdown_to_html

__all__ = [
    "MAX_MESSAGE_BYTES",
    "MAX_NAME",
    "MAX_TEXT",
    "RateLimiter",
    "clean_name",
    "decode_response",
    "encode_response",
    "public_question",
]

#: Longest nickname or team name, in characters (it must fit a phone and a podium).
MAX_NAME: Final = 24
#: Longest typed answer (short text or a number), in characters.
MAX_TEXT: Final = 120
#: Largest message a client may send, in bytes.
MAX_MESSAGE_BYTES: Final = 4096
#: Characters a name may not hold: they are markup almost everywhere.
_REFUSED: Final = frozenset("<>`")


def clean_name(name: object, what: str = "nickname") -> str:
    """Return a nickname (or team name) tidied for display, or raise ``ValueError``.

    The name is normalised (NFKC), white space is collapsed; control and format characters
    (including invisible and right-to-left marks) and ``< > `` ` `` are refused; at most
    :data:`MAX_NAME` characters. Pages always show it as text, never as HTML.

    Parameters
    ----------
    name : object
        What the participant typed.
    what : str, default "nickname"
        The word the error messages use.

    Returns
    -------
    str
        The tidy name.

    Raises
    ------
    ValueError
        With a message for the participant, saying what is wrong.

    Examples
    --------
    >>> clean_name("  Ada   L. ")
    'Ada L.'
    >>> clean_name("<b>x</b>")
    Traceback (most recent call last):
    ...
    ValueError: A nickname cannot hold < > or `.
    """
    if not isinstance(name, str):
        raise ValueError(f"Type a {what} first.")
    cleaned = " ".join(unicodedata.normalize("NFKC", name).split())
    if not cleaned:
        raise ValueError(f"Type a {what} first.")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise ValueError(f"A {what} cannot hold invisible or control characters.")
    if any(char in _REFUSED for char in cleaned):
        raise ValueError(f"A {what} cannot hold < > or `.")
    if len(cleaned) > MAX_NAME:
        raise ValueError(
            f"Keep your {what} to {MAX_NAME} characters (this one has {len(cleaned)})."
        )
    return cleaned


def _keys(order: Sequence[str]) -> dict[str, str]:
    """Opaque key (``c0``, ``c1`` ... in display order) of each choice id."""
    return {choice: f"c{position}" for position, choice in enumerate(order)}


def public_question(
    question: Question, order: Sequence[str], number: int, total: int
) -> dict[str, Any]:
    """Return what a phone may know of ``question`` before the reveal.

    Parameters
    ----------
    question : Question
        The question.
    order : sequence of str
        Its choices' ids in display order (the host session's).
    number, total : int
        Its number, counting from 1, and how many questions the room plays.

    Returns
    -------
    dict
        ``number``, ``total``, ``type``, ``prompt`` (sanitised HTML), ``points``, ``unit``
        (numeric), ``multiple`` (polls), ``choices`` as ``{"key", "label", "html"}`` under
        opaque keys, and for matching ``lefts`` (``{"key", "label", "html"}``). No id, flag,
        explanation or accepted answer of the bank.

    Examples
    --------
    >>> from toolkit.quiz.model import QUESTION
    >>> q = QUESTION.validate_python({"id": "q", "type": "single", "prompt": "Pick",
    ...     "shuffle": False, "options": [
    ...     {"id": "right", "text": "Yes", "correct": True, "explanation": "Because."},
    ...     {"id": "wrong", "text": "No", "explanation": "Not so."}]})
    >>> [c["key"] for c in public_question(q, ["right", "wrong"], 1, 1)["choices"]]
    ['c0', 'c1']
    """
    view: dict[str, Any] = {
        "number": number,
        "total": total,
        "type": question.type,
        "prompt": markdown_to_html(question.prompt),
        "points": question.points,
    }
    keys = _keys(order)
    if isinstance(question, TrueFalse):
        view["choices"] = [
            {"key": "true", "label": "True", "html": "True"},
            {"key": "false", "label": "False", "html": "False"},
        ]
    elif isinstance(question, Matching):
        view["lefts"] = [
            {"key": f"l{position}", "label": number_, "html": markdown_to_html(text, inline=True)}
            for position, (number_, text) in enumerate(matching_lefts(question))
        ]
        view["choices"] = [
            {"key": keys[key], "label": label, "html": markdown_to_html(text, inline=True)}
            for label, key, text in choices(question, order)
        ]
    else:
        view["choices"] = [
            {"key": keys[key], "label": label, "html": markdown_to_html(text, inline=True)}
            for label, key, text in choices(question, order)
        ]
    if isinstance(question, Numeric) and question.unit:
        view["unit"] = question.unit
    if isinstance(question, Poll):
        view["multiple"] = question.multiple
    return view


def decode_response(question: Question, order: Sequence[str], sent: object) -> Any:
    """Turn what a phone sent (opaque keys, text) into the response the engine grades.

    Raises
    ------
    ResponseError
        If ``sent`` is not an answer of the right shape (the message says what is expected);
        :func:`~toolkit.quiz.grade` then checks the rest.

    Examples
    --------
    >>> from toolkit.quiz.model import QUESTION
    >>> q = QUESTION.validate_python({"id": "q", "type": "true_false", "prompt": "P",
    ...     "answer": True, "explanation_true": "T.", "explanation_false": "F."})
    >>> decode_response(q, [], "false")
    False
    """
    by_key = {key: choice for choice, key in _keys(order).items()}

    def choice(key: object) -> str:
        if not isinstance(key, str) or key not in by_key:
            raise ResponseError("That is not one of the options: choose again.")
        return by_key[key]

    def keys(value: object, *, every: bool) -> list[str]:
        if not isinstance(value, list) or not value or len(value) > len(by_key):
            raise ResponseError("Choose at least one option.")
        picked = [choice(key) for key in value]
        if len(set(picked)) != len(picked) or (every and len(picked) != len(by_key)):
            raise ResponseError("Place every item exactly once.")
        return picked

    if isinstance(question, TrueFalse):
        if sent not in ("true", "false", True, False):
            raise ResponseError("Answer True or False.")
        return sent in ("true", True)
    if isinstance(question, Numeric | ShortText):
        if isinstance(sent, bool) or not isinstance(sent, str | int | float):
            raise ResponseError("Type your answer.")
        if isinstance(sent, float) and not math.isfinite(sent):
            raise ResponseError("Type a number.")
        text = " ".join(str(sent).split())
        if not text:
            raise ResponseError("Type your answer.")
        if len(text) > MAX_TEXT or any(unicodedata.category(c).startswith("C") for c in text):
            raise ResponseError(f"Keep your answer to {MAX_TEXT} plain characters.")
        return text
    if isinstance(question, Ordering):
        return keys(sent, every=True)
    if isinstance(question, Matching):
        lefts = [pair.id for pair in question.pairs]
        if not isinstance(sent, dict) or len(sent) != len(lefts):
            raise ResponseError("Match every item.")
        matched: dict[str, str] = {}
        for position, left in enumerate(lefts):
            matched[left] = choice(sent.get(f"l{position}"))
        return matched
    if isinstance(question, MultipleChoice) or (isinstance(question, Poll) and question.multiple):
        return keys(sent, every=False)
    return choice(sent)


def encode_response(question: Question, order: Sequence[str], response: Any) -> Any:
    """Turn a recorded response back into what the phone sent (for a phone that resumes)."""
    keys = _keys(order)
    if isinstance(question, TrueFalse):
        return "true" if response else "false"
    if isinstance(question, Numeric | ShortText):
        return str(response)
    if isinstance(question, Matching):
        lefts = [pair.id for pair in question.pairs]
        return {f"l{lefts.index(left)}": keys[right] for left, right in response.items()}
    if isinstance(response, list):
        return [keys[item] for item in response]
    return keys[str(response)]


@dataclass
class RateLimiter:
    """A token bucket: ``rate`` messages a second, bursts up to ``burst``.

    Examples
    --------
    >>> now = [0.0]
    >>> limit = RateLimiter(rate=1, burst=2, clock=lambda: now[0])
    >>> [limit.allow() for _ in range(3)]
    [True, True, False]
    >>> now[0] = 1.0
    >>> limit.allow()
    True
    """

    rate: float = 5.0
    burst: float = 20.0
    clock: Callable[[], float] = time.monotonic
    _tokens: float = field(default=-1.0, repr=False)
    _last: float = field(default=0.0, repr=False)

    def allow(self) -> bool:
        """Take one token; return whether the message may be handled."""
        now = self.clock()
        if self._tokens < 0:
            self._tokens, self._last = self.burst, now
        self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
        self._last = now
        if self._tokens >= 1:
            self._tokens -= 1
            return True
        return False
