"""What the projector shows of a question, and how the trainer's typing becomes a response.

Options are lettered A, B, C in the order a session drew for the question (its display order);
:func:`parse_entry` reads letters back against the same order, and :func:`explanation` is the
Markdown shown at the reveal. See :class:`toolkit.quiz.host.session.HostSession`, whose methods
of the same names apply these to the question on the screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from toolkit.quiz.grading import grade
from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    ResponseError,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

__all__ = [
    "LETTERS",
    "choices",
    "entry_hint",
    "explanation",
    "marks",
    "matching_lefts",
    "parse_entry",
    "right_response",
]

#: Letters naming options on the projector.
LETTERS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def choices(question: Question, order: Sequence[str]) -> list[tuple[str, str, str]]:
    """Return the options as the projector shows them, in ``order``: ``(label, id, text)``."""
    if isinstance(question, TrueFalse):
        return [("True", "true", "True"), ("False", "false", "False")]
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        texts = {option.id: option.text for option in question.options}
    elif isinstance(question, Ordering):
        texts = {item.id: item.text for item in question.items}
    elif isinstance(question, Matching):
        texts = question.right_sides()
    else:
        return []
    return [(LETTERS[i], key, texts[key]) for i, key in enumerate(order)]


def matching_lefts(question: Question | None) -> list[tuple[str, str]]:
    """For a matching question, its left sides numbered in written order: ``(n, text)``."""
    if not isinstance(question, Matching):
        return []
    return [(str(i), pair.left) for i, pair in enumerate(question.pairs, start=1)]


def entry_hint(question: Question | None) -> str:
    """How the trainer types an answer to ``question`` (empty without a question)."""
    if question is None:
        return ""
    if isinstance(question, MultipleChoice) or (isinstance(question, Poll) and question.multiple):
        return "every letter that applies, e.g. A, C"
    if isinstance(question, SingleChoice | Scenario | Poll):
        return "one letter, e.g. B"
    if isinstance(question, TrueFalse):
        return "T or F"
    if isinstance(question, Ordering):
        return "the letters in order, e.g. C A B"
    if isinstance(question, Matching):
        return "for 1, 2, 3... the matching letters in order, e.g. B A C"
    if isinstance(question, Numeric):
        unit = f" (in {question.unit})" if question.unit else ""
        return f"a number{unit}"
    return "the team's words"


def parse_entry(text: str, question: Question, order: Sequence[str]) -> Any:
    """Turn what the trainer typed into the response :func:`~toolkit.quiz.grade` takes.

    Letters name the options of :func:`choices` for ``order``; see
    :meth:`toolkit.quiz.host.session.HostSession.parse_entry`.
    """
    if not isinstance(text, str) or not text.strip():
        raise ResponseError("Type the team's answer first.")
    typed = text.strip()
    if isinstance(question, TrueFalse | Numeric | ShortText):
        return typed
    shown = choices(question, order)
    by_letter = {label: key for label, key, _ in shown}
    by_id = {key.casefold(): key for _, key, _ in shown}
    tokens = [t for t in re.split(r"[\s,;/+&]+", typed) if t]
    if len(tokens) == 1 and tokens[0].casefold() not in by_id and len(tokens[0]) > 1:
        tokens = list(tokens[0])  # "AC" or "CAB"
    keys = []
    for token in tokens:
        key = by_letter.get(token.upper()) or by_id.get(token.casefold())
        if key is None:
            last = shown[-1][0]
            raise ResponseError(f"{token!r} is not one of the options (A to {last}).")
        keys.append(key)
    single = isinstance(question, SingleChoice | Scenario) or (
        isinstance(question, Poll) and not question.multiple
    )
    if single:
        if len(keys) != 1:
            raise ResponseError("Type one letter: this question has one answer.")
        return keys[0]
    if isinstance(question, Matching):
        lefts = [pair.id for pair in question.pairs]
        if len(keys) != len(lefts):
            raise ResponseError(
                f"Type {len(lefts)} letters, one for each of 1 to {len(lefts)} in order."
            )
        return dict(zip(lefts, keys, strict=True))
    return keys


def explanation(question: Question, order: Sequence[str]) -> str:
    """Return the Markdown the reveal shows: the right answer and why, option by option.

    Every option of a choice question is listed with its label (for ``order``), a ✔ or ✘
    (never colour alone) and its own explanation.
    """
    lines: list[str] = []
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        explanations = {o.id: o.explanation for o in question.options}
        marked = marks(question)
        for label, key, text in choices(question, order):
            why = f": {explanations[key]}" if explanations[key] else ""
            lines.append(f"- {marked[key]} **{label}** {text}{why}")
        if isinstance(question, Scenario):
            lines.append(f"\n**It depends on:** {question.depends_on}")
        if isinstance(question, Poll):
            lines.insert(0, "A poll has no right answer: here is how the room sees it.\n")
        return "\n".join(lines)
    if isinstance(question, TrueFalse):
        right = "True" if question.answer else "False"
        why = question.explanation_true if question.answer else question.explanation_false
        return f"**✔ {right}.** {why}"
    assert isinstance(question, Numeric | ShortText | Ordering | Matching)
    expected = grade(question, right_response(question)).expected
    return f"**✔ The right answer:** {expected}\n\n{question.explanation}"


def marks(question: SingleChoice | MultipleChoice | Scenario | Poll) -> dict[str, str]:
    """Each option's mark: ✔ right, ◐ partly right (scenario), ✘ wrong, • a poll's."""
    if isinstance(question, Poll):
        return {option.id: "•" for option in question.options}
    if isinstance(question, Scenario):
        return {
            o.id: "✔" if o.credit == 1 else ("◐" if o.credit > 0 else "✘") for o in question.options
        }
    return {option.id: "✔" if option.correct else "✘" for option in question.options}


def right_response(question: Question) -> Any:
    """Return a response that earns full credit on ``question`` (any option, for a poll).

    Examples
    --------
    >>> from toolkit.quiz.model import QUESTION
    >>> right_response(QUESTION.validate_python({"id": "q", "type": "numeric",
    ...     "prompt": "How many?", "range": [3, 5], "explanation": "Four-ish."}))
    3.0
    """
    if isinstance(question, SingleChoice | Scenario):
        return next(o.id for o in question.options if o.correct)
    if isinstance(question, MultipleChoice):
        return [o.id for o in question.options if o.correct]
    if isinstance(question, Poll):
        first = question.options[0].id
        return [first] if question.multiple else first
    if isinstance(question, TrueFalse):
        return question.answer
    if isinstance(question, Numeric):
        return question.bounds[0] if question.range is not None else question.answer
    if isinstance(question, ShortText):
        return question.accepted[0]
    if isinstance(question, Ordering):
        return [item.id for item in question.items]
    if isinstance(question, Matching):
        return {pair.id: pair.id for pair in question.pairs}
    raise ValueError("a reflection has no right answer to show a room")
