"""The progress store: every answer a learner gives, kept in SQLite and never lost.

One file holds learners, attempts, Leitner boxes, badges and finished sessions. It is an
SQLite database (the standard library's ``sqlite3``) in WAL mode with ``synchronous=FULL``:
each answer is written in its own ``BEGIN IMMEDIATE`` transaction and is on disk when
:meth:`ProgressStore.record_attempt` returns, so a notebook that crashes or is killed keeps
every answer it recorded, and two notebooks writing at once wait their turn (a busy timeout)
instead of failing or corrupting the file.

The file says what it is: ``PRAGMA application_id`` is :data:`APPLICATION_ID` and
``PRAGMA user_version`` is the schema version, which :data:`MIGRATIONS` bring up to
:data:`SCHEMA_VERSION` when an older file is opened. A file that is not ours is never
overwritten:

- a *corrupt* file (not an SQLite database, or one that fails ``PRAGMA quick_check``) is moved
  aside to ``<name>.corrupt-<UTC timestamp>`` (with its ``-wal`` and ``-shm`` companions), a
  fresh store is created in its place, and :attr:`ProgressStore.recovery` holds a
  :class:`StoreError` that names both paths (also issued as a :class:`StoreRecoveredWarning`).
  With ``on_corrupt="raise"`` the store refuses instead and touches nothing.
- a *foreign* SQLite database (another application id, or tables that are not ours) belongs to
  some other program, so it is never moved: the store refuses with a :class:`StoreError`.
- a file written by a *newer* version of the toolkit is refused, never downgraded.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Literal

import pandas as pd
import platformdirs

from toolkit.quiz.leitner import next_box, next_due

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AttemptRecord",
    "BoxState",
    "Completion",
    "EarnedBadge",
    "ProgressStore",
    "StoreError",
    "StoreRecoveredWarning",
    "default_store_path",
]

#: ``PRAGMA application_id`` of a progress store: the bytes ``SMLb``.
APPLICATION_ID: Final = 0x534D4C62
#: Environment variable naming the folder that holds the default store.
DATA_DIR_ENV: Final = "SMLAB_DATA_DIR"
#: The default store's file name.
STORE_FILE: Final = "progress.sqlite3"
#: Seconds a writer waits for another process's transaction before giving up.
BUSY_TIMEOUT_SECONDS: Final = 15.0
#: The modes an attempt may be recorded in.
MODES: Final = ("practice", "exam", "survey", "review")

_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
# SQLite result codes that mean "this file is damaged or not a database".
_SQLITE_CORRUPT: Final = 11
_SQLITE_NOTADB: Final = 26

_ADD_LEARNER: Final = (
    "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"
)

_V1: Final = """
CREATE TABLE learners (
    name        TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
    created_at  TEXT NOT NULL
);
CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    response     TEXT NOT NULL,
    credit       REAL NOT NULL CHECK (credit >= 0 AND credit <= 1),
    correct      INTEGER CHECK (correct IN (0, 1)),
    points       INTEGER NOT NULL CHECK (points >= 0),
    hints_used   INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
    mode         TEXT NOT NULL,
    answered_at  TEXT NOT NULL
);
CREATE INDEX attempts_by_question ON attempts (learner, bank_id, question_id);
CREATE TABLE boxes (
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    box          INTEGER NOT NULL CHECK (box BETWEEN 1 AND 5),
    due_at       TEXT NOT NULL,
    PRIMARY KEY (learner, bank_id, question_id)
);
CREATE TABLE badges (
    learner    TEXT NOT NULL REFERENCES learners(name),
    badge_id   TEXT NOT NULL,
    earned_at  TEXT NOT NULL,
    PRIMARY KEY (learner, badge_id)
);
"""

_V2: Final = """
ALTER TABLE attempts ADD COLUMN session_id TEXT;
ALTER TABLE attempts ADD COLUMN try INTEGER NOT NULL DEFAULT 1 CHECK (try >= 1);
CREATE INDEX attempts_by_session ON attempts (session_id);
CREATE TABLE completions (
    id           INTEGER PRIMARY KEY,
    learner      TEXT NOT NULL REFERENCES learners(name),
    bank_id      TEXT NOT NULL,
    session_id   TEXT NOT NULL,
    mode         TEXT NOT NULL,
    total        INTEGER NOT NULL,
    answered     INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    score        REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    points       INTEGER NOT NULL,
    max_points   INTEGER NOT NULL,
    finished_at  TEXT NOT NULL,
    UNIQUE (session_id, bank_id)
);
CREATE INDEX completions_by_learner ON completions (learner, bank_id);
"""


def _migrate_v1(connection: sqlite3.Connection) -> None:
    """v1: learners, attempts, Leitner boxes and badges."""
    _run_script(connection, _V1)


def _migrate_v2(connection: sqlite3.Connection) -> None:
    """v2: attempts know their session and try number; finished sessions are kept."""
    _run_script(connection, _V2)


#: The schema's history: ``MIGRATIONS[n]`` brings a version-``n`` file to version ``n + 1``.
#: Append a step to change the schema; never edit one that has shipped.
MIGRATIONS: Final[tuple[Callable[[sqlite3.Connection], None], ...]] = (
    _migrate_v1,
    _migrate_v2,
)
#: The schema version this code writes.
SCHEMA_VERSION: Final = len(MIGRATIONS)
#: The tables a store of the current version holds.
_OUR_TABLES: Final = frozenset({"learners", "attempts", "boxes", "badges", "completions"})


def _run_script(connection: sqlite3.Connection, script: str) -> None:
    """Run the statements of ``script`` one by one inside the caller's transaction.

    ``executescript`` would commit first, so the statements are split here; the schema scripts
    hold no ``;`` inside a statement.
    """
    for statement in script.split(";"):
        if statement.strip():
            connection.execute(statement)


class StoreError(RuntimeError):
    """The progress store cannot be used; the message names the file and what was found."""

    def __init__(self, message: str, *, path: Path | None = None, moved_to: Path | None = None):
        super().__init__(message)
        self.path = path
        self.moved_to = moved_to


class StoreRecoveredWarning(UserWarning):
    """A damaged store was moved aside and a fresh one created in its place."""


def default_store_path() -> Path:
    """Return where the progress store lives unless a path is given.

    Returns
    -------
    pathlib.Path
        ``$SMLAB_DATA_DIR/progress.sqlite3`` if that variable is set, else
        ``progress.sqlite3`` in the user's data folder for ``service-improvement-lab``
        (from ``platformdirs``).

    Examples
    --------
    >>> default_store_path().name
    'progress.sqlite3'
    """
    folder = os.environ.get(DATA_DIR_ENV)
    if folder:
        return Path(folder).expanduser() / STORE_FILE
    return Path(platformdirs.user_data_dir("service-improvement-lab", appauthor=False)) / STORE_FILE


def _utc(moment: datetime) -> datetime:
    """Return ``moment`` in UTC; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _iso(moment: datetime) -> str:
    """ISO 8601 text in UTC with microseconds, so that text order is time order."""
    return _utc(moment).isoformat(timespec="microseconds")


