"""Moodle GIFT: the plain-text question format, read and written.

GIFT holds one question per block of lines (blocks are separated by a blank line)::

    // a comment
    $CATEGORY: $course$/top/Compound improvement

    ::one-percent-week::[markdown]After a year of 1% a week, the measure is about...{
        ~1.52#That is 52 lots of 1% added.
        =1.68#Right: 1.01 to the power 52.
    }

The reader follows Moodle's own parser (question/format/gift/format.php): ``\\~ \\= \\# \\{
\\} \\:`` and ``\\\\`` are escapes and ``\\n`` a line break; ``::title::`` names the question
(our id); ``[html]``, ``[markdown]``, ``[plain]`` or ``[moodle]`` before the text sets its
format (HTML is converted to Markdown); ``####`` starts the general feedback; text after the
answer block makes a "missing word" question (``_____`` marks the gap). What maps to what is
in ``toolkit.quiz.formats`` (and ``_moodle``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.quiz.formats._common import (
    COMMON_CHECKS,
    Draft,
    ExportNotes,
    Report,
    bank_names,
    build_bank,
    decode,
    join_text,
    number_text,
    percent_text,
    read_limited,
    write_text_atomic,
)
from toolkit.quiz.formats._html import html_to_markdown, html_to_text
from toolkit.quiz.formats._moodle import MoodleAnswer, MoodleQuestion, to_draft
from toolkit.quiz.formats._moodle_write import from_question
from toolkit.quiz.model import Bank

SOURCE = "GIFT"
#: Escaped characters are replaced by these private-use placeholders while parsing.
_ESCAPES = {":": "\ue03a", "#": "\ue023", "=": "\ue03d", "{": "\ue07b", "}": "\ue07d"}
_ESCAPES |= {"~": "\ue07e", "n": "\ue00a", "\\": "\ue05c", ">": "\ue03e"}
_RESTORE = {placeholder: ("\n" if char == "n" else char) for char, placeholder in _ESCAPES.items()}
_ESCAPE_PATTERN = re.compile(r"\\([:#={}~n\\>])")
_WEIGHT = re.compile(r"^%(-?\d{1,3}(?:\.\d*)?)%")
_FORMATS = {"html", "markdown", "plain", "moodle"}
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass
class _Block:
    line: int
    text: str  # escapes replaced by placeholders; real line breaks kept


def _unescape(text: str) -> str:
    for placeholder, char in _RESTORE.items():
        text = text.replace(placeholder, char)
    return text


def escape(text: str, *, arrows: bool = False) -> str:
    r"""Escape text for GIFT as Moodle does (``repchar``): ``\ # = ~ { } :`` and line breaks.

    With ``arrows``, ``->`` is written ``-\>`` too: in a short answer or a matching question's
    left side it would otherwise make the answers read as matching pairs. Moodle's own GIFT
    has no escape for it (Moodle shows the backslash); this module reads it back as ``->``.
    A text that starts with a format tag (``[html]``...) gets ``[markdown]`` before it, so the
    tag is read as text.

    Examples
    --------
    >>> print(escape("1:1 = {one} #1 ~ done\nnext"))
    1\:1 \= \{one\} \#1 \~ done\nnext
    >>> print(escape("A -> B", arrows=True))
    A -\> B
    """
    text = text.replace("\\", "\\\\")
    for char in "#=~{}:":
        text = text.replace(char, "\\" + char)
    if arrows:
        text = text.replace("->", "-\\>")
    if _with_format(text)[0] != "":
        text = "[markdown]" + text
    return text.replace("\r", "").replace("\n", "\\n")


def _blocks(text: str) -> list[_Block]:
    """Split the file into question blocks at blank lines, as Moodle does.

    Lines are trimmed; a comment line (``//`` first) inside a block is kept as an empty line
    so that positions still give the right line numbers.
    """
    blocks: list[_Block] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(_Block(start, "\n".join(current).rstrip("\n")))
            current = []
        elif line.startswith("//"):
            if current:
                current.append("")
        else:
            if not current:
                start = number
            current.append(line)
    if current:
        blocks.append(_Block(start, "\n".join(current).rstrip("\n")))
    return blocks


def _with_format(text: str, default: str = "") -> tuple[str, str]:
    """Split a leading ``[format]`` off ``text``; return (format or ``default``, text)."""
    if text.startswith("["):
        end = text.find("]")
        name = text[1:end] if end > 0 else ""
        if name in _FORMATS:
            return name, text[end + 1 :]
    return default, text


def _markdown(text: str, text_format: str, *, tagged: bool = True) -> str:
    """Text in a GIFT format as our Markdown (HTML converted; other formats kept as written).

    When ``tagged``, a ``[format]`` tag at the start of ``text`` (an answer's or a feedback's
    own) overrides ``text_format``.
    """
    if tagged:
        text_format, text = _with_format(text.strip(), text_format)
    text = _unescape(text).strip()
    return html_to_markdown(text) if text_format == "html" else text


def _plain(text: str, text_format: str) -> str:
    """An answer compared as typed (short answers, matching right sides): HTML to its words."""
    text_format, text = _with_format(text.strip(), text_format)
    text = _unescape(text).strip()
    return html_to_text(text) if text_format == "html" else text


def _split_feedback(answer: str, text_format: str) -> tuple[str, str]:
    """``text#feedback`` -> (text, feedback), both as Markdown."""
    text, _, feedback = answer.partition("#")
    return _markdown(text, text_format), _markdown(feedback, text_format)


def _line_of(block: _Block, position: int) -> int:
    return block.line + block.text.count("\n", 0, max(position, 0))


def _parse_block(block: _Block, report: Report) -> MoodleQuestion | str | None:
    """Parse one block: a question, a category name (str), or ``None`` after an error."""
    text = block.text
    if text.startswith("$CATEGORY:"):
        return _unescape(text[len("$CATEGORY:") :]).strip()
    name = ""
    offset = 0
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            report.error(block.line, "the title has no closing '::' (write ::title:: first)")
            return None
        name = _unescape(text[2:end]).strip()
        offset = end + 2
    body = text[offset:]
    start, finish = body.find("{"), body.find("}")
    if start < 0 and finish < 0:
        return MoodleQuestion("description", name, _unescape(body).strip(), block.line)
    if start < 0 or finish < start:
        where = finish if start < 0 or finish < start else start
        report.error(
            _line_of(block, offset + where),
            "unmatched brace: an answer block is { ... }; write \\{ or \\} for a brace in text",
            name,
        )
        return None
    answer_text = body[start + 1 : finish].strip()
    after = body[finish + 1 :].strip()
    question_text = body[:start].rstrip() + (" _____ " + after if after else "")
    if "{" in after or "}" in after:
        report.error(
            _line_of(block, offset + finish + 1),
            "a second answer block: a question has one { ... } (escape braces in text as \\{ \\})",
            name,
        )
        return None
    text_format, question_text = _with_format(question_text.strip(), "moodle")
    general = ""
    if "####" in answer_text:
        answer_text, _, general = answer_text.rpartition("####")
        answer_text = answer_text.strip()
    question = MoodleQuestion(
        "",
        name or _unescape(question_text).strip()[:40],
        _markdown(question_text, text_format, tagged=False),
        block.line,
        general_feedback=_markdown(general, text_format),
    )
    answers_line = _line_of(block, offset + start)
    if not answer_text:
        question.qtype = "essay"
    elif answer_text.startswith("#"):
        question.qtype = "numerical"
        if not _numerical(question, answer_text[1:], text_format, answers_line, report):
            return None
    elif "~" in answer_text:
        question.qtype = "multichoice"
        question.single = "=" in answer_text
        if not _multichoice(question, answer_text, text_format, answers_line, report):
            return None
    elif "=" in answer_text and "->" in answer_text:
        question.qtype = "match"
        if not _match(question, answer_text, text_format, answers_line, report):
            return None
    elif answer_text.partition("#")[0].strip() in _TRUE_FALSE:
        question.qtype = "truefalse"
        _true_false(question, answer_text, text_format)
    else:
        question.qtype = "shortanswer"
        if not _short(question, answer_text, text_format, answers_line, report):
            return None
    return question


def _pieces(answer_text: str, marker: str) -> list[str]:
    """Split answers on ``marker`` as Moodle does (the text before the first is dropped)."""
    pieces = answer_text.split(marker)
    if not pieces[0].strip():
        pieces = pieces[1:]
    return [piece.strip() for piece in pieces]


def _weight(piece: str, default: float) -> tuple[float, str] | None:
    found = _WEIGHT.match(piece)
    if found is None:
        return default, piece
    value = float(found.group(1))
    if not -100 <= value <= 100:
        return None
    return value / 100, piece[found.end() :]


def _multichoice(
    question: MoodleQuestion, answer_text: str, text_format: str, line: int, report: Report
) -> bool:
    for piece in _pieces(answer_text.replace("=", "~="), "~"):
        if piece.startswith("="):
            weight: tuple[float, str] | None = (1.0, piece[1:])
        else:
            weight = _weight(piece, 0.0)
        if weight is None:
            report.error(line, f"a weight must be between -100% and 100%: {piece!r}", question.name)
            return False
        text, feedback = _split_feedback(weight[1], text_format)
        question.answers.append(MoodleAnswer(text, weight[0], feedback, line=line))
    return True


def _true_false(question: MoodleQuestion, answer_text: str, text_format: str) -> None:
    value, _, rest = answer_text.partition("#")
    wrong, _, right = rest.partition("#")
    is_true = _TRUE_FALSE[value.strip()]
    wrong_text, right_text = _markdown(wrong, text_format), _markdown(right, text_format)
    question.answers = [
        MoodleAnswer("true", 1.0 if is_true else 0.0, right_text if is_true else wrong_text),
        MoodleAnswer("false", 0.0 if is_true else 1.0, wrong_text if is_true else right_text),
    ]


def _short(
    question: MoodleQuestion, answer_text: str, text_format: str, line: int, report: Report
) -> bool:
    for piece in _pieces(answer_text, "="):
        weight = _weight(piece, 1.0)
        if weight is None:
            report.error(line, f"a weight must be between -100% and 100%: {piece!r}", question.name)
            return False
        text, _, feedback = weight[1].partition("#")
        feedback_text = _markdown(feedback, text_format)
        question.answers.append(
            MoodleAnswer(_plain(text, text_format), weight[0], feedback_text, line)
        )
    return True


def _match(
    question: MoodleQuestion, answer_text: str, text_format: str, line: int, report: Report
) -> bool:
    for piece in _pieces(answer_text, "="):
        left, arrow, right = piece.partition("->")
        if not arrow:
            report.error(
                line,
                f"a matching pair is written 'left -> right', got {_unescape(piece)!r}",
                question.name,
            )
            return False
        question.pairs.append((_markdown(left, text_format), _plain(right, text_format)))
    return True


def _numerical(
    question: MoodleQuestion, answer_text: str, text_format: str, line: int, report: Report
) -> bool:
    body, tilde, wrong = answer_text.partition("~")
    for piece in _pieces(body, "="):
        weight = _weight(piece, 1.0)
        if weight is None:
            report.error(line, f"a weight must be between -100% and 100%: {piece!r}", question.name)
            return False
        value, _, feedback = weight[1].partition("#")
        answer = MoodleAnswer(value.strip(), weight[0], _markdown(feedback, text_format), line=line)
        if not _numbers(answer, report, question.name):
            return False
        question.answers.append(answer)
    if not question.answers:
        report.error(line, "a numerical question needs an answer, as {#3.14:0.01}", question.name)
        return False
    if tilde:
        question.answers.append(
            MoodleAnswer("*", 0.0, _markdown(wrong.partition("#")[2], text_format), line=line)
        )
    return True


def _numbers(answer: MoodleAnswer, report: Report, name: str) -> bool:
    """Read ``value``, ``value:tolerance`` or ``low..high`` from the answer's text."""
    text = _unescape(answer.text)
    try:
        if text.find("..") > 0:
            low, _, high = text.partition("..")
            answer.low_high = (float(low), float(high))
            if answer.low_high[0] > answer.low_high[1]:
                report.error(answer.line, f"the range {text!r} runs from high to low", name)
                return False
            answer.text = number_text((answer.low_high[0] + answer.low_high[1]) / 2)
        elif text.find(":") > 0:
            value, _, tolerance = text.partition(":")
            answer.text, answer.tolerance = value.strip(), float(tolerance)
            float(answer.text)
        else:
            answer.text = text.strip()
            if answer.text != "*":
                float(answer.text)
    except ValueError:
        report.error(
            answer.line,
            f"{text!r} is not a number, a number:tolerance or a min..max range",
            name,
        )
        return False
    return True


def loads(text: str, *, file: str = "<string>", stem: str = "gift") -> tuple[Bank, list[str]]:
    """Read a GIFT text into a validated bank.

    Parameters
    ----------
    text : str
        The GIFT file's text.
    file : str
        The name problems report.
    stem : str
        The file's name without its extension: the bank's id (and title, with no category).

    Returns
    -------
    tuple of (Bank, list of str)
        The bank and the warnings (questions skipped...).

    Raises
    ------
    BankError
        Listing every problem as ``file:line: message``.

    Examples
    --------
    >>> bank, warnings = loads("::sky::The sky is blue.{T#Look up.#Yes.}")
    >>> bank.questions[0].answer, bank.questions[0].explanation_true
    (True, 'Yes.')
    """
    report = Report(file)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_PATTERN.sub(lambda m: _ESCAPES[m.group(1)], text)
    bank_id, title = bank_names(stem)
    category = ""
    drafts: list[Draft] = []
    number = 0
    for block in _blocks(text):
        parsed = _parse_block(block, report)
        if isinstance(parsed, str):
            category = parsed
            continue
        if parsed is None:
            continue
        number += 1
        draft = to_draft(parsed, report, SOURCE, number)
        if draft is not None:
            drafts.append(draft)
    if category:
        name = _category_name(category)
        title = name or title
    bank = build_bank(report, drafts, bank_id=bank_id, title=title, lesson=bank_id, source=SOURCE)
    return bank, report.warning_texts()


def _category_name(path: str) -> str:
    """The last part of a Moodle category path (``$course$/top/A//B`` -> ``A/B``)."""
    parts = re.split(r"(?<!/)/(?!/)", path)
    last = parts[-1].replace("//", "/").strip() if parts else ""
    return "" if last in {"top", "$course$", "$system$", "$module$", "$coursecategory$"} else last


def _answer_line(marker: str, answer: MoodleAnswer, *, arrows: bool = False) -> str:
    feedback = f"#{escape(answer.feedback, arrows=arrows)}" if answer.feedback else ""
    return f"\t{marker}{escape(answer.text, arrows=arrows)}{feedback}"


def _write_question(question: MoodleQuestion) -> str:
    text = escape(question.text)
    tag = "" if text.startswith("[markdown]") else "[markdown]"  # escape() may have put it
    head = f"::{escape(question.name)}::{tag}{text}"
    general = f"\t####{escape(question.general_feedback)}\n" if question.general_feedback else ""
    if question.qtype == "essay":
        model = escape(join_text(question.model_answer, question.general_feedback))
        return head + (f"{{\n\t####{model}\n}}" if model else "{}")
    if question.qtype == "truefalse":
        true, false = question.answers
        is_true = true.fraction == 1
        right, wrong = (true, false) if is_true else (false, true)
        return (
            f"{head}{{{'TRUE' if is_true else 'FALSE'}"
            f"#{escape(wrong.feedback)}#{escape(right.feedback)}}}"
        )
    lines: list[str] = []
    if question.qtype == "multichoice":
        for answer in question.answers:
            if question.single and answer.fraction == 1:
                marker = "="
            elif answer.fraction == 0 and not _WEIGHT.match(answer.text):
                marker = "~"
            else:
                marker = f"~%{percent_text(answer.fraction)}%"
            lines.append(_answer_line(marker, answer))
    elif question.qtype == "shortanswer":
        for answer in question.answers:
            weight = "" if answer.fraction == 1 else f"%{percent_text(answer.fraction)}%"
            if not weight and _WEIGHT.match(answer.text):
                weight = "%100%"
            lines.append(_answer_line(f"={weight}", answer, arrows=True))
    elif question.qtype == "match":
        lines = [
            f"\t={escape(left, arrows=True)} -> {escape(right)}" for left, right in question.pairs
        ]
    elif question.qtype == "numerical":
        head += "{#"
        for answer in question.answers:
            if answer.low_high is not None:
                value = f"{number_text(answer.low_high[0])}..{number_text(answer.low_high[1])}"
            elif answer.tolerance is not None:
                value = f"{answer.text}:{number_text(answer.tolerance)}"
            else:
                value = answer.text
            weight = "=" if answer.fraction == 1 else f"=%{percent_text(answer.fraction)}%"
            feedback = f"#{escape(answer.feedback)}" if answer.feedback else ""
            lines.append(f"\t{weight}{value}{feedback}")
        return head + "\n" + "\n".join(lines) + "\n" + general + "}"
    return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


def dumps(bank: Bank, *, file: str = "<string>") -> tuple[str, list[str]]:
    """Write a bank as GIFT text.

    Returns
    -------
    tuple of (str, list of str)
        The text and the warnings: questions skipped (ordering), and, in one warning, what
        GIFT cannot hold (difficulty, hints, tags, time limits, sources, units...).
    """
    notes = ExportNotes(file)
    out = [
        f"// {' '.join(bank.title.split())} ({bank.id}), written by smlab convert",
        "",
        f"$CATEGORY: $course$/top/{escape(bank.title.replace('/', '//'))}",
        "",
    ]
    skipped: set[str] = set()
    for question in bank.questions:
        moodle = from_question(question, notes, "GIFT")
        if moodle is None:
            skipped.add(question.id)
            continue
        out.append(f"// question: {question.id}")
        out.append(_write_question(moodle))
        out.append("")
    checks = dict(COMMON_CHECKS)
    checks["units"] = lambda q: getattr(q, "unit", None) is not None
    checks["case-sensitive answers"] = lambda q: getattr(q, "case_sensitive", False)
    checks["reflection prompts"] = lambda q: bool(getattr(q, "prompts", ()))
    checks["reflection lengths"] = lambda q: getattr(q, "max_length", None) is not None
    described = ["the bank's description"] if bank.description else []
    notes.lost("GIFT", bank, checks, skipped, bank_fields=described)
    return "\n".join(out), notes.notes


def read(path: Path) -> tuple[Bank, list[str]]:
    """Read the GIFT file at ``path``; return the bank and its warnings."""
    path = Path(path)
    text = decode(read_limited(path, str(path), "gift"), str(path))
    return loads(text, file=str(path), stem=path.stem)


def write(bank: Bank, path: Path) -> list[str]:
    """Write ``bank`` to ``path`` as GIFT (atomically); return the warnings."""
    text, notes = dumps(bank, file=str(path))
    write_text_atomic(Path(path), text)
    return notes
