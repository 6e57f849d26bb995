"""ProgressStore: schema and migrations, typed reads, and nothing lost (real subprocesses)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import platformdirs
import pytest

from toolkit.quiz.store import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    AttemptRecord,
    Completion,
    ProgressStore,
    StoreError,
    StoreRecoveredWarning,
    default_store_path,
)
from toolkit.quiz.store.recovery import _free_name, _move_no_overwrite

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def attempt(question_id: str = "q1", **changes: object) -> AttemptRecord:
    values: dict[str, object] = {
        "learner": "ada",
        "bank_id": "01-demo",
        "question_id": question_id,
        "response": "b",
        "credit": 1.0,
        "correct": True,
        "points": 20,
        "answered_at": T0,
    }
    values.update(changes)
    return AttemptRecord(**values)  # type: ignore[arg-type]


def raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


# -- schema ----------------------------------------------------------------------------------


def test_a_new_store_is_marked_as_ours_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "progress.sqlite3"
    with ProgressStore(path) as store:
        assert store.path == path
        assert store.schema_version == SCHEMA_VERSION == 2
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]
    assert raw(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw(path, "PRAGMA journal_mode") == [("wal",)]
    tables = {row[0] for row in raw(path, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"learners", "attempts", "boxes", "badges", "completions"}


def test_reopening_keeps_everything(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        store.record_attempt(attempt(), badges=["came-back"])
    with ProgressStore(store_target) as store:
        assert len(store.attempts()) == 1
        assert [b.badge_id for b in store.badges("ada")] == ["came-back"]
        assert store.learners() == ["ada"]


def test_default_path_follows_SMLAB_DATA_DIR(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    assert default_store_path() == tmp_path / "data" / "progress.sqlite3"
    with ProgressStore() as store:
        store.record_attempt(attempt())
    assert (tmp_path / "data" / "progress.sqlite3").is_file()


def test_default_path_without_the_variable_is_the_user_data_dir(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SMLAB_DATA_DIR", raising=False)
    expected = Path(platformdirs.user_data_dir("service-improvement-lab", appauthor=False))
    assert default_store_path() == expected / "progress.sqlite3"


def test_memory_store_works_without_a_file() -> None:
    with ProgressStore(":memory:") as store:
        store.record_attempt(attempt())
        assert store.path is None
        assert store.attempts()["question_id"].tolist() == ["q1"]


# -- migrations ------------------------------------------------------------------------------

V1_SCHEMA = """
CREATE TABLE learners (name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
                       created_at TEXT NOT NULL);
CREATE TABLE attempts (id INTEGER PRIMARY KEY, learner TEXT NOT NULL REFERENCES learners(name),
    bank_id TEXT NOT NULL, question_id TEXT NOT NULL, response TEXT NOT NULL,
    credit REAL NOT NULL CHECK (credit >= 0 AND credit <= 1),
    correct INTEGER CHECK (correct IN (0, 1)), points INTEGER NOT NULL CHECK (points >= 0),
    hints_used INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0), mode TEXT NOT NULL,
    answered_at TEXT NOT NULL);
CREATE INDEX attempts_by_question ON attempts (learner, bank_id, question_id);
CREATE TABLE boxes (learner TEXT NOT NULL REFERENCES learners(name), bank_id TEXT NOT NULL,
    question_id TEXT NOT NULL, box INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    due_at TEXT NOT NULL, PRIMARY KEY (learner, bank_id, question_id));
CREATE TABLE badges (learner TEXT NOT NULL REFERENCES learners(name), badge_id TEXT NOT NULL,
    earned_at TEXT NOT NULL, PRIMARY KEY (learner, badge_id));
