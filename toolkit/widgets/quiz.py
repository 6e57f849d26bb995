"""``QuizWidget``: a quiz session in a notebook, one question at a time.

A thin view: clicks become :class:`~toolkit.quiz.session.QuizSession` calls and the
session's state becomes text. Every text from a bank is rendered from Markdown and sanitised
(:mod:`toolkit.quiz.sanitize`) before it is shown; labels of radio buttons, check boxes and
drop-downs are plain text. Inputs are real buttons, radio buttons, check boxes, text boxes
and drop-downs, so the quiz works from the keyboard; right and wrong are said in words with
a shipped SVG shape, never by colour alone (no icon or emoji font). A learner's mistake
(nothing chosen, not a number) or a store that cannot write is shown as a message in the
widget, never as a traceback.

Keyboard: Enter in a text or number box submits, and after "Next question" the focus moves
to the new question's text, so a keyboard or screen-reader user goes on reading there
instead of at the top of the page. ipywidgets 8.1 deprecates ``Text.on_submit``; what it
offers is ``continuous_update=False`` (the value reaches the kernel on Enter or when the box
loses focus) and the box's own ``{"event": "submit"}`` message, sent on Enter just before
that value. Either alone is wrong: the message can overtake the typed value (the answer
graded would be a stale one), and a value arriving on its own may be the box losing focus.
So Enter is the message followed by its value: the message arms the box, and the value that
comes with it (within :data:`ENTER_SECONDS`) submits.

In projector mode (:func:`toolkit.paths.presenting`) the learner's own points, streak,
level and badges are not shown.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets

from toolkit.paths import presenting
from toolkit.quiz.model import (
    Grade,
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
from toolkit.quiz.sanitize import escape, markdown_to_html, to_plain_text
from toolkit.quiz.scoring import hint_cost
from toolkit.quiz.session import QuizSession
from toolkit.safety.files import NotSavedError
from toolkit.widgets.icons import icon, iconify
from toolkit.widgets.not_saved import not_saved_text
from toolkit.widgets.style import HOUSE_CLASS, slider_labeller, style_element

#: How long after the box's Enter message its value may arrive and still submit.
ENTER_SECONDS = 5.0
#: The choice shown first in a drop-down before anything is picked.
NOT_CHOSEN = "— choose —"
_WIDE = {"description_width": "initial"}
#: Matching: the left-hand sides take this share of the row, so the menus line up.
_MATCH_LEFT = {"description_width": "40%"}
_TYPE_NAMES = {
    "single": "Choose one",
    "multiple": "Choose every option that applies",
    "true_false": "True or false?",
    "numeric": "Type a number",
    "text": "Type a short answer",
    "ordering": "Put the items in order",
    "matching": "Match each item on the left",
    "scenario": "Choose the best answer: it depends",
    "poll": "Your view (no right answer)",
    "reflection": "Write your own answer (not graded; kept with your progress)",
}


def _alert(text: str) -> str:
    """An error or notice as HTML: an icon and words, announced by screen readers."""
    return f'<div role="alert"><strong>{icon("warning", "Warning")} {escape(text)}</strong></div>'


def verdict_html(grade: Grade) -> str:
    """Return the verdict of ``grade`` as HTML: an icon and words, never colour alone.

    Examples
    --------
    >>> html = verdict_html(Grade(credit=1.0, correct=True, feedback=""))
    >>> "smlab-icon" in html and "Correct</strong>" in html
    True
    """
    return f'<p role="status"><strong>{iconify(escape(grade.verdict))}</strong></p>'


def grade_html(grade: Grade, *, show_expected: bool = True) -> str:
    """Return a grade as safe HTML: verdict, the explanation, and the right answer if missed."""
    parts = [verdict_html(grade), iconify(markdown_to_html(grade.feedback))]
    if show_expected and grade.correct is False and grade.expected:
        parts.append(f"<p><strong>The right answer:</strong> {escape(grade.expected)}</p>")
    return "".join(parts)


class QuizWidget(widgets.VBox):  # type: ignore[misc]
    """An interactive quiz over a session.

    Parameters
    ----------
    session : QuizSession or None
        The session to show. ``None`` shows only ``notice`` (a quiz that cannot run).
    notice : str, optional
        A message shown above the quiz (or instead of it), e.g. why progress is not saved.
    problems : sequence of str, optional
        Lines listed under the notice (e.g. the problems of a broken bank).

    Attributes
    ----------
    session : QuizSession or None
        The session.
    title, prompt, feedback, status, hints, badges, message : ipywidgets.HTML
        The bank title, the current question, the verdict and explanation, the line with
        points, streak and level, the hints seen, the badges earned and any error message.
    choices : ipywidgets.Widget
        The input for the current question: ``RadioButtons`` (single, true/false, scenario,
        poll), a ``VBox`` of ``Checkbox`` (multiple), ``Text`` (numeric, text) or a ``VBox``
        of ``Dropdown`` (ordering: one per position; matching: one per left side).
    submit, hint_button, next_button : ipywidgets.Button
        The actions.
    progress : ipywidgets.IntProgress
        Questions answered out of the total.

    Examples
    --------
    >>> import random
    >>> from toolkit.quiz.model import Bank
    >>> bank = Bank.model_validate({
    ...     "id": "demo", "title": "Demo", "lesson": "demo",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> quiz = QuizWidget(QuizSession(bank, rng=random.Random(1), course=[]))
    >>> quiz.choices.value = True
    >>> quiz.submit.click()
    >>> "Correct</strong>" in quiz.feedback.value
    True
    """

    def __init__(
        self,
        session: QuizSession | None,
        *,
        notice: str | None = None,
        problems: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.add_class("smlab-quiz")
        self.add_class(HOUSE_CLASS)
        self.style_tag = style_element()
        self.labeller = slider_labeller()
        self.session = session
        self.title = widgets.HTML()
        self.position = widgets.HTML()
        self.notice = widgets.HTML()
        self.prompt = widgets.HTML()
        # "Next question" focuses it (the page script makes its text focusable).
        self.prompt.add_class("smlab-quiz-prompt")
        self.choices: Any = widgets.VBox()
        self.message = widgets.HTML()
        self.feedback = widgets.HTML()
        self.hints = widgets.HTML()
        self.status = widgets.HTML()
        self.badges = widgets.HTML()
        for personal in (self.status, self.badges):
            personal.add_class("smlab-personal")  # the learner's own: not on a projector
        self._personal = [] if presenting() else [self.status, self.badges]
        self.progress = widgets.IntProgress(value=0, min=0, max=1, description="Progress")
        self.submit = widgets.Button(description="Submit", tooltip="Submit your answer")
        self.hint_button = widgets.Button(description="Hint")
        self.next_button = widgets.Button(
            description="Next question", tooltip="Go to the next question"
        )
        self.answer_button = widgets.Button(
            description="Show the answer",
            tooltip="Show the right answer instead of trying again",
        )
        self.answer_button.layout.display = "none"
        self.answer_button.on_click(self._on_show_answer)
        self.submit.on_click(self._on_submit)
        self.hint_button.on_click(self._on_hint)
        self.next_button.on_click(self._on_next)
        self._inputs: list[Any] = []
        self._ids: list[str] = []
        self._last_grade: Grade | None = None
        self._enter_at: float | None = None  # when Enter was pressed in an answer box
        if notice or problems:
            lines = "".join(f"<li><code>{escape(line)}</code></li>" for line in problems)
            self.notice.value = _alert(notice or "") + (f"<ul>{lines}</ul>" if lines else "")
        if session is None:
            self.title.value = "<h3>Quiz</h3>"
            self.children = [self.style_tag, self.labeller, self.title, self.notice]
            return
        self.title.value = f"<h3>Quiz: {markdown_to_html(session.bank.title, inline=True)}</h3>"
        self.progress.max = len(session.questions)
        self._show()

    # -- drawing -------------------------------------------------------------------------

    def _show(self) -> None:
        """Draw the current question, or the summary once the session is finished."""
        session = self.session
        assert session is not None
        question = session.current
        self.message.value = ""
        self._update_status()
        if question is None:
            self._show_summary()
            return
        number, total = session.position
        worth = f"{question.points} points" if question.graded else "no points"
        self.position.value = (
            f"<p>Question {number} of {total} · {escape(question.difficulty)} · {worth}</p>"
        )
        instruction = _TYPE_NAMES[question.type]
        if isinstance(question, Poll) and question.multiple:
            instruction = "Your view: choose every option that applies (no right answer)"
        self.prompt.value = (
            f"{markdown_to_html(question.prompt)}<p><em>{escape(instruction)}</em></p>"
        )
        self.choices = self._build_input(question)
        self.feedback.value = ""
        self.hints.value = ""
        self.answer_button.layout.display = "none"
        self._update_hint_button()
        self.submit.disabled = False
        self.submit.description = "Submit"
        last = number == total
        self.next_button.description = "Finish" if last else "Next question"
        self.next_button.tooltip = "See your results" if last else "Go to the next question"
        self.children = [
            self.style_tag,
            self.labeller,
            self.title,
            self.notice,
            self.position,
            self.progress,
            self.prompt,
            self.choices,
            widgets.HBox(
                [self.submit, self.hint_button, self.answer_button, self.next_button],
                layout={"flex_flow": "row wrap"},
            ),
            self.message,
            self.hints,
            self.feedback,
            *self._personal,
        ]

    def _build_input(self, question: Question) -> Any:
        session = self.session
        assert session is not None
        order = session.presented(question)
        self._ids = order
        if isinstance(question, SingleChoice | Scenario) or (
            isinstance(question, Poll) and not question.multiple
        ):
            texts = {option.id: option.text for option in question.options}
            radio = widgets.RadioButtons(
                options=[(to_plain_text(texts[i]), i) for i in order],
                value=None,
                description="Answer",
                layout={"width": "auto"},
            )
            self._inputs = [radio]
            return radio
        if isinstance(question, MultipleChoice | Poll):
            texts = {option.id: option.text for option in question.options}
            boxes = [
                widgets.Checkbox(
                    value=False,
                    description=to_plain_text(texts[i]),
                    indent=False,
                    style=_WIDE,
                    layout={"width": "auto"},
                )
                for i in order
            ]
            self._inputs = boxes
            return widgets.VBox(boxes)
        if isinstance(question, TrueFalse):
            radio = widgets.RadioButtons(
                options=[("True", True), ("False", False)], value=None, description="Answer"
            )
            self._inputs = [radio]
            return radio
        if isinstance(question, Numeric | ShortText):
            given = question.unit if isinstance(question, Numeric) else None
            unit = f" ({to_plain_text(given)})" if given else ""
            box = widgets.Text(
                value="",
                description=f"Answer{unit}",
                placeholder="a number" if isinstance(question, Numeric) else "your answer",
                style=_WIDE,
                continuous_update=False,  # the value comes on Enter (or leaving the box)
            )
            box.on_msg(self._on_box_message)
            box.observe(self._on_box_value, names="value")
            self._inputs = [box]
            return box
        if isinstance(question, Reflection):
            area = widgets.Textarea(
                value="",
                placeholder="your answer",
                description="Your answer",
                rows=5,
                layout={"width": "100%"},
                style=_WIDE,
            )
            self._inputs = [area]
            return area
        if isinstance(question, Ordering):
            texts = {item.id: to_plain_text(item.text) for item in question.items}
            options = [(texts[i], i) for i in order]
            menus = [
                widgets.Dropdown(
                    options=options,
                    value=item_id,
                    description=f"Position {place}",
                    style=_WIDE,
                    layout={"width": "auto"},
                )
                for place, item_id in enumerate(order, start=1)
            ]
            self._inputs = menus
            return widgets.VBox(menus)
        if isinstance(question, Matching):
            rights = {key: to_plain_text(text) for key, text in question.right_sides().items()}
            choices: list[tuple[str, str | None]] = [(NOT_CHOSEN, None)]
            choices += [(rights[i], i) for i in order]
            menus = [
                widgets.Dropdown(
                    options=choices,
                    value=None,
                    description=to_plain_text(pair.left),
                    style=_MATCH_LEFT,
                    layout={"width": "100%"},
                )
                for pair in question.pairs
            ]
            self._ids = [pair.id for pair in question.pairs]
            self._inputs = menus
            return widgets.VBox(menus)
        raise TypeError(f"no input for {type(question).__name__}")  # pragma: no cover

    def response(self) -> Any:
        """Return what the inputs currently say, as the plain data ``grade`` takes."""
        question = self.session.current if self.session is not None else None
        if question is None:
            return None
        if isinstance(self._inputs[0], widgets.Checkbox):
            return [i for i, box in zip(self._ids, self._inputs, strict=True) if box.value]
        if isinstance(question, Ordering):
            return [menu.value for menu in self._inputs]
        if isinstance(question, Matching):
            return {
                left: menu.value
                for left, menu in zip(self._ids, self._inputs, strict=True)
                if menu.value is not None
            }
        return self._inputs[0].value

    def _update_status(self) -> None:
        session = self.session
        assert session is not None
        answered = sum(1 for q in session.questions if session.answered(q))
        self.progress.value = answered
        level = session.level
        to_next = (
            f" ({session.total_points}/{level.next_at} points to level {level.number + 1})"
            if level.next_at is not None
            else ""
        )
        streak = f"{icon('flame')} Streak: {session.streak}" if session.streak else "Streak: 0"
        self.status.value = (
            f"<p>{icon('star')} Points: {session.points} this quiz · {streak} · "
            f"{escape(str(level))}{escape(to_next)} · answered {answered} of "
            f"{len(session.questions)}</p>"
        )
        earned = session.new_badges
        self.badges.value = (
            "<p><strong>Badges earned:</strong></p><ul>"
            + "".join(
                f"<li>{icon('medal')} <strong>{escape(b.name)}</strong>: "
                f"{escape(b.description)}</li>"
                for b in earned
            )
            + "</ul>"
            if earned
            else ""
        )

    def _update_hint_button(self) -> None:
        session = self.session
        assert session is not None
        question = session.current
        left = session.hints_left() if question is not None else 0
        self.hint_button.disabled = left == 0
        if question is None or not question.hints:
            self.hint_button.description = "No hints"
            self.hint_button.tooltip = "This question has no hints"
            return
        self.hint_button.description = f"Hint ({left} left)"
        cost = hint_cost(question.points) if not session.answered() else 0
        self.hint_button.tooltip = (
            f"Show a hint (costs {cost} points)" if cost else "Show a hint (free now)"
        )

    def _show_summary(self) -> None:
        session = self.session
        assert session is not None
        summary = session.summary()
        self.position.value = "<p>Finished</p>"
        self.progress.value = self.progress.max
        graded = [r for r in summary.results if r.grade is not None and r.grade.correct is not None]
        points = "" if presenting() else f" · points: {summary.points} of {summary.max_points}"
        lines = [
            "<h4>Your results</h4>",
            f"<p>Score: <strong>{summary.score:.0%}</strong> · right first time: "
            f"{summary.correct} of {len(graded)} graded · answered {summary.answered} of "
            f"{summary.total}{points}</p>",
        ]
        if session.mode in ("exam", "practice"):
            items = []
            for result in summary.results:
                text = escape(to_plain_text(result.question.prompt))
                if result.grade is None:
                    items.append(f"<li>{text}<br>— not answered</li>")
                    continue
                items.append(f"<li>{text}{grade_html(result.grade)}</li>")
            lines.append("<ol>" + "".join(items) + "</ol>")
        self.prompt.value = "".join(lines)
        self.feedback.value = ""
        self.hints.value = ""
        self.children = [
            self.style_tag,
            self.labeller,
            self.title,
            self.notice,
            self.position,
            self.progress,
            self.prompt,
            self.message,
            *self._personal,
        ]

    # -- actions -------------------------------------------------------------------------

    def _on_submit(self, _button: Any = None) -> None:
        session = self.session
        if session is None or session.current is None:
            return
        self.message.value = ""
        try:
            grade = session.answer(self.response())
        except ValueError as exc:  # ResponseError, SessionError: written for the learner
            self.message.value = _alert(str(exc))
            return
        except NotSavedError as exc:  # a read-only folder, a full disk: what, where, why
            self.message.value = _alert(not_saved_text(exc, then="Try again."))
            return
        except Exception as exc:  # the store could not write, or anything else: no traceback
            self.message.value = _alert(f"Your answer was not saved: {exc}. Try again.")
            return
        if session.mode == "survey":
            self.feedback.value = verdict_html(grade) + iconify(markdown_to_html(grade.feedback))
        elif session.feedback_visible:
            # A wrong first try gets its explanation and a retry; the answer comes later.
            shown = session.answer_shown()
            self.feedback.value = grade_html(grade, show_expected=shown)
            self.submit.description = "Try again" if grade.correct is False else "Submit"
            hidden = grade.correct is False and not shown and bool(grade.expected)
            self.answer_button.layout.display = None if hidden else "none"
            self._last_grade = grade
        else:
            self.feedback.value = (
                f'<p role="status"><strong>{icon("pencil")} Answer recorded.</strong> '
                "You will see how you did at the end.</p>"
            )
        if session.mode != "practice":
            self.submit.disabled = True
        self._update_hint_button()
        self._update_status()

    def _on_show_answer(self, _button: Any = None) -> None:
        session = self.session
        grade = self._last_grade
        if session is None or grade is None or session.current is None:
            return
        try:
            session.show_answer()
        except ValueError as exc:
            self.message.value = _alert(str(exc))
            return
        self.feedback.value = grade_html(grade, show_expected=True)
        self.answer_button.layout.display = "none"

    def _on_hint(self, _button: Any = None) -> None:
        session = self.session
        if session is None:
            return
        hint = session.hint()
        if hint is None:
            self.message.value = _alert("No more hints for this question.")
        else:
            number = session.hints_used()
            self.hints.value += f"<p><strong>{icon('bulb')} Hint {number}:</strong></p>" + (
                markdown_to_html(hint)
            )
        self._update_hint_button()

    def _on_next(self, _button: Any = None) -> None:
        session = self.session
        if session is None:
            return
        session.next()
        self._show()
        self.prompt.focus()  # the new question (or the results), not the page body

    def _on_box_message(self, _widget: Any, content: Any, _buffers: Any = None) -> None:
        """Enter in a text or number box: the box says ``submit``; its value comes next."""
        if isinstance(content, dict) and content.get("event") == "submit":
            self._enter_at = time.monotonic()

    def _on_box_value(self, _change: Any) -> None:
        """The value Enter sent: submit it (a value from leaving the box does not)."""
        pressed, self._enter_at = self._enter_at, None
        if pressed is not None and time.monotonic() - pressed <= ENTER_SECONDS:
            self._on_submit()
