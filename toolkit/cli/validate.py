"""``smlab validate``: check question banks and print every problem with its line."""

from __future__ import annotations

import argparse
import sys

from toolkit.quiz.validate import validate_paths
from toolkit.safety.terminal import for_terminal


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "validate",
        help="check question banks (default: every shipped bank)",
        description=(
            "Check question banks against quizzes/FORMAT.md and print every problem as "
            "file:line: question-id: message. Exit status 1 if any bank has an error."
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="bank files or folders of banks (default: the course's quizzes/ folder)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the banks named in ``args.paths``; print problems, then a one-line summary."""
    report = validate_paths(args.paths or None)
    for problem in report.problems:
        print(for_terminal(problem))
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1
