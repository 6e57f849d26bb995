"""One look for every widget: text wraps, never an ellipsis, the same rules everywhere."""

from __future__ import annotations

import random

import ipywidgets as widgets
import pytest

import toolkit
from toolkit.paths import quizzes_dir
from toolkit.quiz.loader import load_bank
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import ProgressStore
from toolkit.widgets.quiz import QuizWidget
from toolkit.widgets.style import HOUSE_CLASS, HOUSE_CSS


def _walk(widget: widgets.Widget) -> list[widgets.Widget]:
    found = [widget]
    for child in getattr(widget, "children", ()):
        found += _walk(child)
    return found


def test_the_rules_undo_every_ellipsis_ipywidgets_sets() -> None:
    # ipywidgets cuts labels, radio texts, check-box texts and buttons with an ellipsis.
    for selector in (
        ".widget-label",
        ".widget-label-basic",
        ".widget-radio-box label",
        ".jupyter-button",
    ):
        assert selector in HOUSE_CSS
    assert "text-overflow: clip" in HOUSE_CSS
    assert "white-space: normal" in HOUSE_CSS


@pytest.mark.parametrize("view", ["quiz", "dashboard", "route", "host", "cohort"])
def test_every_view_carries_the_house_style(view: str) -> None:
    store = ProgressStore(":memory:")
    if view == "quiz":
        root = toolkit.checkpoint("00-start-here", store=store, learner="ada")
    elif view == "dashboard":
        root = toolkit.ProgressDashboard(store, "ada", banks={})
    elif view == "route":
        root = toolkit.RoutePicker()
    elif view == "cohort":
        root = toolkit.CohortView(store)
    else:
        host = toolkit.HostSession(toolkit.course_challenge(n=3, seed=1), rng=random.Random(1))
        host.add_team("Owls")
        root = toolkit.HostWidget(host)
    assert HOUSE_CLASS in root._dom_classes
    assert any(w.value.startswith("<style>") for w in _walk(root) if isinstance(w, widgets.HTML))


def test_no_quiz_control_has_a_fixed_or_content_width() -> None:
    # A fixed width cut options short; "max-content" ran them off the right edge.
    for path in sorted(quizzes_dir().glob("*.yaml")):
        bank = load_bank(path)
        session = QuizSession(bank, rng=random.Random(0), course=[])
        quiz = QuizWidget(session)
        while session.current is not None:
            for control in _walk(quiz.choices):
                width = control.layout.width if hasattr(control, "layout") else None
                assert width in (None, "auto", "100%"), (path.name, session.current.id, width)
            session.next()
            quiz._show()