def _parse(text: str) -> datetime:
    return _utc(datetime.fromisoformat(text))


@dataclass(frozen=True, slots=True)
class AttemptRecord:
    """One answer, as the store keeps it.

    Attributes
    ----------
    learner, bank_id, question_id : str
        Who answered which question of which bank.
    response : object
        The response as plain Python data (kept as JSON).
    credit : float
        Share of the credit, 0 to 1.
    correct : bool or None
        ``None`` when nothing was graded (a poll, a survey).
    points : int
        Points earned by this answer (0 or more).
    hints_used : int
        Hints the learner had seen on this question when answering.
    mode : str
        ``"practice"``, ``"exam"``, ``"survey"`` or ``"review"``.
    answered_at : datetime
        When (a naive datetime is taken as UTC).
    session_id : str or None
        The session the answer belongs to.
    try_number : int
        1 for the first answer to the question in its session, 2 for the first retry, ...
    """

    learner: str
    bank_id: str
    question_id: str
    response: Any
    credit: float
    correct: bool | None
    points: int
    answered_at: datetime
    hints_used: int = 0
    mode: str = "practice"
    session_id: str | None = None
    try_number: int = 1

    @property
    def moves_box(self) -> bool:
        """Whether this answer moves the question's Leitner box.

        Only a graded first answer does: a retry right after reading the explanation proves
        little, and an ungraded answer (poll, survey) proves nothing.
        """
        return self.correct is not None and self.try_number == 1 and self.mode != "survey"