"""


def make_v1_file(path: Path) -> None:
    """A store as version 1 wrote it, with one learner's answer, box and badge."""
    connection = sqlite3.connect(path)
    connection.executescript(V1_SCHEMA)
    connection.executescript(
        f"""
        PRAGMA application_id = {APPLICATION_ID};
        PRAGMA user_version = 1;
        INSERT INTO learners VALUES ('ada', '2026-01-01T08:00:00.000000+00:00');
        INSERT INTO attempts (learner, bank_id, question_id, response, credit, correct, points,
                              hints_used, mode, answered_at)
        VALUES ('ada', '01-demo', 'q1', '"b"', 1.0, 1, 20, 1, 'practice',
                '2026-01-01T08:05:00.000000+00:00'),
               ('ada', '01-demo', 'q2', '[1, 2]', 0.5, 0, 10, 0, 'exam',
                '2026-01-01T08:06:00.000000+00:00');
        INSERT INTO boxes VALUES ('ada', '01-demo', 'q1', 2, '2026-01-03T08:05:00.000000+00:00');
        INSERT INTO badges VALUES ('ada', 'first-lesson', '2026-01-01T08:06:00.000000+00:00');
        """
    )
    connection.commit()
    connection.close()


def test_a_version_1_file_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    make_v1_file(path)
    with ProgressStore(path) as store:
        assert store.schema_version == 2
        frame = store.attempts()
        assert frame["question_id"].tolist() == ["q1", "q2"]
        assert frame["response"].tolist() == ["b", [1, 2]]
        assert frame["try"].tolist() == [1, 1]  # the new column's default
        assert frame["session_id"].isna().all()
        assert [(b.question_id, b.box) for b in store.boxes("ada")] == [("q1", 2)]
        assert [b.badge_id for b in store.badges("ada")] == ["first-lesson"]
        assert store.streak("ada") == 0  # the last first answer (q2) was wrong
        # The v2 parts work on the migrated file.
        store.record_attempt(
            attempt("q3", session_id="s1"),
            completion=Completion("ada", "01-demo", "s1", "practice", 3, 3, 2, 0.8, 50, 60, T0),
        )
        assert store.completed_banks("ada") == {"01-demo"}
    assert raw(path, "PRAGMA user_version") == [(2,)]
    assert raw(path, "PRAGMA integrity_check") == [("ok",)]


def test_a_file_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    with ProgressStore(path):
        pass
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"new\.sqlite3.*schema version 3, newer"):
        ProgressStore(path)
    assert path.read_bytes() == before


# -- reading and writing ---------------------------------------------------------------------


