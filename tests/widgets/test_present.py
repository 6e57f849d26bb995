"""Projector mode and the keyboard, without a browser.

Projector mode (``$SMLAB_PRESENT``, or :func:`toolkit.present`) raises the page's text to
24 px, draws charts at projector resolution, compacts the host panel and leaves out the
learner's own points, level, streak and badges. Enter in an answer box submits, and "Next
question" moves the focus to the new question.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

import toolkit
from tests.quiz.session_banks import bank, single
from tests.widgets.shown import shown
from tests.widgets.test_quiz import make_bank, quiz_for
from toolkit.paths import PRESENT_ENV, presenting
from toolkit.plots._style import PRESENT_DPI, RC, get_ax
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.store import ProgressStore
from toolkit.widgets.dashboard import ProgressDashboard
from toolkit.widgets.host import HostWidget
from toolkit.widgets.style import PRESENT_CSS, house_style


@pytest.fixture
def projector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PRESENT_ENV, "1")


@pytest.fixture
def store() -> Any:
    with ProgressStore(":memory:") as opened:
        yield opened


def sent(widget: Any) -> list[Any]:
    """Record the custom messages ``widget`` sends to the browser."""
    messages: list[Any] = []
    widget.send = messages.append
    return messages


def test_present_turns_projector_mode_on_and_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRESENT_ENV, raising=False)
    assert "font-size: max(24px, 1em)" in toolkit.present().value
    assert presenting()
    assert "24px" not in toolkit.present(False).value
    assert not presenting()


@pytest.mark.parametrize(("value", "on"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_the_switch_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str, on: bool
) -> None:
    monkeypatch.setenv(PRESENT_ENV, value)
    assert presenting() is on


@pytest.mark.usefixtures("projector")
def test_views_carry_the_projector_rules() -> None:
    import ipywidgets as widgets

    box = house_style(widgets.VBox([widgets.Label("Hello")]))
    assert PRESENT_CSS in box.children[0].value
    for rule in ("--jp-content-font-size1: 24px", "--jp-widgets-font-size: 24px", "width: 100%"):
        assert rule in PRESENT_CSS


def test_charts_are_drawn_at_projector_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PRESENT_ENV, raising=False)
    assert get_ax().figure.dpi == RC["figure.dpi"]
    monkeypatch.setenv(PRESENT_ENV, "1")
    figure: Any = get_ax().figure
    assert figure.dpi == PRESENT_DPI
    # 12 pt body text is at least 24 px in the picture, 11 pt tick labels 22.9 px.
    assert RC["font.size"] * PRESENT_DPI / 72 >= 24
    assert figure.get_figwidth() * figure.dpi >= 1200  # the width of a projector page


@pytest.mark.usefixtures("projector")
def test_a_projector_shows_no_personal_points_level_or_badges(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("true_false"), store)
    assert quiz.status not in quiz.children
    assert quiz.badges not in quiz.children
    quiz.choices.value = False
    quiz.submit.click()
    assert quiz.status not in quiz.children
    quiz.next_button.click()  # the summary
    assert "Score:" in quiz.prompt.value
    assert "points:" not in quiz.prompt.value
    assert quiz.status not in quiz.children
    board = ProgressDashboard(store=store, learner="ada")
    assert board.header not in board.children
    assert board.badges not in board.children
    assert board.level_bar not in board.children


def test_off_the_projector_the_learner_sees_their_points(
    monkeypatch: pytest.MonkeyPatch, store: ProgressStore
) -> None:
    monkeypatch.delenv(PRESENT_ENV, raising=False)
    quiz = quiz_for(make_bank("true_false"), store)
    assert quiz.status in quiz.children
    assert "Points:" in quiz.status.value


@pytest.mark.parametrize(("kind", "typed"), [("numeric", "1.68"), ("text", "Watermelon")])
def test_enter_in_an_answer_box_submits(store: ProgressStore, kind: str, typed: str) -> None:
    quiz = quiz_for(make_bank(kind), store)
    box = quiz.choices
    assert box.continuous_update is False  # the value comes with Enter, not per key
    box._handle_custom_msg({"event": "submit"}, [])  # what the browser sends on Enter...
    assert quiz.feedback.value == ""  # ...before the value it sends with it
    box.value = typed
    assert "<strong>Correct" in shown(quiz.feedback.value)
    assert len(store.attempts()) == 1


def test_leaving_the_box_does_not_submit(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("numeric"), store)
    quiz.choices.value = "1.68"  # the box lost focus: its value came without Enter
    quiz.choices._handle_custom_msg({"event": "focus"}, [])
    assert quiz.feedback.value == ""
    assert len(store.attempts()) == 0
    quiz.submit.click()
    assert "<strong>Correct" in shown(quiz.feedback.value)


def test_an_old_enter_does_not_submit_a_later_value(
    store: ProgressStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.widgets import quiz as module

    quiz = quiz_for(make_bank("numeric"), store)
    clock = [100.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: clock[0])
    quiz.choices._handle_custom_msg({"event": "submit"}, [])  # Enter on an unchanged box
    clock[0] += module.ENTER_SECONDS + 1
    quiz.choices.value = "1.68"  # much later, the box loses focus
    assert len(store.attempts()) == 0


def test_next_question_moves_the_focus_to_the_question(store: ProgressStore) -> None:
    quiz = quiz_for(make_bank("true_false", "numeric"), store)
    assert "smlab-quiz-prompt" in quiz.prompt._dom_classes  # the page script's hook
    messages = sent(quiz.prompt)
    quiz.choices.value = True
    quiz.submit.click()
    assert messages == []
    quiz.next_button.click()
    assert messages == [{"do": "focus"}]
    assert "1.01 ** 52?" in quiz.prompt.value


def test_the_projector_host_panel_is_compact(monkeypatch: pytest.MonkeyPatch) -> None:
    def view() -> HostWidget:
        host = HostSession(bank([single("q1")]), clock=lambda: 0.0, rng=random.Random(1))
        host.add_team("Owls")
        return HostWidget(host)

    monkeypatch.delenv(PRESENT_ENV, raising=False)
    roomy = view()
    monkeypatch.setenv(PRESENT_ENV, "1")
    compact = view()
    assert "smlab-host-compact" in compact._dom_classes
    assert "smlab-host-compact" not in roomy._dom_classes
    assert len(compact.children) < len(roomy.children)
    compact.start_button.click()
    compact.answer_box.value = "A"
    compact.enter_button.click()
    compact.reveal_button.click()
    choices = shown(compact.choices.value)
    assert choices.count("[right]") == 1  # marked in place
    assert "[wrong]" in choices
    assert "<h3>" not in compact.reveal_html.value + compact.chart.value  # no big headings
    assert "Owls</strong>: " in compact.reveal_html.value
