"""Every acronym a learner meets is in the glossary and spelled out before its first use."""

from __future__ import annotations

import re

import pytest

from tests.content.lesson_text import EVERYDAY, STEMS, acronyms, load
from toolkit.glossary import glossary_terms

TERMS = {entry.term: entry for entry in glossary_terms()}
MIXED = frozenset(term for term in TERMS if not term.isupper())
#: How far after an acronym its spelling-out may come: "ITIL (originally the IT ...)".
_AFTER = 25


def first_uses(text: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for term, position in acronyms(text, MIXED):
        found.setdefault(term, position)
    return found


@pytest.mark.parametrize("stem", STEMS)
def test_every_acronym_is_in_the_glossary(stem: str) -> None:
    text = "\n\n".join(load(stem).texts())
    unknown = sorted(set(first_uses(text)) - set(TERMS) - EVERYDAY)
    assert not unknown, (
        f"{stem}: acronyms not in toolkit/reference/glossary.csv: {unknown} "
        "(add them, or spell the words out instead)"
    )


@pytest.mark.parametrize("stem", STEMS)
def test_every_acronym_is_spelled_out_on_first_use(stem: str) -> None:
    text = re.sub(r"\s+", " ", "\n\n".join(load(stem).texts()))
    folded = text.casefold()
    late = []
    for term, position in first_uses(text).items():
        if term in EVERYDAY or term not in TERMS:
            continue
        stands_for = TERMS[term].stands_for.casefold()
        spelled = folded.find(stands_for)
        if spelled == -1 or spelled > position + len(term) + _AFTER:
            late.append(f"{term} ({TERMS[term].stands_for})")
    assert not late, f"{stem}: spell these out on first use, e.g. 'words (TERM)': {late}"


def test_first_use_reads_prose_only() -> None:
    uses = first_uses("The `SLA` column. A service level agreement (SLA) and an XmR chart.")
    assert list(uses) == ["SLA", "XmR"]
    assert uses["SLA"] > 20
