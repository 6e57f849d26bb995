"""Moodle XML: read safely, written as Moodle exports it.

The XML is parsed by defusedxml's expat parser with every dangerous feature refused: a
document type declaration (DTD), entity declarations (the "billion laughs" expansion) and
external entities or references (which read local files or fetch URLs). Such a file is
refused with a ``file:line: message`` naming what was found; nothing is expanded or fetched.

A file is a ``<quiz>`` of ``<question type="...">`` elements. A ``category`` question names
the bank (its last path part is the title, its ``<info>`` the description). Texts in
``format="html"`` (Moodle's default) are converted to Markdown; ``markdown``, ``plain_text``
and ``moodle_auto_format`` texts are kept as written. What maps to what is in
``toolkit.quiz.formats`` (and ``_moodle``); on top of GIFT, Moodle XML holds
hints, tags, the shuffle setting, units and difficulty (as the default mark: 1, 2 or 3).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from toolkit.quiz.formats._common import (
    COMMON_CHECKS,
    Draft,
    ExportNotes,
    Report,
    bank_names,
    build_bank,
    fail,
    number_text,
    percent_text,
    read_limited,
    write_atomic,
)
from toolkit.quiz.formats._html import html_to_markdown, html_to_text
from toolkit.quiz.formats._moodle import MoodleAnswer, MoodleQuestion, to_draft
from toolkit.quiz.formats._moodle_write import from_question
from toolkit.quiz.model import Bank
from toolkit.safety.reader import MAX_DEPTH

SOURCE = "Moodle XML"


class _LineBuilder:
    """A tree builder that remembers the line each element starts on."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.lines: dict[int, int] = {}
        self.parser: Any = None
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        self.depth += 1
        if self.depth > MAX_DEPTH:  # a deep tree would overflow the recursive steps after
            raise _TooDeepError(int(self.parser.parser.CurrentLineNumber))
        element = self.builder.start(tag, attrs)
        self.lines[id(element)] = int(self.parser.parser.CurrentLineNumber)
        return element

    def end(self, tag: str) -> ET.Element:
        self.depth -= 1
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> ET.Element:
        return self.builder.close()


class _HardenedParser(DefusedXMLParser):
    """defusedxml's parser, refusing any DTD once its declarations have been looked at.

    The DTD's start is recorded instead of refused at once, so that an entity declaration
    inside it is refused with its own, more telling, message; the DTD itself is refused when
    it ends. Entities and external references are refused by defusedxml as they appear.
    """

    def __init__(self, target: _LineBuilder) -> None:
        super().__init__(target=target, forbid_dtd=False, forbid_entities=True)
        self.doctype: tuple[str, str | None, int] | None = None
        expat = self.parser
        expat.StartDoctypeDeclHandler = self._start_doctype
        expat.EndDoctypeDeclHandler = self._end_doctype

    def _start_doctype(
        self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool
    ) -> None:
        self.doctype = (name, sysid, int(self.parser.CurrentLineNumber))

    def _end_doctype(self) -> None:
        raise _DoctypeRefusedError()


class _DoctypeRefusedError(Exception):
    """A DTD ended: refuse the file."""


class _TooDeepError(Exception):
    """Elements nested deeper than ``MAX_DEPTH``: refuse the file."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _parse(data: bytes, file: str) -> tuple[ET.Element, dict[int, int]]:
    """Parse ``data`` with the hardened parser; return the root and each element's line."""
    target = _LineBuilder()
    parser = _HardenedParser(target)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except _DoctypeRefusedError:
        assert parser.doctype is not None
        name, sysid, line = parser.doctype
        outside = f" pointing at {sysid!r}" if sysid else ""
        raise fail(
            file,
            f"refused: the file declares a DTD (<!DOCTYPE {name}>{outside}); Moodle XML "
            "needs none, and a DTD can define entities that expand or read files",
            line,
        ) from None
    except EntitiesForbidden as exc:
        line = int(parser.parser.CurrentLineNumber)
        if exc.sysid or exc.pubid:
            message = (
                f"refused: the file declares the external entity {exc.name!r} "
                f"({exc.sysid or exc.pubid}); it would read a file or an address outside "
                "the bank, so it is never resolved"
            )
        else:
            message = (
                f"refused: the file declares the entity {exc.name!r}; entities are not "
                "expanded (nested ones can blow a few lines up into gigabytes: "
                "'billion laughs')"
            )
        raise fail(file, message, line) from None
    except ExternalReferenceForbidden as exc:
        line = int(parser.parser.CurrentLineNumber)
        raise fail(
            file, f"refused: an external reference ({exc.sysid}) is never fetched", line
        ) from None
    except _TooDeepError as exc:
        raise fail(
            file,
            f"refused: elements nested more than {MAX_DEPTH} levels deep (Moodle XML needs 6)",
            exc.line,
        ) from None
    except LookupError as exc:  # an encoding declaration Python does not know
        raise fail(
            file,
            f"the XML declaration names an unknown encoding ({exc}): save the file as UTF-8 "
            'and declare <?xml version="1.0" encoding="UTF-8"?>',
            1,
        ) from None
    except DefusedXmlException as exc:  # pragma: no cover - the cases above cover defusedxml
        raise fail(file, f"refused: {exc}", int(parser.parser.CurrentLineNumber)) from None
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise fail(file, f"not well-formed XML: {reason} (column {column + 1})", line) from None
    return root, target.lines


