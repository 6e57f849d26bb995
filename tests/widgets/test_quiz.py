"""QuizWidget and checkpoint, without a browser: set values, click, check widget and store."""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd
import pytest
import yaml

from tests.quiz.test_sanitize import dangers
from tests.widgets.shown import shown
from tests.widgets.shown import shown as words
from toolkit.quiz.model import Bank, Matching, Ordering
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import ProgressStore
from toolkit.widgets.lesson_checkpoint import checkpoint
from toolkit.widgets.quiz import QuizWidget

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def explained(option_id: str, text: str, correct: bool = False) -> dict[str, Any]:
    return {
        "id": option_id,
        "text": text,
        "correct": correct,
        "explanation": f"About {text}: {'right' if correct else 'tempting but wrong'}.",
    }


QUESTIONS: dict[str, dict[str, Any]] = {
    "single": {
        "type": "single",
        "prompt": "Which **one**?",
        "hints": ["Not Alpha.", "Not Charlie either."],
        "options": [
            explained("a", "Alpha"),
            explained("b", "Bravo", True),
            explained("c", "Charlie"),
        ],
    },
    "multiple": {
        "type": "multiple",
        "prompt": "Which vowels?",
        "options": [explained("a", "A", True), explained("e", "E", True), explained("k", "K")],
    },
    "true_false": {
        "type": "true_false",
        "prompt": "Green SLAs prove users are happy.",
        "answer": False,
        "explanation_true": "Tempting, but SLAs measure output.",
        "explanation_false": "Right: a watermelon.",
    },
    "numeric": {
        "type": "numeric",
        "prompt": "1.01 ** 52?",
        "answer": 1.6777,
        "tolerance": 0.01,
        "unit": "times",
        "explanation": "Compounding: 1.6777.",
    },
    "text": {
        "type": "text",
        "prompt": "Which fruit?",
        "accepted": ["watermelon"],
        "explanation": "Green outside, red inside.",
    },
    "ordering": {
        "type": "ordering",
        "prompt": "Order the steps.",
        "items": [
            {"id": "vision", "text": "Vision"},
            {"id": "now", "text": "Where are we now?"},
            {"id": "want", "text": "Where do we want to be?"},
        ],
        "explanation": "Vision, baseline, target.",
    },
    "matching": {
        "type": "matching",
        "prompt": "Match the keys.",
        "pairs": [
            {"id": "df", "left": "Deployment frequency", "right": "How often"},
            {"id": "lt", "left": "Lead time", "right": "Commit to production"},
        ],
        "explanation": "DORA keys.",
    },
    "scenario": {
        "type": "scenario",
        "prompt": "Skip the CAB?",
        "depends_on": "Risk and repeatability.",
        "options": [
            {"id": "std", "text": "Standard change", "credit": 1, "explanation": "Best."},
            {"id": "no", "text": "Refuse", "credit": 0.25, "explanation": "Too rigid."},
        ],
    },
    "poll": {
        "type": "poll",
        "prompt": "How confident are you?",
        "options": [{"id": "1", "text": "Not at all"}, {"id": "5", "text": "Very"}],
    },
    "reflection": {
        "type": "reflection",
        "prompt": "What will you try next week?",
        "model_answer": "One small change, with its measure.",
        "prompts": ["Who owns it?"],
        "max_length": 100,
    },
}

RIGHT: dict[str, Any] = {
    "single": "b",
    "multiple": ["a", "e"],
    "true_false": False,
    "numeric": "1.68",
    "text": "Watermelon",
    "ordering": ["vision", "now", "want"],
    "matching": {"df": "df", "lt": "lt"},
    "scenario": "std",
    "poll": "5",
    "reflection": "Shorter stand-ups, timed for two weeks.",
}


def make_bank(*kinds: str, **changes: Any) -> Bank:
    questions = [{"id": kind.replace("_", "-"), **QUESTIONS[kind], **changes} for kind in kinds]
    return Bank.model_validate(
        {"id": "01-demo", "title": "Demo *quiz*", "lesson": "01-demo", "questions": questions}
    )


