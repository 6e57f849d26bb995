"""CSV banks: every field round-trips, and a broken row is reported at its line and column."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.quiz.formats.helpers import load, shipped_banks
from toolkit.paths import quizzes_dir
from toolkit.quiz import Bank, BankError, grade
from toolkit.quiz.formats import read_bank, read_bank_with_warnings, write_bank
from toolkit.quiz.formats.csv_bank import columns_for, dumps, loads, protect, unprotect
from toolkit.quiz.model import Matching, MultipleChoice, Numeric, Ordering, Scenario, ShortText


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_round_trips_exactly(path: Path, tmp_path: Path) -> None:
    bank = load(path)
    out = tmp_path / f"{path.stem}.csv"
    assert write_bank(bank, out) == []
    back, warnings = read_bank_with_warnings(out)
    assert warnings == []
    assert back == bank


# A trainer's sheet, as a spreadsheet saves it: columns in their own order, some left out.
TRAINER = """\
id,type,prompt,option_1,explanation_1,option_2,explanation_2,option_3,explanation_3,correct,credit,depends_on,answer,tolerance,range,unit,accepted,explanation,match_1,match_2,hints,tags
bank-row-id,bank,Compound improvement,,,,,,,,,,,,,,,Checkpoint for a lunch-and-learn.,,,,
one-percent,single,"1% a week for a year multiplies a measure by about...",1.52,That is 52 lots of 1% added.,1.68,"1.01 to the power 52 is 1.6777.",2.00,Too high.,2,,,,,,,,,,,Multiply; do not add.,compounding | rates
outcomes,multiple,Which are outcomes?,Users finish their task,Yes.,Tickets closed,"An output, not an outcome.",Fewer repeat calls,Yes.,"1,3",,,,,,,,,,,,
cab,scenario,A team wants every change to skip the CAB. What do you advise?,Allow it for low-risk changes,Best.,Refuse,Too rigid.,Ask for evidence,Good start.,,"1, 0, 0.5",The risk of the change.,,,,,,,,,,
doubling,numeric,How many 1% iterations double a measure?,100,That is 1% added a hundred times.,,,,,,,,69.66,0.5,,iterations,,ln 2 / ln 1.01 = 69.66.,,,,
sprint,numeric,Pick a number between 69 and 70.5,,,,,,,,,,,,69..70.5,,,Any number in the range.,,,,
fruit,text,What fruit names green SLAs with unhappy users?,,,,,,,,,,,,,,watermelon | a watermelon,Green outside; red inside.,,,,
keys,matching,Match each key to what it measures.,Deployment frequency,,Lead time,,,,,,,,,,,,Two of the four keys.,How often you deploy,Commit to production,,
"""  # noqa: E501


def test_a_trainers_sheet_reads_into_the_bank_it_describes(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(TRAINER, encoding="utf-8")
    bank = read_bank(path)
    assert (bank.id, bank.title, bank.lesson) == (
        "bank-row-id",
        "Compound improvement",
        "bank-row-id",
    )
    assert bank.description == "Checkpoint for a lunch-and-learn."
    single = bank.question("one-percent")
    assert grade(single, "b").correct is True
    assert single.hints == ("Multiply; do not add.",)
    assert single.tags == ("compounding", "rates")
    multiple = bank.question("outcomes")
    assert isinstance(multiple, MultipleChoice)
    assert [o.correct for o in multiple.options] == [True, False, True]
    assert grade(multiple, ["a", "b"]).credit == 0.0
    scenario = bank.question("cab")
    assert isinstance(scenario, Scenario)
    assert [o.credit for o in scenario.options] == [1.0, 0.0, 0.5]
    numeric = bank.question("doubling")
    assert isinstance(numeric, Numeric)
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (69.66, 0.5, "iterations")
    assert [(d.value, d.explanation) for d in numeric.distractors] == [
        (100.0, "That is 1% added a hundred times.")
    ]
    ranged = bank.question("sprint")
    assert isinstance(ranged, Numeric)
    assert ranged.range == (69.0, 70.5)
    text = bank.question("fruit")
    assert isinstance(text, ShortText)
    assert text.accepted == ("watermelon", "a watermelon")
    keys = bank.question("keys")
    assert isinstance(keys, Matching)
    assert [(p.id, p.left, p.right) for p in keys.pairs] == [
        ("a", "Deployment frequency", "How often you deploy"),
        ("b", "Lead time", "Commit to production"),
    ]


def _problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        loads(text, file="sheet.csv")
    return [str(problem) for problem in caught.value.problems]


HEADER = "id,type,prompt,option_1,explanation_1,option_2,explanation_2,correct,answer,explanation\n"


def test_malformed_rows_name_their_line_and_column() -> None:
    text = HEADER + (
        "ok,single,Pick,A,Because.,B,Not B.,1,,\n"  # line 2
        "no-why,single,Pick,A,Because.,B,,1,,\n"  # line 3: explanation_2 empty is fine (optional)
        "bad-correct,single,Pick,A,Because.,B,Not B.,3,,\n"  # line 4: no option 3
        'multi,single,"Two\nlines",A,x,B,y,,,\n'  # lines 5-6: no correct
        "tf,true_false,Sky is blue,,,,,,maybe,\n"  # line 7
        "typo,singel,Pick,,,,,,,\n"  # line 8
        "ok,poll,Again,A,,B,,,,\n"  # line 9: duplicate id
        "num,numeric,How many?,,,,,,seventy,why\n"  # line 10
        "wrong-column,text,Fruit?,,,,,,,why\n"  # line 11: accepted missing
        "extra,true_false,Sky?,,,,,,true,unused\n"  # line 12: explanation not used
    )
    assert _problems(text) == [
        "sheet.csv:4: bad-correct: column correct: '3' is not an option number from 1 to 2 "
        "(write the numbers of the right options, as 1,3)",
        "sheet.csv:5: multi: column correct is empty: give the number(s) of the right "
        "option(s), as 1,3",
        "sheet.csv:7: tf: column answer: 'maybe' is not true or false",
        "sheet.csv:8: typo: type is 'singel'; use one of: single, multiple, true_false, "
        "numeric, text, ordering, matching, scenario, poll, reflection (or bank)",
        "sheet.csv:9: ok: duplicate question id 'ok' (first at line 2)",
        "sheet.csv:10: num: column answer: 'seventy' is not a number (use a point: 0.5)",
        "sheet.csv:11: wrong-column: accepted needs at least 1 entry",
        "sheet.csv:12: extra: column explanation is not used by a 'true_false' question: "
        "leave it empty",
    ]


def test_header_problems_are_on_line_one() -> None:
    columns = (
        "id, type, difficulty, time_limit, source, tags, shuffle, checkpoint, prompt, hints, "
        "option_ids, option_N, explanation_N, match_N, correct, credit, answer, tolerance, "
        "range, unit, accepted, case_sensitive, fuzzy, multiple, explanation, explanation_true, "
        "explanation_false, depends_on, partial, alternatives, distractors, model_answer, "
        "prompts, max_length"
    )
    assert _problems("id,type,promt,colour\n") == [
        f"sheet.csv:1: unknown column 'promt'; the columns are {columns}",
        f"sheet.csv:1: unknown column 'colour'; the columns are {columns}",
        "sheet.csv:1: the header row has no 'prompt' column",
    ]


def test_gaps_and_unclosed_quotes_are_reported() -> None:
    gap = HEADER.replace("correct", "option_3,explanation_3,correct")
    text = gap + "g,single,Pick,A,x,,,C,z,1,,\n"
    assert _problems(text) == [
        "sheet.csv:2: g: option_2 is empty but a later option column is filled: fill the "
        "options from option_1 without gaps"
    ]
    unclosed = HEADER + 'q,single,"Pick,A,x,B,y,1,,\n'
    messages = _problems(unclosed)
    assert messages == [
        'sheet.csv:2: a quoted cell starts here and is never closed (a " is missing)'
    ]
    assert _problems(HEADER + 'q,single,"Pick"x,A,x,B,y,1,,\n') == [
        "sheet.csv:2: not valid CSV: ',' expected after '\"'"
    ]


def test_an_empty_file_is_an_error() -> None:
    assert _problems("") == [
        "sheet.csv:1: the file is empty: the first row names the columns (id, type, ...)"
    ]


def test_semicolons_comments_blank_rows_and_excel_booleans(tmp_path: Path) -> None:
    text = (
        "id;type;prompt;answer;explanation_true;explanation_false;shuffle\n"
        "# a note for the trainer;;;;;;\n"
        "\n"
        "sky;true_false;Sky is blue, mostly;TRUE;Yes.;Look up.;FALSE\n"
    )
    path = tmp_path / "euro.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    bank = read_bank(path)
    assert bank.id == "euro"
    question = bank.question("sky")
    assert question.prompt == "Sky is blue, mostly"
    assert question.shuffle is False
    assert grade(question, True).correct is True


def test_cells_a_spreadsheet_would_run_are_written_as_text_and_read_back() -> None:
    hostile = '=HYPERLINK("http://evil.example","click")'
    bank = Bank.model_validate(
        {
            "id": "hostile",
            "title": "+cmd",
            "lesson": "hostile",
            "questions": [
                {
                    "id": "q1",
                    "type": "numeric",
                    "prompt": hostile,
                    "range": [-5, -1],
                    "explanation": "@SUM(A1)",
                    "distractors": [{"value": -3, "explanation": "-2 is wrong"}],
                }
            ],
        }
    )
    text, _ = dumps(bank)
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    risky = [c for c in cells if c[:1] in {"=", "+", "@"} or (c[:1] == "-" and not _number(c))]
    assert risky == []
    assert "'" + hostile in cells
    assert "-3" in cells  # a plain number stays a number
    back, _ = loads(text)
    assert back == bank


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("cell", ["=1+1", "-x", "'=x", "''=x", "'Tis", "-5", "plain", "@", "'"])
def test_protect_and_unprotect_are_inverse(cell: str) -> None:
    assert unprotect(protect(cell)) == cell


def test_more_options_than_six_get_more_columns(tmp_path: Path) -> None:
    items = [{"id": f"i{n}", "text": f"Step {n}"} for n in range(1, 9)]
    bank = Bank.model_validate(
        {
            "id": "long",
            "title": "Long",
            "lesson": "long",
            "questions": [
                {
                    "id": "q",
                    "type": "ordering",
                    "prompt": "Order",
                    "items": items,
                    "explanation": "In order.",
                }
            ],
        }
    )
    text, _ = dumps(bank)
    header = next(csv.reader(io.StringIO(text)))
    assert header == columns_for(8)
    back, _ = loads(text)
    question = back.question("q")
    assert isinstance(question, Ordering)
    assert [i.text for i in question.items][-1] == "Step 8"


_CELL = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\n|,;\"'=-+@#"
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@settings(max_examples=100, deadline=None)
@given(prompt=_CELL, option=_CELL, why=_CELL)
def test_any_text_survives_a_csv_round_trip(prompt: str, option: str, why: str) -> None:
    bank = Bank.model_validate(
        {
            "id": "any",
            "title": "Any",
            "lesson": "any",
            "questions": [
                {
                    "id": "q",
                    "type": "single",
                    "prompt": prompt,
                    "hints": [why],
                    "options": [
                        {"id": "a", "text": option, "correct": True, "explanation": why},
                        {"id": "b", "text": option + "!", "explanation": why},
                    ],
                }
            ],
        }
    )
    text, _ = dumps(bank)
    back, _ = loads(text)
    assert back == bank


def test_the_example_in_format_md_reads() -> None:
    text = (quizzes_dir() / "FORMAT.md").read_text(encoding="utf-8")
    section = text.split("## Writing a bank in a spreadsheet (CSV)", 1)[1]
    example = re.search(r"```csv\n(.*?)```", section, re.DOTALL)
    assert example is not None
    bank, warnings = loads(example.group(1), file="FORMAT.md")
    assert warnings == []
    assert [q.type for q in bank.questions] == ["single", "numeric"]
    assert grade(bank.question("one-percent"), "b").correct is True
    assert grade(bank.question("doubling"), "69.9").correct is True
