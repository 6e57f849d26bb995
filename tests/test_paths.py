"""The course's data is found from a checkout and from an installed wheel alike."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from toolkit.paths import datasets_dir, notebooks_dir, quizzes_dir

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_layout_is_found() -> None:
    assert datasets_dir() == ROOT / "datasets"
    assert quizzes_dir() == ROOT / "quizzes"
    assert notebooks_dir() == ROOT / "notebooks"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the project's wheel, offline, with the build backend in the dev environment."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("service_improvement_lab-*.whl")
    return built


def test_wheel_ships_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {name for name in names if name.startswith("toolkit/_data/")}
    for folder in ("datasets", "quizzes", "notebooks"):
        expected = {
            f"toolkit/_data/{folder}/{path.relative_to(ROOT / folder).as_posix()}"
            for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert expected, folder
        assert expected <= shipped, f"missing from the wheel: {sorted(expected - shipped)}"
    assert "toolkit/py.typed" in names


@pytest.mark.slow
def test_installed_wheel_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    """Install the wheel into a fresh venv and use it from outside the checkout."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies come from the dev environment (offline); the package from the wheel.
    (site / "_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([str(python), "-m", "installer", str(wheel)], check=True)

    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    probe = (
        "import toolkit, pathlib;"
        "print(pathlib.Path(toolkit.__file__).parent);"
        "print(toolkit.datasets_dir()); print(toolkit.quizzes_dir());"
        "print(toolkit.notebooks_dir())"
    )
    result = subprocess.run(
        [str(python), "-c", probe],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    package, datasets, quizzes, notebooks = (Path(line) for line in result.stdout.split())
    assert package.is_relative_to(venv), f"imported {package}, not the installed wheel"
    for folder in (datasets, quizzes, notebooks):
        assert folder.is_relative_to(package / "_data"), folder
        assert any(folder.iterdir()), folder
    assert (notebooks / "00-start-here.ipynb").is_file()

    version = subprocess.run(
        [str(venv / "bin" / "smlab"), "--version"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    assert version.stdout.startswith("smlab ")


def test_the_workspace_lives_in_the_data_folder_not_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toolkit.paths import notebooks_dir, prepare_workspace, workspace_dir

    monkeypatch.delenv("SMLAB_WORKSPACE", raising=False)
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    assert workspace_dir() == tmp_path / "data" / "workspace"
    monkeypatch.setenv("SMLAB_WORKSPACE", str(tmp_path / "ws"))
    folder = prepare_workspace()
    assert folder == tmp_path / "ws"
    lessons = sorted(p.name for p in notebooks_dir().glob("*.ipynb"))
    assert sorted(p.name for p in folder.glob("*.ipynb")) == lessons
    assert not folder.resolve().is_relative_to(notebooks_dir().resolve().parent)


def test_a_learners_edits_in_the_workspace_are_kept(tmp_path: Path) -> None:
    from toolkit.paths import prepare_workspace

    edited = tmp_path / "00-start-here.ipynb"
    edited.write_text("my notes", encoding="utf-8")
    prepare_workspace(tmp_path)
    assert edited.read_text(encoding="utf-8") == "my notes"
    assert (tmp_path / "01-why-governance-matters.ipynb").stat().st_size > 100


def test_saved_files_are_named_relative_to_the_workspace(tmp_path: Path) -> None:
    from toolkit.paths import shown_path

    assert shown_path(tmp_path / "results.csv", root=tmp_path) == "results.csv"
    assert shown_path("sub/base.json", root=tmp_path) == "sub/base.json"
    assert shown_path(Path.home() / "x.csv", root=tmp_path) == "~/x.csv"


def _edit_sources(path: Path, text: str) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] = text
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped lessons standing in for the course, so a test can update it."""
    from toolkit import paths

    copy = tmp_path / "course"
    shutil.copytree(paths.notebooks_dir(), copy)
    monkeypatch.setattr(paths, "notebooks_dir", lambda: copy)
    return copy


def test_a_lesson_only_run_is_refreshed_when_the_course_changes_it(
    tmp_path: Path, course: Path
) -> None:
    from toolkit import paths

    workspace = tmp_path / "ws"
    assert "02-compound-improvement.ipynb" in paths.refresh_workspace(workspace).copied
    lesson = workspace / "02-compound-improvement.ipynb"
    # The learner runs it: outputs saved, sources untouched.
    notebook = json.loads(lesson.read_text(encoding="utf-8"))
    notebook["cells"][1]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
    lesson.write_text(json.dumps(notebook), encoding="utf-8")
    # The course is updated.
    _edit_sources(course / "02-compound-improvement.ipynb", "# Compound improvement, revised")

    report = paths.refresh_workspace(workspace)

    assert report.updated == ("02-compound-improvement.ipynb",)
    assert report.kept == ()
    assert json.loads(lesson.read_text(encoding="utf-8"))["cells"][0]["source"] == (
        "# Compound improvement, revised"
    )
    assert report.notices() == [
        "02-compound-improvement.ipynb was updated to the course's new version."
    ]


def test_a_lesson_the_learner_edited_is_kept_and_the_new_version_put_beside_it(
    tmp_path: Path, course: Path
) -> None:
    from toolkit import paths

    workspace = tmp_path / "ws"
    paths.refresh_workspace(workspace)
    lesson = workspace / "03-outcomes-not-outputs.ipynb"
    _edit_sources(lesson, "# My own notes on outcomes")
    _edit_sources(course / "03-outcomes-not-outputs.ipynb", "# Outcomes, revised")

    for _ in range(2):  # and again next time: still kept, never overwritten
        report = paths.refresh_workspace(workspace)
        assert report.kept == ("03-outcomes-not-outputs.ipynb",)
        assert json.loads(lesson.read_text(encoding="utf-8"))["cells"][0]["source"] == (
            "# My own notes on outcomes"
        )
    beside = workspace / "03-outcomes-not-outputs (new version).ipynb"
    assert json.loads(beside.read_text(encoding="utf-8"))["cells"][0]["source"] == (
        "# Outcomes, revised"
    )
    assert "03-outcomes-not-outputs (new version).ipynb" in report.notices()[0]
