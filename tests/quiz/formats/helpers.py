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


def _moodle_question(q: Any, *, xml: bool) -> dict[str, Any] | None:
    """The fields of one question that GIFT (or, with ``xml``, Moodle XML) holds."""
    if q.type == "ordering":
        return None
    held: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    if xml:
        held |= {"difficulty": q.difficulty, "hints": q.hints, "tags": q.tags}
        if q.type in {"single", "multiple", "scenario", "matching"}:
            held["shuffle"] = q.shuffle
    if q.type in {"single", "multiple"}:
        held["options"] = [(o.text, o.correct, o.explanation) for o in q.options]
    elif q.type == "scenario":
        held["options"] = [(o.text, round(o.credit, 7), o.explanation) for o in q.options]
        held["depends_on"] = q.depends_on
    elif q.type == "true_false":
        held |= {"answer": q.answer, "true": q.explanation_true, "false": q.explanation_false}
    elif q.type == "numeric":
        if xml:
            held["bounds"] = q.bounds
            held["unit"] = q.unit
        else:
            held |= {"answer": q.answer, "tolerance": q.tolerance, "range": q.range}
        held["explanation"] = q.explanation
        held["distractors"] = [(d.value, d.explanation) for d in q.distractors]
    elif q.type == "text":
        held |= {"accepted": q.accepted, "explanation": q.explanation}
        if xml:
            held["case_sensitive"] = q.case_sensitive
    elif q.type == "matching":
        held |= {"pairs": [(p.left, p.right) for p in q.pairs], "explanation": q.explanation}
    elif q.type == "poll":
        held |= {"options": [o.text for o in q.options], "multiple": q.multiple}
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
