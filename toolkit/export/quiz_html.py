"""A question bank as one self-contained HTML page: the quiz works in any browser, offline.

The page holds everything inline (styles, the question data, the grader and the page's
script) and loads nothing: its Content-Security-Policy forbids every fetch and allows only
its own two scripts (by hash), so a script that slipped into a bank could not run even if
the sanitiser missed it. Bank text (Markdown) is rendered and sanitised in Python with
:mod:`toolkit.quiz.sanitize`; the page puts only those ``*_html`` fragments into the document
as HTML, and everything else (ids, plain labels, what the learner types) as text.

Grading happens in the page (``quiz_grader.js``), by the rules of
:func:`toolkit.quiz.grading.grade`; ``tests/browser/test_quiz_export_grading.py`` checks
that both give the same credit and verdict on every question of every shipped bank. Points
follow :mod:`toolkit.quiz.scoring`: the first answer earns ``worth x credit`` less the hints
seen; retries are for learning and earn nothing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import random
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.export.errors import ExportError
from toolkit.export.resolve import resolve_bank
from toolkit.quiz.grading import (
    numeric_alternatives,
    numeric_plan,
    reflection_feedback,
    text_credits,
)
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import (
    Bank,
    BankError,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Poll,
    Question,
    Reflection,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from toolkit.quiz.sanitize import markdown_to_html, to_plain_text
from toolkit.quiz.scoring import hint_cost
from toolkit.quiz.session import QuizSession
from toolkit.safety.files import write_atomically

_HERE = Path(__file__).resolve().parent
#: The page's parts, shipped beside this module and inlined into every page.
GRADER_JS = _HERE / "quiz_grader.js"
PAGE_JS = _HERE / "quiz_page.js"
PAGE_CSS = _HERE / "quiz_page.css"

#: What each question type asks the learner to do (as the notebook widget says it).
KIND_LABELS: dict[str, str] = {
    "single": "Choose one",
    "multiple": "Choose every option that applies",
    "true_false": "True or false?",
    "numeric": "Type a number",
    "text": "Type a short answer",
    "ordering": "Put the items in order",
    "matching": "Match each item on the left",
    "scenario": "Choose the best answer: it depends",
    "poll": "Your view (no right answer)",
    "reflection": "Write your own answer (not graded)",
}


def _md(text: str) -> str:
    return markdown_to_html(text)


def _inline(text: str) -> str:
    return markdown_to_html(text, inline=True)


def _grading(question: Question) -> dict[str, Any]:
    """What the page's grader needs: ids, credits, bounds, normalised answers; no HTML."""
    if isinstance(question, SingleChoice | MultipleChoice):
        credits = question.credits()
        found: dict[str, Any] = {
            "options": [
                {"id": o.id, "correct": o.correct, "credit": credits[o.id]}
                for o in question.options
            ]
        }
        if isinstance(question, MultipleChoice):
            found["weighted"] = question.weighted
        return found
    if isinstance(question, Scenario):
        return {"options": [{"id": o.id, "credit": float(o.credit)} for o in question.options]}
    if isinstance(question, Poll):
        return {"options": [{"id": o.id} for o in question.options], "multiple": question.multiple}
    if isinstance(question, TrueFalse):
        return {"answer": question.answer}
    if isinstance(question, Numeric):
        low, high, _ = numeric_plan(question)
        return {
            "low": low,
            "high": high,
            "unit": question.unit,
            "closeness": question.tolerance or 0.0,
            "distractors": [d.value for d in question.distractors],
            "alternatives": [list(found) for found in numeric_alternatives(question)],
        }
    if isinstance(question, ShortText):
        return {
            "answers": [[compared, credit] for _, compared, credit in text_credits(question)],
            "case_sensitive": question.case_sensitive,
            "fuzzy": question.fuzzy,
        }
    if isinstance(question, Ordering):
        return {"items": [item.id for item in question.items]}
    if isinstance(question, Matching):
        return {
            "pairs": [pair.id for pair in question.pairs],
            "distractors": list(question.distractor_ids()),
        }
    if isinstance(question, Reflection):
        return {"limit": question.limit}
    raise TypeError(f"not a question: {type(question).__name__}")  # pragma: no cover