@pytest.fixture
def store() -> Iterator[ProgressStore]:
    with ProgressStore(":memory:") as opened:
        yield opened


def quiz_for(bank: Bank, store: ProgressStore | None, mode: str = "practice") -> QuizWidget:
    session = QuizSession(
        bank,
        mode=mode,
        rng=random.Random(7),
        store=store,
        learner="ada",
        course=[],  # type: ignore[arg-type]
    )
    return QuizWidget(session)


def enter(quiz: QuizWidget, response: Any) -> None:
    """Set the inputs of ``quiz``'s current question as a learner would."""
    choices = quiz.choices
    question = quiz.session.current if quiz.session is not None else None
    if isinstance(choices, widgets.RadioButtons | widgets.Text | widgets.Textarea):
        choices.value = response
    elif isinstance(question, Ordering):
        for menu, item_id in zip(choices.children, response, strict=True):
            menu.value = item_id
    elif isinstance(question, Matching):
        lefts = [pair.id for pair in question.pairs]
        for menu, left in zip(choices.children, lefts, strict=True):
            menu.value = response.get(left)
    else:
        labels = {o.id: o.text for o in question.options}  # type: ignore[union-attr]
        for box in choices.children:
            box.value = any(box.description == labels[i] for i in response)


def quiz_feedback_of(html: str) -> str:
    return html[html.index("Not quite") :]


def all_html(quiz: QuizWidget) -> str:
    return "".join(
        w.value for w in (quiz.title, quiz.prompt, quiz.feedback, quiz.message, quiz.status)
    )


@pytest.mark.parametrize("kind", list(QUESTIONS))
def test_each_type_answered_right_by_clicking(kind: str, store: ProgressStore) -> None:
    quiz = quiz_for(make_bank(kind), store)
    enter(quiz, RIGHT[kind])
    quiz.submit.click()
    assert quiz.message.value == ""
    ungraded = kind in {"poll", "reflection"}
    verdict = "<strong>Recorded" if ungraded else "<strong>Correct"
    assert verdict in shown(quiz.feedback.value)
    attempts = store.attempts()
    assert len(attempts) == 1
    assert attempts.loc[0, "question_id"] == kind.replace("_", "-")
    if not ungraded:
        assert bool(attempts.loc[0, "correct"]) is True
        assert attempts.loc[0, "points"] == 20
        assert "<p>Points: 20 this quiz" in shown(quiz.status.value)
    assert quiz.progress.value == 1


def test_a_wrong_first_answer_gets_its_explanation_and_a_retry_not_the_answer(
    store: ProgressStore,
) -> None:
    quiz = quiz_for(make_bank("single"), store)
    assert quiz.answer_button.layout.display == "none"
    enter(quiz, "a")
    quiz.submit.click()
    assert "<strong>Not quite" in shown(quiz.feedback.value)
    assert "About Alpha: tempting but wrong." in quiz.feedback.value
    assert "The right answer" not in quiz.feedback.value
    assert "Bravo" not in quiz.feedback.value
    assert quiz.submit.description == "Try again"
    assert quiz.answer_button.layout.display is None  # the answer, on request
    enter(quiz, "c")
    quiz.submit.click()
    assert "The right answer:</strong> Bravo" in quiz.feedback.value  # after the retry
    assert quiz.answer_button.layout.display == "none"
    enter(quiz, "b")
    quiz.submit.click()
    assert "<strong>Correct" in shown(quiz.feedback.value)
    assert list(store.attempts()["correct"]) == [False, False, True]
    assert "Came back" not in quiz.badges.value


def test_the_answer_on_request(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("single"), store)
    enter(quiz, "a")
    quiz.submit.click()
    quiz.answer_button.click()
    assert "The right answer:</strong> Bravo" in quiz.feedback.value
    assert quiz.answer_button.layout.display == "none"


