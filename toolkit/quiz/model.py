"""The question-bank model: every question type as validated, immutable data.

The YAML format is described in ``quizzes/FORMAT.md``; ``quizzes/schema.json`` is generated
from these classes (``python -m toolkit.quiz.schema``). A model that validates is safe to
grade: the rules a bank must follow (exactly one correct option in a ``single`` question, at
least one full-credit option in a ``scenario``, no duplicate ids...) are checked here, so
``grade`` never meets a question it cannot score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal, TypeAlias

from pydantic import (
    Field,
    TypeAdapter,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from toolkit.quiz.model_parts import CREDIT_CLOSE as CREDIT_CLOSE
from toolkit.quiz.model_parts import MAX_REFLECTION as MAX_REFLECTION
from toolkit.quiz.model_parts import RULES_ERROR as RULES_ERROR
from toolkit.quiz.model_parts import Alternative as Alternative
from toolkit.quiz.model_parts import Difficulty as Difficulty
from toolkit.quiz.model_parts import Distractor as Distractor
from toolkit.quiz.model_parts import Explanation as Explanation
from toolkit.quiz.model_parts import Frozen as _Frozen
from toolkit.quiz.model_parts import Identifier as Identifier
from toolkit.quiz.model_parts import Item as Item
from toolkit.quiz.model_parts import Loc as Loc
from toolkit.quiz.model_parts import Option as Option
from toolkit.quiz.model_parts import Pair as Pair
from toolkit.quiz.model_parts import PartialAnswer as PartialAnswer
from toolkit.quiz.model_parts import PollOption as PollOption
from toolkit.quiz.model_parts import ScenarioOption as ScenarioOption
from toolkit.quiz.model_parts import Source as Source
from toolkit.quiz.model_parts import Text as Text
from toolkit.quiz.model_parts import TimeLimit as TimeLimit
from toolkit.quiz.model_parts import bounds_of as _bounds
from toolkit.quiz.model_parts import duplicates as _duplicates
from toolkit.quiz.model_parts import interval_problems as _interval_problems
from toolkit.quiz.model_parts import rules as _rules

#: Points a question is worth, by difficulty.
POINTS: dict[str, int] = {"easy": 10, "medium": 20, "hard": 30}

#: The time limits (seconds) a question may carry, for the trainer's host mode.
TIME_LIMITS: tuple[int, ...] = (5, 10, 20, 30, 60, 90, 120, 240)

#: The question types, in the order ``FORMAT.md`` describes them.
QUESTION_TYPES: tuple[str, ...] = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "text",
    "ordering",
    "matching",
    "scenario",
    "poll",
    "reflection",
)


class QuestionBase(_Frozen):
    """The fields every question type shares."""

    id: Identifier
    prompt: Text
    difficulty: Difficulty = "medium"
    hints: tuple[Text, ...] = ()
    tags: tuple[Text, ...] = ()
    time_limit: TimeLimit | None = None
    source: Source | None = None
    shuffle: bool = True
    checkpoint: bool = Field(
        default=False,
        description=(
            "Asked in the lesson's checkpoint. A bank that marks none asks every question "
            "there; every question, marked or not, feeds spaced review and the final challenge."
        ),
    )

    @property
    def points(self) -> int:
        """Points the question is worth (from its difficulty); polls are worth none."""
        return POINTS[self.difficulty]

    @property
    def graded(self) -> bool:
        """Whether the question has a right answer (polls and reflections have none)."""
        return True


class SingleChoice(QuestionBase):
    """One right option. Response: the option id."""

    type: Literal["single"]
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self) -> SingleChoice:
        problems = _duplicates((o.id for o in self.options), "options", "option")
        right = [o.id for o in self.options if o.correct]
        for position, option in enumerate(self.options):
            if option.credit is None:
                continue
            if option.correct and abs(option.credit - 1) > CREDIT_CLOSE:
                problems.append(
                    (
                        ("options", position, "credit"),
                        f"the correct option has credit {option.credit:g}; it earns 1",
                    )
                )
            elif not option.correct and option.credit > 1 - CREDIT_CLOSE:
                problems.append(
                    (
                        ("options", position, "credit"),
                        "a wrong option earns less than 1 (mark it 'correct: true' instead)",
                    )
                )
        if not right:
            problems.append((("options",), "no option is marked 'correct: true'"))
        elif len(right) > 1:
            problems.append(
                (
                    ("options",),
                    f"{len(right)} options are marked correct ({', '.join(right)}); a 'single' "
                    "question has exactly one (use type 'multiple' for several)",
                )
            )
        _rules(problems)
        return self

    @property
    def answer(self) -> Option:
        """The correct option."""
        return next(o for o in self.options if o.correct)

    def credits(self) -> dict[str, float]:
        """Each option's credit: its own, else 1 when correct and 0 when wrong."""
        return {
            o.id: o.credit if o.credit is not None else (1.0 if o.correct else 0.0)
            for o in self.options
        }


