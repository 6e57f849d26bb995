"""Every lesson runs top to bottom in a real kernel, and is committed clean.

A failure names the notebook and the cell, and shows the cell's source and the error, so the
person fixing it does not have to run the notebook to find out what broke.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.support import skip_or_fail
from toolkit.paths import notebooks_dir

NOTEBOOKS = sorted(notebooks_dir().glob("*.ipynb"))
IDS = [path.stem for path in NOTEBOOKS]


def test_the_course_has_lessons() -> None:
    assert any(path.name == "00-start-here.ipynb" for path in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_committed_with_outputs_stripped(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        index
        for index, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; strip them before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_uses_the_python3_kernel(path: Path) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3", path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_reads_like_a_lesson(path: Path) -> None:
    """A lesson opens with a title, explains more than it codes, and ends on a checkpoint."""
    notebook = nbformat.read(path, as_version=4)
    cells = notebook.cells
    assert cells[0].cell_type == "markdown", f"{path.name}: the first cell must be the title"
    assert cells[0].source.startswith("# "), f"{path.name}: the first cell must be the title"
    markdown = sum(1 for cell in cells if cell.cell_type == "markdown")
    code = sum(1 for cell in cells if cell.cell_type == "code")
    assert markdown >= code, f"{path.name}: {code} code cells but only {markdown} of prose"
    assert any(f'checkpoint("{path.stem}"' in cell.source for cell in cells), (
        f"{path.name}: no quiz checkpoint for its own bank"
    )


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_executes_top_to_bottom(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("python3") is None:  # pragma: no cover - the kernel needs an interpreter
        skip_or_fail("no python3 for the kernel")
    # Progress goes to a throwaway store, never the learner's real one.
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SMLAB_LEARNER", "notebook-test")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        failing = next(
            (
                (index, cell)
                for index, cell in enumerate(notebook.cells)
                if any(output.get("output_type") == "error" for output in cell.get("outputs", []))
            ),
            (None, None),
        )
        index, cell = failing
        where = f"cell {index}" if index is not None else "a cell"
        source = cell.source if cell is not None else ""
        pytest.fail(
            f"{path.name}: {where} failed.\n--- source ---\n{source}\n--- error ---\n"
            f"{error.ename}: {error.evalue}",
            pytrace=False,
        )
