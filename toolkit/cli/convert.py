"""``smlab convert IN OUT``: a question bank from one format to another.

The formats come from the extensions: ``.yaml``/``.yml`` (our banks), ``.gift`` (Moodle
GIFT), ``.xml`` (Moodle XML), ``.xlsx`` (Kahoot's quiz spreadsheet) and ``.csv`` (one row per
question); ``--from``/``--to`` override them (Moodle saves GIFT as ``.txt``). Every problem in
IN is printed as ``file:line: message`` and nothing is written; warnings (what OUT cannot
hold, explanations filled in) are printed and the conversion goes on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from toolkit.quiz.formats import FORMATS, format_of, read_bank_with_warnings, write_bank
from toolkit.quiz.formats._common import is_id, make_id
from toolkit.quiz.model import Bank, BankError
from toolkit.safety.files import check_target


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` command to ``smlab``."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a question bank: YAML, Moodle GIFT/XML, Kahoot xlsx, CSV",
        description=(
            "Convert the question bank IN to OUT; the formats come from the extensions "
            "(.yaml/.yml, .gift, .xml, .xlsx, .csv). Problems in IN are printed as "
            "file:line: message and nothing is written (exit status 1); warnings about what "
            "OUT cannot hold are printed and the file is written."
        ),
    )
    parser.add_argument("source", metavar="IN", help="the bank to read")
    parser.add_argument("target", metavar="OUT", help="the file to write")
    parser.add_argument("--from", dest="from_format", choices=FORMATS, help="format of IN")
    parser.add_argument("--to", dest="to_format", choices=FORMATS, help="format of OUT")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    parser.add_argument("--id", dest="bank_id", help="the bank's id (default: kept, or OUT's name)")
    parser.add_argument("--title", help="the bank's title")
    parser.add_argument("--lesson", help="the lesson the bank checks (a notebook's stem)")
    parser.set_defaults(handler=run)


def _error(message: str) -> int:
    print(f"smlab convert: {message}", file=sys.stderr)
    return 1


def _named(
    bank: Bank, args: argparse.Namespace, in_format: str, paths: tuple[Path, Path], out: str
) -> Bank:
    """The bank with the id, title and lesson asked for.

    A bank imported from another format whose id came from IN's file name is named after
    OUT when OUT is YAML (a bank's id is its file's name), unless ``--id``/``--lesson`` say
    otherwise; an id the file gave itself (a CSV ``bank`` row) is kept.
    """
    source, target = paths
    bank_id, lesson = bank.id, bank.lesson
    from_name = bank.id == make_id(source.stem, bank.id)
    if in_format != "yaml" and out == "yaml" and from_name:
        stem = make_id(target.stem, bank.id)
        bank_id = lesson = stem
    bank_id = args.bank_id or bank_id
    lesson = args.lesson or (bank_id if args.bank_id and bank.lesson == bank.id else lesson)
    title = args.title or bank.title
    if (bank_id, lesson, title) == (bank.id, bank.lesson, bank.title):
        return bank
    return Bank.model_validate(
        {
            "id": bank_id,
            "title": title,
            "lesson": lesson,
            "description": bank.description,
            "questions": bank.questions,
        }
    )


def run(args: argparse.Namespace) -> int:
    """Convert ``args.source`` to ``args.target``; print problems and warnings; 0 on success."""
    source, target = Path(args.source), Path(args.target)
    try:
        in_format = format_of(source, args.from_format)
        out_format = format_of(target, args.to_format)
    except ValueError as exc:
        return _error(str(exc))
    for name, value in (("--id", args.bank_id), ("--lesson", args.lesson)):
        if value is not None and not is_id(value):
            return _error(f"{name} {value!r} may use only letters, digits, '-' and '_'")
    try:  # never over a file, through a symlink or into a folder unasked
        check_target(target, force=args.force)
    except OSError as exc:
        return _error(str(exc))
    try:
        bank, warnings = read_bank_with_warnings(source, format_name=in_format)
    except FileNotFoundError as exc:
        return _error(str(exc))
    except BankError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        return _error(f"{count} problem{'s' if count != 1 else ''} in {source}: nothing written")
    for warning in warnings:
        print(warning, file=sys.stderr)
    try:
        bank = _named(bank, args, in_format, (source, target), out_format)
    except ValidationError as exc:
        return _error(f"cannot name the bank that way: {exc.errors()[0]['msg']}")
    try:
        notes = write_bank(bank, target, format_name=out_format)
    except BankError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return _error(f"nothing written to {target}")
    except OSError as exc:
        return _error(f"cannot write {target}: {exc}")
    for note in notes:
        print(note, file=sys.stderr)
    count = len(bank.questions)
    told = len(warnings) + len(notes)
    print(
        f"Wrote {target} ({out_format}) from {source} ({in_format}): {count} question(s) read, "
        f"{told} warning(s)."
    )
    return 0