def test_partial_credit_says_so_in_words(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("scenario"), store)
    enter(quiz, "no")
    quiz.submit.click()
    assert "◐ Partly right (25%)" in quiz.feedback.value
    assert "It depends on:" in quiz.feedback.value


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("single", "Choose one of the options first."),
        ("multiple", "Choose at least one option first."),
        ("true_false", "Choose True or False first."),
        ("numeric", "Type a number first."),
        ("text", "Type an answer first."),
        ("matching", "Match the items first."),
    ],
)
def test_an_empty_answer_is_a_message_not_a_traceback(
    kind: str, message: str, store: ProgressStore
) -> None:
    quiz = quiz_for(make_bank(kind), store)
    quiz.submit.click()
    assert message in quiz.message.value
    assert 'role="alert"' in quiz.message.value
    assert "Traceback" not in all_html(quiz)
    assert quiz.feedback.value == ""
    assert store.attempts().empty


def test_not_a_number_is_a_message(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("numeric"), store)
    quiz.choices.value = "about two"
    quiz.submit.click()
    assert "&#x27;about two&#x27; is not a number." in quiz.message.value
    quiz.choices.value = "1.68 times"
    quiz.submit.click()
    assert quiz.message.value == ""
    assert "<strong>Correct" in shown(quiz.feedback.value)


def test_an_answer_over_the_cap_is_a_message_and_nothing_is_stored(
    store: ProgressStore,
) -> None:
    quiz = quiz_for(make_bank("text"), store)
    enter(quiz, "w" * 12_345)
    quiz.submit.click()
    assert (
        "Your answer is 12,345 characters long; the most this quiz keeps is 10,000."
        in quiz.message.value
    )
    assert 'role="alert"' in quiz.message.value
    assert "Traceback" not in all_html(quiz)
    assert quiz.feedback.value == ""
    assert store.attempts().empty


def test_a_store_that_cannot_write_is_a_message(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "progress.sqlite3")
    quiz = quiz_for(make_bank("single"), store)
    store.close()
    enter(quiz, "b")
    quiz.submit.click()
    assert "Your answer was not saved" in quiz.message.value
    assert "Traceback" not in all_html(quiz)


def test_hints_one_at_a_time(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("single"), store)
    assert quiz.hint_button.description == "Hint (2 left)"
    assert "costs 5 points" in quiz.hint_button.tooltip
    quiz.hint_button.click()
    assert "Hint 1:" in quiz.hints.value
    assert "Not Alpha." in quiz.hints.value
    assert "Not Charlie" not in quiz.hints.value
    quiz.hint_button.click()
    assert "Not Charlie either." in quiz.hints.value
    assert quiz.hint_button.disabled
    enter(quiz, "b")
    quiz.submit.click()
    assert store.attempts().loc[0, "points"] == 10  # 20 less two hints of 5


def test_a_question_without_hints_has_a_disabled_hint_button(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("poll"), store)
    assert quiz.hint_button.disabled
    assert quiz.hint_button.description == "No hints"


def test_next_moves_on_and_finish_shows_the_results(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("single", "true_false"), store)
    assert "Question 1 of 2" in quiz.position.value
    assert quiz.next_button.description == "Next question"
    enter(quiz, RIGHT[quiz.session.current.type])  # type: ignore[union-attr]
    quiz.submit.click()
    quiz.next_button.click()
    assert "Question 2 of 2" in quiz.position.value
    assert quiz.next_button.description == "Finish"
    assert quiz.feedback.value == ""
    enter(quiz, RIGHT[quiz.session.current.type])  # type: ignore[union-attr]
    quiz.submit.click()
    quiz.next_button.click()
    assert quiz.session is not None
    assert quiz.session.finished
    assert "Your results" in quiz.prompt.value
    assert "Score: <strong>100%</strong>" in quiz.prompt.value
    assert quiz.submit not in quiz.children
    assert quiz.progress.value == quiz.progress.max == 2
    assert "Perfect score" in quiz.badges.value


