"""The JSON Schema of a question bank, generated from the model.

``quizzes/schema.json`` lets an editor check a bank while it is written (a bank's first line
``# yaml-language-server: $schema=schema.json`` points at it). Regenerate it after changing
the model with::

    python -m toolkit.quiz.schema

A test fails when the committed file differs from what the model generates.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from toolkit.paths import quizzes_dir
from toolkit.quiz.model import Bank

SCHEMA_FILE = "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def bank_schema() -> dict[str, Any]:
    """Return the JSON Schema of a bank file.

    Returns
    -------
    dict
        The schema, with ``$schema``, a title and a description added.

    Examples
    --------
    >>> bank_schema()["required"]
    ['id', 'title', 'lesson', 'questions']
    """
    generated = Bank.model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DIALECT}
    schema.update(generated)
    schema["title"] = "Service Improvement Lab question bank"
    schema["description"] = (
        "A question bank (quizzes/*.yaml). Generated from toolkit.quiz.model by "
        "`python -m toolkit.quiz.schema`; see quizzes/FORMAT.md."
    )
    return schema


def schema_text() -> str:
    """Return the schema as the exact text of ``quizzes/schema.json``."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path | None = None) -> Path:
    """Write the schema to ``path`` (default: ``quizzes/schema.json``) and return the path."""
    target = Path(path) if path is not None else quizzes_dir() / SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Write the schema (to the path given, else the course's ``quizzes/schema.json``)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    target = write_schema(arguments[0] if arguments else None)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