def _text(element: ET.Element | None, default_format: str = "html") -> str:
    """The Markdown of a Moodle text field (``<x format="..."><text>...</text></x>``)."""
    if element is None:
        return ""
    inner = element.find("text")
    raw = (inner.text if inner is not None else element.text) or ""
    text_format = element.get("format", default_format)
    return html_to_markdown(raw) if text_format == "html" else raw.strip()


def _plain(element: ET.Element | None) -> str:
    """A field's text as typed: HTML (``format="html"``) reduced to its words."""
    if element is None:
        return ""
    inner = element.find("text")
    raw = ((inner.text if inner is not None else element.text) or "").strip()
    return html_to_text(raw) if element.get("format") == "html" else raw


def _flag(element: ET.Element | None, default: bool) -> bool:
    """Moodle's yes/no values: ``true``/``1`` or ``false``/``0``."""
    if element is None or element.text is None or not element.text.strip():
        return default
    return element.text.strip().lower() not in {"false", "0", "no"}


def _number(text: str | None) -> float | None:
    try:
        return float((text or "").strip())
    except ValueError:
        return None


def _question(element: ET.Element, lines: dict[int, int], report: Report) -> MoodleQuestion | None:
    line = lines.get(id(element), 1)
    qtype = element.get("type", "")
    qtype = "match" if qtype == "matching" else qtype  # Moodle XML names "match" "matching"
    text_field = element.find("questiontext")
    question_format = text_field.get("format", "html") if text_field is not None else "html"
    question = MoodleQuestion(
        qtype,
        _plain(element.find("name")),
        _text(text_field, question_format),
        line,
        general_feedback=_text(element.find("generalfeedback"), question_format),
    )
    grade = element.find("defaultgrade")
    if grade is not None:
        question.default_grade = _number(grade.text)
    question.hints = [_text(hint, question_format) for hint in element.findall("hint")]
    question.tags = [_plain(tag) for tag in element.findall("tags/tag")]
    if qtype in {"multichoice", "match"}:
        question.shuffle = _flag(element.find("shuffleanswers"), qtype == "match")
    question.single = _flag(element.find("single"), True)
    question.case_sensitive = _flag(element.find("usecase"), False)
    ordering = qtype == "ordering"
    for answer in element.findall("answer"):
        answer_line = lines.get(id(answer), line)
        fraction = _number(answer.get("fraction", "0"))
        if ordering and fraction is not None:
            fraction *= 100  # an ordering answer's "fraction" is its place: 1, 2, 3...
        elif fraction is None or not -100 <= fraction <= 100:
            report.error(
                answer_line,
                f"fraction must be a percentage from -100 to 100, got {answer.get('fraction')!r}",
                question.name,
            )
            return None
        rich = qtype in {"multichoice", "ordering"}
        text = _text(answer, question_format) if rich else _plain(answer)
        tolerance = _number(answer.findtext("tolerance")) if qtype == "numerical" else None
        question.answers.append(
            MoodleAnswer(
                text,
                fraction / 100,
                _text(answer.find("feedback"), question_format),
                tolerance,
                line=answer_line,
            )
        )
    if ordering:
        question.answers.sort(key=lambda a: a.fraction)
    for sub in element.findall("subquestion"):
        question.pairs.append((_text(sub, question_format), _plain(sub.find("answer"))))
    if qtype == "essay":
        question.model_answer = _text(element.find("graderinfo"), question_format)
        template = element.find("responsetemplate")
        question.template = _text(template, question_format) if template is not None else ""
    for unit in element.findall("units/unit"):
        if _number(unit.findtext("multiplier")) == 1:
            question.unit = (unit.findtext("unit_name") or "").strip() or None
    return question


