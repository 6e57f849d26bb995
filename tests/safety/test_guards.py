"""The output guards: terminal text, spreadsheet cells, files written."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.safety.files import TargetExistsError, write_atomically
from toolkit.safety.spreadsheet import neutral_cell, neutral_frame, restore_cell
from toolkit.safety.terminal import TerminalStream, control_characters, for_terminal

HOSTILE = "\x1b]0;owned\x07\x1b[31mred\x1b[2J\x1b[H\x1b[1A\r\x9b31m\x08\x00bell\x07"


def test_escape_sequences_and_controls_are_removed_whole() -> None:
    assert for_terminal(HOSTILE) == "redbell"
    assert for_terminal("keep\ttabs\nand lines") == "keep\ttabs\nand lines"
    assert for_terminal("one\nline", keep_newlines=False) == "one line"
    assert for_terminal("a\u202eb") == "ab"  # a bidirectional override


@given(st.text())
def test_no_control_character_ever_survives(text: str) -> None:
    cleaned = for_terminal(text)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in cleaned)


def test_control_characters_are_named() -> None:
    assert control_characters("a\x1b[31m\x07\n\t") == ["U+001B (ESC)", "U+0007 (BEL)"]


def test_a_terminal_stream_cleans_every_write() -> None:
    buffer = io.StringIO()
    stream = TerminalStream(buffer)
    stream.write("\x1b]0;title\x07shown")
    assert buffer.getvalue() == "shown"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("-5", "-5"),
        ("2.5", "2.5"),
        ("Ada", "Ada"),
    ],
)
def test_formula_cells_are_neutralised(cell: str, written: str) -> None:
    assert neutral_cell(cell) == written
    assert restore_cell(written) == cell


def test_numbers_stay_numbers() -> None:
    assert neutral_cell(-5) == -5
    frame = neutral_frame(pd.DataFrame({"learner": ["=1+1", "Ada"], "points": [-5, 3]}))
    assert frame["learner"].tolist() == ["'=1+1", "Ada"]
    assert frame["points"].tolist() == [-5, 3]


@given(st.text())
def test_neutralising_is_reversible_and_never_leaves_a_formula(text: str) -> None:
    written = neutral_cell(text)
    assert restore_cell(written) == text
    assert not written.startswith(("=", "+", "@", "\t", "\r")) or written == text


def test_write_atomically_refuses_an_existing_file_a_symlink_and_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("mine")
    with pytest.raises(TargetExistsError, match="exists: add --force"):
        write_atomically(target, "theirs")
    assert target.read_text() == "mine"
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    with pytest.raises(TargetExistsError, match="symbolic link"):
        write_atomically(link, "x")
    write_atomically(link, "x", force=True)  # replaces the link, never writes through it
    assert victim.read_text() == "precious"
    assert not link.is_symlink()
    assert link.read_text() == "x"
    with pytest.raises(IsADirectoryError, match="is a folder"):
        write_atomically(tmp_path, "x", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "out.csv", "victim.txt"]


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    def broken(target: Path) -> None:
        target.write_text("half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(tmp_path / "a.txt", broken)
    assert os.listdir(tmp_path) == []