@dataclass(frozen=True, slots=True)
class Completion:
    """A finished session of one bank: every question answered."""

    learner: str
    bank_id: str
    session_id: str
    mode: str
    total: int
    answered: int
    correct: int
    score: float
    points: int
    max_points: int
    finished_at: datetime


@dataclass(frozen=True, slots=True)
class BoxState:
    """Where a question stands in a learner's Leitner boxes."""

    bank_id: str
    question_id: str
    box: int
    due_at: datetime


@dataclass(frozen=True, slots=True)
class EarnedBadge:
    """A badge a learner holds, and when it was earned."""

    badge_id: str
    earned_at: datetime


#: Columns of :meth:`ProgressStore.attempts`, in order, with their dtypes.
ATTEMPT_COLUMNS: Final[dict[str, str]] = {
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

_Verdict = Literal["fresh", "ours", "foreign", "newer"]


class ProgressStore:
    """A learner's progress on disk: attempts, Leitner boxes, badges and finished lessons.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The SQLite file; missing folders are created. Default: :func:`default_store_path`.
        ``":memory:"`` keeps everything in memory (for tests and demos).
    on_corrupt : {"move", "raise"}, default "move"
        What to do with a damaged file: move it aside to ``<name>.corrupt-<timestamp>`` and
        start a fresh store (reported in :attr:`recovery` and as a
        :class:`StoreRecoveredWarning`), or raise :class:`StoreError` and touch nothing.

    Attributes
    ----------
    path : pathlib.Path or None
        The file (``None`` in memory).
    recovery : StoreError or None
        Set when a damaged file was moved aside on opening: says what was found and where it
        went.

    Raises
    ------
    StoreError
        If the file is another program's database, comes from a newer version of the toolkit,
        is damaged and ``on_corrupt="raise"``, or cannot be opened at all.

    Examples
    --------
    >>> from datetime import datetime, UTC
    >>> with ProgressStore(":memory:") as store:
    ...     _ = store.record_attempt(AttemptRecord(
    ...         learner="ada", bank_id="demo", question_id="q1", response="b", credit=1.0,
    ...         correct=True, points=20, answered_at=datetime(2026, 1, 5, tzinfo=UTC)))
    ...     store.attempts()[["question_id", "correct", "points"]].to_dict("records")
    [{'question_id': 'q1', 'correct': True, 'points': 20}]
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        on_corrupt: Literal["move", "raise"] = "move",
    ) -> None:
        if on_corrupt not in ("move", "raise"):
            raise ValueError(f"on_corrupt must be 'move' or 'raise', not {on_corrupt!r}")
        self.recovery: StoreError | None = None
        self._lock = threading.RLock()
        if path is not None and str(path) == ":memory:":
            self.path: Path | None = None
            self._connection = self._connect(":memory:")
            self._initialise()
            return
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the progress store {self.path}: {exc}",
                path=self.path,
            ) from exc
        self._connection = self._open(on_corrupt)

    # -- opening -------------------------------------------------------------------------

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        connection = sqlite3.connect(
            target,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,  # autocommit: transactions are explicit BEGIN/COMMIT
            check_same_thread=False,  # guarded by self._lock
        )
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        return connection

    def _open(self, on_corrupt: Literal["move", "raise"]) -> sqlite3.Connection:
        assert self.path is not None
        problem = self._try_open()
        if isinstance(problem, sqlite3.Connection):
            return problem
        description = f"the progress store {self.path} is damaged: {problem.message}"
        if on_corrupt == "raise":
            raise StoreError(
                f"{description}. It was left untouched; move it elsewhere to start a fresh "
                "store, or open it with on_corrupt='move'.",
                path=self.path,
            )
        moved_to = self._move_aside_if_still_damaged(problem.identity)
        connection = self._try_open()
        if not isinstance(connection, sqlite3.Connection):
            raise StoreError(
                f"cannot create a fresh progress store at {self.path}: {connection.message}",
                path=self.path,
            )
        if moved_to is not None:
            self.recovery = StoreError(
                f"{description}. It was kept as {moved_to} (nothing was deleted) and a fresh "
                f"store was started at {self.path}.",
                path=self.path,
                moved_to=moved_to,
            )
            warnings.warn(str(self.recovery), StoreRecoveredWarning, stacklevel=3)
        return connection

    def _try_open(self) -> sqlite3.Connection | _Damage:
        """Open, check and migrate the file; return the connection, or why it is damaged.

        Raises :class:`StoreError` for a foreign or newer file, which is never touched.
        """
        assert self.path is not None
        identity = _identity(self.path)  # which file was found damaged, if it is
        damage = _not_sqlite(self.path)
        if damage:
            return _Damage(damage, identity)
        try:
            connection = self._connect(str(self.path))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the progress store {self.path}: {exc}") from exc
        try:
            # Look before writing anything: a foreign database must not even be switched to
            # WAL. One read transaction gives one consistent snapshot.
            connection.execute("BEGIN")
            verdict, found = _classify(connection)
            connection.execute("COMMIT")
            self._refuse(verdict, found)
            damage = _quick_check(connection)
            if not damage:
                _set_wal(connection)
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA foreign_keys = ON")
                self._connection = connection
                self._initialise()
        except StoreError:
            connection.close()
            raise
        except sqlite3.DatabaseError as exc:
            connection.close()
            if _is_damage(exc):
                return _Damage(str(exc), identity)
            raise StoreError(f"cannot open the progress store {self.path}: {exc}") from exc
        if damage:
            connection.close()
            return _Damage(damage, identity)
        return connection

    def _refuse(self, verdict: _Verdict, found: str) -> None:
        if verdict == "foreign":
            raise StoreError(
                f"{self.path} is not a Service Improvement Lab progress store: it is an SQLite "
                f"database with {found}. It belongs to something else, so it was left "
                "untouched; give another path (or set SMLAB_DATA_DIR).",
                path=self.path,
            )
        if verdict == "newer":
            raise StoreError(
                f"the progress store {self.path} has schema version {found}, newer than this "
                f"toolkit's {SCHEMA_VERSION}; upgrade service-improvement-lab to use it (the "
                "file was left untouched).",
                path=self.path,
            )

    def _initialise(self) -> None:
        """Bring the schema up to date, in one write transaction (safe against races)."""
        with self._transaction() as connection:
            verdict, found = _classify(connection)
            self._refuse(verdict, found)
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            for step in MIGRATIONS[version:]:
                step(connection)
            if version < SCHEMA_VERSION:
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _move_aside_if_still_damaged(self, identity: tuple[int, int] | None) -> Path | None:
        """Move the damaged file (and its WAL companions) aside; return where it went.

        Another process may be recovering the same file: under an exclusive lock the file is
        checked again (the very file found damaged, and still damaged), so a fresh store
        someone else just created is never moved.
        """
        assert self.path is not None
        with _exclusive_lock(self.path.with_name(self.path.name + ".lock")):
            if identity is None or _identity(self.path) != identity:
                return None
            if _still_damaged(self.path) is None:
                return None
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = _free_name(self.path.with_name(f"{self.path.name}.corrupt-{stamp}"))
            for suffix in ("-wal", "-shm"):
                companion = self.path.with_name(self.path.name + suffix)
                if companion.exists():
                    _move_no_overwrite(companion, target.with_name(target.name + suffix))
            _move_no_overwrite(self.path, target)
            return target

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any error."""
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn SQLite errors into a :class:`StoreError` that says what failed and where."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"could not {action}: the progress store {self._where} stayed busy for "
                    f"{BUSY_TIMEOUT_SECONDS:g} s (another notebook is writing); try again",
                    path=self.path,
                ) from exc
            raise StoreError(f"could not {action} in {self._where}: {exc}", path=self.path) from exc
        except sqlite3.Error as exc:
            raise StoreError(f"could not {action} in {self._where}: {exc}", path=self.path) from exc

    @property
    def _where(self) -> str:
        return str(self.path) if self.path is not None else ":memory:"

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors("read progress"):
            return self._connection.execute(sql, tuple(parameters)).fetchall()

    def close(self) -> None:
        """Close the file. Everything recorded is already on disk."""
        with self._lock:
            self._connection.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProgressStore({self._where!r})"

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (``PRAGMA user_version``)."""
        return int(self._query("PRAGMA user_version")[0][0])

    # -- writing -------------------------------------------------------------------------

    def record_attempt(
        self,
        attempt: AttemptRecord,
        *,
        badges: Iterable[str] = (),
        completion: Completion | None = None,
    ) -> list[str]:
        """Record one answer, in one transaction, and return the badges newly earned.

        The same transaction adds the learner if new, moves the question's Leitner box (a
        graded first answer only, see :attr:`AttemptRecord.moves_box`), awards ``badges`` the
        learner does not hold yet and, if the answer finished the session, records
        ``completion``. When this returns, all of it is on disk; if anything fails, none of
        it is written.

        Parameters
        ----------
        attempt : AttemptRecord
            The answer.
        badges : iterable of str, optional
            Ids of badges this answer earns.
        completion : Completion, optional
            The finished session, when this answer was the last one missing.

        Returns
        -------
        list of str
            The ids in ``badges`` the learner did not hold before.

        Raises
        ------
        ValueError
            If the attempt is impossible (empty learner, credit outside 0..1, negative
            points, unknown mode, a response that is not JSON data).
        StoreError
            If the file cannot be written (busy for too long, damaged, read-only).
        """
        _check_attempt(attempt)
        response = json.dumps(attempt.response, ensure_ascii=False, allow_nan=False)
        answered_at = _iso(attempt.answered_at)
        earned: list[str] = []
        with self._errors("record the answer"), self._transaction() as connection:
            connection.execute(
                _ADD_LEARNER,
                (attempt.learner, answered_at),
            )
            connection.execute(
                "INSERT INTO attempts (learner, bank_id, question_id, response, credit, "
                "correct, points, hints_used, mode, answered_at, session_id, try) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.learner,
                    attempt.bank_id,
                    attempt.question_id,
                    response,
                    float(attempt.credit),
                    None if attempt.correct is None else int(attempt.correct),
                    int(attempt.points),
                    int(attempt.hints_used),
                    attempt.mode,
                    answered_at,
                    attempt.session_id,
                    int(attempt.try_number),
                ),
            )
            if attempt.moves_box:
                key = (attempt.learner, attempt.bank_id, attempt.question_id)
                row = connection.execute(
                    "SELECT box FROM boxes WHERE learner = ? AND bank_id = ? AND question_id = ?",
                    key,
                ).fetchone()
                box = next_box(None if row is None else int(row[0]), bool(attempt.correct))
                connection.execute(
                    "INSERT INTO boxes (learner, bank_id, question_id, box, due_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (learner, bank_id, question_id) "
                    "DO UPDATE SET box = excluded.box, due_at = excluded.due_at",
                    (*key, box, _iso(next_due(box, attempt.answered_at))),
                )
            for badge_id in dict.fromkeys(badges):
                cursor = connection.execute(
                    "INSERT INTO badges (learner, badge_id, earned_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (learner, badge_id) DO NOTHING",
                    (attempt.learner, badge_id, answered_at),
                )
                if cursor.rowcount == 1:
                    earned.append(badge_id)
            if completion is not None:
                _insert_completion(connection, completion)
        return earned

    def record_completion(self, completion: Completion, *, badges: Iterable[str] = ()) -> list[str]:
        """Record a finished session on its own (one transaction); return new badge ids."""
        earned: list[str] = []
        with self._errors("record the finished session"), self._transaction() as connection:
            connection.execute(
                _ADD_LEARNER,
                (completion.learner, _iso(completion.finished_at)),
            )
            _insert_completion(connection, completion)
            for badge_id in dict.fromkeys(badges):
                cursor = connection.execute(
                    "INSERT INTO badges (learner, badge_id, earned_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (learner, badge_id) DO NOTHING",
                    (completion.learner, badge_id, _iso(completion.finished_at)),
                )
                if cursor.rowcount == 1:
                    earned.append(badge_id)
        return earned

    # -- reading -------------------------------------------------------------------------

    def learners(self) -> list[str]:
        """Names of every learner in the store, sorted."""
        return [row[0] for row in self._query("SELECT name FROM learners ORDER BY name")]

    def attempts(self, learner: str | None = None) -> pd.DataFrame:
        """Every recorded answer (of one learner, or of all), oldest first.

        Parameters
        ----------
        learner : str, optional
            Only this learner's answers.

        Returns
        -------
        pandas.DataFrame
            One row per answer with the columns of :data:`ATTEMPT_COLUMNS`: ``response`` is
            the decoded Python data, ``correct`` a nullable boolean (missing for ungraded
            answers), ``answered_at`` a UTC datetime.
        """
        sql = f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts"
        parameters: tuple[str, ...] = ()
        if learner is not None:
            sql += " WHERE learner = ?"
            parameters = (learner,)
        rows = self._query(sql + " ORDER BY id", parameters)
        frame = pd.DataFrame.from_records(rows, columns=list(ATTEMPT_COLUMNS))
        frame["response"] = pd.Series(
            [json.loads(text) for text in frame["response"]], index=frame.index, dtype="object"
        )
        frame["answered_at"] = pd.to_datetime(frame["answered_at"], utc=True, format="ISO8601")
        frame["correct"] = frame["correct"].astype("Float64").astype("boolean")
        return frame.astype(ATTEMPT_COLUMNS)

    def export_csv(self, path: str | Path, learner: str | None = None) -> Path:
        """Write the attempts (as :meth:`attempts` returns them) to a CSV file.

        The response is written as JSON text and times in ISO 8601 UTC.

        Parameters
        ----------
        path : str or pathlib.Path
            The CSV file to write (replaced if it exists).
        learner : str, optional
            Only this learner's answers.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        frame = self.attempts(learner)
        frame["response"] = [json.dumps(value, ensure_ascii=False) for value in frame["response"]]
        target = Path(path)
        frame.to_csv(target, index=False, date_format="%Y-%m-%dT%H:%M:%S.%fZ")
        return target

    def streak(self, learner: str) -> int:
        """Consecutive right first answers, most recent first (ungraded answers are skipped)."""
        count = 0
        with self._lock, self._errors("read the streak"):
            cursor = self._connection.execute(
                "SELECT correct FROM attempts WHERE learner = ? AND correct IS NOT NULL "
                "AND try = 1 ORDER BY id DESC",
                (learner,),
            )
            for (correct,) in cursor:
                if not correct:
                    break
                count += 1
            cursor.close()
        return count

    def total_points(self, learner: str) -> int:
        """Points the learner has earned, over every session."""
        return int(
            self._query(
                "SELECT COALESCE(SUM(points), 0) FROM attempts WHERE learner = ?", [learner]
            )[0][0]
        )

    def was_wrong(self, learner: str, bank_id: str, question_id: str) -> bool:
        """Whether the learner ever answered this question wrong (or only partly right)."""
        rows = self._query(
            "SELECT 1 FROM attempts WHERE learner = ? AND bank_id = ? AND question_id = ? "
            "AND correct = 0 LIMIT 1",
            [learner, bank_id, question_id],
        )
        return bool(rows)

    def boxes(self, learner: str, bank_id: str | None = None) -> list[BoxState]:
        """The learner's Leitner boxes (of one bank, or all), by bank and question."""
        sql = "SELECT bank_id, question_id, box, due_at FROM boxes WHERE learner = ?"
        parameters = [learner]
        if bank_id is not None:
            sql += " AND bank_id = ?"
            parameters.append(bank_id)
        rows = self._query(sql + " ORDER BY bank_id, question_id", parameters)
        return [
            BoxState(bank, question, int(box), _parse(due)) for bank, question, box, due in rows
        ]

    def due_reviews(self, learner: str, now: datetime) -> list[BoxState]:
        """Questions due for review at ``now``, across every bank, most overdue first."""
        rows = self._query(
            "SELECT bank_id, question_id, box, due_at FROM boxes WHERE learner = ? "
            "AND due_at <= ? ORDER BY due_at, bank_id, question_id",
            [learner, _iso(now)],
        )
        return [
            BoxState(bank, question, int(box), _parse(due)) for bank, question, box, due in rows
        ]

    def next_review_at(self, learner: str) -> datetime | None:
        """When the learner's next question falls due (``None`` when no box exists)."""
        rows = self._query("SELECT MIN(due_at) FROM boxes WHERE learner = ?", [learner])
        return None if rows[0][0] is None else _parse(rows[0][0])

    def badges(self, learner: str) -> list[EarnedBadge]:
        """The badges the learner holds, in the order earned."""
        rows = self._query(
            "SELECT badge_id, earned_at FROM badges WHERE learner = ? ORDER BY earned_at, badge_id",
            [learner],
        )
        return [EarnedBadge(badge_id, _parse(earned)) for badge_id, earned in rows]

    def completions(self, learner: str | None = None) -> pd.DataFrame:
        """Finished sessions (every question answered), oldest first.

        Returns
        -------
        pandas.DataFrame
            Columns ``learner, bank_id, session_id, mode, total, answered, correct, score,
            points, max_points, finished_at`` (a UTC datetime).
        """
        columns = [
            "learner",
            "bank_id",
            "session_id",
            "mode",
            "total",
            "answered",
            "correct",
            "score",
            "points",
            "max_points",
            "finished_at",
        ]
        sql = f"SELECT {', '.join(columns)} FROM completions"
        parameters: list[str] = []
        if learner is not None:
            sql += " WHERE learner = ?"
            parameters.append(learner)
        frame = pd.DataFrame.from_records(
            self._query(sql + " ORDER BY id", parameters), columns=columns
        )
        frame["finished_at"] = pd.to_datetime(frame["finished_at"], utc=True, format="ISO8601")
        return frame.astype(
            {
                "learner": "string",
                "bank_id": "string",
                "session_id": "string",
                "mode": "string",
                "total": "int64",
                "answered": "int64",
                "correct": "int64",
                "score": "float64",
                "points": "int64",
                "max_points": "int64",
                "finished_at": "datetime64[us, UTC]",
            }
        )

    def completed_banks(self, learner: str) -> set[str]:
        """Ids of the banks the learner has finished at least once (reviews excluded)."""
        rows = self._query(
            "SELECT DISTINCT bank_id FROM completions WHERE learner = ? AND mode != 'review'",
            [learner],
        )
        return {row[0] for row in rows}