def test_exam_mode_shows_feedback_only_at_the_end(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("single", "text"), store, mode="exam")
    enter(quiz, "a" if quiz.session.current.type == "single" else "melon")  # type: ignore[union-attr]
    quiz.submit.click()
    assert "Answer recorded" in quiz.feedback.value
    assert "Not quite" not in quiz.feedback.value
    assert quiz.submit.disabled
    quiz.next_button.click()
    quiz.next_button.click()  # the second question is skipped
    assert "<strong>Not quite" in shown(quiz.prompt.value)
    assert "not answered" in quiz.prompt.value


def test_survey_mode_grades_nothing(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("single"), store, mode="survey")
    enter(quiz, "a")
    quiz.submit.click()
    assert "<strong>Recorded" in shown(quiz.feedback.value)
    assert "Not quite" not in quiz.feedback.value
    assert store.attempts().loc[0, "points"] == 0


def test_inputs_are_keyboard_operable_with_labels(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank(*QUESTIONS), store)
    for button in (quiz.submit, quiz.hint_button, quiz.next_button):
        assert isinstance(button, widgets.Button)
        assert button.description
    seen = set()
    while quiz.session is not None and not quiz.session.finished:
        choices = quiz.choices
        inputs = choices.children if isinstance(choices, widgets.VBox) else (choices,)
        for control in inputs:
            assert isinstance(
                control,
                widgets.RadioButtons
                | widgets.Checkbox
                | widgets.Text
                | widgets.Textarea
                | widgets.Dropdown,
            )
            assert control.description
        seen.add(type(choices).__name__)
        quiz.next_button.click()
    assert seen == {"RadioButtons", "VBox", "Text", "Textarea"}


def test_hostile_bank_text_never_reaches_the_page_as_html(store: ProgressStore) -> None:
    bank = Bank.model_validate(
        {
            "id": "evil",
            "title": HOSTILE,
            "lesson": "evil",
            "questions": [
                {
                    "id": "q",
                    "type": "single",
                    "prompt": f"{HOSTILE} [x](javascript:alert(1))",
                    "hints": [HOSTILE],
                    "options": [
                        {"id": "a", "text": HOSTILE, "explanation": HOSTILE, "correct": True},
                        {"id": "b", "text": "B", "explanation": HOSTILE},
                    ],
                }
            ],
        }
    )
    quiz = quiz_for(bank, store)
    shown = [all_html(quiz)]
    quiz.hint_button.click()
    shown.append(quiz.hints.value)
    enter(quiz, "b")
    quiz.submit.click()
    shown.append(all_html(quiz))
    quiz.next_button.click()
    shown.append(all_html(quiz))
    assert "&lt;script&gt;" in shown[1]  # the hint is shown, as text
    assert "&lt;img" in quiz_feedback_of(shown[2])  # the explanation too
    assert [dangers(words(html)) for html in shown] == [[], [], [], []]  # our icons aside
    assert "&lt;script&gt;" in quiz.title.value
    assert HOSTILE in quiz_for(bank, store).choices.options[0][0]  # a label is plain text


# --- checkpoint --------------------------------------------------------------------------


def test_checkpoint_builds_the_lessons_quiz(store: ProgressStore) -> None:
    quiz = checkpoint("00-start-here", store=store, learner="ada")
    assert isinstance(quiz, QuizWidget)
    assert quiz.session is not None
    assert quiz.session.bank.id == "00-start-here"
    assert quiz.session.learner == "ada"
    assert quiz.session.mode == "practice"
    assert "How this course works" in quiz.title.value


def test_checkpoint_uses_the_default_store_and_learner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SMLAB_LEARNER", "grace")
    quiz = checkpoint("00-start-here", mode="exam")
    assert quiz.session is not None
    assert quiz.session.learner == "grace"
    assert quiz.session.mode == "exam"
    assert quiz.session.store is not None
    assert quiz.session.store.path == tmp_path / "progress.sqlite3"
    quiz.session.store.close()


