"""Banks in the exact shapes Moodle 4.x writes, each read into the key a Moodle user expects.

The XML below is written by hand from Moodle's documented XML format and the elements its
export writes for each core question type (``question/format/xml/format.php``; the
ordering question's ``layouttype``... elements from ``qtype_ordering``, core since 4.4):
hints with their options, combined feedback, per-answer ``format`` attributes, a matching
subquestion with no text. The GIFT text covers every construct of Moodle's GIFT
documentation. Nothing is fetched at run time.
"""

from __future__ import annotations

import pytest

from toolkit.quiz import grade
from toolkit.quiz.formats import gift, moodle_xml
from toolkit.quiz.model import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Reflection,
    Scenario,
    ShortText,
    SingleChoice,
    TrueFalse,
)

MOODLE_4 = """\
<?xml version="1.0" encoding="UTF-8"?>
<quiz>
<!-- question: 0  -->
  <question type="category">
    <category>
      <text>$course$/top/Default for ITSM/Partial credit</text>
    </category>
    <info format="html">
      <text><![CDATA[<p>Banks a trainer brings.</p>]]></text>
    </info>
    <idnumber></idnumber>
  </question>
<!-- question: 101  -->
  <question type="multichoice">
    <name>
      <text>First step</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>A team wants to skip the CAB. What is your <b>first</b> step?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
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
      <text><![CDATA[<p>Look at the record of past changes</p>]]></text>
      <feedback format="html">
        <text><![CDATA[<p>Evidence first.</p>]]></text>
      </feedback>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>Ask the CAB chair</text>
      <feedback format="plain_text">
        <text>Useful, but not evidence.</text>
      </feedback>
    </answer>
    <answer fraction="-100" format="markdown">
      <text>Approve it *at once*</text>
      <feedback format="html">
        <text></text>
      </feedback>
    </answer>
    <hint format="html">
      <text><![CDATA[<p>What would convince you?</p>]]></text>
      <shownumcorrect/>
    </hint>
    <hint format="html">
      <text>Think of data.</text>
      <clearwrong/>
    </hint>
    <tags>
      <tag><text>change</text></tag>
    </tags>
  </question>
<!-- question: 102  -->
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
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <single>false</single>
    <shuffleanswers>false</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <showstandardinstruction>0</showstandardinstruction>
    <correctfeedback format="html"><text></text></correctfeedback>
    <partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text></text></incorrectfeedback>
    <answer fraction="75" format="html">
      <text>Users finish their task</text>
      <feedback format="html"><text>An outcome.</text></feedback>
    </answer>
    <answer fraction="25" format="html">
      <text>Fewer repeat calls</text>
      <feedback format="html"><text>An outcome too.</text></feedback>
    </answer>
    <answer fraction="-100" format="html">
      <text>Tickets closed</text>
      <feedback format="html"><text>An output.</text></feedback>
    </answer>
  </question>
<!-- question: 103  -->
  <question type="truefalse">
    <name>
      <text>Green SLAs</text>
    </name>
    <questiontext format="html">
      <text>Green SLAs prove users are happy.</text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>1.0000000</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="0" format="moodle_auto_format">
      <text>true</text>
      <feedback format="html"><text>Tempting.</text></feedback>
    </answer>
    <answer fraction="100" format="moodle_auto_format">
      <text>false</text>
      <feedback format="html"><text></text></feedback>
    </answer>
  </question>
<!-- question: 104  -->
  <question type="shortanswer">
    <name>
      <text>Frog</text>
    </name>
    <questiontext format="html">
      <text>Name the amphibian in the picture.</text>
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
      <text>frog</text>
      <feedback format="html"><text>Yes.</text></feedback>
    </answer>
    <answer fraction="80" format="moodle_auto_format">
      <text>toad</text>
      <feedback format="html"><text>Close.</text></feedback>
    </answer>
    <answer fraction="0" format="moodle_auto_format">
      <text>*</text>
      <feedback format="html"><text></text></feedback>
    </answer>
  </question>
<!-- question: 105  -->
  <question type="numerical">
    <name>
      <text>Grant</text>
    </name>
    <questiontext format="html">
      <text>When was Ulysses S. Grant born?</text>
    </questiontext>
    <generalfeedback format="html">
      <text>In 1822.</text>
    </generalfeedback>
    <defaultgrade>3.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <answer fraction="100" format="moodle_auto_format">
      <text>1822</text>
      <feedback format="html"><text></text></feedback>
      <tolerance>0</tolerance>
    </answer>
    <answer fraction="50" format="moodle_auto_format">
      <text>1822</text>
      <feedback format="html"><text>Nearly.</text></feedback>
      <tolerance>2</tolerance>
    </answer>
    <units>
      <unit>
        <multiplier>1</multiplier>
        <unit_name>AD</unit_name>
      </unit>
    </units>
    <unitgradingtype>0</unitgradingtype>
    <unitpenalty>0.1000000</unitpenalty>
    <showunits>3</showunits>
    <unitsleft>0</unitsleft>
  </question>
<!-- question: 106  -->
  <question type="matching">
    <name>
      <text>Keys</text>
    </name>
    <questiontext format="html">
      <text>Match each key.</text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <shuffleanswers>true</shuffleanswers>
    <correctfeedback format="html"><text>Your answer is correct.</text></correctfeedback>
    <partiallycorrectfeedback format="html"><text>Partly.</text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text>No.</text></incorrectfeedback>
    <shownumcorrect/>
    <subquestion format="html">
      <text><![CDATA[<p>Deployment frequency</p>]]></text>
      <answer>
        <text>How often you release</text>
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
<!-- question: 107  -->
  <question type="ordering">
    <name>
      <text>Seven steps</text>
    </name>
    <questiontext format="html">
      <text>Put the first steps in order.</text>
    </questiontext>
    <generalfeedback format="html">
      <text>Vision, baseline, target.</text>
    </generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <layouttype>VERTICAL</layouttype>
    <selecttype>ALL</selecttype>
    <selectcount>0</selectcount>
    <gradingtype>RELATIVE_ALL_PREVIOUS_AND_NEXT</gradingtype>
    <showgrading>SHOW</showgrading>
    <numberingstyle>none</numberingstyle>
    <correctfeedback format="html"><text>Well done!</text></correctfeedback>
    <partiallycorrectfeedback format="html"><text>Parts.</text></partiallycorrectfeedback>
    <incorrectfeedback format="html"><text>No.</text></incorrectfeedback>
    <shownumcorrect>1</shownumcorrect>
    <answer fraction="2.0000000" format="html">
      <text>Where are we now?</text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <answer fraction="1.0000000" format="html">
      <text><![CDATA[<p>What is the vision?</p>]]></text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <answer fraction="3.0000000" format="html">
      <text>Where do we want to be?</text>
      <feedback format="html"><text></text></feedback>
    </answer>
    <hint format="html">
      <text>Start with why.</text>
    </hint>
  </question>
<!-- question: 108  -->
  <question type="essay">
    <name>
      <text>Next week</text>
    </name>
    <questiontext format="html">
      <text><![CDATA[<p>What will you try in your team next week?</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>1.0000000</defaultgrade>
    <penalty>0.0000000</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <responseformat>editor</responseformat>
    <responserequired>1</responserequired>
    <responsefieldlines>15</responsefieldlines>
    <minwordlimit></minwordlimit>
    <maxwordlimit></maxwordlimit>
    <attachments>0</attachments>
    <attachmentsrequired>0</attachmentsrequired>
    <maxbytes>0</maxbytes>
    <filetypeslist></filetypeslist>
    <graderinfo format="html">
      <text><![CDATA[<p>One <b>small</b> change, with its measure.</p>]]></text>
    </graderinfo>
    <responsetemplate format="html">
      <text><![CDATA[Problem:<br>Change:<br>Measure:]]></text>
    </responsetemplate>
  </question>
<!-- question: 109  -->
  <question type="description">
    <name>
      <text>Intro</text>
    </name>
    <questiontext format="html">
      <text>The next questions are about change.</text>
    </questiontext>
    <generalfeedback format="html">
      <text></text>
    </generalfeedback>
    <defaultgrade>0.0000000</defaultgrade>
    <penalty>0.0000000</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
  </question>
</quiz>
"""


