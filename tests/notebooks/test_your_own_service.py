"""Lesson 11 runs on a second export: Jira's column names, times with a zone that changes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from toolkit.paths import datasets_dir, notebooks_dir

LESSON = notebooks_dir() / "11-your-own-service.ipynb"
JIRA = datasets_dir() / "samples" / "jira_incidents.csv"


def _parameters(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(cells) == 1, "lesson 11 needs exactly one cell tagged 'parameters'"
    return cells[0]


def test_the_second_export_is_jira_with_zoned_times() -> None:
    text = JIRA.read_text(encoding="utf-8")
    header, first = text.splitlines()[:2]
    assert "Issue key" in header
    assert "Created" in header
    assert "number" not in header
    assert "+00:00" in first  # winter; summer rows carry +01:00
    assert "+01:00" in text


@pytest.mark.notebook
def test_lesson_11_runs_on_a_jira_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SMLAB_LEARNER", "notebook-test")
    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path / "workspace"))
    notebook = nbformat.read(LESSON, as_version=4)
    _parameters(notebook).source = (
        "from pathlib import Path\n"
        f"EXPORT = Path({str(JIRA)!r})\n"
        'SOURCE = "jira"\n'
        'SERVICE = "Email"\n'
        'ZONE = "Europe/London"\n'
    )
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    text = "\n".join(
        str(output.get("text", "")) + str(output.get("data", {}).get("text/html", ""))
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )
    # The Jira sample has a concern in January and an improvement shift from April.
    assert "improvement" in text
    assert "concern" in text
    plan = tmp_path / "workspace" / "improvement-plan.html"
    assert plan.is_file()
    assert "Saved your plan as improvement-plan.html in your workspace" in text
    page = plan.read_text(encoding="utf-8")
    assert "Improvement plan: Email" in page
    assert "<script" not in page
    assert "14 Apr 2025" in page  # the shift starts in the week of 14 April (London weeks)
