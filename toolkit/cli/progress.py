"""``smlab progress``: your progress in the terminal, or every answer exported to CSV."""

from __future__ import annotations

import argparse
import sys
import warnings
from datetime import UTC, datetime

from toolkit.quiz.progress import lesson_progress
from toolkit.quiz.review import load_course
from toolkit.quiz.scoring import BADGES, level_for
from toolkit.quiz.session import default_learner
from toolkit.quiz.store import ProgressStore, StoreError, StoreRecoveredWarning

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``progress`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "progress",
        help="show your quiz progress, or export every answer to CSV",
        description=(
            "Show your level, points, streak, each lesson's quiz, your badges and the reviews "
            "due; with --export, write every recorded answer to a CSV file."
        ),
    )
    parser.add_argument("--learner", default=None, help="whose progress (default: you)")
    parser.add_argument(
        "--export", default=None, metavar="CSV", help="write the answers to this CSV file"
    )
    parser.add_argument("--all", action="store_true", help="with --export: every learner's answers")
    parser.add_argument(
        "--force", action="store_true", help="with --export: replace the CSV if it exists"
    )
    parser.add_argument("--store", default=None, metavar="PATH", help="progress file")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the learner's progress (or export it); return the exit status."""
    out, err = sys.stdout, sys.stderr
    learner = args.learner or default_learner()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", StoreRecoveredWarning)
            store = ProgressStore(args.store)
    except (StoreError, OSError) as exc:
        print(f"smlab progress: {exc}", file=err)
        return 1
    with store:
        if store.recovery is not None:
            print(f"Note: {store.recovery}", file=err)
        if args.export:
            try:
                path = store.export_csv(
                    args.export, learner=None if args.all else learner, force=args.force
                )
            except OSError as exc:
                print(f"smlab progress: {exc}", file=err)
                return 1
            count = len(store.attempts(None if args.all else learner))
            print(f"Wrote {count} answer{'s' if count != 1 else ''} to {path}", file=out)
            return 0
        points = store.total_points(learner)
        level = level_for(points)
        next_at = f", {level.next_at - points} to the next" if level.next_at else ""
        print(f"Progress of {learner}", file=out)
        print(
            f"{level} · {points} points{next_at} · streak {store.streak(learner)}",
            file=out,
        )
        banks, _problems = load_course()
        frame = lesson_progress(store, learner, banks)
        for row in frame.to_dict("records"):
            done = "done      " if row["done"] else "not yet   "
            best = (
                "" if row["best_score"] != row["best_score"] else f" best {row['best_score']:.0%}"
            )
            print(
                f"  {done} {row['bank_id']}: mastered {row['mastered']} of "
                f"{row['questions']}{best}",
                file=out,
            )
        held = {badge.badge_id for badge in store.badges(learner)}
        names = [BADGES[b].name for b in BADGES if b in held]  # words, no emoji
        print(f"Badges ({len(names)} of {len(BADGES)}): {', '.join(names) or 'none yet'}", file=out)
        due = store.due_reviews(learner, datetime.now(UTC))
        print(f"Due for review: {len(due)} (smlab quiz --review)", file=out)
    return 0
