"""Kahoot's quiz spreadsheet: built with openpyxl as Kahoot's template lays it out, read back."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tests.quiz.formats.helpers import held_kahoot, load, shipped_banks
from toolkit.quiz import Bank, BankError, grade
from toolkit.quiz.formats import read_bank_with_warnings, write_bank
from toolkit.quiz.formats.kahoot import HEADERS
from toolkit.quiz.model import MultipleChoice, SingleChoice, TrueFalse

EN_DASH = "\u2013"


def test_the_headers_are_kahoots_exactly() -> None:
    assert (
        "Question - max 120 characters",
        "Answer 1 - max 75 characters",
        "Answer 2 - max 75 characters",
        "Answer 3 - max 75 characters",
        "Answer 4 - max 75 characters",
        f"Time limit (sec) {EN_DASH} 5, 10, 20, 30, 60, 90, 120, or 240 secs",
        "Correct answer(s) - choose at least one",
    ) == HEADERS


def kahoot_sheet(path: Path, rows: list[list[Any]], headers: tuple[str, ...] = HEADERS) -> Path:
    """A spreadsheet laid out as Kahoot's template: notes above, headers in row 8 from B."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B2"] = "Quiz template"
    sheet["B3"] = (
        "Add questions, at least two answer alternatives, time limit and choose correct answers"
    )
    for column, header in enumerate(headers, start=2):
        sheet.cell(row=8, column=column, value=header)
    for number, row in enumerate(rows, start=1):
        sheet.cell(row=8 + number, column=1, value=number)
        for column, value in enumerate(row, start=2):
            sheet.cell(row=8 + number, column=column, value=value)
    workbook.save(path)
    return path


def test_a_kahoot_sheet_reads_into_single_multiple_and_true_false(tmp_path: Path) -> None:
    path = kahoot_sheet(
        tmp_path / "lunch-quiz.xlsx",
        [
            [
                "What does CAB stand for?",
                "Change Advisory Board",
                "Central Approval Body",
                "Change Audit Board",
                None,
                20,
                1,
            ],
            [
                "Which are DORA keys?",
                "Deployment frequency",
                "Lines of code",
                "Lead time",
                "Story points",
                60,
                "1,3",
            ],
            ["SLAs measure experience.", "True", "False", None, None, 10, 2],
            [None, None, None, None, None, None, None],  # an empty row is skipped
            ["Pick the odd one", "2", 3, 5.0, "7", 45, "1"],
        ],
    )
    bank, warnings = read_bank_with_warnings(path)
    assert (bank.id, bank.title) == ("lunch-quiz", "lunch quiz")
    assert [q.id for q in bank.questions] == ["q1", "q2", "q3", "q4"]
    single = bank.questions[0]
    assert isinstance(single, SingleChoice)
    assert single.time_limit == 20
    assert [(o.id, o.text, o.correct) for o in single.options] == [
        ("a", "Change Advisory Board", True),
        ("b", "Central Approval Body", False),
        ("c", "Change Audit Board", False),
    ]
    assert single.options[0].explanation == ""  # Kahoot has none: no placeholder either
    multiple = bank.questions[1]
    assert isinstance(multiple, MultipleChoice)
    assert grade(multiple, ["a", "c"]).correct is True
    true_false = bank.questions[2]
    assert isinstance(true_false, TrueFalse)
    assert true_false.answer is False
    odd = bank.questions[3]
    assert isinstance(odd, SingleChoice)
    assert [o.text for o in odd.options] == ["2", "3", "5", "7"]
    assert odd.time_limit == 30  # 45 s is not allowed: the nearest allowed limit (a tie goes low)
    assert warnings == [
        f"{path}:row 13: warning: time limit 45 s is not one Kahoot allows (5, 10, 20, 30, 60, "
        "90, 120, 240): 30 s used",
    ]


def test_malformed_rows_are_reported_by_row(tmp_path: Path) -> None:
    path = kahoot_sheet(
        tmp_path / "bad.xlsx",
        [
            ["Fine", "A", "B", None, None, 20, 1],  # row 9
            [None, "A", "B", None, None, 20, 1],  # row 10: no question
            ["One answer", "A", None, None, None, 20, 1],  # row 11
            ["Wrong number", "A", "B", None, None, 20, 3],  # row 12
            ["No correct", "A", "B", None, None, 20, None],  # row 13
            ["Slow", "A", "B", None, None, "soon", 1],  # row 14
            ["Formula", "=1+1", "B", None, None, 20, 1],  # row 15
        ],
    )
    with pytest.raises(BankError) as caught:
        read_bank_with_warnings(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:row 10: the question (column B) is empty",
        f"{path}:row 11: a Kahoot question needs at least two answers (columns C to F)",
        f"{path}:row 12: correct answer '3' is not the number of a filled answer (1, 2)",
        f"{path}:row 13: no correct answer: give at least one answer number (1-4), as 1 or 1,3",
        f"{path}:row 14: time limit 'soon' is not a number of seconds",
        f"{path}:row 15: column C holds a formula (=1+1); type the value instead",
    ]


