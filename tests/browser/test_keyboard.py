"""The quiz from the real keyboard, in Voila: Enter submits, Next moves the focus on.

A person types an answer and presses Enter (no mouse): the answer is graded. They press
Enter on "Next question": the focus lands on the new question's text, not on the page's
body, so the next Tab reaches the new answer box and a screen reader reads on from the
question.
"""

from __future__ import annotations

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server

pytestmark = pytest.mark.browser

KERNEL_START = 120_000  # ms: a cold kernel on a busy two-core machine
KERNEL_REPLY = 30_000  # ms: a key's round trip to the kernel and back

QUIZ = """
import random

from toolkit.quiz.model import Bank
from toolkit.quiz.session import QuizSession
from toolkit.widgets.quiz import QuizWidget

bank = Bank.model_validate({
    "id": "keys", "title": "Keys", "lesson": "keys",
    "questions": [
        {"id": "q1", "type": "numeric", "prompt": "What is 1.01 to the power 52?",
         "answer": 1.6777, "tolerance": 0.01, "explanation": "Compounding."},
        {"id": "q2", "type": "text", "prompt": "Which fruit is green outside and red inside?",
         "accepted": ["watermelon"], "explanation": "A watermelon."},
    ],
})
QuizWidget(QuizSession(bank, rng=random.Random(1), course=[]))
"""

FOCUSED = """() => {
  const el = document.activeElement;
  return {
    body: el === document.body || el === null,
    inPrompt: !!(el && el.closest('.smlab-quiz-prompt')),
    text: el ? (el.innerText || '').slice(0, 80) : '',
  };
}"""


@pytest.fixture
def quiz_page(voila_server: Server, page: Page) -> Page:
    nbformat.write(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(QUIZ)]),
        voila_server.root / "keyboard-quiz.ipynb",
    )
    page.goto(voila_server.address("/voila/render/keyboard-quiz.ipynb"), wait_until="commit")
    expect(page.locator(".smlab-quiz-prompt")).to_contain_text("?", timeout=KERNEL_START)
    return page


#: Each question: a word of its prompt, what to type, and a word of its explanation.
ANSWERS = {"1.01": ("1.68", "Compounding."), "fruit": ("Watermelon", "A watermelon.")}


def answer_by_keyboard(page: Page, prompt: str) -> str:
    """Type the answer to the question showing and press Enter; return the explanation."""
    typed, explained = next(found for word, found in ANSWERS.items() if word in prompt)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    return explained


def test_enter_submits_and_next_moves_the_focus_to_the_question(quiz_page: Page) -> None:
    page = quiz_page
    quiz = page.locator(".smlab-quiz")
    prompt = page.locator(".smlab-quiz-prompt")
    page.get_by_role("textbox", name="Answer").focus()
    first = prompt.inner_text()
    explained = answer_by_keyboard(page, first)
    expect(quiz).to_contain_text(explained, timeout=KERNEL_REPLY)
    expect(quiz).to_contain_text("Correct")

    page.get_by_role("button", name="Next question").focus()
    page.keyboard.press("Enter")
    expect(prompt).not_to_have_text(first, timeout=KERNEL_REPLY)
    page.wait_for_function(
        "() => !!(document.activeElement && document.activeElement.closest('.smlab-quiz-prompt'))",
        timeout=KERNEL_REPLY,
    )
    focused = page.evaluate(FOCUSED)
    assert focused["inPrompt"], focused
    assert not focused["body"]
    second = prompt.inner_text()
    assert second.splitlines()[0] in focused["text"]

    page.keyboard.press("Tab")  # from the question to its answer box
    explained = answer_by_keyboard(page, second)
    expect(quiz).to_contain_text(explained, timeout=KERNEL_REPLY)
