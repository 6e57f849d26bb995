"""Moodle's question model, shared by GIFT and Moodle XML, and its mapping to ours.

Both Moodle formats describe the same questions (multiple choice with percentage weights,
true/false, short answer, numerical, matching, essay), so each format only parses text into a
``MoodleQuestion`` or writes one out; this module maps between that and our question types.

The mapping (summarised in ``toolkit.quiz.formats``):

* A one-answer multiple choice whose weights are 100% for one answer and 0 (or less) for the
  rest is a ``single`` question. Any weight between 0 and 100%, or several answers at 100%,
  make it a ``scenario`` (credit = weight / 100, negative weights count 0), with the general
  feedback as ``depends_on``. A ``scenario`` is written back the same way.
* A several-answer multiple choice is a ``multiple`` question: answers with a positive weight
  are the right ones. Our rule, (right picks - wrong picks) / right options, is exactly
  Moodle's with +100/n % on each of the n right answers and -100/n % on each wrong one, so
  that is what is written; other weights are read as right/wrong with a warning.
* Feedback on an answer is that option's explanation; general feedback becomes the
  explanation of numeric, text and matching questions, is added to every option's
  explanation of a ``single``/``multiple`` one, and is the ``depends_on`` of a scenario.
* A ``poll`` is written as an essay whose text ends with ``Choose one:`` (or ``Choose one or
  more:``) and a list of the options; an essay ending that way is read back as a poll. Other
  essays, descriptions and question types we do not have are skipped with a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from toolkit.quiz.formats._common import (
    Draft,
    ExportNotes,
    Report,
    explained,
    join_text,
    make_id,
    number_text,
    option_ids,
    percent_text,
)
from toolkit.quiz.model import (
    POINTS,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

#: Moodle's list of grades an answer may carry (question_bank::fraction_options_full).
MOODLE_FRACTIONS: tuple[float, ...] = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
)
POLL_ONE = "Choose one:"
POLL_MANY = "Choose one or more:"
#: Within this, two weights are the same (Moodle stores fractions to 7 decimals).
_CLOSE = 1e-6


@dataclass
class MoodleAnswer:
    """One answer of a Moodle question."""

    text: str
    fraction: float = 0.0
    feedback: str = ""
    tolerance: float | None = None
    low_high: tuple[float, float] | None = None
    line: int = 0


@dataclass
class MoodleQuestion:
    """A question as both Moodle formats see it (texts already in Markdown)."""

    qtype: str
    name: str
    text: str
    line: int = 0
    general_feedback: str = ""
    answers: list[MoodleAnswer] = field(default_factory=list)
    single: bool = True
    shuffle: bool | None = None
    case_sensitive: bool = False
    pairs: list[tuple[str, str]] = field(default_factory=list)
    unit: str | None = None
    hints: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    default_grade: float | None = None


def is_moodle_fraction(fraction: float) -> bool:
    """Whether Moodle offers ``fraction`` (or its negative) as an answer grade."""
    return any(abs(abs(fraction) - allowed) < 5e-7 for allowed in MOODLE_FRACTIONS)


def difficulty_for(grade: float | None) -> str | None:
    """Moodle's default mark 1, 2, 3 (our points / 10) as easy, medium, hard."""
    if grade is None:
        return None
    if grade <= 1.5:
        return "easy"
    if grade < 2.5:
        return "medium"
    return "hard"


# --- import ----------------------------------------------------------------------------------


