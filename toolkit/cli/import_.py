"""``smlab import``: map a real export onto the course's tables, ready for the measures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.data.imports import KINDS, SOURCES, import_export

HELP = "map a ServiceNow, Jira, GitHub, GitLab or CSV export onto the course's tables"


def _pair(text: str) -> tuple[str, str]:
    ours, sep, theirs = text.partition("=")
    if not sep or not ours or not theirs:
        raise argparse.ArgumentTypeError(
            f"expected COLUMN=FIELD, e.g. service_id=u_service, got {text!r}"
        )
    return ours.strip(), theirs.strip()


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``import`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "import",
        help=HELP,
        description=(
            "Read an export (ServiceNow or Jira CSV for incidents and changes; GitHub or GitLab "
            "JSON of merged pull requests and deployments, or GitHub push and "
            "deployment_status events, for deployments), check every row and write the "
            "course's tables as CSV into DIR. A bad row is reported as FILE:LINE."
        ),
    )
    parser.add_argument("kind", choices=KINDS, help="what the file holds")
    parser.add_argument("file", type=Path, metavar="FILE", help="the export")
    parser.add_argument("--from", dest="source", choices=SOURCES, required=True,
                        help="where the export came from")  # fmt: skip
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write <table>.csv into")  # fmt: skip
    parser.add_argument("--map", type=_pair, action="append", default=[], metavar="COLUMN=FIELD",
                        help="read our COLUMN from the export's FIELD (repeatable)")  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import ``args.file`` and write its tables into ``args.out``; return the exit code."""
    try:
        tables = import_export(args.file, kind=args.kind, source=args.source,
                               mapping=dict(args.map))  # fmt: skip
    except ValueError as error:
        print(f"smlab import: {error}", file=sys.stderr)
        return 1
    out: Path = args.out
    if out.exists() and not out.is_dir():
        print(f"smlab import: {out} is a file, not a folder", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        path = out / f"{name}.csv"
        table.to_csv(path, index=False)
        print(f"  {path}  {len(table):,} rows")
    return 0
