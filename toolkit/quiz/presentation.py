"""How a question's choices are laid out on screen, shared by learners' and hosts' sessions."""

from __future__ import annotations

import random

from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Ordering,
    Poll,
    Question,
    Scenario,
    SingleChoice,
)

#: How many reshuffles an ordering question gets before its written order is accepted.
_RESHUFFLES = 20


def display_order(question: Question, rng: random.Random) -> list[str]:
    """Return the ids of ``question``'s choices in the order they are shown.

    Options (and matching's right-hand sides) are shuffled from ``rng`` unless the question
    says ``shuffle: false``. Ordering items are always shuffled, because their written order
    is the answer; they are reshuffled until they differ from it where that is possible.
    Questions without choices (numeric, text, true/false) give an empty list.

    Parameters
    ----------
    question : Question
        The question to lay out.
    rng : random.Random
        The session's random source, so layouts are repeatable in tests.

    Returns
    -------
    list of str
        Option, item or pair ids in display order.

    Examples
    --------
    >>> from toolkit.quiz.model import Ordering
    >>> q = Ordering.model_validate({"id": "o", "type": "ordering", "prompt": "Order",
    ...     "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}], "explanation": "."})
    >>> display_order(q, random.Random(0))
    ['b', 'a']
    """
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        ids = [option.id for option in question.options]
    elif isinstance(question, Ordering):
        ids = [item.id for item in question.items]
        written = list(ids)
        for _ in range(_RESHUFFLES):  # never show the answer itself as the starting order
            rng.shuffle(ids)
            if ids != written:
                break
        return ids
    elif isinstance(question, Matching):
        ids = list(question.right_sides())
    else:
        return []
    if question.shuffle:
        rng.shuffle(ids)
    return ids