class MultipleChoice(QuestionBase):
    """One or more right options. Response: a list of option ids."""

    type: Literal["multiple"]
    options: tuple[Option, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self) -> MultipleChoice:
        problems = _duplicates((o.id for o in self.options), "options", "option")
        if not any(o.correct for o in self.options):
            problems.append((("options",), "no option is marked 'correct: true'"))
        elif self.weighted:
            problems.extend(self._weight_problems())
        _rules(problems)
        return self

    @property
    def weighted(self) -> bool:
        """Whether the options carry their own credits (Moodle weights)."""
        return any(o.credit is not None for o in self.options)

    def _weight_problems(self) -> list[tuple[Loc, str]]:
        problems: list[tuple[Loc, str]] = []
        total = 0.0
        for position, option in enumerate(self.options):
            where: Loc = ("options", position, "credit")
            if option.correct and (option.credit is None or option.credit <= 0):
                problems.append(
                    (where, "a correct option needs a credit above 0 when others have credits")
                )
            elif not option.correct and option.credit is not None and option.credit > 0:
                problems.append(
                    (where, "a wrong option earns 0 or less (mark it 'correct: true' instead)")
                )
            elif option.correct and option.credit is not None:
                total += option.credit
        if not problems and abs(total - 1) > 1e-4:
            problems.append(
                (("options",), f"the correct options' credits add up to {total:g}, not 1")
            )
        return problems

    def credits(self) -> dict[str, float]:
        """Each option's credit for a pick.

        With credits written, an option without one earns 0; without any, each of the n
        correct options earns 1/n and each wrong one -1/n (so a question scores
        (right picks - wrong picks) / n).
        """
        if self.weighted:
            return {o.id: o.credit or 0.0 for o in self.options}
        count = sum(1 for o in self.options if o.correct)
        return {o.id: (1.0 if o.correct else -1.0) / count for o in self.options}


class TrueFalse(QuestionBase):
    """A statement that is true or false. Response: ``True`` or ``False``."""

    type: Literal["true_false"]
    answer: bool
    explanation_true: Explanation = Field(
        default="", description="Feedback for a learner who answers true."
    )
    explanation_false: Explanation = Field(
        default="", description="Feedback for a learner who answers false."
    )