# -- helpers --------------------------------------------------------------------------------


def _check_attempt(attempt: AttemptRecord) -> None:
    if not attempt.learner or not attempt.learner.strip():
        raise ValueError("learner must be a non-empty name")
    if not attempt.bank_id or not attempt.question_id:
        raise ValueError("bank_id and question_id must be non-empty")
    if not (math.isfinite(attempt.credit) and 0 <= attempt.credit <= 1):
        raise ValueError(f"credit must be between 0 and 1, not {attempt.credit!r}")
    if attempt.points < 0:
        raise ValueError(f"points must be 0 or more, not {attempt.points!r}")
    if attempt.hints_used < 0:
        raise ValueError(f"hints_used must be 0 or more, not {attempt.hints_used!r}")
    if attempt.try_number < 1:
        raise ValueError(f"try_number must be 1 or more, not {attempt.try_number!r}")
    if attempt.mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {attempt.mode!r}")
    try:
        json.dumps(attempt.response, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the response must be plain JSON data: {exc}") from exc


def _insert_completion(connection: sqlite3.Connection, completion: Completion) -> None:
    connection.execute(
        "INSERT INTO completions (learner, bank_id, session_id, mode, total, answered, "
        "correct, score, points, max_points, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (session_id, bank_id) DO NOTHING",
        (
            completion.learner,
            completion.bank_id,
            completion.session_id,
            completion.mode,
            completion.total,
            completion.answered,
            completion.correct,
            min(1.0, max(0.0, float(completion.score))),
            completion.points,
            completion.max_points,
            _iso(completion.finished_at),
        ),
    )


@dataclass(frozen=True, slots=True)
class _Damage:
    """Why a file is damaged, and which file it was (device, inode)."""

    message: str
    identity: tuple[int, int] | None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_dev, status.st_ino)