def test_each_core_type_moodle_4_exports_reads_into_the_expected_key() -> None:
    bank, warnings = moodle_xml.loads(MOODLE_4, file="m.xml", stem="moodle-4")
    assert (bank.title, bank.description) == ("Partial credit", "Banks a trainer brings.")
    first = bank.question("First-step")
    assert isinstance(first, SingleChoice)
    assert first.prompt == "A team wants to skip the CAB. What is your **first** step?"
    assert [(o.text, o.correct, o.credit) for o in first.options] == [
        ("Look at the record of past changes", True, None),
        ("Ask the CAB chair", False, 0.5),
        ("Approve it *at once*", False, -1.0),
    ]
    assert [o.explanation for o in first.options] == [
        "Evidence first.",
        "Useful, but not evidence.",
        "",  # no feedback: nothing, never a placeholder
    ]
    assert [grade(first, o).credit for o in ("a", "b", "c")] == [1.0, 0.5, 0.0]
    assert first.hints == ("What would convince you?", "Think of data.")
    assert (first.tags, first.difficulty) == (("change",), "easy")
    outcomes = bank.question("Outcomes")
    assert isinstance(outcomes, MultipleChoice)
    assert [(o.correct, o.credit) for o in outcomes.options] == [
        (True, 0.75),
        (True, 0.25),
        (False, -1.0),
    ]
    assert grade(outcomes, ["a"]).credit == 0.75
    assert grade(outcomes, ["a", "b"]).correct is True
    assert grade(outcomes, ["b", "c"]).credit == 0.0
    assert outcomes.shuffle is False
    green = bank.question("Green-SLAs")
    assert isinstance(green, TrueFalse)
    assert (green.answer, green.explanation_true, green.explanation_false) == (
        False,
        "Tempting.",
        "",
    )
    frog = bank.question("Frog")
    assert isinstance(frog, ShortText)
    assert frog.accepted == ("frog",)
    assert [(p.text, p.credit) for p in frog.partial] == [("toad", 0.8)]
    assert (grade(frog, "Toad").credit, grade(frog, "Toad").correct) == (0.8, False)
    grant = bank.question("Grant")
    assert isinstance(grant, Numeric)
    assert (grant.answer, grant.tolerance, grant.unit) == (1822.0, None, "AD")
    assert [(a.answer, a.tolerance, a.credit) for a in grant.alternatives] == [(1822.0, 2.0, 0.5)]
    assert [grade(grant, v).credit for v in (1822, 1823, 1825)] == [1.0, 0.5, 0.0]
    assert grant.explanation == "In 1822."
    keys = bank.question("Keys")
    assert isinstance(keys, Matching)
    assert [(p.left, p.right) for p in keys.pairs] == [
        ("Deployment frequency", "How often you release"),
        ("Lead time", "Commit to production"),
    ]
    assert keys.distractors == ("Number of meetings",)
    assert grade(keys, {"a": "*1", "b": "b"}).credit == 0.5
    steps = bank.question("Seven-steps")
    assert isinstance(steps, Ordering)
    assert [i.text for i in steps.items] == [
        "What is the vision?",
        "Where are we now?",
        "Where do we want to be?",
    ]
    assert (steps.explanation, steps.hints) == ("Vision, baseline, target.", ("Start with why.",))
    essay = bank.question("Next-week")
    assert isinstance(essay, Reflection)
    assert essay.prompt == "What will you try in your team next week?"
    assert essay.model_answer == "One **small** change, with its measure."
    assert essay.prompts == ("Problem:", "Change:", "Measure:")
    assert grade(essay, "Shorter stand-ups.").correct is None
    assert "Imported from" not in str(bank.model_dump())
    line = MOODLE_4[: MOODLE_4.index('<question type="description">')].count("\n") + 1
    assert warnings == [
        f"m.xml:{line}: Intro: warning: skipped: a description (text with no question) has no "
        "equivalent here"
    ]


