"""Grading: ``grade(question, response) -> Grade``, pure and fast.

A response is plain Python data: an option id, a list of ids, ``True``/``False``, a number
(or a string holding one), a string, ordered ids, or a dict of matches. A response that
cannot be graded (wrong type, unknown id, nothing chosen) raises ``ResponseError`` with a
message written for the learner; the widget shows it instead of a traceback.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from difflib import SequenceMatcher
from typing import Any

from toolkit.quiz.model import (
    Grade,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Reflection,
    ResponseError,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

#: The longest typed answer (text, a number, True/False typed out) the engine grades and
#: keeps, in characters. Reflections have their own cap, ``MAX_REFLECTION`` (also 10,000),
#: which a question may lower with ``max_length``.
MAX_ANSWER = 10_000

_TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"false", "f", "no", "n", "0"})


def grade(question: Question, response: Any) -> Grade:
    """Grade ``response`` to ``question``.

    Parameters
    ----------
    question : Question
        A validated question (from ``load_bank``).
    response : Any
        The learner's answer as plain data: option id (``single``, ``scenario``, ``poll``),
        list of ids (``multiple``, ``ordering``, a multiple ``poll``), ``bool``
        (``true_false``), number or numeric string (``numeric``), string (``text``), dict
        of pair id to pair id (``matching``), text (``reflection``, never graded).

    Returns
    -------
    Grade
        Credit 0..1, whether it is correct (``None`` for a poll or a reflection), the
        Markdown feedback,
        the explanations shown per chosen option and the expected answer in words. Partial
        credit follows ``quizzes/FORMAT.md``.

    Raises
    ------
    ResponseError
        If the response is empty, of the wrong type, names an unknown option, or is typed
        text longer than :data:`MAX_ANSWER` characters (outside a reflection).

    Examples
    --------
    >>> from toolkit.quiz.model import QUESTION
    >>> q = QUESTION.validate_python({
    ...     "id": "q", "type": "single", "prompt": "2 + 2?",
    ...     "options": [{"id": "a", "text": "4", "correct": True, "explanation": "Yes."},
    ...                 {"id": "b", "text": "5", "explanation": "One too many."}]})
    >>> grade(q, "b").credit, grade(q, "b").feedback
    (0.0, 'One too many.')
    """
    grader = _GRADERS.get(type(question))
    if grader is None:
        raise TypeError(f"not a question: {type(question).__name__}")
    if type(response) is str and len(response) > MAX_ANSWER and grader is not _grade_reflection:
        raise ResponseError(
            f"Your answer is {len(response):,} characters long; "
            f"the most this quiz keeps is {MAX_ANSWER:,}."
        )
    return grader(question, response)


# --- choices ---------------------------------------------------------------------------


def _describe(value: Any) -> str:
    """Name a response's type in words a learner can follow."""
    return {
        "str": "text",
        "int": "a number",
        "float": "a number",
        "bool": "True/False",
        "list": "a list",
        "tuple": "a list",
        "dict": "a dict",
    }.get(type(value).__name__, type(value).__name__)