class Numeric(QuestionBase):
    """A number, within a tolerance or a range. Response: a number or a string holding one."""

    type: Literal["numeric"]
    answer: float | None = None
    tolerance: float | None = Field(default=None, ge=0)
    range: tuple[float, float] | None = Field(
        default=None, description="[min, max], inclusive: instead of answer and tolerance."
    )
    unit: Text | None = None
    explanation: Explanation = ""
    distractors: tuple[Distractor, ...] = ()
    alternatives: tuple[Alternative, ...] = Field(
        default=(), description="Other accepted numbers, each with its share of the credit."
    )

    @model_validator(mode="after")
    def _check(self) -> Numeric:
        _rules(_interval_problems(self.answer, self.tolerance, self.range))
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The accepted interval ``(low, high)``, inclusive."""
        return _bounds(self.answer, self.tolerance, self.range)


class ShortText(QuestionBase):
    """A short typed answer. Response: a string."""

    type: Literal["text"]
    accepted: tuple[Text, ...] = Field(min_length=1)
    case_sensitive: bool = False
    fuzzy: float | None = Field(
        default=None, gt=0, le=1, description="Accept a typo when similarity >= this."
    )
    partial: tuple[PartialAnswer, ...] = Field(
        default=(), description="Answers that earn part of the credit."
    )
    explanation: Explanation = ""


class Ordering(QuestionBase):
    """Items to put in order, written in the correct order. Response: the ids in order."""

    type: Literal["ordering"]
    items: tuple[Item, ...] = Field(min_length=2)
    explanation: Explanation = ""

    @model_validator(mode="after")
    def _check(self) -> Ordering:
        problems = _duplicates((i.id for i in self.items), "items", "item")
        for position, text in _repeats(i.text for i in self.items):
            problems.append((("items", position, "text"), f"two items have the same text ({text})"))
        _rules(problems)
        return self


class Matching(QuestionBase):
    """Pairs to match. Response: a dict from each pair id (left) to a pair id (right)."""

    type: Literal["matching"]
    pairs: tuple[Pair, ...] = Field(min_length=2)
    distractors: tuple[Text, ...] = Field(
        default=(), description="Extra right sides that match no left side."
    )
    explanation: Explanation = ""

    @model_validator(mode="after")
    def _check(self) -> Matching:
        problems = _duplicates((p.id for p in self.pairs), "pairs", "pair")
        for position, count in _repeats(p.right for p in self.pairs):
            problems.append(
                (("pairs", position, "right"), f"two pairs have the same right side ({count})")
            )
        rights = {p.right for p in self.pairs}
        for position, text in enumerate(self.distractors):
            if text in rights:
                problems.append(
                    (("distractors", position), f"{text!r} is already a pair's right side")
                )
        for position, count in _repeats(self.distractors):
            problems.append((("distractors", position), f"a repeated distractor ({count})"))
        for position, count in _repeats(p.left for p in self.pairs):
            problems.append(
                (("pairs", position, "left"), f"two pairs have the same left side ({count})")
            )
        _rules(problems)
        return self

    def distractor_ids(self) -> tuple[str, ...]:
        """The ids a response uses for the distractors: ``*1``, ``*2``... (never a pair id)."""
        return tuple(f"*{n}" for n in range(1, len(self.distractors) + 1))

    def right_sides(self) -> dict[str, str]:
        """Every right side a learner may pick, by id: the pairs', then the distractors."""
        sides = {pair.id: pair.right for pair in self.pairs}
        sides.update(zip(self.distractor_ids(), self.distractors, strict=True))
        return sides


def _repeats(values: Iterable[str]) -> list[tuple[int, str]]:
    """Positions (after the first) of values already seen, with the value."""
    seen: set[str] = set()
    found: list[tuple[int, str]] = []
    for position, value in enumerate(values):
        if value in seen:
            found.append((position, repr(value)))
        seen.add(value)
    return found


class Scenario(QuestionBase):
    """ "It depends": options with partial credit. Response: the option id."""

    type: Literal["scenario"]
    depends_on: Explanation = Field(default="", description="What the best answer depends on.")
    options: tuple[ScenarioOption, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        problems = _duplicates((o.id for o in self.options), "options", "option")
        if not any(o.credit == 1 for o in self.options):
            problems.append((("options",), "no option has full credit ('credit: 1')"))
        _rules(problems)
        return self


class Poll(QuestionBase):
    """No right answer (also Likert scales). Response: an option id, or a list of ids."""

    type: Literal["poll"]
    options: tuple[PollOption, ...] = Field(min_length=2)
    multiple: bool = False

    @model_validator(mode="after")
    def _check(self) -> Poll:
        _rules(_duplicates((o.id for o in self.options), "options", "option"))
        return self

    @property
    def points(self) -> int:
        """Polls are never graded, so they are worth no points."""
        return 0

    @property
    def graded(self) -> bool:
        """Polls have no right answer."""
        return False


class Reflection(QuestionBase):
    """Free text, never graded: the learner's own answer, kept with their progress.

    Response: the text. After answering, practice mode shows ``model_answer`` and
    ``prompts``; a reflection earns no points and ``correct`` is ``None``, like a poll.
    """

    type: Literal["reflection"]
    model_answer: Text | None = Field(
        default=None, description="A model answer (Markdown), shown after answering."
    )
    prompts: tuple[Text, ...] = Field(
        default=(), description="Follow-up questions, shown after answering."
    )
    max_length: int | None = Field(
        default=None, ge=1, le=MAX_REFLECTION, description="The most characters an answer has."
    )

    @property
    def points(self) -> int:
        """Reflections are never graded, so they are worth no points."""
        return 0

    @property
    def graded(self) -> bool:
        """Reflections have no right answer."""
        return False

    @property
    def limit(self) -> int:
        """The most characters an answer may have."""
        return self.max_length or MAX_REFLECTION


#: Any question; ``type`` chooses the class.
Question: TypeAlias = Annotated[
    SingleChoice
    | MultipleChoice
    | TrueFalse
    | Numeric
    | ShortText
    | Ordering
    | Matching
    | Scenario
    | Poll
    | Reflection,
    Field(discriminator="type"),
]
#: Validates one question from plain data: ``QUESTION.validate_python({...})``.
QUESTION: TypeAdapter[Question] = TypeAdapter(Question)

#: The class of each question type.
QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    "single": SingleChoice,
    "multiple": MultipleChoice,
    "true_false": TrueFalse,
    "numeric": Numeric,
    "text": ShortText,
    "ordering": Ordering,
    "matching": Matching,
    "scenario": Scenario,
    "poll": Poll,
    "reflection": Reflection,
}