def test_attempts_is_a_typed_frame(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        store.record_attempt(attempt("q1", response={"df": "lt"}, credit=0.5, correct=False))
        store.record_attempt(
            attempt("poll", response=["1", "5"], correct=None, points=0, mode="survey")
        )
        store.record_attempt(
            attempt(
                "q2", answered_at=datetime(2026, 3, 2, 11, 0, tzinfo=timezone(timedelta(hours=2)))
            )
        )
        store.record_attempt(attempt("q3", learner="bob", answered_at=datetime(2026, 3, 2, 9, 30)))
        frame = store.attempts()
        ada = store.attempts("ada")
    assert frame.dtypes.astype(str).to_dict() == {
        "id": "int64",
        "learner": "string",
        "bank_id": "string",
        "question_id": "string",
        "response": "object",
        "credit": "float64",
        "correct": "boolean",
        "points": "int64",
        "hints_used": "int64",
        "mode": "string",
        "answered_at": "datetime64[us, UTC]",
        "session_id": "string",
        "try": "int64",
    }
    assert frame["response"].tolist() == [{"df": "lt"}, ["1", "5"], "b", "b"]
    assert frame["correct"].tolist() == [False, pd.NA, True, True]
    # +02:00 is converted to UTC; a naive time is taken as UTC.
    assert frame["answered_at"].tolist()[2:] == [
        pd.Timestamp("2026-03-02 09:00", tz="UTC"),
        pd.Timestamp("2026-03-02 09:30", tz="UTC"),
    ]
    assert ada["learner"].unique().tolist() == ["ada"]
    assert len(ada) == 3


def test_an_empty_store_gives_an_empty_typed_frame(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        frame = store.attempts()
    assert frame.empty
    assert str(frame["answered_at"].dtype) == "datetime64[us, UTC]"
    assert str(frame["correct"].dtype) == "boolean"


def test_export_csv_round_trips(store_target: str, tmp_path: Path) -> None:
    with ProgressStore(store_target) as store:
        store.record_attempt(attempt("q1", response=["a", "c"], hints_used=2, points=10))
        store.record_attempt(attempt("q2", learner="bob"))
        written = store.export_csv(tmp_path / "out.csv")
        store.export_csv(tmp_path / "ada.csv", learner="ada")
    back = pd.read_csv(written)
    assert len(back) == 2
    assert json.loads(back.loc[0, "response"]) == ["a", "c"]
    assert back.loc[0, "hints_used"] == 2
    assert back.loc[0, "answered_at"] == "2026-03-02T09:00:00.000000Z"
    assert pd.read_csv(tmp_path / "ada.csv")["learner"].tolist() == ["ada"]


def test_boxes_move_on_graded_first_answers_only(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        store.record_attempt(attempt("q1"))  # new and right: box 2, due in 2 days
        store.record_attempt(attempt("q2", correct=False, credit=0.0, points=0))  # box 1
        store.record_attempt(attempt("q1", try_number=2))  # a retry: no move
        store.record_attempt(attempt("q3", correct=None, points=0))  # ungraded: no box
        store.record_attempt(attempt("q4", mode="survey", correct=None, points=0))
        later = T0 + timedelta(days=2)
        store.record_attempt(attempt("q1", answered_at=later, session_id="s2"))  # box 3
        boxes = {(b.question_id, b.box, b.due_at) for b in store.boxes("ada")}
        assert boxes == {("q1", 3, later + timedelta(days=4)), ("q2", 1, T0 + timedelta(days=1))}
        assert store.boxes("ada", "other-bank") == []
        assert store.next_review_at("ada") == T0 + timedelta(days=1)
        assert store.next_review_at("nobody") is None


def test_streak_points_and_was_wrong(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        store.record_attempt(attempt("q1", correct=False, credit=0.0, points=0))
        store.record_attempt(attempt("q1", try_number=2, points=0))  # retries do not count
        store.record_attempt(attempt("q2", points=10))
        store.record_attempt(attempt("poll", correct=None, points=0))  # skipped
        store.record_attempt(attempt("q3", points=30))
        assert store.streak("ada") == 2
        assert store.total_points("ada") == 40
        assert store.total_points("nobody") == 0
        assert store.was_wrong("ada", "01-demo", "q1")
        assert not store.was_wrong("ada", "01-demo", "q2")


def test_badges_are_awarded_once(store_target: str) -> None:
    with ProgressStore(store_target) as store:
        assert store.record_attempt(attempt("q1"), badges=["came-back", "came-back"]) == [
            "came-back"
        ]
        later = T0 + timedelta(hours=1)
        assert store.record_attempt(
            attempt("q2", answered_at=later), badges=["came-back", "five-in-a-row"]
        ) == ["five-in-a-row"]
        held = store.badges("ada")
    assert [(b.badge_id, b.earned_at) for b in held] == [
        ("came-back", T0),
        ("five-in-a-row", later),
    ]


def test_completions_and_completed_banks(store_target: str) -> None:
    done = Completion("ada", "01-demo", "s1", "exam", 3, 3, 3, 1.0, 60, 60, T0)
    review = Completion("ada", "review", "s2", "review", 2, 2, 1, 0.5, 20, 40, T0)
    with ProgressStore(store_target) as store:
        assert store.record_completion(done, badges=["first-lesson"]) == ["first-lesson"]
        store.record_completion(done)  # the same session twice is kept once
        store.record_completion(review)
        frame = store.completions("ada")
        assert store.completed_banks("ada") == {"01-demo"}
    assert frame[["bank_id", "mode", "score"]].values.tolist() == [
        ["01-demo", "exam", 1.0],
        ["review", "review", 0.5],
    ]
    assert str(frame["finished_at"].dtype) == "datetime64[us, UTC]"


def test_one_answer_is_one_transaction_all_or_nothing(store_target: str) -> None:
    broken = Completion("ada", "01-demo", "s1", "exam", None, 3, 3, 1.0, 60, 60, T0)  # type: ignore[arg-type]
    with ProgressStore(store_target) as store:
        with pytest.raises(StoreError, match=r"(?i)could not record the answer.*not[ -]null"):
            store.record_attempt(attempt(), badges=["came-back"], completion=broken)
        assert store.attempts().empty
        assert store.badges("ada") == []
        assert store.boxes("ada") == []
        assert store.learners() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"learner": " "}, "learner must be a non-empty name"),
        ({"credit": 1.5}, "credit must be between 0 and 1"),
        ({"credit": float("nan")}, "credit must be between 0 and 1"),
        ({"points": -1}, "points must be 0 or more"),
        ({"mode": "quiz"}, "mode must be one of practice, exam, survey, review"),
        ({"try_number": 0}, "try_number must be 1 or more"),
        ({"response": object()}, "the response must be plain JSON data"),
    ],
)
def test_impossible_attempts_are_refused(
    store_target: str, changes: dict[str, object], message: str
) -> None:
    with ProgressStore(store_target) as store:
        with pytest.raises(ValueError, match=message):
            store.record_attempt(attempt(**changes))
        assert store.attempts().empty


