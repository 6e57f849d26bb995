"""What each format holds, written out independently of the formats' own code.

Each ``held_*`` function projects a bank onto the fields a format can hold, so a round trip
YAML -> format -> YAML can be checked to keep exactly those (and nothing less).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.paths import quizzes_dir
from toolkit.quiz import Bank, load_bank
from toolkit.quiz.sanitize import to_plain_text


def shipped_banks() -> list[Path]:
    """Every bank shipped in ``quizzes/``."""
    paths = sorted(quizzes_dir().glob("*.yaml"))
    assert paths, "no shipped banks found"
    return paths


def without_path(bank: Bank) -> Bank:
    return bank.model_copy(update={"path": None})


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _credits(q: Any) -> list[float]:
    """A choice question's credit per option, as Moodle stores it (7 decimals)."""
    credits = q.credits() if q.type in {"single", "multiple"} else [o.credit for o in q.options]
    values = credits.values() if isinstance(credits, dict) else credits
    return [round(c, 7) for c in values]


def _interval(item: Any, *, xml: bool) -> Any:
    if xml:
        return item.bounds
    return (item.answer, item.tolerance, item.range)


def _moodle_question(q: Any, *, xml: bool) -> dict[str, Any] | None:
    """The fields of one question that GIFT (or, with ``xml``, Moodle XML) holds.

    This follows the tables in quizzes/FORMAT.md, written out here independently of the
    formats' code.
    """
    if q.type == "ordering" and not xml:
        return None
    if q.type == "scenario" and all(o.credit == 1 for o in q.options):
        return None
    kind = q.type
    if kind == "scenario":
        full = sum(1 for o in q.options if o.credit == 1)
        partial = any(0 < o.credit < 1 for o in q.options)
        if full == 1 and not (partial and q.depends_on):
            kind = "single"
    held: dict[str, Any] = {"id": q.id, "type": kind, "prompt": q.prompt}
    if xml:
        held |= {"difficulty": q.difficulty, "hints": q.hints, "tags": q.tags}
        if q.type in {"single", "multiple", "scenario", "matching"}:
            held["shuffle"] = q.shuffle
    if q.type in {"single", "multiple"}:
        held["options"] = [(o.text, o.correct, o.explanation) for o in q.options]
        held["credits"] = _credits(q)
    elif q.type == "scenario" and kind == "single":
        held["options"] = [
            (o.text, o.credit == 1, _join(o.explanation, q.depends_on)) for o in q.options
        ]
        held["credits"] = _credits(q)
    elif q.type == "scenario":
        held["options"] = [(o.text, round(o.credit, 7), o.explanation) for o in q.options]
        held["depends_on"] = q.depends_on
    elif q.type == "true_false":
        held |= {"answer": q.answer, "true": q.explanation_true, "false": q.explanation_false}
    elif q.type == "numeric":
        held["answer"] = _interval(q, xml=xml)
        if xml:
            held["unit"] = q.unit
        held["alternatives"] = [(_interval(a, xml=xml), a.credit) for a in q.alternatives]
        held["explanation"] = q.explanation
        held["distractors"] = [(d.value, d.explanation) for d in q.distractors]
    elif q.type == "text":
        held |= {"accepted": q.accepted, "explanation": q.explanation}
        held["partial"] = [(p.text, p.credit) for p in q.partial]
        if xml:
            held["case_sensitive"] = q.case_sensitive
    elif q.type == "matching":
        held |= {"pairs": [(p.left, p.right) for p in q.pairs], "explanation": q.explanation}
        held["distractors"] = q.distractors
    elif q.type == "ordering":
        held |= {"items": [i.text for i in q.items], "explanation": q.explanation}
    elif q.type == "poll":
        held |= {"options": [o.text for o in q.options], "multiple": q.multiple}
    elif q.type == "reflection":
        held["model_answer"] = q.model_answer
        if xml:
            held["prompts"] = tuple(" ".join(p.split()) for p in q.prompts)
    return held


def held_gift(bank: Bank) -> list[dict[str, Any]]:
    """What GIFT holds of ``bank``."""
    return [h for q in bank.questions if (h := _moodle_question(q, xml=False)) is not None]


def held_xml(bank: Bank) -> list[dict[str, Any]]:
    """What Moodle XML holds of ``bank`` (the title and description too)."""
    questions = [h for q in bank.questions if (h := _moodle_question(q, xml=True)) is not None]
    return [{"title": bank.title, "description": bank.description}, *questions]


def held_kahoot(bank: Bank) -> list[dict[str, Any]]:
    """What Kahoot's spreadsheet holds of ``bank``."""
    held = []
    for q in bank.questions:
        if q.type == "true_false":
            held.append(
                {"type": q.type, "prompt": q.prompt, "answer": q.answer, "time": q.time_limit or 20}
            )
        elif q.type in {"single", "multiple"} and len(q.options) <= 4:
            held.append(
                {
                    "type": q.type,
                    "prompt": " ".join(to_plain_text(q.prompt).split()),
                    "options": [
                        (" ".join(to_plain_text(o.text).split()), o.correct) for o in q.options
                    ],
                    "time": q.time_limit or 20,
                }
            )
    return held


def load(path: Path) -> Bank:
    return without_path(load_bank(path))
