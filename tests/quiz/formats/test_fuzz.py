"""Fuzzing every bank reader and ``smlab validate``/``convert`` with random and hostile files.

Every outcome must be a result or a named error (``BankError``, a ``ValueError`` with a
message, exit status 1): never a traceback, a signal or a hang.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from toolkit.cli import main
from toolkit.quiz.formats import read_bank_with_warnings
from toolkit.quiz.model import BankError

DEEP_YAML = ("a: " + "[" * 40_000 + "]" * 40_000 + "\n").encode()
VALID_YAML = b"""id: fuzz
title: Fuzz
lesson: fuzz
questions:
  - id: q1
    type: numeric
    prompt: "\\e[31mHow many?\\a"
    answer: 1e308
    tolerance: 1e308
    explanation: Because.
"""
HOSTILE: dict[str, list[bytes]] = {
    "yaml": [
        DEEP_YAML,
        b"- " * 20_000 + b"x",
        b"~\n",
        b"",
        b"\xef\xbb\xbf" + VALID_YAML,
        b"\xff\xfe" + VALID_YAML.decode().encode("utf-16-le"),
        VALID_YAML.decode().encode("utf-16-le"),
        VALID_YAML,
        b"a: &x [*x]\n",
        b"a: !!python/object/apply:os.system ['echo owned']\n",
        b"id: 1e9999999\nquestions: [{answer: 1e400}]\n",
    ],
    "gift": [
        b"::q::" + b"{" * 40_000 + b"}" * 40_000,
        b"::q:: 2+2? {#" + b"9" * 5000 + b"}",
        b"::q:: Say \x1b]0;owned\x07 {=yes}",
        b"\xff\xfe" + "::q:: é {T}".encode("utf-16-le"),
        b"::q:: \x00 {T}",
    ],
    "xml": [
        b'<?xml version="1.0" encoding="latin-9999"?><quiz/>',
        b'<?xml version="1.0" encoding="UTF-16"?><quiz/>',
        b"<quiz>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</quiz>",
        b'<!DOCTYPE q [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><quiz>&b;</quiz>',
        b'<!DOCTYPE q [<!ENTITY x SYSTEM "file:///etc/passwd">]><quiz>&x;</quiz>',
        b"<quiz><question type='numerical'><answer fraction='1e999'><text>1e999</text>"
        b"</answer></question></quiz>",
        b"\xef\xbb\xbf<quiz></quiz>",
    ],
    "csv": [
        b"\xef\xbb\xbftype,id,prompt\nsingle,q1,=HYPERLINK(1)\n",
        "type,id\nsingle,é\n".encode("utf-16"),
        b"type,id\n" + b'"' * 10_000,
        b"a,b\n" + b"1," * 50_000 + b"\n",
        b"\x00\x01\x02",
    ],
}


def _xlsx_bytes() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B8"] = "Question - max 120 characters"
    sheet["B9"] = "=HYPERLINK(1)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


XLSX = _xlsx_bytes()
HOSTILE["xlsx"] = [
    XLSX[: len(XLSX) // 2],  # a truncated zip
    XLSX,
    b"PK\x03\x04garbage",
    _zip_with({"[Content_Types].xml": b"<x/>"}),
    _zip_with({"[Content_Types].xml": b"<" * 10_000, "xl/workbook.xml": b"\xff\xfe"}),
    _zip_with({"xl/worksheets/sheet1.xml": b"<a>" * 50_000}),
]
SUFFIX = {"yaml": ".yaml", "gift": ".gift", "xml": ".xml", "csv": ".csv", "xlsx": ".xlsx"}
CASES = [(kind, data) for kind, items in HOSTILE.items() for data in items]


def _read(kind: str, data: bytes) -> None:
    """Read ``data`` as a ``kind`` bank: a bank or a named error, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{SUFFIX[kind]}"
        path.write_bytes(data)
        refused: BankError | None = None
        try:
            bank, _warnings = read_bank_with_warnings(path)
        except BankError as error:
            refused = error
        if refused is not None:
            assert refused.problems, "a BankError names its problems"
            assert all(str(path) in str(p) for p in refused.problems)
        else:
            assert bank.questions


def _commands(kind: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{SUFFIX[kind]}"
        path.write_bytes(data)
        if kind == "yaml":
            assert main(["validate", str(path)]) in (0, 1)
        assert main(["convert", str(path), str(Path(folder) / "out.yaml")]) in (0, 1)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert "\x1b" not in out + err


@pytest.mark.parametrize(
    ("kind", "data"), CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)]
)
def test_hostile_files_give_a_bank_or_a_named_error(
    kind: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    _read(kind, data)
    _commands(kind, data, capsys)


FUZZ = settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(kind=st.sampled_from(sorted(SUFFIX)), data=st.binary(max_size=2_000))
def test_random_bytes_give_a_bank_or_a_named_error(kind: str, data: bytes) -> None:
    _read(kind, data)


@FUZZ
@given(
    kind=st.sampled_from(sorted(SUFFIX)),
    seed=st.sampled_from(CASES),
    cut=st.integers(min_value=0, max_value=5_000),
    noise=st.binary(max_size=64),
)
@example(kind="yaml", seed=("yaml", VALID_YAML), cut=40, noise=b"\x1b[2J")
def test_mangled_hostile_files_give_a_bank_or_a_named_error(
    kind: str, seed: tuple[str, bytes], cut: int, noise: bytes
) -> None:
    data = seed[1]
    _read(kind, data[:cut] + noise + data[cut:])


@FUZZ
@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300),
    kind=st.sampled_from(["yaml", "gift", "csv"]),
)
def test_random_text_through_the_commands(
    text: str, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _commands(kind, text.encode("utf-8"), capsys)