def _expected_html(question: Question) -> str:
    """The right answer as safe HTML (empty for a poll)."""
    if isinstance(question, SingleChoice | MultipleChoice):
        return "; ".join(_inline(o.text) for o in question.options if o.correct)
    if isinstance(question, Scenario):
        return "; ".join(_inline(o.text) for o in question.options if o.credit == 1)
    if isinstance(question, TrueFalse):
        return "True" if question.answer else "False"
    if isinstance(question, Numeric):
        return html.escape(numeric_plan(question)[2])
    if isinstance(question, ShortText):
        return _inline(question.accepted[0])
    if isinstance(question, Ordering):
        return " → ".join(_inline(item.text) for item in question.items)
    if isinstance(question, Matching):
        return "; ".join(f"{_inline(p.left)} → {_inline(p.right)}" for p in question.pairs)
    return ""


def _display(question: Question, presented: list[str]) -> dict[str, Any]:
    """What the page shows: sanitised HTML fragments (``*_html``) and plain text."""
    shown: dict[str, Any] = {
        "kind": KIND_LABELS[question.type],
        "points": question.points,
        "hint_cost": hint_cost(question.points) if question.points else 0,
        "prompt_html": _md(question.prompt),
        "hints_html": [_md(hint) for hint in question.hints],
        "expected_html": _expected_html(question),
    }
    if isinstance(question, SingleChoice | MultipleChoice | Scenario | Poll):
        by_id = {option.id: option for option in question.options}
        shown["multiple"] = isinstance(question, MultipleChoice) or (
            isinstance(question, Poll) and question.multiple
        )
        shown["options"] = [
            {
                "id": by_id[key].id,
                "html": _inline(by_id[key].text),
                "explanation_html": _md(by_id[key].explanation or ""),
            }
            for key in presented
        ]
        if isinstance(question, Scenario):
            shown["depends_on_html"] = _md(question.depends_on)
    elif isinstance(question, TrueFalse):
        shown["explanation_true_html"] = _md(question.explanation_true)
        shown["explanation_false_html"] = _md(question.explanation_false)
    elif isinstance(question, Numeric):
        shown["unit"] = to_plain_text(question.unit) if question.unit else ""
        shown["explanation_html"] = _md(question.explanation)
        shown["distractors_html"] = [_md(d.explanation) for d in question.distractors]
    elif isinstance(question, ShortText):
        shown["explanation_html"] = _md(question.explanation)
        shown["accepted_html"] = [_inline(text) for text, _, _ in text_credits(question)]
    elif isinstance(question, Reflection):
        shown["feedback_html"] = _md(reflection_feedback(question))
        shown["limit"] = question.limit
    elif isinstance(question, Ordering):
        items = {item.id: item for item in question.items}
        shown["explanation_html"] = _md(question.explanation)
        shown["items"] = [
            {"id": key, "html": _inline(items[key].text), "text": to_plain_text(items[key].text)}
            for key in presented
        ]
    elif isinstance(question, Matching):
        pairs = question.right_sides()
        shown["explanation_html"] = _md(question.explanation)
        shown["lefts"] = [
            {"id": p.id, "html": _inline(p.left), "text": to_plain_text(p.left)}
            for p in question.pairs
        ]
        shown["rights"] = [{"id": key, "text": to_plain_text(pairs[key])} for key in presented]
    return shown


@lru_cache(maxsize=1)
def decimal_zeros() -> tuple[int, ...]:
    """Return the code point of every Unicode digit zero (Python's ``float()`` reads them all).

    Every Unicode decimal digit is one of ten consecutive code points starting at a zero, so
    the page's grader turns ``"١٢"`` into ``"12"`` as Python does, with this table from
    the same Unicode database as the Python that grades in the notebook.

    Examples
    --------
    >>> 0x30 in decimal_zeros(), 0x660 in decimal_zeros()
    (True, True)
    """
    return tuple(cp for cp in range(0x110000) if unicodedata.decimal(chr(cp), None) == 0)


