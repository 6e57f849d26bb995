"""Run every benchmark (or those named) and print the figures as a table.

Usage::

    python -m benchmarks            # all of them
    python -m benchmarks spc quiz   # only bench_spc.py and bench_quiz*.py
    python -m benchmarks --json results.json
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def discover(selected: list[str]) -> list[str]:
    """Return the benchmark module names, filtered by the words in ``selected``."""
    names = sorted(path.stem for path in HERE.glob("bench_*.py"))
    if selected:
        names = [name for name in names if any(word in name for word in selected)]
    return names


def format_row(row: dict[str, Any]) -> str:
    """Return one measurement as a line of the report."""
    seconds = row.get("seconds")
    baseline = row.get("baseline_seconds")
    ratio = row.get("ratio")
    parts = [f"{row['name']:<44}"]
    parts.append(f"{seconds * 1000:>10.2f} ms" if isinstance(seconds, float) else f"{'':>13}")
    if isinstance(baseline, float) and isinstance(ratio, float):
        parts.append(f"  {ratio:>8.1f}x vs {row.get('baseline', 'baseline')}")
        parts.append(f" ({baseline * 1000:.2f} ms)")
    elif row.get("baseline"):
        parts.append(f"  baseline: {row['baseline']}")
    if row.get("target"):
        parts.append(f"  target {row['target']}")
    if row.get("note"):
        parts.append(f"  [{row['note']}]")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print (and optionally save) their rows."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("only", nargs="*", help="run only benchmarks whose name has this word")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    args = parser.parse_args(argv)

    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.node()}")
    results: dict[str, list[dict[str, Any]]] = {}
    failed = False
    for name in discover(args.only):
        print(f"\n== {name}")
        module = importlib.import_module(f"benchmarks.{name}")
        try:
            rows = module.run()
        except Exception as error:  # report and go on: one broken benchmark hides no other
            failed = True
            print(f"   failed: {type(error).__name__}: {error}")
            continue
        results[name] = rows
        for row in rows:
            print("   " + format_row(row))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
