"""Validation scales linearly: a bank of 8,000 broken questions against one of 2,000.

Every question lacks its options' explanations, so each one is a problem to report. Reporting
used to check each new problem against every problem so far (quadratic: 2,000 questions in
2.9 s, 8,000 in 41 s); the figure here is the ratio of the two times, measured in one run.
Linear time gives about 4; the goal is under 6.
"""

from __future__ import annotations

import time
from typing import Any

from toolkit.quiz.loader import parse_bank

SMALL, LARGE = 2_000, 8_000
REPEATS = 3


def broken_bank(count: int) -> str:
    """A bank of ``count`` single-choice questions whose two options have no explanation.

    Each question gives two problems (one per option), so ``2 * count`` in all.
    """
    lines = ["id: broken", "title: Broken", "lesson: broken", "questions:"]
    for number in range(count):
        lines += [
            f"  - id: q{number}",
            "    type: single",
            "    prompt: Which?",
            "    options:",
            "      - {id: a, text: A, correct: true}",
            "      - {id: b, text: B}",
        ]
    return "\n".join(lines) + "\n"


def _best(text: str) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        parse_bank(text, file="broken.yaml", explanations="required")
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[dict[str, Any]]:
    """Time validating both banks; report the large one against the small one."""
    small = _best(broken_bank(SMALL))
    large = _best(broken_bank(LARGE))
    return [
        {
            "name": f"validate {LARGE:,} broken questions",
            "seconds": large,
            "baseline": f"{SMALL:,} broken questions",
            "baseline_seconds": small,
            "ratio": large / small,
            "target": "ratio < 6 (linear: 4)",
        }
    ]
