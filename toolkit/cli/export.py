"""``smlab export``: take-aways that work offline, for a trainer to hand out.

::

    smlab export slides LESSON... [--out DIR] [--code]
    smlab export handout LESSON... [--out DIR] [--pdf] [--hide-code] [--trainer]
    smlab export quiz BANK [--out FILE]
    smlab export card LESSON... [--out DIR]

A LESSON is a slug (``02-compound-improvement``), a number (``2``) or ``all``; a BANK is a
bank id, a lesson number or the path of a YAML bank. Everything is written to ``exports/``
unless told otherwise, and nothing an export makes loads anything from the network.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from toolkit.export.errors import ExportError

ALL = "all"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``export`` command (with slides, handout, quiz and card) to ``smlab``."""
    parser = subparsers.add_parser(
        "export",
        help="slides, handouts, a quiz page and quick reference cards that work offline",
        description=(
            "Export take-aways that work offline: reveal.js slides and HTML (or PDF) handouts "
            "of the lessons, a quiz page that runs in any browser, and one-page quick "
            "reference cards (PNG and PDF)."
        ),
    )
    parser.set_defaults(handler=lambda args: _usage(parser))
    kinds = parser.add_subparsers(title="what to export", metavar="KIND")

    lesson_help = "lesson slug or number (e.g. 02-compound-improvement or 2), or 'all'"

    slides = kinds.add_parser(
        "slides",
        help="reveal.js slides of lessons (run first, so plots are in)",
        description=(
            "Run each lesson and write LESSON.slides.html: every heading starts a slide, the "
            "code is left out, each interactive chart shows the chart it drew, and what does "
            "not fit a slide continues on the slide below."
        ),
    )
    slides.add_argument("lessons", nargs="+", metavar="LESSON", help=lesson_help)
    _out_dir(slides)
    code = slides.add_mutually_exclusive_group()
    code.add_argument("--code", action="store_true", help="show the code on the slides too")
    code.add_argument(
        "--hide-code", action="store_true", help="leave the code out (the default for slides)"
    )
    slides.set_defaults(handler=_run_guarded(_slides))

    handout = kinds.add_parser(
        "handout",
        help="HTML (or PDF) handouts of lessons",
        description="Run each lesson and write LESSON.handout.html (and .pdf with --pdf).",
    )
    handout.add_argument("lessons", nargs="+", metavar="LESSON", help=lesson_help)
    _out_dir(handout)
    handout.add_argument(
        "--pdf", action="store_true", help="also print a PDF (needs chromium and Playwright)"
    )
    handout.add_argument("--hide-code", action="store_true", help="leave the code out")
    handout.add_argument(
        "--trainer",
        action="store_true",
        help="end each handout with the trainer's guide: timings, points to land, prompts for "
        "the room, and the bank's tempting wrong answers with how to address them",
    )
    handout.set_defaults(handler=_run_guarded(_handout))

    quiz = kinds.add_parser(
        "quiz",
        help="one self-contained HTML page with a bank's quiz",
        description=(
            "Write a bank's quiz as one HTML file that works in any browser without a server "
            "or a network: graded in the page, with every explanation."
        ),
    )
    quiz.add_argument("bank", metavar="BANK", help="bank id, lesson number, or a .yaml file")
    quiz.add_argument(
        "--out", default=None, metavar="FILE", help="the HTML file (default exports/BANK.quiz.html)"
    )
    quiz.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (or is a symlink)"
    )
    quiz.set_defaults(handler=_run_guarded(_quiz))

    card = kinds.add_parser(
        "card",
        help="one-page quick reference cards (PNG and PDF)",
        description="Draw each lesson's quick reference card as LESSON.card.png and .card.pdf.",
    )
    card.add_argument("lessons", nargs="+", metavar="LESSON", help=lesson_help)
    _out_dir(card)
    card.set_defaults(handler=_run_guarded(_card))


def _out_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out", default="exports", metavar="DIR", help="where to write (default: exports/)"
    )


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _run_guarded(
    command: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    """Turn an ExportError into a one-line message and exit code 1, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except ExportError as error:
            print(f"smlab export: error: {error}", file=sys.stderr)
            return 1

    return run


def _lessons(names: list[str]) -> list[str]:
    from toolkit.export.resolve import known_lessons, resolve_lesson

    if ALL in names:
        return known_lessons()
    return [resolve_lesson(name).slug for name in names]  # every name checked up front


def _notebooks(
    args: argparse.Namespace, *, slides: bool, handout: bool, pdf: bool, trainer: bool = False
) -> int:
    from toolkit.export.notebook_export import export_lesson

    lessons = _lessons(args.lessons)
    if pdf:
        from toolkit.export.browser import require_chromium

        require_chromium()
    for lesson in lessons:
        print(f"running {lesson} ...", flush=True)
        hide_code = not getattr(args, "code", False) if slides else args.hide_code
        result = export_lesson(
            lesson,
            args.out,
            slides=slides,
            handout=handout,
            pdf=pdf,
            hide_code=hide_code,
            trainer=trainer,
        )
        for path in result.files:
            print(f"  wrote {path}")
    print(f"the pages load their scripts from {args.out}/assets/: keep that folder beside them")
    return 0


def _slides(args: argparse.Namespace) -> int:
    return _notebooks(args, slides=True, handout=False, pdf=False)


def _handout(args: argparse.Namespace) -> int:
    return _notebooks(args, slides=False, handout=True, pdf=args.pdf, trainer=args.trainer)


def _quiz(args: argparse.Namespace) -> int:
    from toolkit.export.quiz_html import export_quiz

    path = export_quiz(args.bank, args.out, force=args.force or args.out is None)
    print(f"wrote {path} (one file: open it in any browser, no network needed)")
    return 0


def _card(args: argparse.Namespace) -> int:
    from toolkit.export.card import export_card

    for lesson in _lessons(args.lessons):
        png, pdf = export_card(lesson, args.out)
        print(f"wrote {png} and {pdf}")
    return 0
