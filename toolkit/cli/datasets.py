"""``smlab datasets``: make seeded service data of any size, or list the shipped tables."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from toolkit.data.loaders import (
    SHIPPED_INCIDENTS,
    SHIPPED_SEED,
    TABLES,
    generate,
    load_table,
    write_tables,
)
from toolkit.paths import datasets_dir

#: One line on what each table holds, for ``smlab datasets list``.
DESCRIPTIONS: dict[str, str] = {
    "services": "the services, who runs them and how many people rely on them",
    "incidents": "tickets: priority, hand-offs, resolve time against the SLA target",
    "changes": "changes: type (standard/normal/emergency), outcome, incidents caused",
    "deployments": "production deployments for the DORA four keys",
    "commits": "the changes each deployment carried, for DORA lead time per change",
    "survey": "experience answers after tickets: happiness, CSAT, recommend",
}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``datasets`` command (``generate`` and ``list``) to ``smlab``."""
    parser = subparsers.add_parser(
        "datasets",
        help="make seeded service data of any size, or list the shipped tables",
        description=(
            "The course's synthetic service data: two years of incidents, changes, "
            "deployments and survey answers. The same seed always gives the same data."
        ),
    )
    parser.set_defaults(handler=_usage(parser))
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    make = actions.add_parser(
        "generate",
        help="write every table as CSV into a folder",
        description=(
            "Generate all tables with N incidents and write them as <table>.csv into DIR. "
            "The other tables scale with N: for every 16 incidents, 2 changes, 3 deployments "
            "and about 6 survey answers."
        ),
    )
    make.add_argument(
        "--rows",
        type=_whole_number(minimum=1),
        default=SHIPPED_INCIDENTS,
        metavar="N",
        help="how many incidents (default: %(default)s, the shipped size)",
    )
    make.add_argument(
        "--seed",
        type=_whole_number(minimum=0),
        default=SHIPPED_SEED,
        metavar="S",
        help="random seed (default: %(default)s, the shipped data's seed)",
    )
    make.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write")
    make.add_argument("--force", action="store_true", help="overwrite CSV files already in DIR")
    make.set_defaults(handler=run_generate)
    show = actions.add_parser(
        "list",
        help="list the tables, their files and sizes",
        description="Check and list each table's CSV file: rows, columns and what it holds.",
    )
    show.add_argument(
        "--dir", type=Path, default=None, metavar="DIR", help="folder (default: shipped data)"
    )
    show.set_defaults(handler=run_list)


def _usage(parser: argparse.ArgumentParser) -> Callable[[argparse.Namespace], int]:
    def handler(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    return handler


def _whole_number(*, minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.replace("_", "").replace(",", ""))
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"expected at least {minimum}, got {value}")
        return value

    return parse


def run_generate(args: argparse.Namespace) -> int:
    """Generate the tables and write them into ``args.out``; return the exit code."""
    out: Path = args.out
    if out.exists() and not out.is_dir():
        print(f"smlab datasets: {out} is a file, not a folder", file=sys.stderr)
        return 1
    existing = [out / f"{name}.csv" for name in TABLES if (out / f"{name}.csv").exists()]
    if existing and not args.force:
        names = ", ".join(path.name for path in existing)
        print(
            f"smlab datasets: {out} already holds {names}; use --force to overwrite",
            file=sys.stderr,
        )
        return 1
    print(f"Generating {args.rows:,} incidents with seed {args.seed} ...", flush=True)
    started = time.perf_counter()
    tables = generate(seed=args.seed, incidents=args.rows)
    made = time.perf_counter() - started
    print(f"  made in {made:.1f} s; writing CSV files to {out}", flush=True)
    for name, path in zip(TABLES, write_tables(tables, out), strict=True):
        print(f"  {path.name:<16} {len(tables[name]):>12,} rows")
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """Check and list each table's CSV in ``args.dir`` (default: shipped); return 0."""
    folder: Path = args.dir if args.dir is not None else datasets_dir()
    print(f"Tables in {folder}:")
    for name in TABLES:
        path = folder / f"{name}.csv"
        if not path.is_file():
            print(f"  {name:<12} (no {path.name})")
            continue
        table = load_table(name, path)
        size = f"{len(table):>10,} rows  {table.shape[1]:>2} columns"
        print(f"  {name:<12} {size}  {DESCRIPTIONS[name]}")
    print("Column meanings: datasets/README.md; load with toolkit.data.loaders.load_<table>().")
    return 0
