"""A learner answers a quiz question in JupyterLab by clicking, and reads why."""

from __future__ import annotations

import sqlite3
import textwrap

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from tests.browser.test_smoke import WIDGET_RENDER, run_all_cells

pytestmark = pytest.mark.browser

BANK = """\
id: browser-quiz
title: One question
lesson: browser-quiz
questions:
  - id: one-percent-year
    type: single
    prompt: Improving 1% a week for a **year** multiplies a measure by about...
    options:
      - id: a
        text: "1.52"
        explanation: That adds 1% fifty-two times instead of compounding it.
      - id: b
        text: "1.68"
        correct: true
        explanation: 1.01 to the power 52 is 1.6777.
"""

SETUP = """\
import random

from toolkit.quiz import ProgressStore, QuizSession, QuizWidget, load_bank

store = ProgressStore("progress.sqlite3")
session = QuizSession(
    load_bank("browser-quiz.yaml"), rng=random.Random(0), store=store, learner="browser"
)
QuizWidget(session)"""


def test_answer_by_clicking_and_see_the_explanation(jupyterlab_server: Server, page: Page) -> None:
    (jupyterlab_server.root / "browser-quiz.yaml").write_text(BANK, encoding="utf-8")
    notebook = new_notebook(
        cells=[new_markdown_cell("# Quiz in the browser"), new_code_cell(textwrap.dedent(SETUP))],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, jupyterlab_server.root / "browser-quiz.ipynb")

    page.goto(jupyterlab_server.address("/lab/tree/browser-quiz.ipynb") + "&reset")
    run_all_cells(page)

    wrong = page.locator(".widget-radio-box label", has_text="1.52")
    expect(wrong).to_be_visible(timeout=WIDGET_RENDER)
    wrong.click()
    page.get_by_role("button", name="Submit").click()
    expect(page.locator(".widget-html", has_text="Not quite")).to_contain_text(
        "instead of compounding"
    )

    # Practice mode allows another go; the explanation for the right option follows.
    page.locator(".widget-radio-box label", has_text="1.68").click()
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".widget-html", has_text="Correct")).to_contain_text("1.6777")

    with sqlite3.connect(jupyterlab_server.root / "progress.sqlite3") as db:
        rows = db.execute(
            "SELECT question_id, correct FROM attempts WHERE learner = 'browser' ORDER BY rowid"
        ).fetchall()
    assert rows == [("one-percent-year", 0), ("one-percent-year", 1)]
