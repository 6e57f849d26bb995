"""``smlab``: the course's command line, a thin shell over the toolkit.

Each command lives in a small module with a ``register(subparsers)`` function that adds its
parser and sets ``handler``; this module only wires them together, so adding a command never
means editing another's code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from toolkit import datasets_command, export_command, lab_command
from toolkit._version import __version__
from toolkit.quiz import convert_command, progress_command, quiz_command, validate_command

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

#: The commands, in the order ``smlab --help`` lists them.
COMMANDS: tuple[Registrar, ...] = (
    lab_command.register,
    quiz_command.register,
    progress_command.register,
    validate_command.register,
    convert_command.register,
    export_command.register,
    datasets_command.register,
)


def build_parser() -> argparse.ArgumentParser:
    """Return the ``smlab`` argument parser with every command registered.

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
    for register in COMMANDS:
        register(subparsers)
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
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 130
    except (FileNotFoundError, ValueError) as exc:
        print(f"smlab: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    raise SystemExit(main())
