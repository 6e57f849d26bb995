"""A reflection typed in the browser (Voila) is kept, and ``smlab progress --export`` has it."""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from playwright.sync_api import Page, expect

from tests.browser.conftest import Server
from tests.browser.test_smoke import KERNEL_START
from toolkit.cli import main

pytestmark = pytest.mark.browser

BANK = """\
id: browser-reflection
title: One reflection
lesson: browser-reflection
questions:
  - id: try-next-week
    type: reflection
    prompt: What will you try in your team next week?
    model_answer: One small change, with the number that will show it worked.
    prompts: [Who owns it?]
"""

SETUP = """\
import random

from toolkit.quiz import ProgressStore, QuizSession, QuizWidget, load_bank

store = ProgressStore("reflections.sqlite3")
session = QuizSession(
    load_bank("browser-reflection.yaml"), rng=random.Random(0), store=store, learner="browser"
)
QuizWidget(session)"""

ANSWER = "Time-box our stand-up to 15 minutes for two weeks, and count the overruns."


def test_a_reflection_answered_in_the_browser_is_in_the_progress_export(
    voila_server: Server, page: Page, tmp_path: Path
) -> None:
    (voila_server.root / "browser-reflection.yaml").write_text(BANK, encoding="utf-8")
    notebook = new_notebook(
        cells=[new_code_cell(textwrap.dedent(SETUP))],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, voila_server.root / "browser-reflection.ipynb")

    page.goto(voila_server.address("/voila/render/browser-reflection.ipynb"))
    box = page.locator(".widget-textarea textarea")
    expect(box).to_be_visible(timeout=KERNEL_START)
    box.fill(ANSWER)
    page.get_by_role("button", name="Submit").click()
    feedback = page.locator(".widget-html", has_text="Recorded")
    expect(feedback).to_contain_text("One small change")
    expect(feedback).to_contain_text("Who owns it?")

    out = tmp_path / "answers.csv"
    store = voila_server.root / "reflections.sqlite3"
    args = ["progress", "--store", str(store), "--learner", "browser", "--export", str(out)]
    assert main(args) == 0
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["question_id"], row["learner"]) for row in rows] == [("try-next-week", "browser")]
    assert ANSWER in rows[0]["response"]
