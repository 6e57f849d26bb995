"""The glossary: every acronym the course uses, read from one checked CSV."""

from __future__ import annotations

import pytest

import toolkit
from toolkit.glossary import (
    GlossaryTerm,
    glossary_table,
    glossary_term,
    glossary_terms,
    parse_glossary,
)

REQUIRED = [
    "SLA",
    "KPI",
    "ITSM",
    "ITIL",
    "CAB",
    "CMDB",
    "WSJF",
    "SPC",
    "XmR",
    "DORA",
    "MTTR",
    "ESM",
    "ITAM",
    "PDCA",
    "CSF",
    "CSAT",
    "NPS",
    "XLA",
]


@pytest.mark.parametrize("term", REQUIRED)
def test_the_terms_the_course_promises_are_there(term: str) -> None:
    entry = glossary_term(term)
    assert entry.term == term
    assert entry.stands_for
    assert entry.meaning


def test_published_expansions() -> None:
    assert glossary_term("SLA").stands_for == "service level agreement"
    assert glossary_term("WSJF").stands_for == "weighted shortest job first"
    assert glossary_term("PDCA").stands_for == "Plan-Do-Check-Act"


def test_lookup_ignores_case_and_a_plural() -> None:
    assert glossary_term("xlas").term == "XLA"
    assert glossary_term(" kpi ").term == "KPI"


def test_an_unknown_term_names_what_there_is() -> None:
    with pytest.raises(ValueError, match=r"no term 'ZZZ'; it has: .*SLA"):
        glossary_term("ZZZ")


def test_terms_are_sorted_and_unique() -> None:
    terms = [entry.term for entry in glossary_terms()]
    assert terms == sorted(terms, key=str.casefold)
    assert len(terms) == len(set(terms))


def test_the_table_filters_by_lesson() -> None:
    everything = glossary_table()
    assert list(everything.columns) == ["term", "stands for", "meaning"]
    assert len(everything) == len(glossary_terms())
    lesson_05 = glossary_table(5)
    assert "XmR" in set(lesson_05["term"])
    assert "WSJF" not in set(lesson_05["term"])


@pytest.mark.parametrize("bad", [-1, 100, True, "05"])
def test_the_table_refuses_a_bad_lesson(bad: object) -> None:
    with pytest.raises(ValueError, match="lesson= must be a lesson number"):
        glossary_table(bad)  # type: ignore[arg-type]


def test_public_through_toolkit() -> None:
    assert toolkit.glossary_term("NPS").stands_for == "Net Promoter Score"
    assert toolkit.glossary.glossary_terms() == glossary_terms()
    assert isinstance(toolkit.glossary_terms()[0], GlossaryTerm)


HEADER = "term,stands_for,meaning,lessons\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("term,meaning\n", r"glossary.csv:1: the header must be"),
        (HEADER + "SLA,,A deal.,03\n", r"glossary.csv:2: column 'stands_for' is empty"),
        (HEADER + "SLA,s,m,03\nSLA,s,m,04\n", r"glossary.csv:3: term 'SLA' is listed twice"),
        (HEADER + "SLA,s,m,three\n", r"glossary.csv:2: column 'lessons' must be lesson numbers"),
        (HEADER + "SLA,s,m\n", r"glossary.csv:2: expected 4 cells, got 3"),
    ],
)
def test_a_broken_file_names_the_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_glossary(text)


def test_lessons_parse_to_numbers() -> None:
    (entry,) = parse_glossary(HEADER + "SLA,service level agreement,A deal.,04;03\n")
    assert entry.lessons == (3, 4)