def _as_id(value: Any) -> Any:
    """Accept the option ``1`` for the id ``"1"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _id_list(values: Any, what: str) -> list[str]:
    """The ids in a list response, each as text; refuses anything that is not an id."""
    ids = []
    for value in values:
        if type(value) is not str:
            value = _as_id(value)
            if not isinstance(value, str):
                raise ResponseError(f"Give the {what} by their ids (text such as 'a').")
        ids.append(value)
    return ids


# A plan is what grading needs from a question that does not depend on the response (ids,
# expected answer in words...). Questions are immutable, so it is computed once per question
# and kept, keyed by identity (the entry holds the question, so its id cannot be reused).
_PLANS: dict[tuple[int, Callable[[Any], Any]], tuple[object, Any]] = {}
_MAX_PLANS = 50_000


def _plan(question: Any, build: Callable[[Any], Any]) -> Any:
    key = (id(question), build)
    entry = _PLANS.get(key)
    if entry is not None and entry[0] is question:
        return entry[1]
    plan = build(question)
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[key] = (question, plan)
    return plan


def _choice_plan(question: Any) -> tuple[dict[str, Any], str, str]:
    """Options by id, the ids listed for messages, and the right answer in words."""
    options = {o.id: o for o in question.options}
    right = "; ".join(o.text for o in question.options if getattr(o, "correct", False))
    return options, ", ".join(options), right


def _pick(question: Any, response: Any) -> Any:
    """Return the option a single-choice response names."""
    options, listed, _ = _plan(question, _choice_plan)
    option = options.get(response) if type(response) is str else None
    if option is not None:
        return option
    response = _as_id(response)
    if response is None or (isinstance(response, str) and not response.strip()):
        raise ResponseError("Choose one of the options first.")
    if not isinstance(response, str):
        first = next(iter(options))
        raise ResponseError(
            f"Choose one option by its id (such as {first!r}), not {_describe(response)}."
        )
    option = options.get(response)
    if option is None:
        raise ResponseError(f"{response!r} is not one of the options ({listed}).")
    return option


def _picks(question: Any, response: Any) -> list[Any]:
    """Return the options a multiple-choice response names (each once, in option order)."""
    if response is None or (isinstance(response, list | tuple | set | frozenset) and not response):
        raise ResponseError("Choose at least one option first.")
    options, listed, _ = _plan(question, _choice_plan)
    if not isinstance(response, list | tuple | set | frozenset):
        first, second = list(options)[:2]
        raise ResponseError(
            f"Choose the options as a list of ids (such as [{first!r}, {second!r}]), "
            f"not {_describe(response)}."
        )
    chosen = set(_id_list(response, "options"))
    unknown = sorted(chosen.difference(options))
    if unknown:
        raise ResponseError(f"{', '.join(map(repr, unknown))} not among the options ({listed}).")
    return [option for key, option in options.items() if key in chosen]


def _clamp(credit: float) -> float:
    """A question's score is never below 0 nor above 1."""
    return min(1.0, max(0.0, credit))


def _credits(question: SingleChoice | MultipleChoice) -> dict[str, float]:
    return question.credits()


def _grade_single(question: SingleChoice, response: Any) -> Grade:
    option = _pick(question, response)
    right = option.correct
    return Grade(
        _clamp(_plan(question, _credits)[option.id]),
        right,
        option.explanation,
        {option.id: option.explanation},
        _plan(question, _choice_plan)[2],
    )


def _grade_multiple(question: MultipleChoice, response: Any) -> Grade:
    chosen = _picks(question, response)
    n_right = _plan(question, _count_right)
    right_picks = 0
    lines = []
    explanations = {}
    for option in chosen:
        right_picks += option.correct
        lines.append(f"- **{option.text}**: {option.explanation}")
        explanations[option.id] = option.explanation
    wrong_picks = len(chosen) - right_picks
    missed = n_right - right_picks
    if missed:
        lines.append(f"\nYou missed {missed} right option{'s' if missed != 1 else ''}.")
    if question.weighted:
        credits = _plan(question, _credits)
        credit = _clamp(sum(credits[option.id] for option in chosen))
    else:
        credit = max(0.0, (right_picks - wrong_picks) / n_right)
    return Grade(
        credit,
        missed == 0 and wrong_picks == 0,
        "\n".join(lines),
        explanations,
        _plan(question, _choice_plan)[2],
    )


def _count_right(question: MultipleChoice) -> int:
    return sum(1 for o in question.options if o.correct)


def _scenario_expected(question: Scenario) -> str:
    return "; ".join(o.text for o in question.options if o.credit == 1)


def _grade_scenario(question: Scenario, response: Any) -> Grade:
    option = _pick(question, response)
    depends = f"**It depends on:** {question.depends_on}" if question.depends_on else ""
    return Grade(
        float(option.credit),
        option.credit == 1,
        "\n\n".join(part for part in (option.explanation, depends) if part),
        {option.id: option.explanation},
        _plan(question, _scenario_expected),
    )


