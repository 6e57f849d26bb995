"""``smlab``: the course's command line, a thin shell over the toolkit.

Each command lives in a small module with a ``register(subparsers)`` function that adds its
parser and sets ``handler``; this module only wires them together, so adding a command never
means editing another's code. A command's module is imported only when that command runs, so
``smlab --help`` answers at once instead of loading pandas, matplotlib and the quiz engine.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from toolkit._version import __version__
from toolkit.safety.terminal import for_terminal, guarded_output


class Command(NamedTuple):
    """A ``smlab`` command: its name, the module that registers it, and its line of help."""

    name: str
    module: str
    help: str


#: The commands, in the order ``smlab --help`` lists them. ``help`` repeats the line each
#: module registers (a test keeps the two equal), so listing commands imports none of them.
COMMANDS: tuple[Command, ...] = (
    Command("lab", "toolkit.cli.lab", "open the course in JupyterLab (or Voila with --voila)"),
    Command(
        "quiz",
        "toolkit.cli.quiz",
        "take a lesson's quiz in the terminal (or --review what is due)",
    ),
    Command(
        "progress",
        "toolkit.cli.progress",
        "show your quiz progress, or export every answer to CSV",
    ),
    Command(
        "cohort",
        "toolkit.cli.cohort",
        "a trainer's view of the cohort: progress, item analysis, weekly scores",
    ),
    Command(
        "validate",
        "toolkit.cli.validate",
        "check question banks (default: every shipped bank)",
    ),
    Command(
        "convert",
        "toolkit.cli.convert",
        "convert a question bank: YAML, Moodle GIFT/XML, Kahoot xlsx, CSV",
    ),
    Command(
        "export",
        "toolkit.cli.export",
        "slides, handouts, a quiz page and quick reference cards that work offline",
    ),
    Command(
        "room",
        "toolkit.cli.room",
        "run a live quiz room: players answer on their phones, the projector shows it",
    ),
    Command(
        "datasets",
        "toolkit.cli.datasets",
        "make seeded service data of any size, or list the shipped tables",
    ),
    Command(
        "import",
        "toolkit.cli.import_",
        "map a ServiceNow, Jira, GitHub, GitLab or CSV export onto the course's tables",
    ),
)


def _chosen(argv: Sequence[str]) -> str | None:
    """Return the command named in ``argv`` (the first word that is one), if any."""
    names = {command.name for command in COMMANDS}
    return next((word for word in argv if word in names), None)


def build_parser(load: str | None = "all") -> argparse.ArgumentParser:
    """Return the ``smlab`` argument parser.

    Parameters
    ----------
    load : str or None, default "all"
        Which commands get their full parser from their module: ``"all"``, one command's
        name, or None for none (the others are listed by name and help only).

    Returns
    -------
    argparse.ArgumentParser
        The parser; each sub-parser sets a ``handler`` default taking the parsed namespace.
    """
    parser = argparse.ArgumentParser(
        prog="smlab",
        description=(
            "Service Improvement Lab: lessons, models and gamified quizzes for continual "
            "improvement in IT service management."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        if load in ("all", command.name):
            importlib.import_module(command.module).register(subparsers)
        else:
            subparsers.add_parser(command.name, help=command.help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``smlab`` with ``argv`` (default: the process arguments) and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name.

    Returns
    -------
    int
        0 on success, 1 when the command found a problem, 2 for a usage error.
    """
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(load=_chosen(words))
    args = parser.parse_args(words)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        with guarded_output():  # nothing printed reaches the terminal as a control sequence
            return handler(args)
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 130
    except (FileNotFoundError, ValueError) as exc:
        print(f"smlab: error: {for_terminal(exc)}", file=sys.stderr)
        return 1