def _not_sqlite(path: Path) -> str | None:
    """Say why ``path`` is not an SQLite file, or ``None`` (also for a missing/empty file)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the progress store {path}: {exc}", path=path) from exc
    if not header:
        return None
    if not header.startswith(_SQLITE_MAGIC):
        return f"it is not an SQLite database (it starts with the bytes {header[:16]!r})"
    if len(header) < 100:
        return f"it is an SQLite file cut short ({len(header)} bytes)"
    return None


def _classify(connection: sqlite3.Connection) -> tuple[_Verdict, str]:
    """Tell a fresh, own, foreign or newer database apart; say what was found."""
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = sorted(
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite_%'"
        )
    )
    if application_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            return "newer", str(version)
        return "ours", ""
    if application_id != 0:
        return "foreign", f"application_id {application_id:#x} (ours is {APPLICATION_ID:#x})"
    if tables:
        shown = ", ".join(tables[:8]) + (", ..." if len(tables) > 8 else "")
        return "foreign", f"the tables {shown} and no application_id"
    return "fresh", ""


def _set_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for a concurrent opener if the file is briefly locked."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _quick_check(connection: sqlite3.Connection) -> str | None:
    rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    if rows == ["ok"]:
        return None
    return "PRAGMA quick_check found: " + "; ".join(str(row) for row in rows[:5])


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def _still_damaged(path: Path) -> str | None:
    """Check again, under the recovery lock, whether ``path`` is damaged."""
    damage = _not_sqlite(path)
    if damage:
        return damage
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error:  # pragma: no cover - connect itself reads nothing
        return None
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        return _quick_check(connection)
    except sqlite3.DatabaseError as exc:
        return str(exc) if _is_damage(exc) else None
    finally:
        connection.close()


def _free_name(candidate: Path) -> Path:
    """``candidate``, or ``candidate-1``, ``-2``... whichever does not exist yet."""
    if not candidate.exists():
        return candidate
    number = 1
    while True:
        numbered = candidate.with_name(f"{candidate.name}-{number}")
        if not numbered.exists():
            return numbered
        number += 1


def _move_no_overwrite(source: Path, target: Path) -> None:
    """Move ``source`` to ``target``, failing rather than replacing an existing file."""
    try:
        os.link(source, target)  # fails if target exists: never overwrites
    except FileExistsError as exc:
        raise StoreError(f"cannot move {source} aside: {target} already exists") from exc
    except OSError:
        if target.exists():  # pragma: no cover - a file system without hard links
            raise StoreError(f"cannot move {source} aside: {target} already exists") from None
        os.rename(source, target)  # pragma: no cover
        return  # pragma: no cover
    os.unlink(source)


@contextlib.contextmanager
def _exclusive_lock(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``lock_path`` (POSIX; best effort elsewhere)."""
    if sys.platform == "win32":  # pragma: no cover - no fcntl; recovery races are unguarded
        yield
        return
    import fcntl

    with lock_path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