def _grade_poll(question: Poll, response: Any) -> Grade:
    chosen = _picks(question, response) if question.multiple else [_pick(question, response)]
    explanations = {o.id: o.explanation for o in chosen if o.explanation}
    feedback = "\n\n".join(explanations.values()) or "Thank you: a poll has no right answer."
    return Grade(1.0, None, feedback, explanations, "")


def reflection_text(question: Reflection, response: Any) -> str:
    """Check a reflection's response and return its text, stripped.

    Raises
    ------
    ResponseError
        If it is not text, is empty, or is longer than the question allows.
    """
    if response is None or (isinstance(response, str) and not response.strip()):
        raise ResponseError("Write your answer first.")
    if not isinstance(response, str):
        raise ResponseError(f"Write your answer as text, not {_describe(response)}.")
    text = response.strip()
    if len(text) > question.limit:
        raise ResponseError(
            f"Keep your answer to {question.limit:,} characters (it has {len(text):,})."
        )
    return text


def reflection_feedback(question: Reflection) -> str:
    """What a learner reads after answering a reflection: the model answer and prompts."""
    parts = []
    if question.model_answer:
        parts.append(f"**A model answer:** {question.model_answer}")
    if question.prompts:
        parts.append("**Think further:**\n\n" + "\n".join(f"- {p}" for p in question.prompts))
    return "\n\n".join(parts) or "Thank you: your answer is saved with your progress."


def _grade_reflection(question: Reflection, response: Any) -> Grade:
    reflection_text(question, response)
    return Grade(1.0, None, _plan(question, reflection_feedback), {}, "")


# --- true/false, numbers, text -----------------------------------------------------------


def _truth(response: Any) -> bool:
    if isinstance(response, bool):
        return response
    if isinstance(response, str):
        word = response.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
        if not word:
            raise ResponseError("Choose True or False first.")
    if response is None:
        raise ResponseError("Choose True or False first.")
    raise ResponseError(f"Answer True or False, not {response!r}.")


def _grade_true_false(question: TrueFalse, response: Any) -> Grade:
    said = _truth(response)
    explanation = question.explanation_true if said else question.explanation_false
    right = said == question.answer
    return Grade(
        credit=1.0 if right else 0.0,
        correct=right,
        feedback=explanation,
        explanations={"true" if said else "false": explanation},
        expected="True" if question.answer else "False",
    )


def parse_number(response: Any, unit: str | None = None) -> float:
    """Read a numeric response: a number, or a string holding one (optionally with the unit).

    Parameters
    ----------
    response : Any
        An ``int``, a ``float`` or a string such as ``"69.66"``, ``"69,66"`` or ``"70 %"``.
    unit : str, optional
        The question's unit; a string ending with it has it removed first.

    Returns
    -------
    float
        The number.

    Raises
    ------
    ResponseError
        If the response is empty, not a number, or not finite.

    Examples
    --------
    >>> parse_number(" 1,5 days", unit="days")
    1.5
    """
    if isinstance(response, bool):
        raise ResponseError("Type a number, not True/False.")
    if isinstance(response, int | float):
        value = float(response)
    elif isinstance(response, str):
        text = response.strip()
        if unit and text.lower().endswith(unit.lower()):
            text = text[: -len(unit)].strip()
        text = text.removesuffix("%").strip() if unit == "%" else text
        if not text:
            raise ResponseError("Type a number first.")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            value = float(text.replace(" ", ""))
        except ValueError:
            raise ResponseError(f"{response.strip()!r} is not a number.") from None
    elif response is None:
        raise ResponseError("Type a number first.")
    else:
        raise ResponseError(f"Type a number, not {_describe(response)}.")
    if not math.isfinite(value):
        raise ResponseError("Type a finite number.")
    return value