class Bank(_Frozen):
    """A question bank: the quiz of one lesson.

    Examples
    --------
    >>> bank = Bank.model_validate({
    ...     "id": "demo", "title": "Demo", "lesson": "00-start-here",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> bank.question("q1").points
    20
    """

    id: Identifier
    title: Text
    lesson: Identifier = Field(description="The stem of the notebook this bank checks.")
    description: Text | None = None
    questions: tuple[Question, ...] = Field(min_length=1)
    path: SkipJsonSchema[Path | None] = Field(default=None, exclude=True)

    @model_validator(mode="after")
    def _check(self) -> Bank:
        _rules(_duplicates((q.id for q in self.questions), "questions", "question"))
        return self

    def question(self, question_id: str) -> Question:
        """Return the question with id ``question_id``.

        Raises
        ------
        KeyError
            If the bank has no such question.
        """
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(f"bank {self.id!r} has no question {question_id!r}")

    @property
    def max_points(self) -> int:
        """Points for answering every question right without hints."""
        return sum(q.points for q in self.questions)

    def for_checkpoint(self) -> Bank:
        """Return the bank a lesson's checkpoint asks: its questions marked ``checkpoint``.

        A lesson's checkpoint is short (a course bank marks five to eight questions); the
        rest of the bank feeds spaced review and the final challenge. A bank that marks no
        question (an imported one, say) is returned whole.

        Returns
        -------
        Bank
            The same bank (same id, so progress is recorded as before) with only the marked
            questions, in their written order.

        Examples
        --------
        >>> bank = Bank.model_validate({
        ...     "id": "demo", "title": "Demo", "lesson": "00-start-here",
        ...     "questions": [
        ...         {"id": f"q{n}", "type": "true_false", "prompt": "Sky is blue.",
        ...          "answer": True, "checkpoint": n < 2}
        ...         for n in range(4)]})
        >>> [q.id for q in bank.for_checkpoint().questions]
        ['q0', 'q1']
        """
        marked = tuple(question for question in self.questions if question.checkpoint)
        if not marked:
            return self
        return self.model_copy(update={"questions": marked})


@dataclass(frozen=True, slots=True)
class Grade:
    """The result of grading one response.

    Attributes
    ----------
    credit : float
        Share of the credit, 0 to 1.
    correct : bool or None
        Whether the response is fully right; ``None`` for a poll or a reflection (no right
        answer).
    feedback : str
        Markdown to show the learner: the explanation for what they answered. It holds no
        verdict; a view adds "✔ Correct" / "✘ Not quite" from ``correct`` and ``credit``.
    explanations : dict of str to str
        The explanation shown for each option the learner chose (option id -> text).
    expected : str
        The right answer in words (empty for a poll).
    """

    credit: float
    correct: bool | None
    feedback: str
    explanations: dict[str, str] = field(default_factory=dict)
    expected: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.credit <= 1:
            raise ValueError(f"credit must be between 0 and 1, got {self.credit!r}")

    @property
    def verdict(self) -> str:
        """The verdict in words with an icon, never colour alone."""
        if self.correct is None:
            return "✎ Recorded"
        if self.correct:
            return "✔ Correct"
        if self.credit > 0:
            return f"◐ Partly right ({self.credit:.0%})"
        return "✘ Not quite"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a bank: ``str(problem)`` is ``file:line: question-id: message``."""

    file: str
    line: int
    question_id: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}: {self.question_id}: {prefix}{self.message}"


class BankError(ValueError):
    """A bank that cannot be loaded; ``.problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the bank:\n{lines}")


class ResponseError(ValueError):
    """A response that cannot be graded; the message is written for the learner."""
