"""``smlab cohort``: the trainer's view of a cohort in the terminal, or as CSV files.

Per learner per lesson: done, in progress or not started, points and reviews due; per
question: Moodle's facility and discrimination indices, the picks per option and the flags
that say a question needs mending; the cohort's weekly score. On a shared database only a
trainer sees the cohort (``trainers`` in the config file or ``$SMLAB_TRAINERS``); anyone else
sees their own rows.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from toolkit.course import LESSONS
from toolkit.quiz.cohort import CohortReport, cohort_report
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning
from toolkit.safety.spreadsheet import neutral_frame

__all__ = ["register", "run", "write_csv"]

_MARKS = {"done": "+", "in progress": "…", "not started": "·"}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``cohort`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "cohort",
        help="a trainer's view of the cohort: progress, item analysis, weekly scores",
        description=(
            "Show every learner's progress per lesson, the item analysis of each question "
            "(facility, discrimination, picks per option, flags) and the cohort's weekly "
            "scores; with --csv, write the tables to CSV files."
        ),
    )
    parser.add_argument(
        "--url", default=None, help="the database: a path or postgresql:// URL (default: yours)"
    )
    parser.add_argument(
        "--csv",
        default=None,
        metavar="FILE",
        help="write progress to FILE and the item analysis to FILE-questions.csv",
    )
    parser.add_argument("--lesson", default=None, metavar="L", help="only this lesson (its id)")
    parser.set_defaults(handler=run)


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` with every formula-like text cell neutralised.

    See :func:`toolkit.safety.spreadsheet.neutral_frame`.
    """
    neutral_frame(frame).to_csv(path, index=False)
    return path


def run(args: argparse.Namespace) -> int:
    """Print the cohort (or write it to CSV); return the exit status."""
    out, err = sys.stdout, sys.stderr
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StoreRecoveredWarning)
            store = ProgressStore(args.url)
        with store:
            lessons = [lesson.slug for lesson in LESSONS]
            if args.lesson is not None and args.lesson not in lessons:
                print(
                    f"smlab cohort: there is no lesson {args.lesson!r}; the lessons are "
                    f"{', '.join(lessons)}",
                    file=err,
                )
                return 1
            report = cohort_report(
                store, lessons=lessons, now=datetime.now(UTC), lesson=args.lesson
            )
    except (StoreError, OSError) as exc:
        print(f"smlab cohort: {exc}", file=err)
        return 1
    if args.csv:
        target = Path(args.csv)
        questions = target.with_name(f"{target.stem}-questions.csv")
        try:
            write_csv(report.progress, target)
            write_csv(report.items, questions)
        except OSError as exc:
            print(f"smlab cohort: cannot write {exc.filename}: {exc.strerror}", file=err)
            return 1
        print(f"Wrote {target} and {questions}", file=out)
        return 0
    print(render(report), file=out)
    return 0


def render(report: CohortReport) -> str:
    """The report as plain text for the terminal."""
    lines = [f"Cohort: {len(report.learners)} learner(s)"]
    if report.progress.empty:
        return lines[0] + "\nNo answers recorded yet."
    table = report.progress.pivot(index="learner", columns="lesson", values="status")
    lessons = list(dict.fromkeys(report.progress["lesson"]))
    lines.append("")
    lines.append("Progress (+ done, … in progress, · not started)")
    lines.append("  " + " ".join(f"{lesson[:2]:>2}" for lesson in lessons) + "  points  due")
    points = report.progress.groupby("learner")["points"].sum()
    due = report.progress.groupby("learner")["reviews_due"].sum()
    for learner in table.index:
        marks = " ".join(f"{_MARKS[str(table.loc[learner, lesson])]:>2}" for lesson in lessons)
        lines.append(f"  {marks}  {points[learner]:>6}  {due[learner]:>3}  {learner}")
    lines.append("")
    lines.append("Questions (facility and discrimination as in Moodle's quiz statistics)")
    lines.append(f"  {'question':<34} {'n':>4} {'facility':>8} {'discr.':>7}  flags")
    for row in report.items.to_dict("records"):
        name = f"{row['bank_id']}/{row['question_id']}"
        discrimination = "" if pd.isna(row["discrimination"]) else f"{row['discrimination']:.0f}"
        lines.append(
            f"  {name:<34} {row['attempts']:>4} {row['facility']:>8.0f} {discrimination:>7}  "
            f"{row['flags']}"
        )
    lines.append("")
    lines.append("Weekly score (mean credit of first tries, %)")
    for row in report.weekly.to_dict("records"):
        lines.append(f"  {row['week']:%Y-%m-%d}  {row['score']:5.1f}  ({row['answers']} answers)")
    return "\n".join(lines)
