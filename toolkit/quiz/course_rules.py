"""The rule the course's own banks meet beyond the model: every answer explains itself.

Explanations are optional in :mod:`toolkit.quiz.model` (a bank imported from Moodle or Kahoot
may have none); ``smlab validate`` and the loader hold the banks in ``quizzes/`` to this rule.
"""

from __future__ import annotations

from toolkit.quiz.model import (
    Bank,
    Loc,
    Matching,
    MultipleChoice,
    Numeric,
    Option,
    Ordering,
    Scenario,
    ScenarioOption,
    ShortText,
    SingleChoice,
    TrueFalse,
)

__all__ = ["unexplained"]


def unexplained(bank: Bank) -> list[tuple[Loc, str]]:
    """Where a bank lacks an explanation the course's own banks must have.

    Explanations are optional in the model (a bank imported from Moodle or Kahoot may have
    none: learners then see the general feedback, or nothing), but every option of a course
    bank explains itself; ``smlab validate`` holds the banks in ``quizzes/`` to that.

    Returns
    -------
    list of (location, message)
        Each missing explanation, located as pydantic locates fields.
    """
    found: list[tuple[Loc, str]] = []
    for position, question in enumerate(bank.questions):
        at: Loc = ("questions", position)
        if isinstance(question, SingleChoice | MultipleChoice | Scenario):
            options: tuple[Option | ScenarioOption, ...] = question.options
            for number, option in enumerate(options):
                if not option.explanation:
                    found.append(
                        (
                            (*at, "options", number, "explanation"),
                            f"option {option.id} has no explanation (say why it is right, or "
                            "tempting and wrong)",
                        )
                    )
            if isinstance(question, Scenario) and not question.depends_on:
                found.append(((*at, "depends_on"), "missing required key 'depends_on'"))
        elif isinstance(question, TrueFalse):
            for key in ("explanation_true", "explanation_false"):
                if not getattr(question, key):
                    found.append(((*at, key), f"missing required key {key!r}"))
        elif (
            isinstance(question, Numeric | ShortText | Ordering | Matching)
            and not question.explanation
        ):
            found.append(((*at, "explanation"), "missing required key 'explanation'"))
    return found
