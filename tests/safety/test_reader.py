"""The input boundary: type, size, encoding and depth checked before anything parses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.safety.reader import (
    InputError,
    MissingInputError,
    check_yaml_depth,
    decode_text,
    read_bytes,
    read_text,
)

DEEP = "a: " + "[" * 40_000 + "]" * 40_000


def test_a_missing_file_is_also_a_file_not_found_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_bytes(tmp_path / "nope.yaml", kind="bank")
    with pytest.raises(MissingInputError):
        read_text(tmp_path / "nope.yaml", kind="bank")


def test_a_folder_and_a_fifo_are_refused_without_blocking(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a file"):
        read_bytes(tmp_path, kind="bank")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"named pipe \(FIFO\)"):
        read_bytes(fifo, kind="bank")


def test_a_file_over_its_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"101 bytes; a bank file is at most 100"):
        read_bytes(path, kind="bank", max_bytes=100)


def test_utf8_with_a_bom_and_utf16_with_a_bom_are_read() -> None:
    assert decode_text(b"\xef\xbb\xbfid: a", "b.yaml") == "id: a"
    assert decode_text("id: é".encode("utf-16"), "b.yaml") == "id: é"
    assert decode_text("id: é".encode("utf-16-be").join([b"\xfe\xff", b""]), "b.yaml") == "id: é"


def test_latin1_and_utf16_without_a_bom_are_refused_with_line_and_fix() -> None:
    with pytest.raises(InputError, match=r"b\.yaml:2:9: not UTF-8 text .*save the file as UTF-8"):
        decode_text(b"id: a\nttl: caf\xe9\n", "b.yaml")
    with pytest.raises(InputError, match="NUL bytes: a binary file, or UTF-16 text without"):
        decode_text("id: a".encode("utf-16-le"), "b.yaml")


def test_deep_nesting_is_refused_before_parsing() -> None:
    with pytest.raises(InputError, match=r"deep\.yaml:1:\d+: nested more than 100 levels"):
        check_yaml_depth(DEEP, "deep.yaml")
    with pytest.raises(InputError, match="nested more than 100 levels"):
        check_yaml_depth("x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 150)), "y")
    with pytest.raises(InputError, match="nested more than 100 levels"):
        check_yaml_depth("- " * 500 + "x", "y")
    check_yaml_depth("a: [[1, 2], {b: [3]}]\nc: '[[[[[[['\n", "fine.yaml")  # no error
