"""Our own YAML banks: read with ``load_bank``, written back in the shipped banks' style.

``dump_bank`` writes block style, keys in the order ``quizzes/FORMAT.md`` shows them, long
text folded (``>-``) to about 90 columns, text with line breaks as a literal block (``|``),
short lists of words in flow style (``tags: [a, b]``), a blank line between questions, and
quotes only where YAML would read the text as something else (``"1.68"``, ``"Yes"``).
``load_bank`` reads the result back equal to the bank it came from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.quiz.formats._common import write_text_atomic
from toolkit.quiz.loader import load_bank
from toolkit.quiz.model import Bank, Question

SCHEMA_LINE = "# yaml-language-server: $schema=schema.json"
#: Question keys first, in this order; the type's own keys follow in the model's order.
_HEAD = ("id", "type", "difficulty", "source", "tags", "time_limit", "shuffle", "prompt", "hints")
#: Key order inside options, items, pairs and distractors.
_ENTRY = ("id", "value", "text", "left", "right", "correct", "credit", "explanation")
#: Lists written in flow style when short.
_FLOW = {"tags", "accepted", "range"}
#: Longest line a value stays on its key's line; folded text wraps a little before it.
_LINE = 92
_WIDTH = 76


class _Flow(list[Any]):
    """A list to be written in flow style (``[a, b]``)."""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, indenting lists under their key and preferring double quotes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        event: Any = self.event
        if event.style == ">" and self.column + 1 + len(event.value) <= _LINE:
            event.style = None  # it fits on the key's line: no need to fold
        style = str(super().choose_scalar_style())
        return '"' if style == "'" else style


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style: str | None = None
    if "\n" in value:
        style = "|"
    elif len(value) > 20:
        style = ">"  # folded unless it fits on the line (decided when the column is known)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if value.is_integer() and abs(value) < 1e15:
        return dumper.represent_int(int(value))
    return dumper.represent_float(value)


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(_Flow, _represent_flow)


def _entry(data: dict[str, Any]) -> dict[str, Any]:
    ordered = {key: data[key] for key in _ENTRY if key in data}
    ordered.update({key: value for key, value in data.items() if key not in ordered})
    return ordered


def _question_data(question: Question) -> dict[str, Any]:
    data = question.model_dump(mode="python", exclude_defaults=True)
    data["difficulty"] = question.difficulty
    ordered: dict[str, Any] = {key: data[key] for key in _HEAD if key in data}
    for key, value in data.items():
        if key in ordered:
            continue
        ordered[key] = value
    for key, value in ordered.items():
        if isinstance(value, list | tuple):
            items = [_entry(v) if isinstance(v, dict) else v for v in value]
            short = all(isinstance(v, str | int | float) for v in items)
            ordered[key] = _Flow(items) if key in _FLOW and short else items
    return ordered


def bank_data(bank: Bank) -> dict[str, Any]:
    """The bank as plain data in the order it is written (no ``path``)."""
    data: dict[str, Any] = {"id": bank.id, "title": bank.title, "lesson": bank.lesson}
    if bank.description is not None:
        data["description"] = bank.description
    data["questions"] = [_question_data(question) for question in bank.questions]
    return data


def dump_bank(bank: Bank) -> str:
    """Write ``bank`` as YAML in the style of the shipped banks.

    Parameters
    ----------
    bank : Bank
        A validated bank.

    Returns
    -------
    str
        YAML that ``load_bank`` reads back equal to ``bank`` (apart from ``bank.path``).

    Examples
    --------
    >>> bank = Bank.model_validate({"id": "demo", "title": "Demo", "lesson": "demo",
    ...     "questions": [{"id": "q1", "type": "true_false", "prompt": "Sky is blue.",
    ...                    "answer": True, "explanation_true": "Yes.",
    ...                    "explanation_false": "Look up."}]})
    >>> print(dump_bank(bank))
    # yaml-language-server: $schema=schema.json
    id: demo
    title: Demo
    lesson: demo
    questions:
      - id: q1
        type: true_false
        difficulty: medium
        prompt: Sky is blue.
        answer: true
        explanation_true: Yes.
        explanation_false: Look up.
    <BLANKLINE>
    """
    text = yaml.dump(
        bank_data(bank),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_WIDTH,
        indent=2,
    )
    lines = text.split("\n")
    spaced: list[str] = []
    in_questions = False
    for line in lines:
        if line.startswith("questions:"):
            in_questions = True
        elif in_questions and line.startswith("  - ") and spaced and spaced[-1] != "questions:":
            spaced.append("")
        spaced.append(line)
    return SCHEMA_LINE + "\n" + "\n".join(spaced)


def read(path: Path) -> tuple[Bank, list[str]]:
    """Read the YAML bank at ``path`` (``load_bank``); it has no conversion warnings."""
    return load_bank(path), []


def write(bank: Bank, path: Path) -> list[str]:
    """Write ``bank`` to ``path`` as YAML (atomically)."""
    write_text_atomic(Path(path), dump_bank(bank))
    return []