def quiz_data(bank: Bank, *, seed: int | str | None = None) -> dict[str, Any]:
    """Return the page's data for ``bank``: each question's grading data and display.

    Questions keep the bank's order; options (unless ``shuffle: false``), ordering items
    and matching right sides are shuffled as a :class:`~toolkit.quiz.session.QuizSession`
    would, with a random source seeded by ``seed`` (default: the bank's id), so the same
    bank always exports the same page.

    Parameters
    ----------
    bank : Bank
        A validated bank.
    seed : int or str, optional
        Seed of the shuffle.

    Returns
    -------
    dict
        ``{"id", "title_html", "description_html", "max_points", "decimal_zeros",
        "questions": [...]}``;
        each question is ``{"id", "type", "grading": {...}, "display": {...}}``.
    """
    session = QuizSession(bank, rng=random.Random(bank.id if seed is None else seed), course=[])
    return {
        "id": bank.id,
        "title_html": _inline(bank.title),
        "description_html": _md(bank.description) if bank.description else "",
        "max_points": bank.max_points,
        "decimal_zeros": list(decimal_zeros()),
        "questions": [
            {
                "id": question.id,
                "type": question.type,
                "grading": _grading(question),
                "display": _display(question, session.presented(question)),
            }
            for question in bank.questions
        ],
    }


def _json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def quiz_page(bank: Bank, *, seed: int | str | None = None) -> str:
    """Return the quiz of ``bank`` as one self-contained HTML page.

    Parameters
    ----------
    bank : Bank
        A validated bank.
    seed : int or str, optional
        Seed of the option shuffle (default: the bank's id).

    Returns
    -------
    str
        The page: inline CSS and JavaScript, no URL to load, a Content-Security-Policy that
        forbids loading anything and runs only the page's own script.
    """
    script = GRADER_JS.read_text(encoding="utf-8") + "\n" + PAGE_JS.read_text(encoding="utf-8")
    style = PAGE_CSS.read_text(encoding="utf-8")
    policy = (
        "default-src 'none'; "
        f"script-src '{_sha256(script)}'; "
        f"style-src '{_sha256(style)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    title = html.escape(to_plain_text(bank.title))
    data = _json_for_script(quiz_data(bank, seed=seed))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}: quiz</title>\n"
        f"<style>{style}</style>\n</head>\n<body>\n"
        '<main id="quiz" aria-live="off">\n'
        "<noscript><p>This quiz needs JavaScript switched on in the browser.</p></noscript>\n"
        "</main>\n"
        f'<script id="smlab-quiz-data" type="application/json">{data}</script>\n'
        f"<script>{script}</script>\n"
        "</body>\n</html>\n"
    )


def export_quiz(
    bank: str | Path | Bank, out: str | Path | None = None, *, force: bool = True
) -> Path:
    """Write the quiz page of ``bank`` and return its path.

    Parameters
    ----------
    bank : str, pathlib.Path or Bank
        A shipped bank's id or lesson number (``"02-compound-improvement"``, ``"2"``), the
        path of a YAML bank, or a loaded bank.
    out : str or pathlib.Path, optional
        The HTML file to write; default ``exports/<bank id>.quiz.html``.
    force : bool, default True
        Replace an existing file or symlink (the link itself, never what it points at);
        False refuses them (``smlab export quiz`` without ``--force``).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        For an unknown bank (the message lists the shipped ones), a bank with problems, or
        an ``out`` that is a folder, or exists (or is a symlink) when ``force`` is False.
    """
    if isinstance(bank, Bank):
        loaded = bank
    else:
        path = resolve_bank(str(bank))
        try:
            loaded = load_bank(path)
        except BankError as error:
            raise ExportError(f"the bank {path} has problems:\n{error}") from None
    target = Path(out) if out is not None else Path("exports") / f"{loaded.id}.quiz.html"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return write_atomically(target, quiz_page(loaded), force=force)
    except (FileExistsError, IsADirectoryError, FileNotFoundError) as error:
        raise ExportError(str(error)) from None
