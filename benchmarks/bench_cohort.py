"""The trainer's cohort view at scale, and answer-to-commit on PostgreSQL beside SQLite.

1. The whole cohort report (progress per learner per lesson, item analysis, option picks,
   weekly scores and their XmR chart) and its terminal rendering for 500 learners x 11 lessons
   x 15 questions (82,500 answers). Goal: under 2 s. Baseline, same frame, same run: one
   pandas ``groupby`` mean of the credit per question (the least a facility index costs).
2. ``ProgressStore.record_attempt`` from call to commit on a real PostgreSQL server (started
   here with Debian's postgresql, fsync on) beside the same on an SQLite file: median and p99
   of 300 answers each, as ratios against SQLite. Without PostgreSQL that row says why.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.cli.cohort import render
from toolkit.quiz.cohort import (
    CohortReport,
    cohort_progress,
    item_analysis,
    option_picks,
    weekly_chart,
    weekly_scores,
)
from toolkit.quiz.store import AttemptRecord, ProgressStore
from toolkit.quiz.store.records import ATTEMPT_COLUMNS

LEARNERS, LESSONS, QUESTIONS = 500, 11, 15
ANSWERS = 300
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def cohort_frames(seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Attempts, completions and reviews due of a synthetic cohort."""
    rng = random.Random(seed)
    rows = []
    n = 0
    for learner in range(LEARNERS):
        ability = rng.random()
        for lesson in range(LESSONS):
            when = T0 + timedelta(weeks=lesson, hours=learner % 40)
            for question in range(QUESTIONS):
                n += 1
                right = rng.random() < 0.3 + 0.6 * ability
                rows.append(
                    (n, f"l{learner:03d}", f"{lesson:02d}-lesson", f"q{question}",
                     "b" if right else rng.choice("acd"), float(right), right, 10 * right, 0,
                     "practice", when, f"s{learner}-{lesson}", 1)
                )  # fmt: skip
    attempts = pd.DataFrame(rows, columns=list(ATTEMPT_COLUMNS)).astype(ATTEMPT_COLUMNS)
    completions = pd.DataFrame(
        {
            "learner": [f"l{i:03d}" for i in range(LEARNERS)],
            "bank_id": "00-lesson",
            "mode": "practice",
        }
    )
    due = pd.DataFrame({"learner": ["l000"], "bank_id": ["00-lesson"], "due": [3]})
    return attempts, completions, due


def _best(function: Any, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def _report(attempts: pd.DataFrame, completions: pd.DataFrame, due: pd.DataFrame) -> str:
    lessons = [f"{n:02d}-lesson" for n in range(LESSONS)]
    weekly = weekly_scores(attempts)
    report = CohortReport(
        progress=cohort_progress(attempts, completions, due, lessons=lessons),
        items=item_analysis(attempts),
        picks=option_picks(attempts),
        weekly=weekly,
        chart=weekly_chart(weekly),
    )
    return render(report)


def _commit_times(target: str) -> list[float]:
    samples = []
    with ProgressStore(target, user="bench") as store:
        for n in range(ANSWERS):
            record = AttemptRecord(
                learner="bench", bank_id="01-demo", question_id=f"q{n % 15}", response="b",
                credit=1.0, correct=True, points=10, answered_at=T0 + timedelta(seconds=n),
            )  # fmt: skip
            start = time.perf_counter()
            store.record_attempt(record)
            samples.append(time.perf_counter() - start)
    return samples


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def _commit_rows() -> list[dict[str, Any]]:
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from tests import postgres_server  # the same harness the tests use

    with tempfile.TemporaryDirectory() as folder:
        sqlite = _commit_times(str(Path(folder) / "bench.sqlite3"))
    reason = postgres_server.why_unavailable()
    if reason is not None:
        return [{"name": f"PostgreSQL answer-to-commit: not measured ({reason})"}]
    server = postgres_server.start()
    try:
        postgres = _commit_times(server.new_database("bench"))
    finally:
        postgres_server.stop(server)
    rows = []
    for label, measure in (("median", statistics.median), ("p99", _p99)):
        base, value = measure(sqlite), measure(postgres)
        rows.append(
            {
                "name": f"record_attempt on PostgreSQL, {label} ({ANSWERS})",
                "seconds": value,
                "baseline": "the same on SQLite",
                "baseline_seconds": base,
                "ratio": base / value,
            }
        )
    return rows


def run() -> list[dict[str, Any]]:
    """Time the cohort report and the PostgreSQL commit; return rows with ratios."""
    attempts, completions, due = cohort_frames()
    seconds = _best(lambda: _report(attempts, completions, due))
    baseline = _best(lambda: attempts.groupby(["bank_id", "question_id"])["credit"].mean())
    return [
        {
            "name": f"cohort report {LEARNERS}x{LESSONS}x{QUESTIONS} (82,500 answers)",
            "seconds": seconds,
            "baseline": "groupby mean per question",
            "baseline_seconds": baseline,
            "ratio": baseline / seconds,
            "target": "< 2 s",
        },
        *_commit_rows(),
    ]