def test_checkpoint_for_a_missing_lesson_says_so() -> None:
    quiz = checkpoint("99-no-such-lesson", store=ProgressStore(":memory:"))
    assert quiz.session is None
    assert "There is no quiz for the lesson &#x27;99-no-such-lesson&#x27; yet." in (
        quiz.notice.value
    )
    assert list(quiz.children) == [quiz.style_tag, quiz.labeller, quiz.title, quiz.notice]


def test_checkpoint_refuses_a_path_as_lesson() -> None:
    quiz = checkpoint("../../etc/passwd")
    assert quiz.session is None
    assert "is not a lesson name" in quiz.notice.value


def test_checkpoint_shows_a_broken_banks_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "03-broken.yaml").write_text(
        "id: 03-broken\ntitle: Broken\nlesson: 03-broken\nquestions:\n"
        "  - id: q1\n    type: essay\n    prompt: Discuss.\n",
        encoding="utf-8",
    )
    # The module is patched through sys.modules, as ``checkpoint`` is also a function name.
    monkeypatch.setattr(
        sys.modules["toolkit.widgets.lesson_checkpoint"], "quizzes_dir", lambda: tmp_path
    )
    quiz = checkpoint("03-broken", store=ProgressStore(":memory:"))
    assert quiz.session is None
    assert "has problems" in quiz.notice.value
    assert "03-broken.yaml:6: q1: unknown question type" in quiz.notice.value


def test_checkpoint_keeps_a_damaged_progress_file_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "progress.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path))
    quiz = checkpoint("00-start-here", learner="ada")
    assert quiz.session is not None
    assert quiz.session.store is not None
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("progress.sqlite3.corrupt")]
    assert kept
    assert "nothing was deleted" in quiz.notice.value or "damaged" in quiz.notice.value
    quiz.session.store.close()


def test_checkpoint_refuses_an_unknown_mode() -> None:
    with pytest.raises(ValueError, match="mode must be"):
        checkpoint("00-start-here", mode="quiz")  # type: ignore[arg-type]


def test_a_reflection_is_kept_and_followed_by_the_model_answer(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("reflection"), store)
    assert isinstance(quiz.choices, widgets.Textarea)
    assert "no points" in quiz.position.value
    quiz.submit.click()
    assert "Write your answer first." in quiz.message.value
    enter(quiz, "x" * 101)
    quiz.submit.click()
    assert "Keep your answer to 100 characters (it has 101)." in quiz.message.value
    assert store.attempts().empty
    enter(quiz, RIGHT["reflection"])
    quiz.submit.click()
    assert "One small change, with its measure." in quiz.feedback.value
    assert "Who owns it?" in quiz.feedback.value
    attempts = store.attempts()
    assert attempts.loc[0, "response"] == RIGHT["reflection"]
    assert (attempts.loc[0, "learner"], attempts.loc[0, "points"]) == ("ada", 0)
    assert attempts.loc[0, "correct"] is pd.NA


def test_a_lesson_checkpoint_asks_the_marked_questions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: ProgressStore
) -> None:
    from toolkit.widgets import lesson_checkpoint

    questions = [
        {
            "id": f"q{number}",
            "type": "true_false",
            "prompt": f"Statement {number}.",
            "answer": True,
            "explanation_true": "Yes.",
            "explanation_false": "It is true.",
            "checkpoint": number % 2 == 0,
        }
        for number in range(6)
    ]
    bank = {"id": "demo-bank", "title": "Demo", "lesson": "99-demo", "questions": questions}
    (tmp_path / "99-demo.yaml").write_text(yaml.safe_dump(bank), encoding="utf-8")
    monkeypatch.setattr(lesson_checkpoint, "quizzes_dir", lambda: tmp_path)

    quiz = lesson_checkpoint.checkpoint("99-demo", store=store, learner="ada")

    assert quiz.session is not None
    assert sorted(q.id for q in quiz.session.bank.questions) == ["q0", "q2", "q4"]