def loads(
    data: bytes | str, *, file: str = "<string>", stem: str = "moodle"
) -> tuple[Bank, list[str]]:
    """Read Moodle XML into a validated bank.

    Parameters
    ----------
    data : bytes or str
        The XML document.
    file : str
        The name problems report.
    stem : str
        The file's name without its extension: the bank's id (and title, with no category).

    Returns
    -------
    tuple of (Bank, list of str)
        The bank and the warnings.

    Raises
    ------
    BankError
        For XML that is not well formed, that declares a DTD, entities or external
        references, or whose questions cannot be read; every problem as ``file:line: message``.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root, lines = _parse(raw, file)
    if root.tag != "quiz":
        raise fail(file, f"not Moodle XML: the root element is <{root.tag}>, not <quiz>", 1)
    report = Report(file)
    bank_id, title = bank_names(stem)
    description: str | None = None
    drafts: list[Draft] = []
    number = 0
    for element in root:
        if element.tag != "question":
            continue
        if element.get("type") == "category":
            path = element.findtext("category/text") or ""
            name = [part for part in path.replace("//", "\0").split("/") if part.strip()]
            last = name[-1].replace("\0", "/").strip() if name else ""
            if last and last not in {"top", "$course$", "$system$", "$module$"}:
                title = last
            info = _text(element.find("info"))
            description = info or description
            continue
        question = _question(element, lines, report)
        if question is None:
            continue
        number += 1
        draft = to_draft(question, report, SOURCE, number)
        if draft is not None:
            drafts.append(draft)
    bank = build_bank(
        report,
        drafts,
        bank_id=bank_id,
        title=title,
        lesson=bank_id,
        description=description,
        source=SOURCE,
    )
    return bank, report.warning_texts()


# --- writing ---------------------------------------------------------------------------------

#: Characters XML 1.0 cannot hold at all (control characters other than tab and line breaks).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


class _Writer:
    """Builds the ``<quiz>`` tree; remembers whether a text lost characters XML cannot hold."""

    def __init__(self) -> None:
        self.quiz = ET.Element("quiz")
        self.cleaned = False

    def clean(self, text: str) -> str:
        safe = _NOT_XML.sub("", text)
        self.cleaned = self.cleaned or safe != text
        return safe

    def field(
        self, parent: ET.Element, tag: str, text: str, text_format: str | None = "markdown"
    ) -> ET.Element:
        element = ET.SubElement(parent, tag, {"format": text_format} if text_format else {})
        ET.SubElement(element, "text").text = self.clean(text)
        return element

    def simple(self, parent: ET.Element, tag: str, text: str) -> None:
        ET.SubElement(parent, tag).text = self.clean(text)

    def category(self, bank: Bank) -> None:
        element = ET.SubElement(self.quiz, "question", {"type": "category"})
        self.field(element, "category", f"$course$/top/{bank.title.replace('/', '//')}", None)
        self.field(element, "info", bank.description or "")

    def question(self, question: MoodleQuestion) -> None:
        qtype = "matching" if question.qtype == "match" else question.qtype
        element = ET.SubElement(self.quiz, "question", {"type": qtype})
        self.field(element, "name", question.name, None)
        self.field(element, "questiontext", question.text)
        self.field(element, "generalfeedback", question.general_feedback)
        self.simple(element, "defaultgrade", number_text(question.default_grade or 1))
        self.simple(element, "penalty", "0.3333333")
        self.simple(element, "hidden", "0")
        if question.qtype == "multichoice":
            self.simple(element, "single", "true" if question.single else "false")
            self.simple(element, "shuffleanswers", "true" if question.shuffle else "false")
            self.simple(element, "answernumbering", "abc")
        if question.qtype == "match":
            self.simple(element, "shuffleanswers", "true" if question.shuffle else "false")
        if question.qtype == "shortanswer":
            self.simple(element, "usecase", "1" if question.case_sensitive else "0")
        if question.qtype == "essay":
            for tag, value in (
                ("responseformat", "editor"),
                ("responserequired", "1"),
                ("responsefieldlines", "10"),
                ("minwordlimit", ""),
                ("maxwordlimit", ""),
                ("attachments", "0"),
                ("attachmentsrequired", "0"),
                ("maxbytes", "0"),
                ("filetypeslist", ""),
            ):
                self.simple(element, tag, value)
            self.field(element, "graderinfo", question.model_answer)
            self.field(element, "responsetemplate", question.template)
        if question.qtype == "ordering":
            # qtype_ordering (core since Moodle 4.4): our credit is the share of item pairs
            # in the right relative order, Moodle's RELATIVE_ALL_PREVIOUS_AND_NEXT.
            for tag, value in (
                ("layouttype", "VERTICAL"),
                ("selecttype", "ALL"),
                ("selectcount", "0"),
                ("gradingtype", "RELATIVE_ALL_PREVIOUS_AND_NEXT"),
                ("showgrading", "SHOW"),
                ("numberingstyle", "none"),
            ):
                self.simple(element, tag, value)
            for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
                self.field(element, tag, "")
            self.simple(element, "shownumcorrect", "1")
        rich = question.qtype in {"multichoice", "ordering"}
        for answer in question.answers:
            ordering = question.qtype == "ordering"  # the "fraction" is the item's place
            attributes = {
                "fraction": number_text(answer.fraction)
                if ordering
                else percent_text(answer.fraction),
                "format": "markdown" if rich else "moodle_auto_format",
            }
            node = ET.SubElement(element, "answer", attributes)
            self.simple(node, "text", answer.text)
            self.field(node, "feedback", answer.feedback)
            if question.qtype == "numerical":
                self.simple(node, "tolerance", number_text(answer.tolerance or 0))
        for left, right in question.pairs:
            sub = self.field(element, "subquestion", left)
            self.simple(ET.SubElement(sub, "answer"), "text", right)
        if question.qtype == "numerical":
            if question.unit:
                unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
                self.simple(unit, "multiplier", "1")
                self.simple(unit, "unit_name", question.unit)
            self.simple(element, "unitgradingtype", "0")
            self.simple(element, "unitpenalty", "0.1000000")
            self.simple(element, "showunits", "0" if question.unit else "3")
            self.simple(element, "unitsleft", "0")
        for hint in question.hints:
            self.field(element, "hint", hint)
        if question.tags:
            tags = ET.SubElement(element, "tags")
            for tag in question.tags:
                self.field(tags, "tag", tag, None)


def dumps(bank: Bank, *, file: str = "<string>") -> tuple[bytes, list[str]]:
    """Write a bank as Moodle XML (UTF-8 bytes).

    Returns
    -------
    tuple of (bytes, list of str)
        The document and the warnings: questions skipped and, in one warning, what Moodle
        XML cannot hold (time limits, sources...).
    """
    notes = ExportNotes(file)
    writer = _Writer()
    writer.category(bank)
    skipped: set[str] = set()
    for question in bank.questions:
        moodle = from_question(question, notes, "Moodle XML")
        if moodle is None:
            skipped.add(question.id)
            continue
        writer.quiz.append(ET.Comment(f" question: {question.id} "))
        writer.question(moodle)
    checks = {
        label: check
        for label, check in COMMON_CHECKS.items()
        if label in {"time limits", "sources"}
    }
    checks["shuffle: false on polls, orderings and reflections"] = lambda q: (
        q.type in {"poll", "ordering", "reflection"} and not q.shuffle
    )
    checks["reflection lengths"] = lambda q: getattr(q, "max_length", None) is not None
    notes.lost("Moodle XML", bank, checks, skipped)
    if writer.cleaned:
        notes.bank("control characters XML cannot hold were left out of some texts")
    ET.indent(writer.quiz, space="  ")
    document = ET.tostring(writer.quiz, encoding="UTF-8", xml_declaration=True)
    return document + b"\n", notes.notes


def read(path: Path) -> tuple[Bank, list[str]]:
    """Read the Moodle XML file at ``path``; return the bank and its warnings."""
    path = Path(path)
    return loads(read_limited(path, str(path), "xml"), file=str(path), stem=path.stem)


def write(bank: Bank, path: Path) -> list[str]:
    """Write ``bank`` to ``path`` as Moodle XML (atomically); return the warnings."""
    data, notes = dumps(bank, file=str(path))

    def _write(target: Path) -> None:
        target.write_bytes(data)

    write_atomic(Path(path), _write)
    return notes
