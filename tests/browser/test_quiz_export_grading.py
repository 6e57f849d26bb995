"""The exported quiz page grades exactly as ``grade()`` does, and bank text never runs.

Every question of every shipped bank (and a bank of edge cases) is graded in Debian's
chromium by the page's own JavaScript, for a set of responses per question (see
``tests/export/quiz_responses.py``), and compared with Python's ``grade()``: the same
credit, the same verdict, the same explanation chosen, or an error on both sides.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.export.hostile import hostile_bank
from tests.export.quiz_responses import edge_bank, long_text_variants, responses
from toolkit.export.quiz_html import quiz_page
from toolkit.export.resolve import known_banks, resolve_bank
from toolkit.quiz.grading import grade
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import (
    Bank,
    MultipleChoice,
    Numeric,
    Poll,
    Question,
    ResponseError,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

pytestmark = pytest.mark.browser

GRADE_ALL = "cases => cases.map(([id, response]) => window.smlabQuiz.grade(id, response))"


def python_side(question: Question, response: Any) -> dict[str, Any]:
    try:
        result = grade(question, response)
    except ResponseError as error:
        return {"error": str(error)}
    return {"credit": result.credit, "correct": result.correct, "grade": result}


def same_feedback(question: Question, python: Any, detail: dict[str, Any]) -> bool:
    """Whether the page would show the explanation Python's grade chose."""
    if isinstance(question, SingleChoice | Scenario):
        return detail["chosen"] == list(python.explanations)
    if isinstance(question, MultipleChoice):
        return sorted(detail["chosen"]) == sorted(python.explanations)
    if isinstance(question, Poll):
        return set(python.explanations) <= set(detail["chosen"])
    if isinstance(question, TrueFalse):
        return ["true" if detail["said"] else "false"] == list(python.explanations)
    if isinstance(question, Numeric):
        if detail["distractor"] < 0:
            return bool(python.feedback == question.explanation)
        chosen = question.distractors[detail["distractor"]].explanation
        return bool(python.feedback.startswith(chosen))
    if isinstance(question, ShortText):
        return (detail["accepted_as"] >= 0) == python.feedback.startswith("Accepted as")
    return True


def compare(page: Page, bank: Bank, folder: Path, extra: dict[str, list[Any]]) -> int:
    """Grade every response in the page and in Python; return how many were compared."""
    html = folder / f"{bank.id}.html"
    html.write_text(quiz_page(bank), encoding="utf-8")
    page.goto(html.as_uri())
    cases = [(q, r) for q in bank.questions for r in [*responses(q), *extra.get(q.id, [])]]
    in_page = page.evaluate(GRADE_ALL, [[q.id, r] for q, r in cases])
    mismatches = []
    for (question, response), js in zip(cases, in_page, strict=True):
        py = python_side(question, response)
        if "error" in py or "error" in js:
            if not ("error" in py and "error" in js):
                mismatches.append((question.id, response, py, js))
            continue
        if (py["credit"], py["correct"]) != (js["credit"], js["correct"]):
            mismatches.append((question.id, response, py, js))
        elif not same_feedback(question, py["grade"], js["detail"]):
            mismatches.append((question.id, response, "feedback", py["grade"], js["detail"]))
    assert mismatches == [], f"{bank.id}: {len(mismatches)} differ, e.g. {mismatches[:5]}"
    return len(cases)


def test_page_grading_matches_python_on_every_shipped_bank(page: Page, tmp_path: Path) -> None:
    compared = 0
    for bank_id in known_banks():
        compared += compare(page, load_bank(resolve_bank(bank_id)), tmp_path, {})
    assert compared > 1000


def test_page_grading_matches_python_on_edge_cases(page: Page, tmp_path: Path) -> None:
    extra = {
        "long-fuzzy": long_text_variants(),
        "case": ["xla", "XLA", "XL", "Strasse", "STRASSE", "straße", "Strase"],
        "range-percent": ["97.5%", "98,5 %", "98.5000001", "97.4999999999", "90 %", 90.0000001],
        "days": ["1,5 days", "1.75 DAYS", "1.7500000001", "2 days", "1.25days"],
        "unicode": ["CAFÉ CRÈME", "cafe creme", "naive", "NAÏVE", "naïv"],
    }
    assert compare(page, edge_bank(), tmp_path, extra) > 200


def test_hostile_bank_text_never_runs(page: Page, tmp_path: Path) -> None:
    html = tmp_path / "hostile.html"
    html.write_text(quiz_page(hostile_bank()), encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(html.as_uri())
    sections = page.locator("section.question")
    expect(sections).to_have_count(len(hostile_bank().questions))
    for index in range(sections.count()):
        section = sections.nth(index)
        for hint in section.locator("button.hint").all():
            hint.click()
        choices = section.locator("input[type=radio], input[type=checkbox]")
        if choices.count():
            choices.first.check()
        elif section.locator("input[type=text]").count():
            section.locator("input[type=text]").fill("<img src=x onerror=window.__pwned=1>")
        for select in section.locator("select").all():
            select.select_option(index=1)
        section.locator("button.check").click()
        expect(section.locator(".feedback")).not_to_be_empty()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 2
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
        ".some(a => a.name.startsWith('on'))).length"
    )
    assert handlers == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator("img, svg, iframe").count() == 0
    # The text is shown as text: a learner sees what the bank says, harmlessly.
    expect(page.locator("section.question").first.locator(".prompt")).to_contain_text(
        "<script>window.__pwned"
    )
    assert errors == []