def test_a_bank_of_matching_questions_exported_from_moodle_imports_whole() -> None:
    start = MOODLE_4.index("<!-- question: 106")
    end = MOODLE_4.index("<!-- question: 107")
    only_matching = '<?xml version="1.0"?>\n<quiz>\n' + MOODLE_4[start:end] + "</quiz>\n"
    bank, warnings = moodle_xml.loads(only_matching, file="match.xml")
    assert [q.type for q in bank.questions] == ["matching"]
    assert warnings == []


# Every construct of Moodle's GIFT documentation (docs.moodle.org/en/GIFT_format).
GIFT_DOC = """\
// Categories
$CATEGORY: $course$/top/GIFT documentation

::Grant tomb::Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}

::Weights::What two people are entombed in Grant's tomb? {
  ~%-100%No one
  ~%50%Grant
  ~%50%Grant's wife
  ~%-100%Grant's father
}

::Frog::Two plus two equals {=four =4 =%50%for#Nearly: check the spelling.}

::Grant born::When was Ulysses S. Grant born?{#
  =1822:0 #Correct!
  =%50%1822:2 #Within two years.
}

::Range::What is a number from 1 to 5? {#1..5}

::Animals::Match the animals to their sounds. {
  =cat -> meow
  =dog -> woof
  = -> moo
}

::Formats::[html]<p>Which is <b>right</b>?</p>{
  =[moodle]Nunca.#[html]<p>Right: <i>never</i>.</p>
  ~[html]An activity &amp; more#[plain]No.
  ~[markdown]answer2#[markdown]*No.*
}

::Escapes::Which answer equals 5? {
  ~ \\= 2 + 2
  = \\= 2 + 3
  ~ \\= 2 + 4 \\{not a brace\\} \\# \\~ \\: done
}

::Sun::The sun rises in the east.{T#Wrong: it rises in the east.#Right.}

::Essay::Write a short biography of Dag Hammarskjöld. {}

::Missing word::Moodle costs {~lots of money =nothing ~a small amount} to download.
"""


