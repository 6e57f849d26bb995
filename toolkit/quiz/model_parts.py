"""The parts a question is made of: ids, texts, options, items, pairs, alternatives.

Split from :mod:`toolkit.quiz.model` (which re-exports every public name here) to keep each
module short; the rules shared by several parts (an interval, duplicate ids) live here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

#: Error type of a broken bank rule; its context carries the ``(sub-location, message)`` list.
RULES_ERROR = "quiz_rules"


def _id_from_number(value: Any) -> Any:
    """Accept ``id: 1`` written without quotes as the id ``"1"``."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: An id: letters, digits, ``-`` and ``_``.
Identifier: TypeAlias = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_-]+$", min_length=1, max_length=100),
    BeforeValidator(_id_from_number),  # after the constraints, so it runs before them
]
#: Text shown to a learner (Markdown): at least one character that is not white space.
Text: TypeAlias = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
#: An explanation (Markdown); may be empty in an imported bank. ``smlab validate`` requires
#: one in the course's own banks (see ``toolkit.quiz.course_rules.unexplained``).
Explanation: TypeAlias = Annotated[str, StringConstraints(strip_whitespace=True)]
Difficulty: TypeAlias = Literal["easy", "medium", "hard"]
TimeLimit: TypeAlias = Literal[5, 10, 20, 30, 60, 90, 120, 240]
Source: TypeAlias = Annotated[str, StringConstraints(pattern=r"^(lesson|seed):[A-Za-z0-9_.-]+$")]
#: The longest reflection a learner may write, in characters.
MAX_REFLECTION = 10_000
#: Two credits closer than this are the same (Moodle stores fractions to 7 decimals).
CREDIT_CLOSE = 1e-6
#: A path inside a bank, as pydantic reports it: keys and list positions.
Loc: TypeAlias = tuple[str | int, ...]


class Frozen(BaseModel):
    """A validated, immutable part of a bank: unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)


class Option(Frozen):
    """An option of a ``single`` or ``multiple`` question, with its own explanation."""

    id: Identifier
    text: Text
    explanation: Explanation = Field(
        default="", description="Why this option is right, or tempting and wrong."
    )
    correct: bool = False
    credit: float | None = Field(
        default=None,
        ge=-1,
        le=1,
        description="Share of the credit, -1 to 1 (Moodle's weight / 100); default: 1 for a "
        "correct option of a single question, 0 for a wrong one (see FORMAT.md for multiple).",
    )


class ScenarioOption(Frozen):
    """An option of a ``scenario`` question: a share of the credit instead of right/wrong."""

    id: Identifier
    text: Text
    explanation: Explanation = ""
    credit: float = Field(ge=0, le=1, description="Share of the credit, 0 to 1.")

    @property
    def correct(self) -> bool:
        """Whether this option earns full credit."""
        return self.credit == 1


class PollOption(Frozen):
    """An option of a ``poll``: no right answer, so the explanation is optional."""

    id: Identifier
    text: Text
    explanation: Text | None = None


class Item(Frozen):
    """An item of an ``ordering`` question."""

    id: Identifier
    text: Text


class Pair(Frozen):
    """A pair of a ``matching`` question: ``left`` is matched to ``right``."""

    id: Identifier
    left: Text
    right: Text


class Distractor(Frozen):
    """A common wrong answer to a ``numeric`` question, and why it is wrong."""

    value: float
    explanation: Text


class PartialAnswer(Frozen):
    """An answer to a ``text`` question that earns part of the credit."""

    text: Text
    credit: float = Field(gt=0, lt=1, description="Share of the credit, above 0 and below 1.")


class Alternative(Frozen):
    """Another accepted number for a ``numeric`` question, with its own share of the credit."""

    answer: float | None = None
    tolerance: float | None = Field(default=None, ge=0)
    range: tuple[float, float] | None = Field(
        default=None, description="[min, max], inclusive: instead of answer and tolerance."
    )
    credit: float = Field(gt=0, le=1, description="Share of the credit, above 0 up to 1.")

    @model_validator(mode="after")
    def _check(self) -> Alternative:
        rules(interval_problems(self.answer, self.tolerance, self.range))
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The accepted interval ``(low, high)``, inclusive."""
        return bounds_of(self.answer, self.tolerance, self.range)


def interval_problems(
    answer: float | None, tolerance: float | None, span: tuple[float, float] | None
) -> list[tuple[Loc, str]]:
    """The rules of ``answer``/``tolerance`` or ``range``, shared by numbers and alternatives."""
    problems: list[tuple[Loc, str]] = []
    if answer is None and span is None:
        problems.append(((), "give either 'answer' (with optional 'tolerance') or 'range'"))
    if answer is not None and span is not None:
        problems.append((("range",), "give 'answer' or 'range', not both"))
    if span is not None and tolerance is not None:
        problems.append((("tolerance",), "'tolerance' goes with 'answer', not with 'range'"))
    if span is not None and span[0] > span[1]:
        low, high = span
        problems.append((("range",), f"range min {low:g} is greater than max {high:g}"))
    return problems


def bounds_of(
    answer: float | None, tolerance: float | None, span: tuple[float, float] | None
) -> tuple[float, float]:
    if span is not None:
        return span
    assert answer is not None  # guaranteed by validation
    return (answer - (tolerance or 0.0), answer + (tolerance or 0.0))


def rules(problems: list[tuple[Loc, str]]) -> None:
    """Raise the broken rules of one model as one pydantic error the loader can split."""
    if problems:
        raise PydanticCustomError(
            RULES_ERROR,
            "{summary}",
            {"summary": "; ".join(message for _, message in problems), "problems": problems},
        )


def duplicates(ids: Iterable[str], where: str, what: str) -> list[tuple[Loc, str]]:
    """Report every repeat of an id, at the position of the repeat."""
    seen: set[str] = set()
    problems: list[tuple[Loc, str]] = []
    for position, identifier in enumerate(ids):
        if identifier in seen:
            problems.append(((where, position, "id"), f"duplicate {what} id {identifier!r}"))
        seen.add(identifier)
    return problems
