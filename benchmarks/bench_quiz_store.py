"""Answer-to-commit latency of the progress store, against a plain SQLite INSERT.

Each answer is timed from the call until it is committed (on disk, ``synchronous=FULL`` in
WAL mode): first ``ProgressStore.record_attempt`` alone, then ``QuizSession.answer`` (grade,
score, badge checks and the store's transaction). The baseline, in the same run, is what an
application gets from ``sqlite3`` out of the box: one plain ``INSERT`` with autocommit into a
fresh database in the default rollback-journal mode. Target: under 5 ms median.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from toolkit.quiz.model import Bank
from toolkit.quiz.session import QuizSession
from toolkit.quiz.store import AttemptRecord, ProgressStore

ANSWERS = 1_000
REPEATS = 3


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed(setup: Callable[[Path], Callable[[int], None]]) -> list[float]:
    """Per-call seconds of ``ANSWERS`` calls, from the repeat with the best median."""
    best: list[float] | None = None
    for _ in range(REPEATS):
        with tempfile.TemporaryDirectory() as folder:
            step = setup(Path(folder))
            samples = []
            for n in range(ANSWERS):
                start = time.perf_counter()
                step(n)
                samples.append(time.perf_counter() - start)
        if best is None or statistics.median(samples) < statistics.median(best):
            best = samples
    assert best is not None
    return best


def _plain_insert(journal: str) -> Callable[[Path], Callable[[int], None]]:
    """A bare ``INSERT`` with autocommit, in ``journal`` mode (synchronous FULL, the default)."""

    def setup(folder: Path) -> Callable[[int], None]:
        return _insert_step(folder, journal)

    return setup


def _insert_step(folder: Path, journal: str) -> Callable[[int], None]:
    connection = sqlite3.connect(folder / "plain.sqlite3", isolation_level=None)
    connection.execute(f"PRAGMA journal_mode = {journal}")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY, learner TEXT, bank_id TEXT, "
        "question_id TEXT, response TEXT, credit REAL, correct INTEGER, points INTEGER, "
        "answered_at TEXT)"
    )

    def step(n: int) -> None:
        connection.execute(
            "INSERT INTO attempts (learner, bank_id, question_id, response, credit, correct, "
            "points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ("ada", "bench", f"q{n}", '"b"', 1.0, 1, 20, datetime.now(UTC).isoformat()),
        )

    return step


def _record(folder: Path) -> Callable[[int], None]:
    store = ProgressStore(folder / "progress.sqlite3")
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def step(n: int) -> None:
        store.record_attempt(
            AttemptRecord(
                learner="ada",
                bank_id="bench",
                question_id=f"q{n}",
                response="b",
                credit=1.0,
                correct=n % 4 != 0,
                points=20,
                answered_at=start + timedelta(seconds=n),
            ),
            badges=["five-in-a-row"] if n % 10 == 0 else (),
        )

    return step


def _bank() -> Bank:
    option = {"text": "Option", "explanation": "Because."}
    return Bank.model_validate(
        {
            "id": "bench",
            "title": "Benchmark",
            "lesson": "bench",
            "questions": [
                {
                    "id": f"q{n}",
                    "type": "single",
                    "prompt": f"Question {n}?",
                    "options": [
                        {"id": "a", **option},
                        {"id": "b", "correct": True, **option},
                        {"id": "c", **option},
                    ],
                }
                for n in range(ANSWERS)
            ],
        }
    )


def _session(folder: Path) -> Callable[[int], None]:
    session = QuizSession(
        _bank(),
        rng=random.Random(1),
        store=ProgressStore(folder / "progress.sqlite3"),
        learner="ada",
        course=[],
    )

    def step(n: int) -> None:
        session.answer("b" if n % 4 else "a")
        session.next()

    return step


def run() -> list[dict[str, Any]]:
    """Time each way of committing an answer; return median and p99 rows with ratios.

    A last row times a bare ``INSERT`` in WAL mode with ``synchronous=FULL``: the cost of the
    one ``fsync`` every durable commit pays on this disk, so the store's own overhead shows.
    """
    baseline = _timed(_plain_insert("DELETE"))
    base_median = statistics.median(baseline)
    base_p99 = _percentile(baseline, 0.99)
    rows: list[dict[str, Any]] = []
    for label, setup in (
        ("store.record_attempt", _record),
        ("QuizSession.answer (grade+record)", _session),
    ):
        samples = _timed(setup)
        median = statistics.median(samples)
        p99 = _percentile(samples, 0.99)
        rows.append(
            {
                "name": f"{label} median (1,000 answers)",
                "seconds": median,
                "baseline": "plain INSERT, rollback journal",
                "baseline_seconds": base_median,
                "ratio": base_median / median,
                "target": "< 5 ms",
            }
        )
        rows.append(
            {
                "name": f"{label} p99 (1,000 answers)",
                "seconds": p99,
                "baseline": "plain INSERT, rollback journal",
                "baseline_seconds": base_p99,
                "ratio": base_p99 / p99,
            }
        )
    floor = _timed(_plain_insert("WAL"))
    rows.append(
        {
            "name": "floor: bare INSERT, WAL + FULL, median",
            "seconds": statistics.median(floor),
            "baseline": "plain INSERT, rollback journal",
            "baseline_seconds": base_median,
            "ratio": base_median / statistics.median(floor),
            "note": "one fsync per commit; the store pays the same",
        }
    )
    return rows


if __name__ == "__main__":  # pragma: no cover - python benchmarks/bench_quiz_store.py
    for row in run():
        print(row)