def test_wrong_headers_are_named(tmp_path: Path) -> None:
    headers = (*HEADERS[:5], "Time limit", HEADERS[6])
    path = kahoot_sheet(tmp_path / "old.xlsx", [["Q", "A", "B", None, None, 20, 1]], headers)
    with pytest.raises(BankError) as caught:
        read_bank_with_warnings(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:row 8: column G should be headed 'Time limit (sec) {EN_DASH} 5, 10, 20, 30, "
        "60, 90, 120, or 240 secs', found 'Time limit' (the header row is row 8, from column "
        "B, as in Kahoot's template)"
    ]
    # a hyphen typed for the en dash is accepted
    hyphen = (*HEADERS[:5], HEADERS[5].replace(EN_DASH, "-"), HEADERS[6])
    ok = kahoot_sheet(tmp_path / "hyphen.xlsx", [["Q", "A", "B", None, None, 20, 1]], hyphen)
    assert len(read_bank_with_warnings(ok)[0].questions) == 1


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id,type\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"fake\.xlsx:row 1: not an xlsx file"):
        read_bank_with_warnings(path)


def _bank(*questions: dict[str, Any]) -> Bank:
    return Bank.model_validate(
        {"id": "k", "title": "K", "lesson": "k", "questions": list(questions)}
    )


def _options(*texts: str, right: int = 0) -> list[dict[str, Any]]:
    return [
        {"id": f"o{n}", "text": text, "correct": n == right, "explanation": "why"}
        for n, text in enumerate(texts)
    ]


def test_export_warns_instead_of_cutting(tmp_path: Path) -> None:
    long_prompt = "How " + "long " * 30 + "is this?"
    long_answer = "An answer " * 9
    bank = _bank(
        {
            "id": "long",
            "type": "single",
            "prompt": long_prompt,
            "time_limit": 30,
            "options": _options(long_answer, "Short"),
        },
        {"id": "five", "type": "single", "prompt": "Five", "options": _options(*"ABCDE")},
        {
            "id": "md",
            "type": "single",
            "prompt": "Is **this** bold?",
            "options": _options("Y", "N"),
        },
        {"id": "num", "type": "numeric", "prompt": "How many?", "answer": 3, "explanation": "x"},
        {
            "id": "tf",
            "type": "true_false",
            "prompt": "True?",
            "answer": True,
            "explanation_true": "y",
            "explanation_false": "n",
            "hints": ["Think"],
        },
    )
    out = tmp_path / "out.xlsx"
    notes = write_bank(bank, out)
    assert notes == [
        f"{out}: long: warning: the question has {len(long_prompt)} characters, Kahoot allows "
        "120: written whole, shorten it before uploading",
        f"{out}: long: warning: answer 1 has {len(long_answer.strip())} characters, Kahoot "
        "allows 75: written whole, shorten it before uploading",
        f"{out}: five: warning: skipped: 5 options, and Kahoot holds at most 4",
        f"{out}: md: warning: Markdown formatting removed (Kahoot shows plain text)",
        f"{out}: num: warning: skipped: Kahoot has no 'numeric' question (it holds single, "
        "multiple and true/false)",
        f"{out}: warning: Kahoot has no place for explanations (3 question(s): long, md, tf); "
        "hints (1 question(s): tf): not written",
    ]
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [sheet.cell(row=8, column=c).value for c in range(2, 9)] == list(HEADERS)
    assert sheet["B9"].value == long_prompt  # not cut
    assert sheet["C9"].value == long_answer.strip()
    assert (sheet["G9"].value, sheet["H9"].value) == (30, "1")
    assert sheet["B10"].value == "Is this bold?"
    assert [sheet.cell(row=11, column=c).value for c in range(2, 9)] == [
        "True?",
        "True",
        "False",
        None,
        None,
        20,
        "1",
    ]


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path: Path) -> None:
    bank = _bank(
        {
            "id": "f",
            "type": "single",
            "prompt": '=HYPERLINK("http://x")',
            "options": _options("=1+1", "@SUM(A1)", right=1),
        },
    )
    out = tmp_path / "f.xlsx"
    write_bank(bank, out)
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["B9"].data_type == "s"
    assert sheet["C9"].data_type == "s"
    back, _ = read_bank_with_warnings(out)
    assert back.questions[0].prompt == '=HYPERLINK("http://x")'


def test_a_bank_kahoot_cannot_hold_at_all_writes_nothing(tmp_path: Path) -> None:
    bank = _bank(
        {"id": "n", "type": "numeric", "prompt": "How many?", "answer": 3, "explanation": "x"}
    )
    out = tmp_path / "none.xlsx"
    with pytest.raises(BankError, match="nothing to write"):
        write_bank(bank, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_keeps_what_kahoot_holds(path: Path, tmp_path: Path) -> None:
    bank = load(path)
    out = tmp_path / f"{path.stem}.xlsx"
    write_bank(bank, out)
    back, _ = read_bank_with_warnings(out)
    assert held_kahoot(back) == held_kahoot(bank)


def test_a_zip_bomb_is_refused_before_it_is_unzipped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 25_000_000)
    assert path.stat().st_size < 100_000
    with pytest.raises(BankError, match=r"bomb\.xlsx:row 1: refused: the file unzips to 25 MB"):
        read_bank_with_warnings(path)
