"""Hostile and broken input through the commands: a named error, never a crash or a leak."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.bench_validate import broken_bank
from toolkit.cli import main
from toolkit.quiz.loader import parse_bank
from toolkit.quiz.store import ProgressStore

GOOD = """\
id: {name}
title: A bank
lesson: {name}
questions:
  - id: q1
    type: true_false
    prompt: {prompt}
    answer: false
    explanation_true: Tempting, but an SLA measures output.
    explanation_false: Right, a watermelon.
"""
DEEP = "a: " + "[" * 40_000 + "]" * 40_000 + "\n"
ESCAPES = "\\e]0;owned\\a\\e[31mGreen\\e[2J\\e[H SLAs prove users are happy."


def test_the_deep_bank_is_a_named_error_not_a_segfault(tmp_path: Path) -> None:
    folder = tmp_path / "banks"
    folder.mkdir()
    (folder / "deep.yaml").write_text(DEEP)
    (folder / "good.yaml").write_text(GOOD.format(name="good", prompt="Green SLAs are enough."))
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "validate", str(folder / "deep.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # not 139 (SIGSEGV)
    assert "deep.yaml:1: (bank): nested more than 100 levels deep" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "FAILED: 2 bank(s) checked; 1 error(s)" in result.stderr  # the good one was checked
    assert "good.yaml" not in result.stdout


@pytest.mark.parametrize("count", [10, 200, 2_000])
def test_every_broken_question_is_reported_once(count: int) -> None:
    bank, problems = parse_bank(broken_bank(count), file="broken.yaml", explanations="required")
    assert bank is None
    assert len(problems) == 2 * count  # two options without an explanation each
    assert len(set(problems)) == len(problems)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("~\n", "the bank is empty (null)"),
        ("", "the file is empty"),
        ("null\n", "the bank is empty (null)"),
    ],
)
def test_a_null_or_empty_bank_fails_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    (tmp_path / "b.yaml").write_text(text)
    assert main(["validate", str(tmp_path / "b.yaml")]) == 1
    assert message in capsys.readouterr().out


def test_a_utf16_bank_is_read_and_a_latin1_one_refused_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = GOOD.format(name="b", prompt="Green SLAs are enough, é.")
    (tmp_path / "b.yaml").write_bytes(good.encode("utf-16"))
    assert main(["validate", str(tmp_path / "b.yaml")]) == 0
    (tmp_path / "b.yaml").write_bytes(good.encode("latin-1"))
    assert main(["validate", str(tmp_path / "b.yaml")]) == 1
    assert "b.yaml:7: (bank): not UTF-8 text" in capsys.readouterr().out


def test_validate_names_control_characters_and_never_prints_them(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "b.yaml").write_text(GOOD.format(name="b", prompt=f'"{ESCAPES}"'))
    assert main(["validate", str(tmp_path / "b.yaml")]) == 1
    out, err = capfd.readouterr()
    assert "b.yaml:7: q1: prompt holds control characters (U+001B (ESC), U+0007 (BEL))" in out
    assert "\x1b" not in out + err
    assert "\x07" not in out + err


def test_the_terminal_quiz_never_prints_an_escape_sequence(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "b.yaml").write_text(GOOD.format(name="b", prompt=f'"{ESCAPES}"'))
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("f\nq\n"))
    code = main(["quiz", str(tmp_path / "b.yaml"), "--store", str(tmp_path / "s.sqlite3")])
    out, err = capfd.readouterr()
    assert code == 0, err
    assert "Green SLAs prove users are happy." in out  # the text is shown...
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out + err)  # ...never its escapes


def test_progress_export_neutralises_a_formula_learner_and_refuses_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from toolkit.quiz.store.records import AttemptRecord

    store_path = tmp_path / "p.sqlite3"
    learner = '=HYPERLINK("http://evil.example","x")'
    with ProgressStore(store_path) as store:
        store.record_attempt(
            AttemptRecord(
                learner=learner,
                bank_id="b",
                question_id="q1",
                response="+cmd|' /C calc'!A0",
                credit=1.0,
                correct=True,
                points=20,
                answered_at=datetime(2026, 1, 5, tzinfo=UTC),
            )
        )
    out = tmp_path / "answers.csv"
    args = ["progress", "--store", str(store_path), "--all", "--export", str(out)]
    assert main(args) == 0
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["learner"] == "'" + learner  # shown as text, never run as a formula
    before = out.read_bytes()
    assert main(args) == 1
    assert "exists: add --force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main([*args, "--force"]) == 0


def test_a_text_file_given_as_the_store_is_left_byte_for_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"my notes\r\n\x00and more\n")
    assert main(["progress", "--store", str(notes)]) == 1
    assert "is not a progress store" in capsys.readouterr().err
    assert notes.read_bytes() == b"my notes\r\n\x00and more\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_export_and_convert_refuse_an_existing_file_a_symlink_and_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text(GOOD.format(name="b", prompt="Green SLAs are enough."))
    existing = tmp_path / "quiz.html"
    existing.write_text("mine")
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    for target in (existing, link):
        assert main(["export", "quiz", str(bank), "--out", str(target)]) == 1
        assert main(["convert", str(bank), str(target.with_suffix(".gift"))]) in (0, 1)
    err = capsys.readouterr().err
    assert "exists: add --force" in err
    assert "symbolic link" in err
    assert existing.read_text() == "mine"
    assert victim.read_text() == "precious"
    assert main(["export", "quiz", str(bank), "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    gift_link = tmp_path / "l.gift"
    gift_link.symlink_to(victim)
    assert main(["convert", str(bank), str(gift_link)]) == 1
    assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text() == "precious"
    assert main(["export", "quiz", str(bank), "--out", str(existing), "--force"]) == 0
    assert "smlab-quiz-data" in existing.read_text()