# -- damaged and foreign files ---------------------------------------------------------------


def test_a_damaged_sqlite_file_is_moved_aside_and_a_fresh_store_started(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    garbage = b"SQLite format 3\x00" + os.urandom(8192)  # an SQLite header, then noise
    path.write_bytes(garbage)
    with pytest.warns(StoreRecoveredWarning, match="is damaged") as caught:
        store = ProgressStore(path)
    with store:
        assert store.recovery is not None
        moved = store.recovery.moved_to
        assert moved is not None
        assert moved.name.startswith("progress.sqlite3.corrupt-")
        assert moved.read_bytes() == garbage  # kept, byte for byte
        message = str(caught[0].message)
        assert str(path) in message
        assert str(moved) in message
        assert "with the 0 rows that could still be read" in message
        store.record_attempt(attempt())
        assert len(store.attempts()) == 1
    assert raw(path, "PRAGMA application_id") == [(APPLICATION_ID,)]


@pytest.mark.parametrize("on_corrupt", ["move", "raise"])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, on_corrupt: str) -> None:
    path = tmp_path / "notes.txt"
    garbage = b"this is a text file, not a database\n" * 10
    path.write_bytes(garbage)
    with pytest.raises(
        StoreError, match=r"notes\.txt is not a progress store: it is not an SQLite"
    ):
        ProgressStore(path, on_corrupt=on_corrupt)  # type: ignore[arg-type]
    assert path.read_bytes() == garbage  # byte for byte
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_folder_given_as_the_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder, not a file"):
        ProgressStore(tmp_path)


