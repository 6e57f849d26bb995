"""The progress store's read side: answers, boxes, badges and finished sessions as data.

:class:`ProgressReading` holds every query :class:`~toolkit.quiz.store.ProgressStore` answers
(it is its base class; the connection, the lock and the access rules are the store's), and
the UTC time helpers both sides share.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.quiz.store.dialect import Connection
from toolkit.quiz.store.records import (
    ATTEMPT_COLUMNS,
    COMPLETION_COLUMNS,
    BoxState,
    EarnedBadge,
)
from toolkit.quiz.store.shared import Access, where
from toolkit.safety.files import write_atomically
from toolkit.safety.spreadsheet import neutral_frame

__all__ = ["ProgressReading"]


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


class ProgressReading:
    """The queries of :class:`~toolkit.quiz.store.ProgressStore` (its base class)."""

    path: Path | None
    url: str | None
    _access: Access
    _connection: Connection
    _lock: threading.RLock

    def _errors(
        self, action: str, *, unsaved: str | None = None
    ) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError  # pragma: no cover - the store defines it

    @property
    def _where(self) -> str:
        return where(self.path, self.url)

    def _query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock, self._errors("read progress"):
            rows: list[tuple[Any, ...]] = self._connection.execute(
                sql, tuple(parameters)
            ).fetchall()
            return rows

    # -- reading -------------------------------------------------------------------------

    def learners(self) -> list[str]:
        """Names of every learner in the store, sorted."""
        names = [row[0] for row in self._query("SELECT name FROM learners ORDER BY name")]
        return self._access.visible(names)

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
        learner = self._access.reader(learner, self._where)
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

    def export_csv(
        self, path: str | Path, learner: str | None = None, *, force: bool = True
    ) -> Path:
        """Write the attempts (as :meth:`attempts` returns them) to a CSV file.

        The response is written as JSON text and times in ISO 8601 UTC. Every text cell
        that a spreadsheet would run as a formula (a learner named ``=HYPERLINK(...)``)
        is written with ``'`` in front (``toolkit.safety.spreadsheet``); the file is
        written through a temporary file renamed into place, never through a symlink.

        Parameters
        ----------
        path : str or pathlib.Path
            The CSV file to write.
        learner : str, optional
            Only this learner's answers.
        force : bool, default True
            Replace an existing file (or symlink); False refuses it (``smlab progress
            --export`` without ``--force``).

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        FileExistsError
            If ``path`` exists (or is a symlink) and ``force`` is False.
        IsADirectoryError
            If ``path`` is a folder.
        """
        frame = self.attempts(learner)
        frame["response"] = [json.dumps(value, ensure_ascii=False) for value in frame["response"]]
        frame = neutral_frame(frame)

        def _write(target: Path) -> None:
            frame.to_csv(target, index=False, date_format="%Y-%m-%dT%H:%M:%S.%fZ")

        return write_atomically(path, _write, force=force, what="the progress export")

    def streak(self, learner: str) -> int:
        """Consecutive right first answers, most recent first (ungraded answers are skipped)."""
        self._access.reader(learner, self._where)
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
        self._access.reader(learner, self._where)
        return int(
            self._query(
                "SELECT COALESCE(SUM(points), 0) FROM attempts WHERE learner = ?", [learner]
            )[0][0]
        )

    def was_wrong(self, learner: str, bank_id: str, question_id: str) -> bool:
        """Whether the learner ever answered this question wrong (or only partly right)."""
        self._access.reader(learner, self._where)
        rows = self._query(
            "SELECT 1 FROM attempts WHERE learner = ? AND bank_id = ? AND question_id = ? "
            "AND correct = 0 LIMIT 1",
            [learner, bank_id, question_id],
        )
        return bool(rows)

    def boxes(self, learner: str, bank_id: str | None = None) -> list[BoxState]:
        """The learner's Leitner boxes (of one bank, or all), by bank and question."""
        self._access.reader(learner, self._where)
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
        self._access.reader(learner, self._where)
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
        self._access.reader(learner, self._where)
        rows = self._query("SELECT MIN(due_at) FROM boxes WHERE learner = ?", [learner])
        return None if rows[0][0] is None else _parse(rows[0][0])

    def badges(self, learner: str) -> list[EarnedBadge]:
        """The badges the learner holds, in the order earned."""
        self._access.reader(learner, self._where)
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
        learner = self._access.reader(learner, self._where)
        sql = f"SELECT {', '.join(COMPLETION_COLUMNS)} FROM completions"
        parameters: list[str] = []
        if learner is not None:
            sql += " WHERE learner = ?"
            parameters.append(learner)
        frame = pd.DataFrame.from_records(
            self._query(sql + " ORDER BY id", parameters), columns=list(COMPLETION_COLUMNS)
        )
        frame["finished_at"] = pd.to_datetime(frame["finished_at"], utc=True, format="ISO8601")
        return frame.astype(COMPLETION_COLUMNS)

    def completed_banks(self, learner: str) -> set[str]:
        """Ids of the banks the learner has finished at least once (reviews excluded)."""
        self._access.reader(learner, self._where)
        rows = self._query(
            "SELECT DISTINCT bank_id FROM completions WHERE learner = ? AND mode != 'review'",
            [learner],
        )
        return {row[0] for row in rows}
