"""What a learner reads in a lesson and its bank, and the rules the content tests apply to it.

Learner-facing text is every markdown cell of the notebook, in order, then every text of its
question bank (title, description, prompts, options, explanations, hints, units...), in order.
Code cells, ids, tags and a question's ``source`` field are not learner-facing text.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from toolkit.course import LESSONS
from toolkit.paths import notebooks_dir, quizzes_dir

#: Every lesson the content rules cover, in teaching order.
STEMS: tuple[str, ...] = tuple(sorted(lesson.slug for lesson in LESSONS))

#: Keys in a bank whose values are never shown to a learner.
_NOT_SHOWN = frozenset(
    {"id", "type", "source", "tags", "difficulty", "lesson", "checkpoint", "shuffle", "correct"}
)


@dataclass(frozen=True)
class Lesson:
    """A lesson's notebook and bank, as the content tests read them."""

    stem: str
    cells: tuple[dict[str, Any], ...]
    bank: dict[str, Any]

    @property
    def number(self) -> int:
        return int(self.stem[:2])

    @property
    def markdown(self) -> list[str]:
        return ["".join(cell["source"]) for cell in self.cells if cell["cell_type"] == "markdown"]

    @property
    def code(self) -> list[str]:
        return ["".join(cell["source"]) for cell in self.cells if cell["cell_type"] == "code"]

    @property
    def questions(self) -> list[dict[str, Any]]:
        return list(self.bank.get("questions", []))

    @property
    def marked(self) -> list[dict[str, Any]]:
        """The questions the checkpoint asks (every one, if the bank marks none)."""
        marked = [question for question in self.questions if question.get("checkpoint")]
        return marked or self.questions

    def bank_texts(self) -> list[str]:
        """Every learner-facing string of the bank, in written order."""
        return list(_strings(self.bank))

    def texts(self) -> list[str]:
        """Markdown cells, then the bank's texts: everything a learner reads, in order."""
        return [*self.markdown, *self.bank_texts()]

    def sources_section(self) -> str:
        """The text of the lesson's closing "Sources" section ('' if it has none)."""
        for text in self.markdown:
            match = re.search(r"^#{2,3} Sources\s*$(.*?)(?=^#{1,2} |\Z)", text, re.M | re.S)
            if match:
                return match.group(1)
        return ""


def _strings(node: Any, key: str | None = None) -> Iterator[str]:
    if key in _NOT_SHOWN:
        return
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for child_key, value in node.items():
            yield from _strings(value, str(child_key))
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@cache
def load(stem: str) -> Lesson:
    """Read lesson ``stem``; a missing notebook or bank fails with its name."""
    notebook = notebooks_dir() / f"{stem}.ipynb"
    bank = quizzes_dir() / f"{stem}.yaml"
    for path in (notebook, bank):
        if not path.is_file():
            pytest.fail(f"lesson {stem}: {path.name} does not exist", pytrace=False)
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return Lesson(stem, tuple(cells), yaml.safe_load(bank.read_text(encoding="utf-8")))


def claims_path(stem: str) -> Path:
    return quizzes_dir() / "claims" / f"{stem}.yaml"


# --- prose without code ------------------------------------------------------------------

_FENCED = re.compile(r"```.*?```", re.S)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_TAG = re.compile(r"<[^>]+>")


def prose(text: str) -> str:
    """Text as read: code blocks, code spans, link targets and HTML tags blanked out."""
    for pattern in (_FENCED, _CODE_SPAN, _LINK_TARGET, _HTML_TAG):
        text = pattern.sub(lambda match: " " * len(match.group(0)), text)
    return text


# --- figures -----------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<![A-Za-wyz0-9_.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(\s?%)?(?![\d_])")
_LESSON_REF = re.compile(r"\b[Ll]essons?\s+\d{2}(?:(?:,\s*|\s+and\s+|\s+(?:to|or)\s+)\d{2})*")
_TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b")
_LESSON_LENGTH = re.compile(r"\b10\s*(?:-|to|–)\s*20\s+minutes?\b")


def figures(text: str) -> list[str]:
    """The figures in ``text`` that need a claim, exactly as written (``"98%"``, ``"1.68"``).

    A figure needs a claim when it has a decimal point or a %, is a year (1900-2099) or is a
    whole number above 12; lesson references ("lesson 05"), times of day and the course's
    10-20 minute lesson length do not.
    """
    text = prose(text)
    for pattern in (_LESSON_REF, _TIME_OF_DAY, _LESSON_LENGTH):
        text = pattern.sub(lambda match: " " * len(match.group(0)), text)
    found = []
    for match in _NUMBER.finditer(text):
        whole, decimals, percent = match.groups()
        figure = whole + (decimals or "") + ("%" if percent else "")
        if decimals or percent:
            found.append(figure)
            continue
        number = int(whole.replace(",", ""))
        if number > 12:
            found.append(figure)
    return found


def figure_value(figure: str) -> tuple[float, float]:
    """A written figure as (value, half a unit of its last digit): ``"1.68"`` is (1.68, 0.005)."""
    digits = figure.rstrip("%").strip().replace(",", "")
    places = len(digits.split(".", 1)[1]) if "." in digits else 0
    return float(digits), 0.5 * 10.0**-places


def matches(figure: str, value: float) -> bool:
    """Whether a computed ``value`` equals a written ``figure`` to the precision written.

    A figure with % may be computed as a share (0.108 for "10.8%") or in percent (10.8).
    """
    expected, half_unit = figure_value(figure)
    tolerance = half_unit + 1e-9 * max(1.0, abs(expected))
    candidates = [value, value * 100] if figure.endswith("%") else [value]
    return any(math.isfinite(c) and abs(c - expected) <= tolerance for c in candidates)


# --- acronyms ----------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,})(?:s|'s)?(?![\w-])")
#: Abbreviations every reader knows; they need no spelling out (still in the glossary if
#: they are jargon).
EVERYDAY = frozenset({"IT", "UK", "BBC", "OK", "TV", "PDF", "QR", "URL", "HTML", "AM", "PM"})


def acronyms(text: str, mixed_case: frozenset[str] = frozenset({"XmR"})) -> list[tuple[str, int]]:
    """Each acronym in ``text`` (as its glossary term) with its position, in order."""
    text = prose(text)
    found = [(match.group(1), match.start(1)) for match in _ACRONYM.finditer(text)]
    for term in mixed_case:
        found += [(term, m.start()) for m in re.finditer(rf"(?<![\w-]){term}s?(?![\w-])", text)]
    return sorted(found, key=lambda pair: pair[1])