def to_draft(question: MoodleQuestion, report: Report, source: str, number: int) -> Draft | None:
    """Map one Moodle question to a draft of ours, or ``None`` (with a warning) to skip it."""
    identifier = make_id(question.name, f"q{number}")
    draft = Draft(question.line, {"id": identifier, "prompt": question.text})
    data = draft.data
    difficulty = difficulty_for(question.default_grade)
    if difficulty:
        data["difficulty"] = difficulty
    if question.hints:
        data["hints"] = [hint for hint in question.hints if hint.strip()]
    if question.tags:
        data["tags"] = [tag for tag in question.tags if tag.strip()]
    if question.shuffle is not None and question.qtype in {"multichoice", "match"}:
        data["shuffle"] = question.shuffle
    builder = _BUILDERS.get(question.qtype)
    if builder is None:
        what = {
            "description": "a description (text with no question)",
            "essay": "an essay (a free-text answer)",
            "multianswer": "a cloze (embedded answers) question",
            "calculated": "a calculated question",
            "calculatedsimple": "a calculated question",
            "calculatedmulti": "a calculated question",
            "ddwtos": "a drag-and-drop question",
            "gapselect": "a select-missing-words question",
            "random": "a random question",
            "randomsamatch": "a random matching question",
        }.get(question.qtype, f"a {question.qtype!r} question")
        report.warn(question.line, f"skipped: {what} has no equivalent here", identifier)
        return None
    ok = builder(question, draft, report, source)
    return draft if ok else None


