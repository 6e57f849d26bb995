"""Every settings and data file the product reads goes through the input boundary.

The readiness baseline (JSON), the store's config file (TOML), a room's log (JSON lines),
the quick reference cards (YAML) and imported exports (JSON and CSV): each one truncated,
binary, nested 100,000 levels deep and over its size limit gives an error of the reader's
own type that names the file (and the line where there is one), never a traceback from the
parser (``JSONDecodeError``, ``RecursionError``, ``UnicodeDecodeError``...).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.analytics.assessment import load_baseline
from toolkit.data.imports import import_export
from toolkit.export.card import load_cards
from toolkit.quiz.store import StoreError
from toolkit.quiz.store.config import read_config
from toolkit.room.record import RoomError, read_log
from toolkit.safety.reader import LIMITS, InputError, read_json, read_toml

DEPTH = 100_000
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def _config(path: Path) -> object:
    os.environ["SMLAB_CONFIG"] = str(path)
    try:
        return read_config()
    finally:
        del os.environ["SMLAB_CONFIG"]


# name: (file name, reader, error type, size kind, truncated text, deep text)
READERS: dict[str, tuple[str, Callable[[Path], object], type[Exception], str, str, str]] = {
    "baseline": (
        "csf-baseline.json",
        load_baseline,
        InputError,
        "config",
        '{"kind": "smlab-csf-assessment",\n "version": 1, "factors": [{"id": "baseline",',
        '{"kind": ' + "[" * DEPTH + "]" * DEPTH + "}",
    ),
    "store config": (
        "config.toml",
        _config,
        StoreError,
        "config",
        'database_url = "postgresql://db/cou',
        "trainers = " + "[" * DEPTH + "]" * DEPTH,
    ),
    "room log": (
        "ROOM.jsonl",
        read_log,
        RoomError,
        "store",
        '{"event": "open", "code": "AB\n{"event": "close"}\n',
        '{"event": "open"}\n{"a": ' + "[" * DEPTH + "]" * DEPTH + "}\n",
    ),
    "reference cards": (
        "cards.yaml",
        load_cards,
        ValueError,
        "config",
        "02-compound-improvement:\n  key_ideas: [a, b\n",
        "02-compound-improvement: " + "[" * DEPTH + "]" * DEPTH + "\n",
    ),
    "imported JSON": (
        "github.json",
        lambda path: import_export(path, kind="deployments", source="github"),
        ValueError,
        "export",
        '[{"id": 1, "created_at": "2026-01-05T10:00:00Z",\n "environment": "prod',
        "[" * DEPTH + "]" * DEPTH,
    ),
}


def _names(error: BaseException, name: str, line: int | None) -> None:
    text = str(error)
    assert name in text, text
    assert "Traceback" not in text
    if line is not None:
        assert re.search(rf"{re.escape(name)}:{line}\b", text), text


@pytest.mark.parametrize("reader", list(READERS))
def test_a_truncated_file_names_the_file_and_the_line(reader: str, tmp_path: Path) -> None:
    name, read, error, _, truncated, _ = READERS[reader]
    path = tmp_path / name
    path.write_text(truncated, encoding="utf-8")
    with pytest.raises(error) as caught:
        read(path)
    last_line = truncated.rstrip("\n").count("\n") + 1  # where the text stops
    line = {"reference cards": None, "room log": 1}.get(reader, last_line)
    _names(caught.value, name, line)


@pytest.mark.parametrize("reader", list(READERS))
def test_a_binary_file_is_refused_with_the_line(reader: str, tmp_path: Path) -> None:
    name, read, error, *_ = READERS[reader]
    path = tmp_path / name
    path.write_bytes(BINARY)
    with pytest.raises(error) as caught:
        read(path)
    _names(caught.value, name, 1)
    assert "UTF-8" in str(caught.value)


@pytest.mark.parametrize("reader", list(READERS))
def test_a_deeply_nested_file_is_refused_before_parsing(reader: str, tmp_path: Path) -> None:
    name, read, error, _, _, deep = READERS[reader]
    path = tmp_path / name
    path.write_text(deep, encoding="utf-8")
    with pytest.raises(error) as caught:
        read(path)
    _names(caught.value, name, 2 if reader == "room log" else 1)
    assert "nested more than 100 levels deep" in str(caught.value)


@pytest.mark.parametrize("reader", list(READERS))
def test_an_oversized_file_is_refused_before_reading(reader: str, tmp_path: Path) -> None:
    name, read, error, kind, *_ = READERS[reader]
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: the size is real, the disk is not used
        handle.truncate(LIMITS[kind] + 1)
    with pytest.raises(error) as caught:
        read(path)
    _names(caught.value, name, None)
    assert f"at most {LIMITS[kind]:,}" in str(caught.value)


def test_an_imported_csv_that_is_binary_truncated_or_oversized_names_itself(
    tmp_path: Path,
) -> None:
    path = tmp_path / "incident.csv"
    path.write_bytes(BINARY)
    with pytest.raises(ValueError, match=r"incident\.csv:1: not UTF-8"):
        import_export(path, kind="incidents", source="servicenow")
    path.write_text('number,short_description\n"INC0010001,never closed\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"incident\.csv: cannot read it as a CSV table"):
        import_export(path, kind="incidents", source="servicenow")
    with path.open("wb") as handle:
        handle.truncate(LIMITS["csv"] + 1)
    with pytest.raises(ValueError, match=r"incident\.csv: the file is .* bytes"):
        import_export(path, kind="incidents", source="servicenow")


def test_read_json_and_read_toml_name_line_and_column(tmp_path: Path) -> None:
    broken = tmp_path / "b.json"
    broken.write_text('{\n  "a": 1,\n  "b": }\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.json:3:8: not valid JSON") as caught:
        read_json(broken)
    assert (caught.value.line, caught.value.column) == (3, 8)
    toml = tmp_path / "c.toml"
    toml.write_text('a = 1\nb = "x\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"c\.toml:2:\d+: not valid TOML"):
        read_toml(toml)
    # Brackets inside strings are text, not nesting.
    quoted = tmp_path / "q.json"
    quoted.write_text('{"a": "' + "[" * 500 + '"}', encoding="utf-8")
    assert read_json(quoted) == {"a": "[" * 500}