def test_every_construct_of_the_gift_documentation_reads_as_a_moodle_user_expects() -> None:
    bank, warnings = gift.loads(GIFT_DOC, file="doc.gift", stem="doc")
    assert bank.title == "GIFT documentation"
    tomb = bank.question("Grant-tomb")
    assert isinstance(tomb, SingleChoice)
    assert [o.correct for o in tomb.options] == [False, False, True]
    weights = bank.question("Weights")
    assert isinstance(weights, MultipleChoice)
    assert [o.credit for o in weights.options] == [-1.0, 0.5, 0.5, -1.0]
    assert grade(weights, ["b", "c"]).correct is True
    assert grade(weights, ["b", "d"]).credit == 0.0
    frog = bank.question("Frog")
    assert isinstance(frog, ShortText)
    assert frog.accepted == ("four", "4")
    assert [(p.text, p.credit) for p in frog.partial] == [("for", 0.5)]
    born = bank.question("Grant-born")
    assert isinstance(born, Numeric)
    assert (born.answer, born.tolerance, born.explanation) == (1822.0, 0.0, "Correct!")
    assert [(a.answer, a.tolerance, a.credit) for a in born.alternatives] == [(1822.0, 2.0, 0.5)]
    in_range = bank.question("Range")
    assert isinstance(in_range, Numeric)
    assert in_range.range == (1.0, 5.0)
    animals = bank.question("Animals")
    assert isinstance(animals, Matching)
    assert [(p.left, p.right) for p in animals.pairs] == [("cat", "meow"), ("dog", "woof")]
    assert animals.distractors == ("moo",)
    formats = bank.question("Formats")
    assert isinstance(formats, SingleChoice)
    assert formats.prompt == "Which is **right**?"
    assert [(o.text, o.explanation) for o in formats.options] == [
        ("Nunca.", "Right: *never*."),
        ("An activity & more", "No."),
        ("answer2", "*No.*"),
    ]
    escapes = bank.question("Escapes")
    assert isinstance(escapes, SingleChoice)
    assert [o.text for o in escapes.options] == [
        "= 2 + 2",
        "= 2 + 3",
        "= 2 + 4 {not a brace} # ~ : done",
    ]
    assert escapes.answer.text == "= 2 + 3"
    sun = bank.question("Sun")
    assert isinstance(sun, TrueFalse)
    assert (sun.answer, sun.explanation_false, sun.explanation_true) == (
        True,
        "Wrong: it rises in the east.",
        "Right.",
    )
    essay = bank.question("Essay")
    assert isinstance(essay, Reflection)
    missing = bank.question("Missing-word")
    assert isinstance(missing, SingleChoice)
    assert missing.prompt == "Moodle costs _____ to download."
    assert "Imported from" not in str(bank.model_dump())
    assert warnings == []


@pytest.mark.parametrize("text", ["a -> b", "->", "x->y->z", "[html]<b>kept as text</b>"])
def test_the_gift_writer_escapes_what_its_reader_would_misread(text: str) -> None:
    bank, _ = gift.loads(f"::q::Type it.{{={gift.escape(text, arrows=True)}}}")
    question = bank.questions[0]
    assert isinstance(question, ShortText)
    assert question.accepted == (text,)


def test_a_scenario_keeps_its_type_through_moodle_formats() -> None:
    bank, _ = gift.loads(
        "::s::Which?{=Best#Yes. ~%50%Half#Partly. ~Worst#No. ####It depends on the risk.}"
    )
    scenario = bank.questions[0]
    assert isinstance(scenario, Scenario)
    assert scenario.depends_on == "It depends on the risk."
    back, _ = gift.loads(gift.dumps(bank)[0])
    assert back.questions[0] == scenario
