"""``smlab export``: clear errors (exit 1, never a traceback), files where asked."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from toolkit.cli import export as export_command
from toolkit.course import LESSONS


def smlab(*argv: str) -> int:
    """Run ``smlab export ...`` through a parser with the command registered, as cli.py does."""
    parser = argparse.ArgumentParser(prog="smlab")
    export_command.register(parser.add_subparsers())
    args = parser.parse_args(list(argv))
    code: int = args.handler(args)
    return code


def test_export_alone_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert smlab("export") == 2
    assert "slides" in capsys.readouterr().out


@pytest.mark.parametrize("kind", ["slides", "handout", "card"])
def test_unknown_lesson_is_a_clear_error(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert smlab("export", kind, "00", "99") == 1
    err = capsys.readouterr().err
    assert err.startswith("smlab export: error: no lesson '99'; the lessons are: 00-start-here")
    assert "10-final-challenge" in err
    assert "Traceback" not in err


def test_unknown_bank_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert smlab("export", "quiz", "no-such-bank") == 1
    err = capsys.readouterr().err
    assert "no question bank 'no-such-bank'" in err
    assert "02-compound-improvement" in err


def test_quiz_goes_where_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "room" / "quiz.html"
    assert smlab("export", "quiz", "3", "--out", str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in capsys.readouterr().out


def test_cards_for_several_lessons(tmp_path: Path) -> None:
    assert smlab("export", "card", "0", "08-it-depends", "--out", str(tmp_path)) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "00-start-here.card.pdf",
        "00-start-here.card.png",
        "08-it-depends.card.pdf",
        "08-it-depends.card.png",
    ]


def test_all_means_every_lesson() -> None:
    assert export_command._lessons(["all"]) == [lesson.slug for lesson in LESSONS]
    assert export_command._lessons(["2", "00"]) == ["02-compound-improvement", "00-start-here"]


def test_pdf_without_chromium_exits_1_before_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SMLAB_CHROMIUM", str(tmp_path / "missing"))
    assert smlab("export", "handout", "--pdf", "00", "--out", str(tmp_path / "out")) == 1
    captured = capsys.readouterr()
    assert "PDF printing needs chromium" in captured.err
    assert "Traceback" not in captured.err
    assert "running" not in captured.out
    assert not (tmp_path / "out").exists()


@pytest.mark.notebook
def test_trainer_handout_ends_with_the_guide(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--trainer: the handout (lesson 08 run for real) ends with each section of the guide."""
    monkeypatch.setenv("SMLAB_DATA_DIR", str(tmp_path / "data"))
    assert smlab("export", "handout", "8", "--trainer", "--out", str(tmp_path / "out")) == 0
    page = (tmp_path / "out" / "08-it-depends.handout.html").read_text(encoding="utf-8")
    assert "Trainer&#39;s guide" in page or "Trainer's guide" in page
    for section in ("Timings", "Points to land", "Discussion prompts for the room"):
        assert section in page
    assert "Common wrong answers, and how to address them" in page
    # A tempting option from the bank, with its explanation, is in the page.
    assert "Tempting:" in page
    assert "Keep it at the board; it shows the auditors" in page
    plain = tmp_path / "plain"
    assert smlab("export", "handout", "8", "--out", str(plain)) == 0
    assert "Points to land" not in (plain / "08-it-depends.handout.html").read_text("utf-8")
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "hide_code"),
    [
        (("slides", "0"), True),  # slides leave the code out by default
        (("slides", "0", "--code"), False),
        (("slides", "0", "--hide-code"), True),
        (("handout", "0"), False),  # handouts keep it
        (("handout", "0", "--hide-code"), True),
    ],
)
def test_code_on_slides_only_when_asked(
    argv: tuple[str, ...], hide_code: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from toolkit.export import notebook_export

    asked: list[bool | None] = []

    def fake_export(lesson: str, out: str, **options: object) -> notebook_export.LessonExport:
        asked.append(options["hide_code"])  # type: ignore[arg-type]
        return notebook_export.LessonExport(lesson)

    monkeypatch.setattr(notebook_export, "export_lesson", fake_export)
    assert smlab("export", *argv, "--out", str(tmp_path)) == 0
    assert asked == [hide_code]


def test_slides_code_options_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        smlab("export", "slides", "0", "--code", "--hide-code")
    assert "not allowed with argument" in capsys.readouterr().err
