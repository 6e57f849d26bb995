"""deploy/jupyterhub_config.py on a real JupyterHub: two learners answer, the trainer sees both.

The hub runs with the deploy configuration (dummy authenticator and local process spawner,
its proxy from npm), on 127.0.0.1 and free ports, against a real PostgreSQL server. Chromium
logs in two users; each answers a checkpoint question in their own JupyterLab; the cohort
view (``smlab cohort``) then lists both, each under their hub name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook
from playwright.sync_api import Browser, expect

from tests.browser.test_smoke import WIDGET_RENDER, run_all_cells
from tests.postgres_server import PostgresServer, free_port
from tests.support import skip_or_fail
from toolkit.cli import main
from toolkit.quiz.store import ProgressStore

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "jupyterhub_config.py"
PASSWORD = "cohort-test"
BANK = """\
id: hub-check
title: One question
lesson: hub-check
questions:
  - id: one-percent-year
    type: single
    prompt: Improving 1% a week for a year multiplies a measure by about...
    options:
      - id: a
        text: "1.52"
        explanation: That adds 1% fifty-two times instead of compounding it.
      - id: b
        text: "1.68"
        correct: true
        explanation: 1.01 to the power 52 is 1.6777.
"""
# As toolkit.checkpoint does: the learner is the hub user, the store the shared database.
CELL = """\
from toolkit.quiz import ProgressStore, QuizSession, QuizWidget, load_bank
from toolkit.quiz.session import default_learner

session = QuizSession(load_bank("hub-check.yaml"), store=ProgressStore(), learner=default_learner())
QuizWidget(session)"""


@pytest.fixture
def hub(postgres_server: PostgresServer, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    if shutil.which("configurable-http-proxy") is None:
        skip_or_fail("configurable-http-proxy is not installed (npm i -g configurable-http-proxy)")
    url = postgres_server.new_database()
    homes = tmp_path / "homes"
    homes.mkdir()
    port = free_port()
    env = {
        **os.environ,
        "SMLAB_HUB_DUMMY": "1",
        "SMLAB_HUB_PASSWORD": PASSWORD,
        "SMLAB_HUB_HOMES": str(homes),
        "SMLAB_HUB_IP": "127.0.0.1",
        "SMLAB_HUB_PORT": str(port),
        "SMLAB_HUB_INTERNAL_PORT": str(free_port()),
        "SMLAB_PROXY_API_PORT": str(free_port()),
        "SMLAB_DATABASE_URL": url,
        "SMLAB_TRAINERS": "trainer",
    }
    for name in ("SMLAB_LEARNER", "JUPYTERHUB_USER"):
        env.pop(name, None)
    log = (tmp_path / "hub.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError((tmp_path / "hub.log").read_text())
            try:
                with urllib.request.urlopen(f"{base}/hub/api", timeout=5):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield base, url, homes
    finally:
        # SIGTERM to the hub's process group: the hub, its proxy and the users' servers.
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
        log.close()


def test_two_learners_answer_and_the_cohort_view_shows_both(
    hub: tuple[str, str, Path], browser: Browser, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    base, url, homes = hub
    for user, option, feedback in (("ada", "1.68", "Correct"), ("bob", "1.52", "Not quite")):
        home = homes / user
        home.mkdir()
        (home / "hub-check.yaml").write_text(BANK, encoding="utf-8")
        notebook = new_notebook(
            cells=[new_code_cell(CELL)],
            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
        )
        nbformat.write(notebook, home / "hub-check.ipynb")
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        page = context.new_page()
        page.goto(f"{base}/hub/login")
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", PASSWORD)
        page.locator("input[type=submit], button[type=submit]").first.click()
        page.wait_for_url(f"**/user/{user}/lab/**", timeout=120_000)
        # The pre-spawn hook gave the learner their own copy of the lessons.
        assert (home / "service-improvement-lab" / "00-start-here.ipynb").is_file()
        page.goto(f"{base}/user/{user}/lab/tree/hub-check.ipynb?reset")
        run_all_cells(page)
        choice = page.locator(".widget-radio-box label", has_text=option)
        expect(choice).to_be_visible(timeout=WIDGET_RENDER)
        choice.click()
        page.get_by_role("button", name="Submit").click()
        expect(page.locator(".widget-html", has_text=feedback)).to_be_visible(timeout=30_000)
        context.close()

    monkeypatch.setenv("SMLAB_LEARNER", "trainer")
    monkeypatch.setenv("SMLAB_TRAINERS", "trainer")
    assert main(["cohort", "--url", url, "--lesson", "00-start-here"]) == 0
    capsys.readouterr()
    with ProgressStore(url) as store:
        frame = store.attempts()
    assert sorted(zip(frame["learner"], frame["correct"], strict=True)) == [
        ("ada", True),
        ("bob", False),
    ]
    target = homes / "cohort.csv"
    assert main(["cohort", "--url", url, "--csv", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wrote" in out
    import pandas as pd

    questions = pd.read_csv(homes / "cohort-questions.csv")
    assert questions[["bank_id", "question_id", "attempts", "facility"]].values.tolist() == [
        ["hub-check", "one-percent-year", 2, 50.0]
    ]
    assert set(pd.read_csv(target)["learner"]) == {"ada", "bob"}
