"""``smlab convert IN OUT`` and the Python API behind it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from tests.quiz.formats.helpers import load, shipped_banks
from toolkit.cli.convert import register
from toolkit.quiz import BankError, load_bank
from toolkit.quiz.formats import format_of, read_bank, write_bank
from toolkit.quiz.validate import validate_paths


def convert(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="smlab")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["convert", *argv])
    result: int = args.handler(args)
    return result


def test_format_comes_from_the_extension() -> None:
    assert [
        format_of(f"b{ext}") for ext in (".yaml", ".yml", ".gift", ".xml", ".xlsx", ".csv")
    ] == ["yaml", "yaml", "gift", "xml", "xlsx", "csv"]
    with pytest.raises(ValueError, match=r"cannot tell the format of 'moodle\.txt' from '\.txt'"):
        format_of("moodle.txt")


def test_yaml_to_every_format_and_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = shipped_banks()[0]
    for ext in ("csv", "gift", "xml", "xlsx"):
        out = tmp_path / f"bank.{ext}"
        assert convert(str(source), str(out)) == 0
        captured = capsys.readouterr()
        assert captured.out.startswith(f"Wrote {out} ({ext}) from {source} (yaml): ")
        assert out.is_file()
    back = tmp_path / "02-imported.yaml"
    assert convert(str(tmp_path / "bank.csv"), str(back)) == 0
    assert load(back) == load(source)  # CSV holds everything: the same bank (its own id)


def test_an_imported_bank_is_named_after_its_yaml_file(tmp_path: Path) -> None:
    gift = tmp_path / "moodle export.gift"
    gift.write_text("::q1::Sky is blue {T#Look up.#Yes.}\n", encoding="utf-8")
    out = tmp_path / "11-sky.yaml"
    assert convert(str(gift), str(out), "--title", "The sky") == 0
    bank = load_bank(out)
    assert (bank.id, bank.lesson, bank.title) == ("11-sky", "11-sky", "The sky")
    report = validate_paths([out])
    assert report.ok, [str(p) for p in report.problems]


def test_problems_are_printed_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bad.csv"
    source.write_text("id,type,prompt\nq1,singel,Pick\nq2,true_false,\n", encoding="utf-8")
    out = tmp_path / "bad.yaml"
    assert convert(str(source), str(out)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{source}:2: q1: type is 'singel'; use one of: single, multiple, true_false, numeric, "
        "text, ordering, matching, scenario, poll, reflection (or bank)",
        f"{source}:3: q2: prompt is empty",
        f"{source}:3: q2: answer is missing",
        f"smlab convert: 3 problems in {source}: nothing written",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_hostile_xml_exits_1_with_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.xml"
    source.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY a "aaaa">\n]>\n<quiz>&a;</quiz>\n',
        encoding="utf-8",
    )
    assert convert(str(source), str(tmp_path / "x.yaml")) == 1
    err = capsys.readouterr().err
    assert f"{source}:3: refused: the file declares the entity 'a'" in err
    assert not (tmp_path / "x.yaml").exists()


def test_warnings_are_printed_and_the_file_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = shipped_banks()[0]
    out = tmp_path / "bank.gift"
    assert convert(str(source), str(out)) == 0
    captured = capsys.readouterr()
    assert f"{out}: warning: GIFT has no place for" in captured.err
    assert out.read_text(encoding="utf-8").count("::") >= 2


def test_an_existing_output_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bank.csv"
    out.write_text("keep me", encoding="utf-8")
    source = str(shipped_banks()[0])
    assert convert(source, str(out)) == 1
    assert "exists: add --force to replace it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "keep me"
    assert convert(source, str(out), "--force") == 0
    assert out.read_text(encoding="utf-8-sig").startswith("id,type,")


def test_unknown_extension_missing_file_and_from_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert convert("bank.txt", str(tmp_path / "b.yaml")) == 1
    assert "cannot tell the format" in capsys.readouterr().err
    assert convert(str(tmp_path / "missing.gift"), str(tmp_path / "b.yaml")) == 1
    assert "no file at" in capsys.readouterr().err
    txt = tmp_path / "moodle.txt"
    txt.write_text("::q::Sky is blue {T#no#yes}\n", encoding="utf-8")
    assert convert(str(txt), str(tmp_path / "sky.yaml"), "--from", "gift") == 0
    assert convert(str(txt), str(tmp_path / "sky2.yaml"), "--from", "gift", "--id", "bad id") == 1
    assert "--id 'bad id' may use only letters" in capsys.readouterr().err


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path) -> None:
    bank = load(shipped_banks()[0])
    out = tmp_path / "bank.csv"
    out.write_text("the old file", encoding="utf-8")

    class BoomError(Exception):
        pass

    from toolkit.quiz.formats import _common

    def explode(target: Path) -> None:
        target.write_text("half a fi", encoding="utf-8")
        raise BoomError

    with pytest.raises(BoomError):
        _common.write_atomic(out, explode)
    assert out.read_text(encoding="utf-8") == "the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bank.csv"]
    write_bank(bank, out)
    assert read_bank(out) == bank


def test_read_bank_raises_bank_error_with_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.gift"
    path.write_text("::q::Unclosed {=a\n", encoding="utf-8")
    with pytest.raises(BankError) as caught:
        read_bank(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:1: q: unmatched brace")


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("id,type,prompt\nq1,poll,Caf\u00e9?\n".encode("latin-1"))
    with pytest.raises(BankError) as caught:
        read_bank(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2: not UTF-8 text (byte 0xe9) (column 12): save the file as UTF-8"
    ]