def _format_number(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else repr(value)


def numeric_plan(question: Numeric) -> tuple[float, float, str]:
    """Return the interval a numeric answer must fall in, and the right answer in words.

    The interval is the question's range (or answer plus or minus its tolerance), widened by
    a relative slack of 1e-9 so a rounded answer at the edge still counts. Other graders (the
    offline quiz page) use this so they accept exactly what :func:`grade` accepts.

    Parameters
    ----------
    question : Numeric
        The question.

    Returns
    -------
    low, high : float
        The inclusive bounds.
    expected : str
        The right answer as a learner reads it, with its unit.
    """
    low, high = question.bounds
    slack = 1e-9 * max(1.0, abs(low), abs(high))
    unit = f" {question.unit}" if question.unit else ""
    if question.range is not None:
        expected = f"between {_format_number(low)} and {_format_number(high)}{unit}"
    else:
        assert question.answer is not None  # guaranteed by validation
        tolerance = f" ± {_format_number(question.tolerance)}" if question.tolerance else ""
        expected = f"{_format_number(question.answer)}{tolerance}{unit}"
    return low - slack, high + slack, expected


def numeric_alternatives(question: Numeric) -> tuple[tuple[float, float, float], ...]:
    """Each alternative's inclusive interval (widened as ``numeric_plan``'s) and its credit."""
    found = []
    for alternative in question.alternatives:
        low, high = alternative.bounds
        slack = 1e-9 * max(1.0, abs(low), abs(high))
        found.append((low - slack, high + slack, alternative.credit))
    return tuple(found)


def _grade_numeric(question: Numeric, response: Any) -> Grade:
    value = parse_number(response, question.unit)
    low, high, expected = _plan(question, numeric_plan)
    credit = 1.0 if low <= value <= high else 0.0
    if not credit:
        for alt_low, alt_high, alt_credit in _plan(question, numeric_alternatives):
            if alt_low <= value <= alt_high:
                credit = max(credit, alt_credit)
    right = credit == 1
    feedback = question.explanation
    if not credit:
        closeness = question.tolerance or 0.0
        for distractor in question.distractors:
            if math.isclose(value, distractor.value, rel_tol=1e-9, abs_tol=closeness):
                feedback = join_parts(distractor.explanation, question.explanation)
                break
    return Grade(credit, right, feedback, {}, expected)


def join_parts(*parts: str) -> str:
    """Join the non-empty parts as paragraphs."""
    return "\n\n".join(part for part in parts if part)


def _normalise(text: str, case_sensitive: bool) -> str:
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def accepted_answers(question: ShortText) -> tuple[str, ...]:
    """Return a text question's accepted answers as :func:`grade` compares them.

    White space is collapsed and, unless the question is case sensitive, case folded.
    """
    return tuple(_normalise(a, question.case_sensitive) for a in question.accepted)


def text_credits(question: ShortText) -> tuple[tuple[str, str, float], ...]:
    """Every answer a text question gives credit for: (as written, as compared, credit).

    The accepted answers (credit 1) come first, then the partial ones, each compared as
    :func:`accepted_answers` says.
    """
    written = [(a, 1.0) for a in question.accepted] + [(p.text, p.credit) for p in question.partial]
    return tuple(
        (text, _normalise(text, question.case_sensitive), credit) for text, credit in written
    )


def _close_enough(given: str, candidate: str, threshold: float) -> bool:
    # Upper bounds of SequenceMatcher.ratio() first (lengths, then letters): most misses
    # stop there, before the full comparison.
    lengths = len(given) + len(candidate)
    if 2 * min(len(given), len(candidate)) < threshold * lengths:
        return False
    matcher = SequenceMatcher(None, given, candidate)
    return matcher.quick_ratio() >= threshold and matcher.ratio() >= threshold


def _grade_text(question: ShortText, response: Any) -> Grade:
    if response is None or (isinstance(response, str) and not response.strip()):
        raise ResponseError("Type an answer first.")
    if not isinstance(response, str):
        raise ResponseError(f"Type your answer as text, not {_describe(response)}.")
    given = _normalise(response, question.case_sensitive)
    answers = _plan(question, text_credits)
    credit = max((c for _, candidate, c in answers if candidate == given), default=0.0)
    feedback = question.explanation
    if credit < 1 and question.fuzzy is not None:
        for original, candidate, candidate_credit in answers:
            if candidate_credit > credit and _close_enough(given, candidate, question.fuzzy):
                credit = candidate_credit
                feedback = join_parts(
                    f"Accepted as *{original}* (close enough).", question.explanation
                )
                break
    return Grade(
        credit=credit,
        correct=credit == 1,
        feedback=feedback,
        expected=question.accepted[0],
    )


# --- ordering and matching ---------------------------------------------------------------


def _ordering_plan(question: Ordering) -> tuple[list[str], frozenset[str], str]:
    ids = [item.id for item in question.items]
    return ids, frozenset(ids), " → ".join(item.text for item in question.items)


def _grade_ordering(question: Ordering, response: Any) -> Grade:
    if response is None or (isinstance(response, list | tuple) and not response):
        raise ResponseError("Put the items in order first.")
    if not isinstance(response, list | tuple):
        raise ResponseError(f"Give the item ids as a list in order, not {_describe(response)}.")
    ids, known, expected = _plan(question, _ordering_plan)
    order = _id_list(response, "items")
    for value in order:
        if value not in known:
            raise ResponseError(f"{value!r} is not one of the items ({', '.join(ids)}).")
    position = {item_id: place for place, item_id in enumerate(order)}
    if len(order) != len(ids) or len(position) != len(ids):
        raise ResponseError("Use every item exactly once.")
    placed = [position[item_id] for item_id in ids]
    n = len(placed)
    total = n * (n - 1) // 2
    in_order = 0
    for i, here in enumerate(placed):
        for later in placed[i + 1 :]:
            if here < later:
                in_order += 1
    right = in_order == total
    feedback = question.explanation
    if not right:
        feedback = join_parts(
            f"{in_order} of {total} pairs of items are in the right order.", feedback
        )
    return Grade(in_order / total, right, feedback, {}, expected)


def _matching_plan(question: Matching) -> tuple[frozenset[str], frozenset[str], str, str]:
    ids = frozenset(pair.id for pair in question.pairs)
    rights = ids | frozenset(question.distractor_ids())
    expected = "; ".join(f"{pair.left} → {pair.right}" for pair in question.pairs)
    return ids, rights, ", ".join(sorted(ids)), expected


def _grade_matching(question: Matching, response: Any) -> Grade:
    if response is None or (isinstance(response, Mapping) and not response):
        raise ResponseError("Match the items first.")
    if not isinstance(response, Mapping):
        raise ResponseError(
            f"Give the matches as a dict (left id -> right id), not {_describe(response)}."
        )
    ids, known_rights, listed, expected = _plan(question, _matching_plan)
    lefts = _id_list(response.keys(), "items")
    rights = [value if isinstance(value, str) else _as_id(value) for value in response.values()]
    for value in lefts:
        if value not in ids:
            raise ResponseError(f"{value!r} is not one of the pairs ({listed}).")
    for value in rights:
        if value not in known_rights:
            raise ResponseError(f"{value!r} is not one of the pairs ({listed}).")
    matches = dict(zip(lefts, rights, strict=True))
    n_right = sum(1 for pair_id in ids if matches.get(pair_id) == pair_id)
    n = len(ids)
    right = n_right == n
    feedback = question.explanation
    if not right:
        feedback = join_parts(f"{n_right} of {n} matched right.", feedback)
    return Grade(n_right / n, right, feedback, {}, expected)


_GRADERS: dict[type, Callable[[Any, Any], Grade]] = {
    SingleChoice: _grade_single,
    MultipleChoice: _grade_multiple,
    TrueFalse: _grade_true_false,
    Numeric: _grade_numeric,
    ShortText: _grade_text,
    Ordering: _grade_ordering,
    Matching: _grade_matching,
    Scenario: _grade_scenario,
    Poll: _grade_poll,
    Reflection: _grade_reflection,
}