def test_recovery_keeps_every_row_it_can_still_read(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as store:
        for number in range(2000):
            store.record_attempt(attempt(question_id=f"q{number}"))
    data = bytearray(path.read_bytes())
    page = 4096
    data[page * 12 : page * 13] = b"\xff" * page  # one page of the attempts table destroyed
    path.write_bytes(bytes(data))
    with pytest.warns(StoreRecoveredWarning, match=r"with the \d+ rows that could still be read"):
        store = ProgressStore(path)
    with store:
        kept = len(store.attempts())
    assert 1000 < kept <= 2000  # one page lost at most, not all or nothing


def test_damaged_pages_inside_an_sqlite_file_are_found(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore(path) as store:
        for n in range(300):
            store.record_attempt(attempt(f"q{n}", response="x" * 200))
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 8 * page
    data[2 * page : len(data) - page] = os.urandom(len(data) - 3 * page)  # header page intact
    path.write_bytes(bytes(data))
    with pytest.warns(StoreRecoveredWarning, match="damaged"):
        store = ProgressStore(path)
    with store:
        assert store.recovery is not None
        assert store.recovery.moved_to is not None
        assert store.recovery.moved_to.read_bytes() == bytes(data)
        assert store.attempts().empty


def test_an_empty_file_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.touch()
    with ProgressStore(path) as store:
        assert store.recovery is None
        assert store.schema_version == SCHEMA_VERSION


def test_a_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');"
    )
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(
        StoreError,
        match=r"places\.sqlite is not a Service Improvement Lab progress store.*bookmarks",
    ):
        ProgressStore(path)
    assert path.read_bytes() == before
    assert raw(path, "PRAGMA journal_mode") == [("delete",)]  # not even switched to WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]


def test_another_application_id_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 1234")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match=r"other\.sqlite3 .*application_id 0x4d2"):
        ProgressStore(path)


def test_moving_aside_never_overwrites(tmp_path: Path) -> None:
    taken = tmp_path / "p.corrupt-x"
    taken.write_text("an earlier one")
    assert _free_name(taken) == tmp_path / "p.corrupt-x-1"
    source = tmp_path / "p"
    source.write_text("damaged")
    with pytest.raises(StoreError, match="already exists"):
        _move_no_overwrite(source, taken)
    assert taken.read_text() == "an earlier one"
    assert source.read_text() == "damaged"


# -- nothing lost: real processes ------------------------------------------------------------

KILLED_CHILD = """
import sys
from toolkit.quiz.model import Bank
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import ProgressStore

questions = [
    {"id": f"q{n}", "type": "true_false", "prompt": "True?", "answer": True,
     "explanation_true": "Yes.", "explanation_false": "No."}
    for n in range(5000)
]
bank = Bank.model_validate({"id": "big", "title": "Big", "lesson": "big", "questions": questions})
session = QuizSession(bank, store=ProgressStore(sys.argv[1]), learner="ada", course=[])
while session.current is not None:
    question = session.current
    session.answer(True)
    print(question.id, flush=True)  # printed only once the answer is committed
    session.next()
"""

WRITER_CHILD = """
import sys, time
from datetime import datetime, UTC
from pathlib import Path
from toolkit.quiz.store import AttemptRecord, ProgressStore

path, name, count, folder = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])

def wait_for(signal):
    while not (folder / signal).exists():
        time.sleep(0.001)

print("ready", flush=True)
wait_for("open")
store = ProgressStore(path)  # both open (create and migrate) the new file at once
print("opened", flush=True)
wait_for("write")
for n in range(count):
    store.record_attempt(AttemptRecord(
        learner="ada", bank_id="01-demo", question_id=f"q{n % 7}", response=f"{name}-{n}",
        credit=1.0, correct=n % 3 != 0, points=10, answered_at=datetime.now(UTC),
        session_id=name), badges=["five-in-a-row"])
    time.sleep(0.002)  # a person never answers back to back; it gives the other a turn
store.close()
print("done", flush=True)
"""


def run_child(tmp_path: Path, script: str, *args: str) -> subprocess.Popen[str]:
    program = tmp_path / f"child_{abs(hash(script))}.py"
    program.write_text(textwrap.dedent(script))
    return subprocess.Popen(
        [sys.executable, str(program), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_killed_session_keeps_every_committed_answer(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    child = run_child(tmp_path, KILLED_CHILD, str(path))
    assert child.stdout is not None
    acknowledged: list[str] = []
    deadline = time.monotonic() + 120
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    child.send_signal(signal.SIGKILL)  # mid-session, most likely mid-transaction
    rest, errors = child.communicate(timeout=60)
    acknowledged += rest.split()
    assert child.returncode == -signal.SIGKILL, errors
    assert len(acknowledged) >= 150, errors

    assert (tmp_path / "progress.sqlite3-wal").exists()  # killed: no clean checkpoint
    with ProgressStore(path) as store:
        frame = store.attempts("ada")
        saved = frame["question_id"].tolist()
        # Every acknowledged answer, in order, whole; at most one more that was committed
        # between its print and the kill.
        assert saved[: len(acknowledged)] == acknowledged
        assert len(saved) - len(acknowledged) in (0, 1)
        assert len(set(saved)) == len(saved)
        assert frame["correct"].all()
        assert len(store.boxes("ada")) == len(saved)
    assert raw(path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"  # does not exist yet: both create it
    children = [
        run_child(tmp_path, WRITER_CHILD, str(path), name, "200", str(tmp_path))
        for name in ("one", "two")
    ]

    def all_say(word: str) -> None:
        for child in children:
            assert child.stdout is not None
            assert child.stderr is not None
            if child.stdout.readline().strip() != word:
                child.kill()
                pytest.fail(f"a writer did not say {word!r}: {child.stderr.read()}")

    all_say("ready")  # both have imported everything
    (tmp_path / "open").touch()
    all_say("opened")
    (tmp_path / "write").touch()
    for child in children:
        out, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors
        assert out.strip() == "done"
    assert raw(path, "PRAGMA integrity_check") == [("ok",)]
    with ProgressStore(path) as store:
        frame = store.attempts()
        assert len(frame) == 400
        assert frame["id"].is_unique
        for name in ("one", "two"):
            mine = frame[frame["session_id"] == name]
            assert mine["response"].tolist() == [f"{name}-{n}" for n in range(200)]
        # The two really wrote at the same time: their answers interleave.
        one, two = (frame.loc[frame["session_id"] == name, "id"] for name in ("one", "two"))
        assert one.min() < two.max()
        assert two.min() < one.max()
        assert store.learners() == ["ada"]
        assert len(store.boxes("ada")) == 7
        assert [b.badge_id for b in store.badges("ada")] == ["five-in-a-row"]


RECOVERING_CHILD = """
import sys, time, warnings
from datetime import datetime, UTC
from pathlib import Path
from toolkit.quiz.store import AttemptRecord, ProgressStore

path, name, folder = sys.argv[1], sys.argv[2], Path(sys.argv[3])
print("ready", flush=True)
while not (folder / "open").exists():
    time.sleep(0.001)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    store = ProgressStore(path)
store.record_attempt(AttemptRecord(
    learner=name, bank_id="01-demo", question_id="q1", response="b", credit=1.0,
    correct=True, points=20, answered_at=datetime.now(UTC)))
moved = store.recovery.moved_to if store.recovery else None
store.close()
print(f"moved {moved}", flush=True)
"""


@pytest.mark.slow
def test_two_processes_recovering_one_corrupt_file_move_it_once(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    garbage = b"SQLite format 3\x00" + os.urandom(20_000)
    path.write_bytes(garbage)
    children = [
        run_child(tmp_path, RECOVERING_CHILD, str(path), name, str(tmp_path))
        for name in ("ada", "bob")
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    (tmp_path / "open").touch()
    reports = []
    for child in children:
        out, errors = child.communicate(timeout=300)
        assert child.returncode == 0, errors
        reports.append(out.strip())
    aside = sorted(tmp_path.glob("progress.sqlite3.corrupt-*"))
    assert [p.read_bytes() for p in aside if not p.name.endswith(("-wal", "-shm"))] == [garbage]
    assert sorted(r == "moved None" for r in reports) == [False, True]  # one moved it
    with ProgressStore(path) as store:
        assert store.learners() == ["ada", "bob"]  # both wrote to the one fresh store
