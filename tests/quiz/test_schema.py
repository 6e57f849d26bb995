"""quizzes/schema.json: generated from the model, committed, and never stale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from toolkit.paths import quizzes_dir
from toolkit.quiz.schema import bank_schema, main, schema_text, write_schema
from toolkit.quiz.validate import bank_files

COMMITTED = quizzes_dir() / "schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.is_file(), "run: python -m toolkit.quiz.schema"
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "quizzes/schema.json is stale: run `python -m toolkit.quiz.schema` and commit it"
    )


def test_schema_is_a_valid_json_schema() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["id", "title", "lesson", "questions"]
    assert schema["additionalProperties"] is False
    assert "path" not in schema["properties"]


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(bank_schema())


@pytest.mark.parametrize("path", bank_files(), ids=lambda p: p.name)
def test_every_shipped_bank_passes_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [e.message for e in validator().iter_errors(data)]
    assert errors == []


def minimal(**question: Any) -> dict[str, Any]:
    base = {
        "id": "q",
        "type": "true_false",
        "prompt": "?",
        "answer": True,
        "explanation_true": "a",
        "explanation_false": "b",
    }
    return {"id": "b", "title": "B", "lesson": "b", "questions": [{**base, **question}]}


@pytest.mark.parametrize(
    "bad",
    [
        minimal(colour="red"),
        minimal(type="essay"),
        minimal(time_limit=45),
        minimal(difficulty="extreme"),
        minimal(id="two words"),
        minimal(answer="maybe"),
    ],
)
def test_the_schema_catches_what_an_editor_should_flag(bad: dict[str, Any]) -> None:
    assert list(validator().iter_errors(bad)), bad
    assert not list(validator().iter_errors(minimal()))


def test_write_schema_and_main(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write_schema(tmp_path / "schema.json")
    assert target.read_text(encoding="utf-8") == schema_text()
    other = tmp_path / "other.json"
    assert main([str(other)]) == 0
    assert other.read_text(encoding="utf-8") == schema_text()
    assert f"wrote {other}" in capsys.readouterr().out
