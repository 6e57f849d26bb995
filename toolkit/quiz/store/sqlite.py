"""The progress store: every answer a learner gives, kept in SQLite and never lost.

One file holds learners, attempts, Leitner boxes, badges and finished sessions. It is an
SQLite database (the standard library's ``sqlite3``) in WAL mode with ``synchronous=FULL``:
each answer is written in its own ``BEGIN IMMEDIATE`` transaction and is on disk when
:meth:`ProgressStore.record_attempt` returns, so a notebook that crashes or is killed keeps
every answer it recorded, and two notebooks writing at once wait their turn (a busy timeout)
instead of failing or corrupting the file.

The file says what it is and an older one is migrated (:mod:`toolkit.quiz.store.schema`);
a file that is not ours is never overwritten (:mod:`toolkit.quiz.store.recovery`):

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
import sqlite3
import tempfile
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Final, Literal

from toolkit.quiz.leitner import next_box, next_due
from toolkit.quiz.store.config import current_user, database_url, trainers
from toolkit.quiz.store.connection import BUSY_TIMEOUT_SECONDS, connect, set_wal
from toolkit.quiz.store.dialect import SQLITE, Connection, Dialect
from toolkit.quiz.store.paths import default_store_path
from toolkit.quiz.store.reading import ProgressReading, _iso
from toolkit.quiz.store.records import (
    AttemptRecord,
    Completion,
    StoreError,
    StoreRecoveredWarning,
    StoreWriteError,
    check_attempt,
)
from toolkit.quiz.store.recovery import (
    Damage,
    foreign_file,
    identity,
    is_damage,
    move_aside_if_still_damaged,
    not_sqlite,
    quick_check,
    salvage,
)
from toolkit.quiz.store.schema import classify, migrate, refuse
from toolkit.quiz.store.shared import Access, open_shared
from toolkit.safety.files import plain_reason

__all__ = ["ProgressStore"]


_ADD_LEARNER: Final = (
    "INSERT INTO learners (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"
)


class ProgressStore(ProgressReading):
    """A learner's progress on disk: attempts, Leitner boxes, badges and finished lessons.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The SQLite file (missing folders are created), or a cohort's shared database as a
        ``postgresql://`` URL (:mod:`toolkit.quiz.store.postgres`). Default: the URL in
        ``$SMLAB_DATABASE_URL`` or the config file (:mod:`toolkit.quiz.store.config`), else
        the file :func:`default_store_path`. ``":memory:"`` keeps everything in memory.
    on_corrupt : {"move", "raise"}, default "move"
        What to do with a damaged file: move it aside to ``<name>.corrupt-<timestamp>`` and
        start a fresh store (reported in :attr:`recovery` and as a
        :class:`StoreRecoveredWarning`), or raise :class:`StoreError` and touch nothing.
    user : str, optional
        On a shared database, who is using it (default: :func:`~toolkit.quiz.store.config.
        current_user`): they record only their own answers and read only their own progress,
        unless they are a trainer, who reads (and may record for) the whole cohort. A file
        or memory store has no such rules.

    Attributes
    ----------
    path : pathlib.Path or None
        The file (``None`` in memory or on a shared database).
    url : str or None
        The shared database's URL (``None`` for a file or memory).
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
        user: str | None = None,
    ) -> None:
        if on_corrupt not in ("move", "raise"):
            raise ValueError(f"on_corrupt must be 'move' or 'raise', not {on_corrupt!r}")
        self.recovery: StoreError | None = None
        self._lock = threading.RLock()
        self._dialect: Dialect = SQLITE
        self._access = Access.unrestricted()
        self.url: str | None = None
        self.path: Path | None = None
        if path is None:
            path = database_url()
        if isinstance(path, str) and path.startswith("sqlite:///"):
            path = path.removeprefix("sqlite:///")
        if isinstance(path, str) and "://" in path:
            self.url = path
            self._connection, self._dialect = open_shared(path)
            name = user or current_user()
            self._access = Access(name, name in trainers())
            try:
                self._initialise()
            except BaseException:
                self._connection.close()
                raise
            return
        if path is not None and str(path) == ":memory:":
            self._connection = connect(":memory:")
            self._initialise()
            return
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreWriteError(
                f"cannot create the folder for the progress store {self.path}: {exc}",
                what="your progress",
                path=self.path,
                where=str(self.path),
                reason=plain_reason(exc),
            ) from exc
        self._connection = self._open(on_corrupt)

    @classmethod
    def open(cls, target: str | Path | None = None, *, user: str | None = None) -> ProgressStore:
        """Open the store at a path or URL (see the class); the same as ``ProgressStore(target)``.

        Examples
        --------
        >>> ProgressStore.open(":memory:")
        ProgressStore(':memory:')
        """
        return cls(target, user=user)

    # -- opening -------------------------------------------------------------------------

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
        moved_to = move_aside_if_still_damaged(self.path, problem.identity)
        connection = self._try_open()
        if not isinstance(connection, sqlite3.Connection):
            raise StoreError(
                f"cannot create a fresh progress store at {self.path}: {connection.message}",
                path=self.path,
            )
        if moved_to is not None:
            kept = salvage(moved_to, connection)
            self.recovery = StoreError(
                f"{description}. It was kept as {moved_to} (nothing was deleted) and a fresh "
                f"store was started at {self.path}, with the {kept} row"
                f"{'s' if kept != 1 else ''} that could still be read.",
                path=self.path,
                moved_to=moved_to,
            )
            warnings.warn(str(self.recovery), StoreRecoveredWarning, stacklevel=3)
        return connection

    def _try_open(self) -> sqlite3.Connection | Damage:
        """Open, check and migrate the file; return the connection, or why it is damaged.

        Raises :class:`StoreError` for a foreign or newer file, which is never touched.
        """
        assert self.path is not None
        foreign = foreign_file(self.path)
        if foreign:
            raise StoreError(
                f"{self.path} is not a progress store: {foreign}. It was left untouched; "
                "move it, or name a new file for your progress (or none, for the default)",
                path=self.path,
            )
        found_file = identity(self.path)  # which file was found damaged, if it is
        damage = not_sqlite(self.path)
        if damage:
            return Damage(damage, found_file)
        try:
            connection = connect(str(self.path))
        except sqlite3.Error as exc:
            raise self._cannot_open(exc) from exc
        try:
            # Look before writing anything: a foreign database must not even be switched to
            # WAL. One read transaction gives one consistent snapshot.
            connection.execute("BEGIN")
            verdict, found = classify(connection)
            connection.execute("COMMIT")
            refuse(self.path, verdict, found)
            damage = quick_check(connection)
            if not damage:
                set_wal(connection)
                connection.execute("PRAGMA synchronous = FULL")
                connection.execute("PRAGMA foreign_keys = ON")
                self._connection = connection
                self._initialise()
        except StoreError:
            connection.close()
            raise
        except sqlite3.DatabaseError as exc:
            connection.close()
            if is_damage(exc):
                return Damage(str(exc), found_file)
            raise self._cannot_open(exc) from exc
        if damage:
            connection.close()
            return Damage(damage, found_file)
        return connection

    def _cannot_open(self, exc: BaseException) -> StoreWriteError:
        """The error for a store file that cannot be opened (a read-only folder...)."""
        assert self.path is not None
        reason = plain_reason(exc)
        try:  # SQLite only says "unable to open": try the folder for the OS's own reason
            with tempfile.TemporaryFile(dir=self.path.parent):
                pass
        except OSError as probe:
            reason = plain_reason(probe)
        return StoreWriteError(
            f"cannot open the progress store {self.path}: {exc}",
            what="your progress",
            path=self.path,
            where=str(self.path),
            reason=reason,
        )

    def _initialise(self) -> None:
        """Bring the schema up to date, in one write transaction (safe against races)."""
        with self._transaction() as connection:
            self._dialect.lock_schema(connection)
            verdict, found = classify(connection)
            refuse(self.path, verdict, found)
            migrate(connection)

    # -- plumbing ------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """One ``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any error."""
        with self._lock:
            connection = self._connection
            connection.execute(self._dialect.begin)
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    @contextlib.contextmanager
    def _errors(self, action: str, *, unsaved: str | None = None) -> Iterator[None]:
        """Turn SQLite errors into a :class:`StoreError` that says what failed and where.

        ``unsaved`` names what a failed write loses ("your answer"): the error is then a
        :class:`StoreWriteError` carrying it, the file and the reason in plain words.
        """
        try:
            yield
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"could not {action}: the progress store {self._where} stayed busy for "
                    f"{BUSY_TIMEOUT_SECONDS:g} s (another notebook is writing); try again",
                    path=self.path,
                ) from exc
            raise self._failed(action, exc, unsaved) from exc
        except (sqlite3.Error, *self._dialect.errors) as exc:  # type: ignore[misc]
            raise self._failed(action, exc, unsaved) from exc

    def _failed(self, action: str, exc: BaseException, unsaved: str | None) -> StoreError:
        message = f"could not {action} in {self._where}: {exc}"
        if unsaved is None:
            return StoreError(message, path=self.path)
        return StoreWriteError(
            message, what=unsaved, path=self.path, where=self._where, reason=plain_reason(exc)
        )

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
        with self._lock, self._errors("read the schema version"):
            return self._dialect.user_version(self._connection)

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
        check_attempt(attempt)
        self._access.check_write(attempt.learner, self._where)
        response = json.dumps(attempt.response, ensure_ascii=False, allow_nan=False)
        answered_at = _iso(attempt.answered_at)
        earned: list[str] = []
        with (
            self._errors("record the answer", unsaved="your answer"),
            self._transaction() as connection,
        ):
            self._dialect.lock_learner(connection, attempt.learner)
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
        self._access.check_write(completion.learner, self._where)
        earned: list[str] = []
        with (
            self._errors("record the finished session", unsaved="your finished session"),
            self._transaction() as connection,
        ):
            self._dialect.lock_learner(connection, completion.learner)
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


# -- helpers --------------------------------------------------------------------------------


def _insert_completion(connection: Connection, completion: Completion) -> None:
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
