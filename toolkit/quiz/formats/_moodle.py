"""Moodle's question model, shared by GIFT and Moodle XML, and its mapping to ours.

Both Moodle formats describe the same questions (multiple choice with percentage weights,
true/false, short answer, numerical, matching, essay), so each format only parses text into a
``MoodleQuestion`` or writes one out; this module maps between that and our question types.

The mapping (the tables in ``quizzes/FORMAT.md`` say what each format holds):

* A one-answer multiple choice with one answer at 100% is a ``single`` question; any other
  weight (partial, or negative: a penalty) is that option's ``credit``. Several answers at
  100%, or partial weights (none negative) with general feedback, make a ``scenario``
  (negative weights count 0), with the general feedback as ``depends_on``: that is how a
  scenario is written.
* A several-answer multiple choice is a ``multiple`` question: answers with a positive
  weight are the right ones. Weights of +100/n % on each of the n right answers and -100/n %
  on each wrong one are this course's default rule and leave ``credit`` unwritten; any other
  weights are kept as credits (scaled to add up to 100% if they do not).
* Short answers at 100% are ``accepted``, those between 0 and 100% are ``partial``; numerical
  answers after the first at 100% are ``alternatives`` with their credit, and 0% answers with
  feedback are ``distractors``.
* Matching subquestions are pairs; a subquestion with no text is a distractor (a right side
  that matches no left side). Ordering answers are the items, in order.
* Feedback on an answer is that option's explanation; general feedback becomes the
  explanation of numeric, text, ordering and matching questions, is added to every option's
  explanation of a ``single``/``multiple`` one, is the ``depends_on`` of a scenario and is
  added to a reflection's model answer. Where a file has no feedback, the question has no
  explanation: learners see nothing rather than a placeholder.
* An essay is a ``reflection``: its grader information is the model answer, the lines of its
  response template the prompts. A ``poll`` is written as an essay whose text ends with
  ``Choose one:`` (or ``Choose one or more:``) and a list of the options; an essay ending that
  way is read back as a poll. Descriptions and question types we do not have are skipped with
  a warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from toolkit.quiz.formats._common import (
    Draft,
    Report,
    join_text,
    make_id,
    option_ids,
    percent_text,
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
    model_answer: str = ""
    template: str = ""


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


def _close(a: float, b: float) -> bool:
    return abs(a - b) < _CLOSE


def _credit(fraction: float) -> float:
    """A Moodle fraction as a credit, rounded as Moodle stores it (7 decimals)."""
    return round(max(-1.0, min(1.0, fraction)), 7)


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
    general = question.general_feedback
    if question.single:
        full = sum(1 for f in fractions if _close(f, 1))
        if full == 0:
            best = max(fractions)
            report.error(
                question.line,
                f"no answer is worth 100% (the best is {percent_text(best)}%): one answer must be "
                "fully right",
                identifier,
            )
            return False
        partial = any(_CLOSE < f < 1 - _CLOSE for f in fractions)
        negative = any(f < -_CLOSE for f in fractions)
        if full > 1 or (partial and not negative and general.strip()):
            if negative:
                report.warn(
                    question.line,
                    "negative weights (a penalty for a wrong pick) count as 0 in a question with "
                    "several fully right answers",
                    identifier,
                )
            data["type"] = "scenario"
            if general.strip():
                data["depends_on"] = general.strip()
            data["options"] = [
                _without_empty(
                    {
                        "id": option_id,
                        "text": answer.text,
                        "credit": 1.0 if _close(answer.fraction, 1) else max(answer.fraction, 0),
                        "explanation": answer.feedback.strip(),
                    }
                )
                for option_id, answer in zip(ids, answers, strict=True)
            ]
            return True
        data["type"] = "single"
        options = []
        for option_id, answer in zip(ids, answers, strict=True):
            full_marks = _close(answer.fraction, 1)
            option: dict[str, Any] = {
                "id": option_id,
                "text": answer.text,
                "correct": full_marks,
                "explanation": join_text(answer.feedback, general),
            }
            if not full_marks and not _close(answer.fraction, 0):
                option["credit"] = _credit(answer.fraction)
            options.append(_without_empty(option))
        data["options"] = options
        return True
    right = [f > _CLOSE for f in fractions]
    count = sum(right)
    if count == 0:
        report.error(question.line, "no answer has a positive weight: none is right", identifier)
        return False
    default = all(
        _close(f, 1 / count if is_right else -1 / count)
        for f, is_right in zip(fractions, right, strict=True)
    )
    credits = [_credit(f) for f in fractions]
    total = sum(c for c in credits if c > 0)
    if not default and not _close(total, 1):
        weights = ", ".join(f"{percent_text(f)}%" for f in fractions)
        report.warn(
            question.line,
            f"the right answers' weights ({weights}) add up to {percent_text(total)}%, not "
            "100%: they are scaled to add up to 100%",
            identifier,
        )
        credits = [round(c / total, 7) if c > 0 else c for c in credits]
    data["type"] = "multiple"
    options = []
    for option_id, answer, is_right, credit in zip(ids, answers, right, credits, strict=True):
        option = {
            "id": option_id,
            "text": answer.text,
            "correct": is_right,
            "explanation": join_text(answer.feedback, general),
        }
        if not default:
            option["credit"] = credit
        options.append(_without_empty(option))
    if not default and abs(sum(o.get("credit", 0) for o in options if o["correct"]) - 1) > 1e-4:
        # Rounding to 7 decimals cannot leave 1e-4, but keep the model's rule safe.
        report.error(question.line, "the right answers' weights do not add up to 100%", identifier)
        return False
    data["options"] = options
    return True


def _without_empty(option: dict[str, Any]) -> dict[str, Any]:
    """Drop an empty explanation (the model's default) from an option's data."""
    if not option.get("explanation"):
        option.pop("explanation", None)
    return option


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
    data["answer"] = _close(true.fraction, 1)
    general = question.general_feedback
    for key, answer in (("explanation_true", true), ("explanation_false", false)):
        text = join_text(answer.feedback, general)
        if text:
            data[key] = text
    return True


def _explanation(data: dict[str, Any], *parts: str) -> None:
    text = join_text(*parts)
    if text:
        data["explanation"] = text


def _shortanswer(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    accepted = [a for a in question.answers if _close(a.fraction, 1) and a.text.strip()]
    partial = [a for a in question.answers if _CLOSE < a.fraction < 1 - _CLOSE and a.text.strip()]
    if not accepted:
        report.error(
            question.line, "no answer is worth 100%: nothing would be accepted", data["id"]
        )
        return False
    data["type"] = "text"
    data["accepted"] = [a.text.strip() for a in accepted]
    if partial:
        data["partial"] = [{"text": a.text.strip(), "credit": _credit(a.fraction)} for a in partial]
    if question.case_sensitive:
        data["case_sensitive"] = True
    feedback = next((a.feedback for a in accepted if a.feedback.strip()), "")
    _explanation(data, feedback, question.general_feedback)
    return True


def _interval(
    answer: MoodleAnswer, report: Report, identifier: str, source: str
) -> dict[str, Any] | None:
    """An answer's number as ``answer``/``tolerance`` or ``range`` data.

    GIFT writes a tolerance only when there is one (``23:0``), Moodle XML always (0 for
    none), so a zero tolerance is kept from GIFT only.
    """
    if answer.low_high is not None:
        return {"range": list(answer.low_high)}
    value = _number(answer, report, identifier)
    if value is None:
        return None
    found: dict[str, Any] = {"answer": value}
    if answer.tolerance is not None and (answer.tolerance != 0 or source == "GIFT"):
        found["tolerance"] = abs(answer.tolerance)
    return found


def _numerical(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    identifier = data["id"]
    numbered = [a for a in question.answers if a.text.strip() not in {"", "*"} or a.low_high]
    right = [a for a in numbered if _close(a.fraction, 1)]
    if not right:
        report.error(question.line, "no answer is worth 100%: nothing would be right", identifier)
        return False
    first = right[0]
    data["type"] = "numeric"
    interval = _interval(first, report, identifier, source)
    if interval is None:
        return False
    data.update(interval)
    if question.unit:
        data["unit"] = question.unit
    _explanation(data, first.feedback, question.general_feedback)
    alternatives = []
    distractors = []
    for answer in numbered:
        if answer is first:
            continue
        if answer.fraction > _CLOSE:
            alternative = _interval(answer, report, identifier, source)
            if alternative is None:
                return False
            alternatives.append({**alternative, "credit": _credit(answer.fraction)})
            continue
        if not answer.feedback.strip():
            continue
        value = _number(answer, report, identifier)
        if value is None:
            return False
        distractors.append({"value": value, "explanation": answer.feedback.strip()})
    if alternatives:
        data["alternatives"] = alternatives
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
    if len(pairs) < 2:
        report.error(question.line, "a matching question needs at least two pairs", data["id"])
        return False
    data["type"] = "matching"
    data["pairs"] = [
        {"id": pair_id, "left": left, "right": right}
        for pair_id, (left, right) in zip(option_ids(len(pairs)), pairs, strict=True)
    ]
    if extra:
        data["distractors"] = extra
    _explanation(data, question.general_feedback)
    return True


def _ordering(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    items = [a.text for a in question.answers if a.text.strip()]
    if len(items) < 2:
        report.error(question.line, "an ordering question needs at least two items", data["id"])
        return False
    data["type"] = "ordering"
    data["items"] = [
        {"id": item_id, "text": text}
        for item_id, text in zip(option_ids(len(items)), items, strict=True)
    ]
    _explanation(data, question.general_feedback)
    return True


def _essay(question: MoodleQuestion, draft: Draft, report: Report, source: str) -> bool:
    data = draft.data
    poll = split_poll(question.text)
    data.pop("shuffle", None)
    if poll is None:
        data["type"] = "reflection"
        model_answer = join_text(question.model_answer, question.general_feedback)
        if model_answer:
            data["model_answer"] = model_answer
        # One prompt per line; a Markdown hard break (from HTML's <br>) ends a line too.
        lines = (line.strip().removesuffix("\\").strip() for line in question.template.split("\n"))
        prompts = [line for line in lines if line]
        if prompts:
            data["prompts"] = prompts
        return True
    prompt, options, multiple = poll
    data["type"] = "poll"
    data["prompt"] = prompt
    data["options"] = [
        {"id": option_id, "text": text}
        for option_id, text in zip(option_ids(len(options)), options, strict=True)
    ]
    if multiple:
        data["multiple"] = True
    return True


_BUILDERS: dict[str, Callable[[MoodleQuestion, Draft, Report, str], bool]] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "match": _match,
    "ordering": _ordering,
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
