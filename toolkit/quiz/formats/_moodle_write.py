"""Our questions as Moodle's: the export half of the mapping in ``_moodle``.

GIFT and Moodle XML both write a ``MoodleQuestion``; this turns each of our question types
into one (the tables in ``quizzes/FORMAT.md`` say what each format keeps).
"""

from __future__ import annotations

from typing import Any

from toolkit.quiz.formats._common import ExportNotes, number_text
from toolkit.quiz.formats._moodle import (
    MoodleAnswer,
    MoodleQuestion,
    is_moodle_fraction,
    poll_text,
)
from toolkit.quiz.model import (
    POINTS,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Reflection,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

__all__ = ["from_question"]


def from_question(
    question: Question, notes: ExportNotes, format_name: str
) -> MoodleQuestion | None:
    """Map one of our questions to Moodle's, or ``None`` (with a warning) when it cannot."""
    base: dict[str, Any] = {
        "name": question.id,
        "text": question.prompt,
        "hints": list(question.hints),
        "tags": list(question.tags),
        "default_grade": POINTS[question.difficulty] / 10,
    }
    if isinstance(question, SingleChoice | MultipleChoice):
        credits = question.credits()
        return MoodleQuestion(
            "multichoice",
            answers=[MoodleAnswer(o.text, credits[o.id], o.explanation) for o in question.options],
            single=isinstance(question, SingleChoice),
            shuffle=question.shuffle,
            **base,
        )
    if isinstance(question, Scenario):
        return _scenario(question, notes, format_name, base)
    if isinstance(question, TrueFalse):
        return MoodleQuestion(
            "truefalse",
            answers=[
                MoodleAnswer("true", 1.0 if question.answer else 0.0, question.explanation_true),
                MoodleAnswer("false", 0.0 if question.answer else 1.0, question.explanation_false),
            ],
            **base,
        )
    if isinstance(question, Numeric):
        return _numeric(question, base)
    if isinstance(question, ShortText):
        if question.fuzzy is not None:
            notes.warn(
                question.id,
                f"typos accepted here (fuzzy {question.fuzzy:g}) are marked wrong in Moodle, "
                "which has no typo tolerance",
            )
        return MoodleQuestion(
            "shortanswer",
            answers=[MoodleAnswer(text, 1.0) for text in question.accepted]
            + [MoodleAnswer(p.text, p.credit) for p in question.partial],
            general_feedback=question.explanation,
            case_sensitive=question.case_sensitive,
            **base,
        )
    if isinstance(question, Matching):
        return MoodleQuestion(
            "match",
            pairs=[(p.left, p.right) for p in question.pairs]
            + [("", right) for right in question.distractors],
            general_feedback=question.explanation,
            shuffle=question.shuffle,
            **base,
        )
    if isinstance(question, Poll):
        if any("\n" in o.text for o in question.options):
            notes.warn(question.id, "line breaks in poll options are written as spaces")
        return MoodleQuestion(
            "essay",
            **{
                **base,
                "text": poll_text(
                    question.prompt, [o.text for o in question.options], question.multiple
                ),
            },
        )
    if isinstance(question, Reflection):
        return MoodleQuestion(
            "essay",
            model_answer=question.model_answer or "",
            template="\n".join(" ".join(p.split()) for p in question.prompts),
            **base,
        )
    assert isinstance(question, Ordering)
    if format_name == "GIFT":
        notes.warn(question.id, "skipped: GIFT has no ordering question (Moodle XML has one)")
        return None
    return MoodleQuestion(
        "ordering",
        answers=[MoodleAnswer(item.text, float(n)) for n, item in enumerate(question.items, 1)],
        general_feedback=question.explanation,
        shuffle=question.shuffle,
        **base,
    )


def _scenario(
    question: Scenario, notes: ExportNotes, format_name: str, base: dict[str, Any]
) -> MoodleQuestion | None:
    credits = [o.credit for o in question.options]
    if all(c == 1 for c in credits):
        notes.warn(question.id, "skipped: every option has full credit, so nothing can be wrong")
        return None
    partial = any(0 < c < 1 for c in credits)
    if sum(1 for c in credits if c == 1) == 1 and not (partial and question.depends_on):
        notes.warn(
            question.id,
            "a scenario with one full-credit option and no partial credit or no depends_on "
            "reads back as a single-choice question (its depends_on added to every "
            "explanation)",
        )
    odd = [c for c in credits if not is_moodle_fraction(c)]
    if odd:
        notes.warn(
            question.id,
            f"credit {', '.join(f'{c:g}' for c in odd)} is not one of Moodle's grades: choose "
            "'Nearest grade if not listed' when importing into Moodle",
        )
    return MoodleQuestion(
        "multichoice",
        answers=[MoodleAnswer(o.text, o.credit, o.explanation) for o in question.options],
        general_feedback=question.depends_on,
        single=True,
        shuffle=question.shuffle,
        **base,
    )


def _numeric(question: Numeric, base: dict[str, Any]) -> MoodleQuestion:
    if question.range is not None:
        low, high = question.range
        right = MoodleAnswer(
            number_text((low + high) / 2), 1.0, tolerance=(high - low) / 2, low_high=(low, high)
        )
    else:
        assert question.answer is not None
        right = MoodleAnswer(number_text(question.answer), 1.0, tolerance=question.tolerance)
    answers = [right]
    for alternative in question.alternatives:
        if alternative.range is not None:
            low, high = alternative.range
            answers.append(
                MoodleAnswer(
                    number_text((low + high) / 2),
                    alternative.credit,
                    tolerance=(high - low) / 2,
                    low_high=(low, high),
                )
            )
        else:
            assert alternative.answer is not None
            value = number_text(alternative.answer)
            answers.append(MoodleAnswer(value, alternative.credit, tolerance=alternative.tolerance))
    answers += [
        MoodleAnswer(number_text(d.value), 0.0, d.explanation) for d in question.distractors
    ]
    return MoodleQuestion(
        "numerical",
        answers=answers,
        general_feedback=question.explanation,
        unit=question.unit,
        **base,
    )
