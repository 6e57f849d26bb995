"""Saving that fails says so: every widget that saves names what was not saved, where and why.

Two kinds of failure: a real read-only folder (chmod 0500; run as root, the tests clear root's
permission-override capabilities for the test's thread, so the folder binds root too), and a
full disk or a refused write simulated where the write happens (an ``OSError`` from
``os.replace``, SQLite's own read-only mode).
"""

from __future__ import annotations

import errno
import html
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.quiz.session_banks import bank, single
from tests.support import as_an_ordinary_user
from toolkit.analytics.assessment import csf_assessment
from toolkit.analytics.register import ImprovementRegister
from toolkit.quiz.host.session import HostSession
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import ProgressStore, StoreWriteError
from toolkit.safety import files
from toolkit.safety.files import NotSavedError, write_atomically
from toolkit.widgets.assessment import AssessmentWidget
from toolkit.widgets.host import HostWidget
from toolkit.widgets.lesson_checkpoint import checkpoint
from toolkit.widgets.quiz import QuizWidget

READ_ONLY = "permission denied (the folder or the file is read-only)"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The learner's data folder and workspace, both under ``tmp_path``."""
    data = tmp_path / "data"
    workspace = data / "workspace"
    workspace.mkdir(parents=True)
    monkeypatch.setenv("SMLAB_DATA_DIR", str(data))
    monkeypatch.setenv("SMLAB_WORKSPACE", str(workspace))
    return data