def _multichoice(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    answers = question.answers
    identifier = data["id"]
    if len(answers) < 2:
        report.error(
            question.line, "a multiple-choice question needs at least two answers", identifier
        )
        return False
    for position, answer in enumerate(answers, start=1):
        if not answer.text.strip():
            report.error(answer.line or question.line, f"answer {position} is empty", identifier)
            return False
    ids = option_ids(len(answers))
    fractions = [a.fraction for a in answers]
    if question.single:
        full = sum(1 for f in fractions if abs(f - 1) < _CLOSE)
        partial = any(_CLOSE < f < 1 - _CLOSE for f in fractions)
        if full == 0:
            best = max(fractions)
            report.error(
                question.line,
                f"no answer is worth 100% (the best is {percent_text(best)}%): one answer must be "
                "fully right",
                identifier,
            )
            return False
        if any(f < -_CLOSE for f in fractions):
            report.warn(
                question.line,
                "negative weights (a penalty for a wrong pick) count as 0 here",
                identifier,
            )
        if partial or full > 1:
            data["type"] = "scenario"
            data["depends_on"] = explained(question.general_feedback, source, draft)
            data["options"] = [
                {
                    "id": option_id,
                    "text": answer.text,
                    "credit": 1.0 if abs(answer.fraction - 1) < _CLOSE else max(answer.fraction, 0),
                    "explanation": explained(answer.feedback, source, draft),
                }
                for option_id, answer in zip(ids, answers, strict=True)
            ]
            return True
        data["type"] = "single"
        data["options"] = [
            {
                "id": option_id,
                "text": answer.text,
                "correct": abs(answer.fraction - 1) < _CLOSE,
                "explanation": explained(
                    join_text(answer.feedback, question.general_feedback), source, draft
                ),
            }
            for option_id, answer in zip(ids, answers, strict=True)
        ]
        return True
    right = [f > _CLOSE for f in fractions]
    count = sum(right)
    if count == 0:
        report.error(question.line, "no answer has a positive weight: none is right", identifier)
        return False
    exact = all(
        abs(f - (1 / count if is_right else -1 / count)) < 1e-6
        for f, is_right in zip(fractions, right, strict=True)
    )
    if not exact:
        weights = ", ".join(f"{percent_text(f)}%" for f in fractions)
        report.warn(
            question.line,
            f"Moodle weights ({weights}) differ from this course's rule for several right "
            f"answers (each right pick +1/{count}, each wrong pick -1/{count}): the answers "
            "with a positive weight are the right ones, and credit follows the course's rule",
            identifier,
        )
    data["type"] = "multiple"
    data["options"] = [
        {
            "id": option_id,
            "text": answer.text,
            "correct": is_right,
            "explanation": explained(
                join_text(answer.feedback, question.general_feedback), source, draft
            ),
        }
        for option_id, answer, is_right in zip(ids, answers, right, strict=True)
    ]
    return True


def _truefalse(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    by_text = {a.text.strip().lower(): a for a in question.answers}
    true, false = by_text.get("true"), by_text.get("false")
    if true is None or false is None:
        report.error(
            question.line, "a true/false question needs a 'true' and a 'false' answer", data["id"]
        )
        return False
    data["type"] = "true_false"
    data["answer"] = abs(true.fraction - 1) < _CLOSE
    general = question.general_feedback
    data["explanation_true"] = explained(join_text(true.feedback, general), source, draft)
    data["explanation_false"] = explained(join_text(false.feedback, general), source, draft)
    return True


def _shortanswer(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    accepted = [a for a in question.answers if abs(a.fraction - 1) < _CLOSE and a.text.strip()]
    others = [a for a in question.answers if a not in accepted and a.text.strip()]
    if not accepted:
        report.error(
            question.line, "no answer is worth 100%: nothing would be accepted", data["id"]
        )
        return False
    partial = [a.text for a in others if a.fraction > _CLOSE]
    if partial:
        report.warn(
            question.line,
            f"answers with partial credit are not kept ({', '.join(partial)}): only answers "
            "worth 100% are accepted here",
            data["id"],
        )
    data["type"] = "text"
    data["accepted"] = [a.text.strip() for a in accepted]
    if question.case_sensitive:
        data["case_sensitive"] = True
    feedback = next((a.feedback for a in accepted if a.feedback.strip()), "")
    data["explanation"] = explained(join_text(feedback, question.general_feedback), source, draft)
    return True


def _numerical(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    identifier = data["id"]
    numbered = [a for a in question.answers if a.text.strip() not in {"", "*"} or a.low_high]
    right = [a for a in numbered if abs(a.fraction - 1) < _CLOSE]
    if not right:
        report.error(question.line, "no answer is worth 100%: nothing would be right", identifier)
        return False
    first = right[0]
    if len(right) > 1:
        report.warn(
            question.line,
            f"{len(right)} answers are worth 100%: only the first ({_answer_text(first)}) is kept",
            identifier,
        )
    partial = [a for a in numbered if _CLOSE < a.fraction < 1 - _CLOSE]
    if partial:
        report.warn(
            question.line,
            "answers with partial credit are not kept: "
            + ", ".join(f"{_answer_text(a)} ({percent_text(a.fraction)}%)" for a in partial),
            identifier,
        )
    data["type"] = "numeric"
    if first.low_high is not None:
        data["range"] = list(first.low_high)
    else:
        value = _number(first, report, identifier)
        if value is None:
            return False
        data["answer"] = value
        if first.tolerance is not None and (first.tolerance != 0 or source == "GIFT"):
            data["tolerance"] = abs(first.tolerance)
    if question.unit:
        data["unit"] = question.unit
    data["explanation"] = explained(
        join_text(first.feedback, question.general_feedback), source, draft
    )
    distractors = []
    for answer in numbered:
        if answer.fraction > _CLOSE or not answer.feedback.strip():
            continue
        value = _number(answer, report, identifier)
        if value is None:
            return False
        distractors.append({"value": value, "explanation": answer.feedback.strip()})
    if distractors:
        data["distractors"] = distractors
    others = [a for a in question.answers if a.text.strip() == "*" and a.feedback.strip()]
    if others:
        report.warn(
            question.line,
            "the feedback for any other answer is not kept (the explanation is shown instead)",
            identifier,
        )
    return True


def _answer_text(answer: MoodleAnswer) -> str:
    if answer.low_high:
        return f"{number_text(answer.low_high[0])}..{number_text(answer.low_high[1])}"
    return answer.text.strip()


def _number(answer: MoodleAnswer, report: Report, identifier: str) -> float | None:
    if answer.low_high is not None:
        low, high = answer.low_high
        return (low + high) / 2
    try:
        value = float(answer.text.strip())
    except ValueError:
        value = float("nan")
    if value != value or value in {float("inf"), float("-inf")}:
        report.error(answer.line or 1, f"{answer.text.strip()!r} is not a number", identifier)
        return None
    return value


def _match(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    pairs = [(left, right) for left, right in question.pairs if left.strip()]
    extra = [right for left, right in question.pairs if not left.strip() and right.strip()]
    if extra:
        report.warn(
            question.line,
            f"extra wrong answers are not kept ({', '.join(extra)}): a matching question here "
            "has one right side per left side",
            data["id"],
        )
    if len(pairs) < 2:
        report.error(question.line, "a matching question needs at least two pairs", data["id"])
        return False
    data["type"] = "matching"
    data["pairs"] = [
        {"id": pair_id, "left": left, "right": right}
        for pair_id, (left, right) in zip(option_ids(len(pairs)), pairs, strict=True)
    ]
    data["explanation"] = explained(question.general_feedback, source, draft)
    return True


def _essay(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    poll = split_poll(question.text)
    if poll is None:
        report.warn(
            question.line,
            "skipped: an essay (a free-text answer) has no equivalent here; an essay ending "
            f"with '{POLL_ONE}' and a list of options is read as a poll",
            data["id"],
        )
        return False
    prompt, options, multiple = poll
    data["type"] = "poll"
    data["prompt"] = prompt
    data["options"] = [
        {"id": option_id, "text": text}
        for option_id, text in zip(option_ids(len(options)), options, strict=True)
    ]
    if multiple:
        data["multiple"] = True
    data.pop("shuffle", None)
    return True


_BUILDERS: dict[str, Callable[[MoodleQuestion, Draft, Report, str], bool]] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "match": _match,
    "essay": _essay,
}


def poll_text(prompt: str, options: list[str], multiple: bool) -> str:
    """The essay text a poll is written as: the prompt, then the options as a list."""
    marker = POLL_MANY if multiple else POLL_ONE
    listed = "\n".join(f"- {' '.join(text.split())}" for text in options)
    return f"{prompt}\n\n{marker}\n\n{listed}"


def split_poll(text: str) -> tuple[str, list[str], bool] | None:
    """Undo ``poll_text``: the prompt, the options and whether several may be chosen."""
    for marker, multiple in ((POLL_MANY, True), (POLL_ONE, False)):
        head, found, tail = text.rpartition(f"\n\n{marker}\n")
        if not found or not head.strip():
            continue
        lines = [line.strip() for line in tail.strip().split("\n") if line.strip()]
        if len(lines) >= 2 and all(line.startswith(("- ", "* ")) for line in lines):
            return head.strip(), [line[2:].strip() for line in lines], multiple
    return None


# --- export ----------------------------------------------------------------------------------


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
    if isinstance(question, SingleChoice):
        return MoodleQuestion(
            "multichoice",
            answers=[
                MoodleAnswer(o.text, 1.0 if o.correct else 0.0, o.explanation)
                for o in question.options
            ],
            single=True,
            shuffle=question.shuffle,
            **base,
        )
    if isinstance(question, MultipleChoice):
        count = sum(1 for o in question.options if o.correct)
        return MoodleQuestion(
            "multichoice",
            answers=[
                MoodleAnswer(o.text, (1 if o.correct else -1) / count, o.explanation)
                for o in question.options
            ],
            single=False,
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
            answers=[MoodleAnswer(text, 1.0) for text in question.accepted],
            general_feedback=question.explanation,
            case_sensitive=question.case_sensitive,
            **base,
        )
    if isinstance(question, Matching):
        return MoodleQuestion(
            "match",
            pairs=[(p.left, p.right) for p in question.pairs],
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
    assert isinstance(question, Ordering)
    notes.warn(question.id, f"skipped: {format_name} has no ordering question (put items in order)")
    return None


def _scenario(
    question: Scenario, notes: ExportNotes, format_name: str, base: dict[str, Any]
) -> MoodleQuestion | None:
    credits = [o.credit for o in question.options]
    if all(c == 1 for c in credits):
        notes.warn(question.id, "skipped: every option has full credit, so nothing can be wrong")
        return None
    if sum(1 for c in credits if c == 1) == 1 and all(c in (0, 1) for c in credits):
        notes.warn(
            question.id,
            "a scenario with no partial credit reads back as a single-choice question "
            "(its depends_on added to every explanation)",
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
    answers = [right] + [
        MoodleAnswer(number_text(d.value), 0.0, d.explanation) for d in question.distractors
    ]
    return MoodleQuestion(
        "numerical",
        answers=answers,
        general_feedback=question.explanation,
        unit=question.unit,
        **base,
    )