@pytest.fixture
def read_only(data_dir: Path) -> Iterator[Path]:
    """A real read-only folder (mode 0500) in the workspace, read-only for root too."""
    folder = data_dir / "workspace" / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with as_an_ordinary_user():
            with pytest.raises(PermissionError):
                (folder / "probe").write_text("x")  # the folder really is read-only
            yield folder
    finally:
        folder.chmod(0o700)


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every atomic write fails as on a full disk, after its temporary file was written."""

    def refuse(_source: object, _target: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", refuse)


def text(value: str) -> str:
    return html.unescape(value)


# -- the engine raises a typed error --------------------------------------------------------


def test_write_atomically_names_what_where_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk(monkeypatch)
    with pytest.raises(NotSavedError) as caught:
        write_atomically(tmp_path / "b.json", "{}", what="the baseline")
    error = caught.value
    assert (error.what, error.path, error.reason) == (
        "the baseline",
        tmp_path / "b.json",
        "the disk is full",
    )
    assert isinstance(error, OSError)
    assert error.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_write_atomically_in_a_read_only_folder(read_only: Path) -> None:
    with pytest.raises(NotSavedError, match="the results could not be saved") as caught:
        write_atomically(read_only / "room.csv", "a,b\n", what="the results")
    assert caught.value.reason == READ_ONLY
    assert list(read_only.iterdir()) == []


def test_a_store_that_cannot_write_raises_store_write_error(tmp_path: Path) -> None:
    with ProgressStore(tmp_path / "progress.sqlite3") as store:
        store._connection.execute("PRAGMA query_only = ON")  # SQLite refuses every write
        session = QuizSession(bank([single("q1")]), store=store, learner="ada", course=[])
        with pytest.raises(StoreWriteError) as caught:
            session.answer("b")
        assert caught.value.what == "your answer"
        assert caught.value.path == tmp_path / "progress.sqlite3"
        assert caught.value.reason == "permission denied (the file or its folder is read-only)"
        assert not session.answered()


def test_the_register_says_what_was_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    register = ImprovementRegister()
    full_disk(monkeypatch)
    with pytest.raises(NotSavedError, match="the improvement register could not be saved"):
        register.save(tmp_path / "register.csv")
    assert not (tmp_path / "register.csv").exists()


# -- the quiz and the checkpoint ------------------------------------------------------------


def test_the_quiz_says_the_answer_was_not_saved_where_and_why(data_dir: Path) -> None:
    with ProgressStore() as store:
        quiz = QuizWidget(QuizSession(bank([single("q1")]), store=store, learner="ada", course=[]))
        store._connection.execute("PRAGMA query_only = ON")
        quiz.choices.value = "b"
        quiz.submit.click()
        message = text(quiz.message.value)
        assert (
            "Your answer was not saved to progress.sqlite3 in your data folder: "
            "permission denied (the file or its folder is read-only). Try again." in message
        )
        assert 'role="alert"' in quiz.message.value
        assert "saved." not in text(quiz.feedback.value)
        assert quiz.feedback.value == ""
        store._connection.execute("PRAGMA query_only = OFF")
        assert store.attempts().empty


def test_the_checkpoint_says_progress_is_not_saved_when_the_data_folder_cannot_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SMLAB_DATA_DIR", str(blocker / "data"))  # a real refusal, even as root
    quiz = checkpoint("00-start-here", learner="ada")
    notice = text(quiz.notice.value)
    assert "Your progress is not being saved this time:" in notice
    assert (
        "progress.sqlite3 in your data folder cannot be written "
        "(part of the path is a file, not a folder)." in notice
    )
    assert quiz.session is not None  # the quiz still works, without saving
    assert quiz.session.store is None


def test_the_checkpoint_in_a_read_only_data_folder(
    read_only: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(read_only))
    monkeypatch.delenv("SMLAB_WORKSPACE")
    quiz = checkpoint("00-start-here", learner="ada")
    notice = text(quiz.notice.value)
    assert f"progress.sqlite3 in your data folder cannot be written ({READ_ONLY})." in notice
    assert quiz.session is not None
    assert quiz.session.store is None


# -- the assessment's "Save as baseline" ------------------------------------------------------


def assessment() -> AssessmentWidget:
    return AssessmentWidget(answers={"baseline": 2}, show_plot=False)


def test_save_as_baseline_on_a_full_disk(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    widget = assessment()
    full_disk(monkeypatch)
    widget.save_path.value = str(data_dir / "workspace" / "b.json")
    widget.save_button.click()
    assert text(widget.message.value) == (
        "<p><b>Not saved:</b> The baseline was not saved to b.json in your workspace: "
        "the disk is full.</p>"
    )
    assert not (data_dir / "workspace" / "b.json").exists()


def test_save_as_baseline_in_a_read_only_folder(read_only: Path) -> None:
    widget = assessment()
    widget.save_path.value = str(read_only)
    widget.save_button.click()
    message = text(widget.message.value)
    assert "The baseline was not saved to locked/csf-baseline-" in message
    assert f"in your workspace: {READ_ONLY}." in message
    assert "Saved the baseline" not in message


def test_the_baseline_engine_error_is_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk(monkeypatch)
    with pytest.raises(NotSavedError, match="the baseline could not be saved"):
        csf_assessment({"baseline": 2}).save(tmp_path / "b.json")


# -- the host's results export ----------------------------------------------------------------


def finished_host() -> HostWidget:
    host = HostSession(bank([single("q1")]), rng=random.Random(3))
    host.add_team("Owls")
    view = HostWidget(host)
    view.next_button.click()  # to the end
    return view


def test_saving_the_results_on_a_full_disk(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    view = finished_host()
    full_disk(monkeypatch)
    view.save_path.value = str(data_dir / "workspace" / "room.csv")
    view.save_button.click()
    message = text(view.message.value)
    assert "The results were not saved to room.csv in your workspace: the disk is full." in message
    assert "Saved" not in message


def test_saving_the_results_in_a_read_only_folder(read_only: Path) -> None:
    view = finished_host()
    view.save_path.value = str(read_only / "room.csv")
    view.save_button.click()
    message = text(view.message.value)
    assert f"The results were not saved to locked/room.csv in your workspace: {READ_ONLY}." in (
        message
    )
    assert not os.path.exists(read_only / "room.csv")
